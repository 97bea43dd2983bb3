package crm_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// An agency's campaign of three posts: 700 engagements for 20,000
// impressions, 450 for 15,000 and 200 for 10,000. The campaign's rate is
// computed from the sums.
func ExampleSocialEngagementRate() {
	in := crm.SocialEngagementInput{
		Engagements: 700 + 450 + 200,          // 1,350
		Impressions: 20_000 + 15_000 + 10_000, // 45,000
	}
	rate, err := crm.SocialEngagementRate(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate) // 1,350 / 45,000 = 3/100
	// Output:
	// 3%
}

func TestSocialEngagementRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.SocialEngagementInput
		want metrics.Percent
	}{
		{"example", crm.SocialEngagementInput{Engagements: 1350, Impressions: 45_000}, metrics.PercentInt(3)},
		{"no engagement", crm.SocialEngagementInput{Impressions: 10}, metrics.PercentInt(0)},
		{"small", crm.SocialEngagementInput{Engagements: 1, Impressions: 1_000_000}, metrics.MustParsePercent("0.0001")},
		{"engagements above impressions", crm.SocialEngagementInput{Engagements: 3, Impressions: 2}, metrics.PercentInt(150)},
		{"repeating", crm.SocialEngagementInput{Engagements: 1, Impressions: 3}, metrics.MustParsePercent("33.3333333333")},
		{"rounds half away from zero", crm.SocialEngagementInput{Engagements: 2, Impressions: 3}, metrics.MustParsePercent("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.SocialEngagementRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SocialEngagementRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSocialEngagementRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.SocialEngagementInput
		want  error
		field string
	}{
		{"zero value", crm.SocialEngagementInput{}, metrics.ErrUndefined, "Impressions"},
		{"engagements without impressions", crm.SocialEngagementInput{Engagements: 4}, metrics.ErrUndefined, "Impressions"},
		{"negative engagements", crm.SocialEngagementInput{Engagements: -1}, metrics.ErrNegative, "Engagements"},
		{"negative impressions", crm.SocialEngagementInput{Engagements: 1, Impressions: -10}, metrics.ErrNegative, "Impressions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.SocialEngagementRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.SocialEngagementInput{})
		})
	}
}

func TestSocialEngagementRateProperties(t *testing.T) {
	post := func(t *rapid.T, label string) crm.SocialEngagementInput {
		i := rapid.IntRange(1, 1_000_000).Draw(t, label+" impressions")
		e := rapid.IntRange(0, 2*i).Draw(t, label+" engagements")
		return crm.SocialEngagementInput{Engagements: e, Impressions: i}
	}
	rapid.Check(t, func(t *rapid.T) {
		in := post(t, "a")
		got, err := crm.SocialEngagementRate(in)
		if err != nil {
			t.Fatal(err)
		}
		// Never negative, and a share of 0..100 when engagements are within
		// the impressions.
		if got.Sign() < 0 {
			t.Fatalf("rate %v is negative", got)
		}
		if in.Engagements <= in.Impressions {
			requireEngagementShare(t, got)
		}
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(in.Engagements)*100, int64(in.Impressions)))
		// More engagements raise the rate; more impressions never raise it.
		up, err := crm.SocialEngagementRate(crm.SocialEngagementInput{Engagements: in.Engagements + 1, Impressions: in.Impressions})
		if err != nil || up.Cmp(got) <= 0 {
			t.Fatalf("rate did not rise: %v -> %v (%v)", got, up, err)
		}
		down, err := crm.SocialEngagementRate(crm.SocialEngagementInput{Engagements: in.Engagements, Impressions: in.Impressions + 1})
		if err != nil || down.Cmp(got) > 0 {
			t.Fatalf("rate rose with more impressions: %v -> %v (%v)", got, down, err)
		}
		// Additivity: the rate of two posts together, from the sums, lies
		// between the two posts' rates.
		other := post(t, "b")
		rb, err1 := crm.SocialEngagementRate(other)
		both, err2 := crm.SocialEngagementRate(crm.SocialEngagementInput{
			Engagements: in.Engagements + other.Engagements,
			Impressions: in.Impressions + other.Impressions,
		})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		lo, hi := got, rb
		if lo.Cmp(hi) > 0 {
			lo, hi = hi, lo
		}
		if both.Cmp(lo) < 0 || both.Cmp(hi) > 0 {
			t.Fatalf("combined rate %v outside %v..%v", both, lo, hi)
		}
	})
}

func FuzzSocialEngagementRate(f *testing.F) {
	f.Add(1350, 45_000)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, -6)
	f.Add(3, 2)
	f.Fuzz(func(t *testing.T, engagements, impressions int) {
		got, err := crm.SocialEngagementRate(crm.SocialEngagementInput{Engagements: engagements, Impressions: impressions})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.SocialEngagementInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("rate %v is negative for %d/%d", got, engagements, impressions)
		}
		if engagements <= impressions {
			requireEngagementShare(t, got)
		}
	})
}
