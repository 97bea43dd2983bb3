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

// Seed 004's month, from 50,000 to 60,000 of MRR, broken down into
// movements: 4,000 lost of 50,000 is a gross MRR churn of 8% and a GRR of
// 92%; with 5,000 of expansion the NRR is 102%; with 1,500 reactivated as
// well the net MRR churn is (4,000 − 5,000 − 1,500) / 50,000 = −5%; the MRR
// grew 20%, as in the seed; 14,000 gained for 4,000 lost is a quick ratio
// of 3.5.
func ExampleSummarizeRevenueRetention() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	s, err := crm.SummarizeRevenueRetention(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("gross MRR churn", s.GrossMRRChurnRate)
	fmt.Println("net MRR churn  ", s.NetMRRChurnRate)
	fmt.Println("NRR            ", s.NetRevenueRetention)
	fmt.Println("GRR            ", s.GrossRevenueRetention)
	fmt.Println("MRR growth     ", s.MRRGrowthRate)
	fmt.Println("quick ratio    ", s.QuickRatio, s.HasQuickRatio)
	// Output:
	// gross MRR churn 8%
	// net MRR churn   -5%
	// NRR             102%
	// GRR             92%
	// MRR growth      20%
	// quick ratio     3.5 true
}

// A month without losses has no quick ratio; the other metrics are there.
func ExampleSummarizeRevenueRetention_noLosses() {
	s, err := crm.SummarizeRevenueRetention(crm.MRRMovements{
		StartMRR:     decimal.NewFromInt(1000),
		ExpansionMRR: decimal.NewFromInt(50),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.NetRevenueRetention, s.GrossMRRChurnRate, s.HasQuickRatio)
	// Output:
	// 105% 0% false
}

func TestSummarizeRevenueRetention(t *testing.T) {
	pct := metrics.MustParsePercent
	tests := []struct {
		name string
		in   crm.MRRMovements
		want crm.RevenueRetentionSummary
	}{
		{"seed month", mrr("50000", "7500", "5000", "1000", "3000", "1500"), crm.RevenueRetentionSummary{
			GrossMRRChurnRate: pct("8"), NetMRRChurnRate: pct("-5"), NetRevenueRetention: pct("102"),
			GrossRevenueRetention: pct("92"), MRRGrowthRate: pct("20"), QuickRatio: dec("3.5"), HasQuickRatio: true,
		}},
		{"no losses", mrr("1000", "0", "50", "0", "0", "0"), crm.RevenueRetentionSummary{
			GrossMRRChurnRate: pct("0"), NetMRRChurnRate: pct("-5"), NetRevenueRetention: pct("105"),
			GrossRevenueRetention: pct("100"), MRRGrowthRate: pct("5"),
		}},
		// 1 lost of 3: every rate repeats. Quick ratio 2/1.
		{"repeating", mrr("3", "1", "0", "0", "1", "1"), crm.RevenueRetentionSummary{
			GrossMRRChurnRate: pct("33.3333333333"), NetMRRChurnRate: pct("0"), NetRevenueRetention: pct("66.6666666667"),
			GrossRevenueRetention: pct("66.6666666667"), MRRGrowthRate: pct("33.3333333333"), QuickRatio: dec("2"), HasQuickRatio: true,
		}},
		{"everything lost", mrr("10", "0", "0", "4", "6", "0"), crm.RevenueRetentionSummary{
			GrossMRRChurnRate: pct("100"), NetMRRChurnRate: pct("100"), NetRevenueRetention: pct("0"),
			GrossRevenueRetention: pct("0"), MRRGrowthRate: pct("-100"), QuickRatio: dec("0"), HasQuickRatio: true,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.SummarizeRevenueRetention(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SummarizeRevenueRetention(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSummarizeRevenueRetentionErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.MRRMovements
		want  error
		field string
	}{
		{"zero value", crm.MRRMovements{}, metrics.ErrUndefined, "StartMRR"},
		{"zero start", mrr("0", "10", "0", "0", "0", "0"), metrics.ErrUndefined, "StartMRR"},
		{"negative start", mrr("-1", "0", "0", "0", "0", "0"), metrics.ErrNegative, "StartMRR"},
		{"negative new", mrr("10", "-1", "0", "0", "0", "0"), metrics.ErrNegative, "NewMRR"},
		{"negative reactivation", mrr("10", "0", "0", "0", "0", "-0.01"), metrics.ErrNegative, "ReactivationMRR"},
		{"losses above start", mrr("10", "0", "0", "5", "6", "0"), metrics.ErrInconsistent, "ChurnedMRR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.SummarizeRevenueRetention(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if e.Metric != "crm.SummarizeRevenueRetention" {
				t.Errorf("metric %q", e.Metric)
			}
			if diff := cmp.Diff(crm.RevenueRetentionSummary{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// summaryMovements draws valid movements: losses within StartMRR > 0.
func summaryMovements(t *rapid.T) crm.MRRMovements {
	m := crm.MRRMovements{
		NewMRR:          testkit.Money().Draw(t, "new"),
		ExpansionMRR:    testkit.Money().Draw(t, "expansion"),
		ContractionMRR:  testkit.Money().Draw(t, "contraction"),
		ChurnedMRR:      testkit.Money().Draw(t, "churned"),
		ReactivationMRR: testkit.Money().Draw(t, "reactivation"),
	}
	extra := testkit.Money().Draw(t, "kept")
	if rapid.IntRange(0, 9).Draw(t, "no losses") == 0 {
		m.ContractionMRR, m.ChurnedMRR = decimal.Zero, decimal.Zero
	}
	m.StartMRR = m.ContractionMRR.Add(m.ChurnedMRR).Add(extra)
	if m.StartMRR.IsZero() {
		m.StartMRR = decimal.New(1, -4)
	}
	return m
}

func TestSummarizeRevenueRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := summaryMovements(t)
		got, err := crm.SummarizeRevenueRetention(m)
		if err != nil {
			t.Fatal(err)
		}
		// Each field is its own function's result.
		for _, c := range []struct {
			name string
			got  metrics.Percent
			f    func(crm.MRRMovements) (metrics.Percent, error)
		}{
			{"GrossMRRChurnRate", got.GrossMRRChurnRate, crm.GrossMRRChurnRate},
			{"NetMRRChurnRate", got.NetMRRChurnRate, crm.NetMRRChurnRate},
			{"NetRevenueRetention", got.NetRevenueRetention, crm.NetRevenueRetention},
			{"GrossRevenueRetention", got.GrossRevenueRetention, crm.GrossRevenueRetention},
		} {
			want, err := c.f(m)
			if err != nil || !want.Equal(c.got) {
				t.Fatalf("%s %v, function %v (%v)", c.name, c.got, want, err)
			}
		}
		// Oracles.
		start, lost := m.StartMRR.Rat(), new(big.Rat).Add(m.ContractionMRR.Rat(), m.ChurnedMRR.Rat())
		hundred := big.NewRat(100, 1)
		end := m.EndMRR().Rat()
		testkit.RequireRat(t, got.MRRGrowthRate.Points(), new(big.Rat).Mul(new(big.Rat).Quo(new(big.Rat).Sub(end, start), start), hundred))
		testkit.RequireRat(t, got.GrossRevenueRetention.Points(), new(big.Rat).Mul(new(big.Rat).Quo(new(big.Rat).Sub(start, lost), start), hundred))
		if got.HasQuickRatio != (lost.Sign() > 0) {
			t.Fatalf("HasQuickRatio %t with losses %s", got.HasQuickRatio, lost.RatString())
		}
		if got.HasQuickRatio {
			gained := new(big.Rat).Add(new(big.Rat).Add(m.NewMRR.Rat(), m.ExpansionMRR.Rat()), m.ReactivationMRR.Rat())
			testkit.RequireRat(t, got.QuickRatio, new(big.Rat).Quo(gained, lost))
		} else if !got.QuickRatio.IsZero() {
			t.Fatalf("QuickRatio %v without losses", got.QuickRatio)
		}
		// Ranges: GRR within 0..100, growth at least −100.
		if got.GrossRevenueRetention.Sign() < 0 || got.GrossRevenueRetention.Cmp(metrics.PercentInt(100)) > 0 ||
			got.MRRGrowthRate.Cmp(metrics.PercentInt(-100)) < 0 {
			t.Fatalf("out of range: %+v", got)
		}
	})
}

func FuzzSummarizeRevenueRetention(f *testing.F) {
	f.Add(int64(50000), int64(7500), int64(5000), int64(1000), int64(3000), int64(1500), int8(0))
	f.Add(int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int8(0))
	f.Add(int64(10), int64(0), int64(0), int64(6), int64(5), int64(0), int8(-2))
	f.Add(int64(3), int64(-1), int64(0), int64(0), int64(1), int64(1), int8(3))
	f.Fuzz(func(t *testing.T, start, added, expansion, contraction, churned, reactivation int64, exp int8) {
		m := crm.MRRMovements{
			StartMRR: testkit.FuzzDecimal(start, exp), NewMRR: testkit.FuzzDecimal(added, exp),
			ExpansionMRR: testkit.FuzzDecimal(expansion, exp), ContractionMRR: testkit.FuzzDecimal(contraction, exp),
			ChurnedMRR: testkit.FuzzDecimal(churned, exp), ReactivationMRR: testkit.FuzzDecimal(reactivation, exp),
		}
		got, err := crm.SummarizeRevenueRetention(m)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if m.Validate() == nil && !m.StartMRR.IsZero() {
				t.Fatalf("error %v for valid movements %+v", err, m)
			}
			return
		}
		if nrr, err := crm.NetRevenueRetention(m); err != nil || !nrr.Equal(got.NetRevenueRetention) {
			t.Fatalf("NRR %v, function %v (%v)", got.NetRevenueRetention, nrr, err)
		}
		if got.GrossMRRChurnRate.Sign() < 0 || got.GrossMRRChurnRate.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("gross churn %v outside 0..100", got.GrossMRRChurnRate)
		}
		if got.HasQuickRatio && got.QuickRatio.Sign() < 0 {
			t.Fatalf("quick ratio %v", got.QuickRatio)
		}
	})
}
