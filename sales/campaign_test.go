package sales_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleCampaignROI() {
	// A campaign that cost 20 000 brought in 50 000.
	roi, err := sales.CampaignROI(sales.CampaignInput{
		AttributedRevenue: decimal.NewFromInt(50_000),
		Cost:              decimal.NewFromInt(20_000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(roi)
	// Output:
	// 150%
}

func ExampleCampaignROI_error() {
	_, err := sales.CampaignROI(sales.CampaignInput{AttributedRevenue: decimal.NewFromInt(50_000)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// sales.CampaignROI: Cost 0 is zero: undefined for this input
	// true
}

func ExampleAverageRevenuePerCampaign() {
	perCampaign, err := sales.AverageRevenuePerCampaign(sales.CampaignInput{AttributedRevenue: decimal.NewFromInt(50_000), Campaigns: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(perCampaign)
	// Output:
	// 12500
}

func ExampleCostPerLead() {
	perLead, err := sales.CostPerLead(sales.CampaignInput{Cost: decimal.NewFromInt(20_000), Leads: 400})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(perLead)
	// Output:
	// 50
}

func TestCampaignROI(t *testing.T) {
	tests := []struct {
		name string
		in   sales.CampaignInput
		want metrics.Percent
	}{
		{"returned 2.5 times", sales.CampaignInput{AttributedRevenue: dec("50000"), Cost: dec("20000")}, metrics.PercentInt(150)},
		{"broke even", sales.CampaignInput{AttributedRevenue: dec("20000.00"), Cost: dec("20000")}, metrics.PercentInt(0)},
		{"brought in nothing", sales.CampaignInput{Cost: dec("20000")}, metrics.PercentInt(-100)},
		{"loss", sales.CampaignInput{AttributedRevenue: dec("15000"), Cost: dec("20000")}, metrics.PercentInt(-25)},
		{"repeating", sales.CampaignInput{AttributedRevenue: dec("1"), Cost: dec("3")}, pct("-66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.CampaignROI(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CampaignROI(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCampaignROIErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.CampaignInput
		want  error
		field string
	}{
		{"zero value", sales.CampaignInput{}, metrics.ErrUndefined, "Cost"},
		{"negative revenue", sales.CampaignInput{AttributedRevenue: dec("-1"), Cost: dec("1")}, metrics.ErrNegative, "AttributedRevenue"},
		{"negative cost", sales.CampaignInput{AttributedRevenue: dec("1"), Cost: dec("-1")}, metrics.ErrNegative, "Cost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.CampaignROI(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestCampaignROIProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		revenue := testkit.Money().Draw(t, "revenue")
		cost := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 }).Draw(t, "cost")
		got, err := sales.CampaignROI(sales.CampaignInput{AttributedRevenue: revenue, Cost: cost})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got.Points(), mul(quo(new(big.Rat).Sub(rat(revenue), rat(cost)), rat(cost)), testkit.RatInt(100)))
		// −100% at the least; its sign is the sign of the profit.
		if got.Cmp(metrics.PercentInt(-100)) < 0 || got.Sign() != revenue.Cmp(cost) {
			t.Fatalf("ROI %v for %s on %s", got, revenue, cost)
		}
	})
}

func FuzzCampaignROI(f *testing.F) {
	f.Add(int64(50000), int8(0), int64(20000), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(0), int64(1), int8(0))
	f.Add(int64(1), int8(20), int64(3), int8(-20))
	f.Fuzz(func(t *testing.T, rCoef int64, rExp int8, cCoef int64, cExp int8) {
		got, err := sales.CampaignROI(sales.CampaignInput{AttributedRevenue: testkit.FuzzDecimal(rCoef, rExp), Cost: testkit.FuzzDecimal(cCoef, cExp)})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Cmp(metrics.PercentInt(-100)) < 0 {
			t.Fatalf("ROI %v below −100%%", got)
		}
	})
}

func TestAverageRevenuePerCampaign(t *testing.T) { testPerHead(t, "AverageRevenuePerCampaign") }
func TestAverageRevenuePerCampaignErrors(t *testing.T) {
	testPerHeadErrors(t, "AverageRevenuePerCampaign")
}
func TestAverageRevenuePerCampaignProperties(t *testing.T) {
	testPerHeadProperties(t, "AverageRevenuePerCampaign")
}
func FuzzAverageRevenuePerCampaign(f *testing.F) { fuzzPerHead(f, "AverageRevenuePerCampaign") }

func TestCostPerLead(t *testing.T)           { testPerHead(t, "CostPerLead") }
func TestCostPerLeadErrors(t *testing.T)     { testPerHeadErrors(t, "CostPerLead") }
func TestCostPerLeadProperties(t *testing.T) { testPerHeadProperties(t, "CostPerLead") }
func FuzzCostPerLead(f *testing.F)           { fuzzPerHead(f, "CostPerLead") }
