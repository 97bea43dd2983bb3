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
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A newsletter sent to 5,000 addresses: 200 bounce, so 4,800 are delivered;
// 1,200 recipients open it and 144 click a link.
func ExampleEmailOpenRate() {
	in := crm.EmailInput{Delivered: 5000 - 200, UniqueOpens: 1200, UniqueClicks: 144}
	open, err := crm.EmailOpenRate(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(open) // 1,200 / 4,800 = 1/4
	// Output:
	// 25%
}

func ExampleEmailClickThroughRate() {
	in := crm.EmailInput{Delivered: 4800, UniqueOpens: 1200, UniqueClicks: 144}
	ctr, err := crm.EmailClickThroughRate(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	open, _ := crm.EmailOpenRate(in)
	cto, _ := crm.EmailClickToOpenRate(in)
	fmt.Println(ctr) // 144 / 4,800 = 3/100
	// From the same counts, CTR = open rate × click-to-open rate.
	fmt.Println(open, "×", cto, "=", metrics.NewPercent(open.Fraction().Mul(cto.Fraction()).Shift(2)))
	// Output:
	// 3%
	// 25% × 12% = 3%
}

func ExampleEmailClickToOpenRate() {
	in := crm.EmailInput{Delivered: 4800, UniqueOpens: 1200, UniqueClicks: 144}
	cto, err := crm.EmailClickToOpenRate(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cto) // 144 / 1,200 = 12/100
	// Output:
	// 12%
}

// Unique clicks above unique opens mean the counts are not unique, or come
// from different campaigns.
func ExampleEmailClickToOpenRate_error() {
	_, err := crm.EmailClickToOpenRate(crm.EmailInput{Delivered: 4800, UniqueOpens: 100, UniqueClicks: 144})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.EmailClickToOpenRate: UniqueClicks 144 exceeds UniqueOpens 100: inconsistent input
	// true
}

// requireEngagementError checks an error case of an engagement metric: the
// sentinel, the field named in the error, and that the result is zero.
func requireEngagementError(t *testing.T, err, want error, field string, zero bool, in any) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	testkit.RequireFieldOf(t, err, in)
	var e *metrics.Error
	errors.As(err, &e)
	if diff := cmp.Diff(field, e.Field); diff != "" {
		t.Errorf("field (-want +got):\n%s", diff)
	}
	if !zero {
		t.Errorf("got a non-zero result with error %v", err)
	}
}

var engHundred = metrics.PercentInt(100)

// requireEngagementShare fails unless p is within 0%..100%.
func requireEngagementShare(t testkit.TB, p metrics.Percent) {
	t.Helper()
	if p.Sign() < 0 || p.Cmp(engHundred) > 0 {
		t.Fatalf("rate %v outside 0..100", p)
	}
}

// engEmailInput draws consistent email counts: clicks <= opens <= delivered,
// delivered >= 1.
func engEmailInput(t *rapid.T) crm.EmailInput {
	d := rapid.IntRange(1, 1_000_000).Draw(t, "delivered")
	o := rapid.IntRange(0, d).Draw(t, "opens")
	c := rapid.IntRange(0, o).Draw(t, "clicks")
	return crm.EmailInput{Delivered: d, UniqueOpens: o, UniqueClicks: c}
}

func TestEmailOpenRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.EmailInput
		want metrics.Percent
	}{
		{"example", crm.EmailInput{Delivered: 4800, UniqueOpens: 1200}, metrics.PercentInt(25)},
		{"no opens", crm.EmailInput{Delivered: 10}, metrics.PercentInt(0)},
		{"all opened", crm.EmailInput{Delivered: 9, UniqueOpens: 9}, metrics.PercentInt(100)},
		{"clicks ignored", crm.EmailInput{Delivered: 8, UniqueOpens: 1, UniqueClicks: -5}, metrics.MustParsePercent("12.5")},
		{"repeating", crm.EmailInput{Delivered: 3, UniqueOpens: 1}, metrics.MustParsePercent("33.3333333333")},
		{"rounds half away from zero", crm.EmailInput{Delivered: 3, UniqueOpens: 2}, metrics.MustParsePercent("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailOpenRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EmailOpenRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestEmailOpenRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.EmailInput
		want  error
		field string
	}{
		{"zero value", crm.EmailInput{}, metrics.ErrUndefined, "Delivered"},
		{"negative delivered", crm.EmailInput{Delivered: -1}, metrics.ErrNegative, "Delivered"},
		{"negative opens", crm.EmailInput{Delivered: 5, UniqueOpens: -1}, metrics.ErrNegative, "UniqueOpens"},
		{"negative before zero", crm.EmailInput{UniqueOpens: -1}, metrics.ErrNegative, "UniqueOpens"},
		{"opens above delivered", crm.EmailInput{Delivered: 5, UniqueOpens: 6}, metrics.ErrInconsistent, "UniqueOpens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailOpenRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.EmailInput{})
		})
	}
}

func TestEmailClickThroughRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.EmailInput
		want metrics.Percent
	}{
		{"example", crm.EmailInput{Delivered: 4800, UniqueOpens: 1200, UniqueClicks: 144}, metrics.PercentInt(3)},
		{"no clicks", crm.EmailInput{Delivered: 10, UniqueOpens: 4}, metrics.PercentInt(0)},
		{"all clicked", crm.EmailInput{Delivered: 9, UniqueOpens: 9, UniqueClicks: 9}, metrics.PercentInt(100)},
		{"opens ignored", crm.EmailInput{Delivered: 40, UniqueOpens: -1, UniqueClicks: 1}, metrics.MustParsePercent("2.5")},
		{"repeating", crm.EmailInput{Delivered: 7, UniqueOpens: 7, UniqueClicks: 1}, metrics.MustParsePercent("14.2857142857")},
		{"rounds half away from zero", crm.EmailInput{Delivered: 7, UniqueOpens: 7, UniqueClicks: 5}, metrics.MustParsePercent("71.4285714286")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailClickThroughRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EmailClickThroughRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestEmailClickThroughRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.EmailInput
		want  error
		field string
	}{
		{"zero value", crm.EmailInput{}, metrics.ErrUndefined, "Delivered"},
		{"negative delivered", crm.EmailInput{Delivered: -3}, metrics.ErrNegative, "Delivered"},
		{"negative clicks", crm.EmailInput{Delivered: 5, UniqueClicks: -1}, metrics.ErrNegative, "UniqueClicks"},
		{"clicks above delivered", crm.EmailInput{Delivered: 5, UniqueOpens: 5, UniqueClicks: 6}, metrics.ErrInconsistent, "UniqueClicks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailClickThroughRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.EmailInput{})
		})
	}
}

func TestEmailClickToOpenRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.EmailInput
		want metrics.Percent
	}{
		{"example", crm.EmailInput{Delivered: 4800, UniqueOpens: 1200, UniqueClicks: 144}, metrics.PercentInt(12)},
		{"no clicks", crm.EmailInput{Delivered: 10, UniqueOpens: 4}, metrics.PercentInt(0)},
		{"every reader clicked", crm.EmailInput{Delivered: 90, UniqueOpens: 9, UniqueClicks: 9}, metrics.PercentInt(100)},
		{"delivered ignored", crm.EmailInput{Delivered: -1, UniqueOpens: 16, UniqueClicks: 1}, metrics.MustParsePercent("6.25")},
		{"repeating", crm.EmailInput{Delivered: 10, UniqueOpens: 6, UniqueClicks: 1}, metrics.MustParsePercent("16.6666666667")},
		{"repeating rounds down", crm.EmailInput{Delivered: 10, UniqueOpens: 9, UniqueClicks: 1}, metrics.MustParsePercent("11.1111111111")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailClickToOpenRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EmailClickToOpenRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestEmailClickToOpenRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.EmailInput
		want  error
		field string
	}{
		{"zero value", crm.EmailInput{}, metrics.ErrUndefined, "UniqueOpens"},
		{"no opens", crm.EmailInput{Delivered: 100}, metrics.ErrUndefined, "UniqueOpens"},
		{"negative opens", crm.EmailInput{Delivered: 5, UniqueOpens: -1}, metrics.ErrNegative, "UniqueOpens"},
		{"negative clicks", crm.EmailInput{Delivered: 5, UniqueOpens: 2, UniqueClicks: -1}, metrics.ErrNegative, "UniqueClicks"},
		{"clicks above opens", crm.EmailInput{Delivered: 50, UniqueOpens: 5, UniqueClicks: 6}, metrics.ErrInconsistent, "UniqueClicks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.EmailClickToOpenRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.EmailInput{})
		})
	}
}

func TestEmailOpenRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := engEmailInput(t)
		got, err := crm.EmailOpenRate(in)
		if err != nil {
			t.Fatal(err)
		}
		requireEngagementShare(t, got)
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(in.UniqueOpens)*100, int64(in.Delivered)))
		// One more open never lowers the rate; it raises it.
		if in.UniqueOpens < in.Delivered {
			more := in
			more.UniqueOpens++
			up, err := crm.EmailOpenRate(more)
			if err != nil || up.Cmp(got) <= 0 {
				t.Fatalf("open rate did not rise: %v -> %v (%v)", got, up, err)
			}
		}
		// One more delivered email, unopened, never raises it.
		wider := in
		wider.Delivered++
		down, err := crm.EmailOpenRate(wider)
		if err != nil || down.Cmp(got) > 0 {
			t.Fatalf("open rate rose with more deliveries: %v -> %v (%v)", got, down, err)
		}
	})
}

func TestEmailClickThroughRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := engEmailInput(t)
		got, err := crm.EmailClickThroughRate(in)
		if err != nil {
			t.Fatal(err)
		}
		requireEngagementShare(t, got)
		exactCTR := new(big.Rat).SetFrac64(int64(in.UniqueClicks)*100, int64(in.Delivered))
		testkit.RequireRat(t, got.Points(), exactCTR)
		if in.UniqueClicks < in.Delivered {
			more := in
			more.UniqueClicks++
			up, err := crm.EmailClickThroughRate(more)
			if err != nil || up.Cmp(got) <= 0 {
				t.Fatalf("CTR did not rise: %v -> %v (%v)", got, up, err)
			}
		}

		// Identity: CTR = open rate × click-to-open rate / 100 from the same counts.
		if in.UniqueOpens == 0 {
			return
		}
		open, err1 := crm.EmailOpenRate(in)
		cto, err2 := crm.EmailClickToOpenRate(in)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		exactOpen := new(big.Rat).SetFrac64(int64(in.UniqueOpens)*100, int64(in.Delivered))
		exactCTO := new(big.Rat).SetFrac64(int64(in.UniqueClicks)*100, int64(in.UniqueOpens))
		// In exact arithmetic the product of the two rates is the CTR, and
		// CTR's result is that product at the documented rounding.
		product := new(big.Rat).Mul(exactOpen, exactCTO)
		product.Quo(product, big.NewRat(100, 1))
		if product.Cmp(exactCTR) != 0 {
			t.Fatalf("open × CTO / 100 = %s, CTR = %s", product.RatString(), exactCTR.RatString())
		}
		testkit.RequireRat(t, got.Points(), product)
		// When the two rates are exact decimals, their decimal product is the
		// CTR exactly.
		decProduct := open.Points().Mul(cto.Points()).Shift(-2)
		if open.Points().Rat().Cmp(exactOpen) == 0 && cto.Points().Rat().Cmp(exactCTO) == 0 {
			if !decProduct.Equal(got.Points()) {
				t.Fatalf("%v × %v / 100 = %s, CTR %v", open, cto, decProduct.String(), got)
			}
		}
		// Otherwise they agree within the rounding of three quotients at
		// metrics.Scale: |error| ≤ 100·½ulp/100 + 100·½ulp/100 + ½ulp + ε < 2 ulp.
		ulp := decimal.New(1, -metrics.Scale)
		if decProduct.Sub(got.Points()).Abs().Cmp(ulp.Mul(decimal.NewFromInt(2))) >= 0 {
			t.Fatalf("%v × %v / 100 = %s, CTR %v: beyond rounding", open, cto, decProduct.String(), got)
		}
	})
}

func TestEmailClickToOpenRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := engEmailInput(t)
		if in.UniqueOpens == 0 {
			in.UniqueOpens = 1
		}
		got, err := crm.EmailClickToOpenRate(in)
		if err != nil {
			t.Fatal(err)
		}
		requireEngagementShare(t, got)
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(in.UniqueClicks)*100, int64(in.UniqueOpens)))
		// CTO is never below CTR: opens are at most the deliveries.
		ctr, err := crm.EmailClickThroughRate(in)
		if err != nil || ctr.Cmp(got) > 0 {
			t.Fatalf("CTR %v above CTO %v (%v)", ctr, got, err)
		}
		if in.UniqueClicks < in.UniqueOpens {
			more := in
			more.UniqueClicks++
			up, err := crm.EmailClickToOpenRate(more)
			if err != nil || up.Cmp(got) <= 0 {
				t.Fatalf("CTO did not rise: %v -> %v (%v)", got, up, err)
			}
		}
		// One more open without a click never raises it.
		wider := in
		wider.UniqueOpens++
		down, err := crm.EmailClickToOpenRate(wider)
		if err != nil || down.Cmp(got) > 0 {
			t.Fatalf("CTO rose with more opens: %v -> %v (%v)", got, down, err)
		}
	})
}

func FuzzEmailOpenRate(f *testing.F) {
	f.Add(4800, 1200, 144)
	f.Add(0, 0, 0)
	f.Add(-1, 5, 0)
	f.Add(5, 6, 0)
	f.Fuzz(func(t *testing.T, delivered, opens, clicks int) {
		got, err := crm.EmailOpenRate(crm.EmailInput{Delivered: delivered, UniqueOpens: opens, UniqueClicks: clicks})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.EmailInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		requireEngagementShare(t, got)
	})
}

func FuzzEmailClickThroughRate(f *testing.F) {
	f.Add(4800, 1200, 144)
	f.Add(0, 0, 0)
	f.Add(5, 0, -1)
	f.Add(5, 5, 6)
	f.Fuzz(func(t *testing.T, delivered, opens, clicks int) {
		got, err := crm.EmailClickThroughRate(crm.EmailInput{Delivered: delivered, UniqueOpens: opens, UniqueClicks: clicks})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.EmailInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		requireEngagementShare(t, got)
	})
}

func FuzzEmailClickToOpenRate(f *testing.F) {
	f.Add(4800, 1200, 144)
	f.Add(0, 0, 0)
	f.Add(5, -1, 0)
	f.Add(50, 5, 6)
	f.Fuzz(func(t *testing.T, delivered, opens, clicks int) {
		got, err := crm.EmailClickToOpenRate(crm.EmailInput{Delivered: delivered, UniqueOpens: opens, UniqueClicks: clicks})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.EmailInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		requireEngagementShare(t, got)
	})
}
