package crm_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// A direct mail campaign reaches 2,000 contacts; 90 of them redeem its coupon.
func ExampleCampaignResponseRate() {
	rate, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: 2000, Responses: 90})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate) // 90 / 2,000 = 45/1,000
	// Output:
	// 4.5%
}

func ExampleCampaignResponseRate_error() {
	_, err := crm.CampaignResponseRate(crm.CampaignResponseInput{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.CampaignResponseRate: ContactsReached 0 is zero: undefined for this input
	// true
}

func TestCampaignResponseRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.CampaignResponseInput
		want metrics.Percent
	}{
		{"example", crm.CampaignResponseInput{ContactsReached: 2000, Responses: 90}, metrics.MustParsePercent("4.5")},
		{"no response", crm.CampaignResponseInput{ContactsReached: 10}, metrics.PercentInt(0)},
		{"everyone responded", crm.CampaignResponseInput{ContactsReached: 12, Responses: 12}, metrics.PercentInt(100)},
		{"repeating", crm.CampaignResponseInput{ContactsReached: 6, Responses: 1}, metrics.MustParsePercent("16.6666666667")},
		{"repeating rounds down", crm.CampaignResponseInput{ContactsReached: 6, Responses: 5}, metrics.MustParsePercent("83.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CampaignResponseRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CampaignResponseRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCampaignResponseRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.CampaignResponseInput
		want  error
		field string
	}{
		{"zero value", crm.CampaignResponseInput{}, metrics.ErrUndefined, "ContactsReached"},
		{"negative reached", crm.CampaignResponseInput{ContactsReached: -1}, metrics.ErrNegative, "ContactsReached"},
		{"negative responses", crm.CampaignResponseInput{ContactsReached: 5, Responses: -1}, metrics.ErrNegative, "Responses"},
		{"responses without contacts", crm.CampaignResponseInput{Responses: 3}, metrics.ErrUndefined, "ContactsReached"},
		{"responses above reached", crm.CampaignResponseInput{ContactsReached: 5, Responses: 6}, metrics.ErrInconsistent, "Responses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CampaignResponseRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.CampaignResponseInput{})
		})
	}
}

func TestCampaignResponseRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reached := rapid.IntRange(1, 1_000_000).Draw(t, "reached")
		responses := rapid.IntRange(0, reached).Draw(t, "responses")
		got, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: reached, Responses: responses})
		if err != nil {
			t.Fatal(err)
		}
		requireEngagementShare(t, got)
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(responses)*100, int64(reached)))
		// Responders and non-responders add up to 100% exactly: the rounding
		// at metrics.Scale is symmetric and never meets a tie.
		rest, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: reached, Responses: reached - responses})
		if err != nil {
			t.Fatal(err)
		}
		if sum := metrics.NewPercent(got.Points().Add(rest.Points())); !sum.Equal(engHundred) {
			t.Fatalf("%v + %v = %v, want 100%%", got, rest, sum)
		}
		if responses < reached {
			up, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: reached, Responses: responses + 1})
			if err != nil || up.Cmp(got) <= 0 {
				t.Fatalf("rate did not rise: %v -> %v (%v)", got, up, err)
			}
		}
		down, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: reached + 1, Responses: responses})
		if err != nil || down.Cmp(got) > 0 {
			t.Fatalf("rate rose with more contacts: %v -> %v (%v)", got, down, err)
		}
	})
}

func FuzzCampaignResponseRate(f *testing.F) {
	f.Add(2000, 90)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, 6)
	f.Fuzz(func(t *testing.T, reached, responses int) {
		got, err := crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: reached, Responses: responses})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.CampaignResponseInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		requireEngagementShare(t, got)
	})
}
