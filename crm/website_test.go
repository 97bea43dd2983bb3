package crm_test

import (
	"fmt"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// An online shop's month: 12,500 visits, 275 of which ended in a purchase.
func ExampleWebsitePurchaseConversionRate() {
	rate, err := crm.WebsitePurchaseConversionRate(crm.WebsiteInput{Visits: 12_500, VisitsWithPurchase: 275})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate) // 275 / 12,500 = 22/1,000
	// Output:
	// 2.2%
}

// 6,000 visits that lasted 250 hours in all average two and a half minutes.
// An average that does not fall on a whole nanosecond is rounded to the
// nearest one: one hour over 7 visits is 514.2857142857… seconds.
func ExampleAverageTimeOnSite() {
	avg, err := crm.AverageTimeOnSite(crm.WebsiteInput{Visits: 6000, TotalTimeOnSite: 250 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(avg) // 900,000 s / 6,000

	avg, _ = crm.AverageTimeOnSite(crm.WebsiteInput{Visits: 7, TotalTimeOnSite: time.Hour})
	fmt.Println(avg)
	// Output:
	// 2m30s
	// 8m34.285714286s
}

func TestWebsitePurchaseConversionRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.WebsiteInput
		want metrics.Percent
	}{
		{"example", crm.WebsiteInput{Visits: 12_500, VisitsWithPurchase: 275}, metrics.MustParsePercent("2.2")},
		{"no purchase", crm.WebsiteInput{Visits: 10}, metrics.PercentInt(0)},
		{"every visit bought", crm.WebsiteInput{Visits: 4, VisitsWithPurchase: 4}, metrics.PercentInt(100)},
		{"time ignored", crm.WebsiteInput{Visits: 8, VisitsWithPurchase: 2, TotalTimeOnSite: -time.Second}, metrics.PercentInt(25)},
		{"repeating", crm.WebsiteInput{Visits: 3, VisitsWithPurchase: 1}, metrics.MustParsePercent("33.3333333333")},
		{"rounds half away from zero", crm.WebsiteInput{Visits: 3, VisitsWithPurchase: 2}, metrics.MustParsePercent("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.WebsitePurchaseConversionRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("WebsitePurchaseConversionRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestWebsitePurchaseConversionRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.WebsiteInput
		want  error
		field string
	}{
		{"zero value", crm.WebsiteInput{}, metrics.ErrUndefined, "Visits"},
		{"negative visits", crm.WebsiteInput{Visits: -1}, metrics.ErrNegative, "Visits"},
		{"negative purchases", crm.WebsiteInput{Visits: 5, VisitsWithPurchase: -1}, metrics.ErrNegative, "VisitsWithPurchase"},
		{"purchases without visits", crm.WebsiteInput{VisitsWithPurchase: 1}, metrics.ErrUndefined, "Visits"},
		{"purchases above visits", crm.WebsiteInput{Visits: 5, VisitsWithPurchase: 6}, metrics.ErrInconsistent, "VisitsWithPurchase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.WebsitePurchaseConversionRate(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got.IsZero(), crm.WebsiteInput{})
		})
	}
}

func TestWebsitePurchaseConversionRateProperties(t *testing.T) {
	period := func(t *rapid.T, label string) crm.WebsiteInput {
		v := rapid.IntRange(1, 1_000_000).Draw(t, label+" visits")
		p := rapid.IntRange(0, v).Draw(t, label+" purchases")
		return crm.WebsiteInput{Visits: v, VisitsWithPurchase: p}
	}
	rapid.Check(t, func(t *rapid.T) {
		in := period(t, "a")
		got, err := crm.WebsitePurchaseConversionRate(in)
		if err != nil {
			t.Fatal(err)
		}
		requireEngagementShare(t, got)
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(in.VisitsWithPurchase)*100, int64(in.Visits)))
		if in.VisitsWithPurchase < in.Visits {
			up, err := crm.WebsitePurchaseConversionRate(crm.WebsiteInput{Visits: in.Visits, VisitsWithPurchase: in.VisitsWithPurchase + 1})
			if err != nil || up.Cmp(got) <= 0 {
				t.Fatalf("rate did not rise: %v -> %v (%v)", got, up, err)
			}
		}
		down, err := crm.WebsitePurchaseConversionRate(crm.WebsiteInput{Visits: in.Visits + 1, VisitsWithPurchase: in.VisitsWithPurchase})
		if err != nil || down.Cmp(got) > 0 {
			t.Fatalf("rate rose with more visits: %v -> %v (%v)", got, down, err)
		}
		// Two periods together convert at a rate between the two periods'.
		other := period(t, "b")
		rb, err1 := crm.WebsitePurchaseConversionRate(other)
		both, err2 := crm.WebsitePurchaseConversionRate(crm.WebsiteInput{
			Visits:             in.Visits + other.Visits,
			VisitsWithPurchase: in.VisitsWithPurchase + other.VisitsWithPurchase,
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

func FuzzWebsitePurchaseConversionRate(f *testing.F) {
	f.Add(12_500, 275)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, 6)
	f.Fuzz(func(t *testing.T, visits, purchases int) {
		got, err := crm.WebsitePurchaseConversionRate(crm.WebsiteInput{Visits: visits, VisitsWithPurchase: purchases})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.WebsiteInput{})
			if !got.IsZero() {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		requireEngagementShare(t, got)
	})
}

func TestAverageTimeOnSite(t *testing.T) {
	const maxDuration = time.Duration(math.MaxInt64)
	tests := []struct {
		name string
		in   crm.WebsiteInput
		want time.Duration
	}{
		{"example", crm.WebsiteInput{Visits: 6000, TotalTimeOnSite: 250 * time.Hour}, 150 * time.Second},
		{"no time", crm.WebsiteInput{Visits: 5}, 0},
		{"exact", crm.WebsiteInput{Visits: 3, TotalTimeOnSite: 3 * time.Minute}, time.Minute},
		{"one visit", crm.WebsiteInput{Visits: 1, TotalTimeOnSite: 7 * time.Second}, 7 * time.Second},
		{"purchases ignored", crm.WebsiteInput{Visits: 2, VisitsWithPurchase: -1, TotalTimeOnSite: time.Second}, 500 * time.Millisecond},
		{"3.33ns rounds down", crm.WebsiteInput{Visits: 3, TotalTimeOnSite: 10}, 3},
		{"6.67ns rounds up", crm.WebsiteInput{Visits: 3, TotalTimeOnSite: 20}, 7},
		{"0.5ns rounds away from zero", crm.WebsiteInput{Visits: 2, TotalTimeOnSite: 1}, 1},
		{"1.5ns rounds away from zero", crm.WebsiteInput{Visits: 2, TotalTimeOnSite: 3}, 2},
		{"1.25ns rounds down", crm.WebsiteInput{Visits: 4, TotalTimeOnSite: 5}, 1},
		{"1h over 7", crm.WebsiteInput{Visits: 7, TotalTimeOnSite: time.Hour}, 514_285_714_286},
		{"largest total", crm.WebsiteInput{Visits: 1, TotalTimeOnSite: maxDuration}, maxDuration},
		{"largest total halved rounds up", crm.WebsiteInput{Visits: 2, TotalTimeOnSite: maxDuration}, 1 << 62},
		{"largest visits", crm.WebsiteInput{Visits: math.MaxInt, TotalTimeOnSite: 1}, 0},
		{"largest both", crm.WebsiteInput{Visits: math.MaxInt, TotalTimeOnSite: time.Duration(math.MaxInt)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.AverageTimeOnSite(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AverageTimeOnSite(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestAverageTimeOnSiteErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.WebsiteInput
		want  error
		field string
	}{
		{"zero value", crm.WebsiteInput{}, metrics.ErrUndefined, "Visits"},
		{"time without visits", crm.WebsiteInput{TotalTimeOnSite: time.Hour}, metrics.ErrUndefined, "Visits"},
		{"negative visits", crm.WebsiteInput{Visits: -1, TotalTimeOnSite: -1}, metrics.ErrNegative, "Visits"},
		{"negative time", crm.WebsiteInput{Visits: 3, TotalTimeOnSite: -time.Second}, metrics.ErrNegative, "TotalTimeOnSite"},
		{"negative time before zero visits", crm.WebsiteInput{TotalTimeOnSite: -1}, metrics.ErrNegative, "TotalTimeOnSite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.AverageTimeOnSite(tt.in)
			requireEngagementError(t, err, tt.want, tt.field, got == 0, crm.WebsiteInput{})
		})
	}
}

// engRoundDuration is the oracle for AverageTimeOnSite: total / n rounded to
// the nanosecond half away from zero, as floor((2·total + n) / (2·n)) for
// total >= 0, n > 0.
func engRoundDuration(total time.Duration, n int) time.Duration {
	num := new(big.Int).Mul(big.NewInt(int64(total)), big.NewInt(2))
	num.Add(num, big.NewInt(int64(n)))
	den := new(big.Int).Mul(big.NewInt(int64(n)), big.NewInt(2))
	return time.Duration(new(big.Int).Quo(num, den).Int64())
}

func TestAverageTimeOnSiteProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Raw visits, summed as an analytics export would.
		visits := rapid.SliceOfN(rapid.Int64Range(0, int64(24*time.Hour)), 1, 200).Draw(t, "visits")
		var total time.Duration
		lo, hi := time.Duration(math.MaxInt64), time.Duration(0)
		for _, v := range visits {
			d := time.Duration(v)
			total += d
			lo, hi = min(lo, d), max(hi, d)
		}
		in := crm.WebsiteInput{Visits: len(visits), TotalTimeOnSite: total}
		got, err := crm.AverageTimeOnSite(in)
		if err != nil {
			t.Fatal(err)
		}
		// The mean lies between the shortest and the longest visit.
		if got < lo || got > hi {
			t.Fatalf("average %v outside %v..%v", got, lo, hi)
		}
		// Oracle.
		if want := engRoundDuration(total, len(visits)); got != want {
			t.Fatalf("average %v, oracle %v (%v / %d)", got, want, total, len(visits))
		}
		// Within half a nanosecond per visit of the exact total.
		if diff := got*time.Duration(len(visits)) - total; 2*diff.Abs() > time.Duration(len(visits)) {
			t.Fatalf("average %v × %d is %v from %v", got, len(visits), diff, total)
		}
		// More time never lowers the average; one more empty visit never
		// raises it.
		longer, err := crm.AverageTimeOnSite(crm.WebsiteInput{Visits: in.Visits, TotalTimeOnSite: total + 1})
		if err != nil || longer < got {
			t.Fatalf("average fell with more time: %v -> %v (%v)", got, longer, err)
		}
		wider, err := crm.AverageTimeOnSite(crm.WebsiteInput{Visits: in.Visits + 1, TotalTimeOnSite: total})
		if err != nil || wider > got {
			t.Fatalf("average rose with an empty visit: %v -> %v (%v)", got, wider, err)
		}
	})
}

func TestAverageTimeOnSiteOracleFullRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		total := time.Duration(rapid.Int64Range(0, math.MaxInt64).Draw(t, "total"))
		n := rapid.IntRange(1, math.MaxInt).Draw(t, "visits")
		got, err := crm.AverageTimeOnSite(crm.WebsiteInput{Visits: n, TotalTimeOnSite: total})
		if err != nil {
			t.Fatal(err)
		}
		if want := engRoundDuration(total, n); got != want {
			t.Fatalf("average %v, oracle %v (%d ns / %d)", got, want, int64(total), n)
		}
	})
}

func FuzzAverageTimeOnSite(f *testing.F) {
	f.Add(int64(250*time.Hour), 6000)
	f.Add(int64(0), 0)
	f.Add(int64(-1), 5)
	f.Add(int64(math.MaxInt64), 2)
	f.Fuzz(func(t *testing.T, total int64, visits int) {
		got, err := crm.AverageTimeOnSite(crm.WebsiteInput{Visits: visits, TotalTimeOnSite: time.Duration(total)})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.WebsiteInput{})
			if got != 0 {
				t.Fatalf("result %v with error %v", got, err)
			}
			return
		}
		if got < 0 || int64(got) > total {
			t.Fatalf("average %v outside 0..%v", got, time.Duration(total))
		}
		if want := engRoundDuration(time.Duration(total), visits); got != want {
			t.Fatalf("average %v, oracle %v", got, want)
		}
	})
}
