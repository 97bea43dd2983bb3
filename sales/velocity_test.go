package sales_test

import (
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

func ExamplePipelineVelocity() {
	// 40 open opportunities, a 25% win rate, 10 000 per deal and a 50-day
	// cycle: 40 × 0.25 × 10 000 / 50.
	velocity, err := sales.PipelineVelocity(sales.PipelineVelocityInput{
		OpenOpportunities: 40,
		WinRate:           metrics.PercentInt(25),
		AverageDealSize:   decimal.NewFromInt(10_000),
		SalesCycleLength:  decimal.NewFromInt(50),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(velocity)
	// Output:
	// 2000
}

func TestPipelineVelocity(t *testing.T) {
	tests := []struct {
		name string
		in   sales.PipelineVelocityInput
		want decimal.Decimal
	}{
		{"example", sales.PipelineVelocityInput{OpenOpportunities: 40, WinRate: metrics.PercentInt(25), AverageDealSize: dec("10000"), SalesCycleLength: dec("50")}, dec("2000")},
		{"empty pipeline", sales.PipelineVelocityInput{WinRate: metrics.PercentInt(25), AverageDealSize: dec("10000"), SalesCycleLength: dec("50")}, decimal.Zero},
		{"never wins", sales.PipelineVelocityInput{OpenOpportunities: 9, AverageDealSize: dec("10000"), SalesCycleLength: dec("50")}, decimal.Zero},
		{"fractional inputs", sales.PipelineVelocityInput{OpenOpportunities: 3, WinRate: pct("12.5"), AverageDealSize: dec("999.99"), SalesCycleLength: dec("0.5")}, dec("749.9925")},
		{"repeating", sales.PipelineVelocityInput{OpenOpportunities: 1, WinRate: metrics.PercentInt(100), AverageDealSize: dec("1"), SalesCycleLength: dec("3")}, dec("0.3333333333")},
		{"composed from rounded factors", sales.PipelineVelocityInput{OpenOpportunities: 2, WinRate: pct("66.6666666667"), AverageDealSize: dec("10000"), SalesCycleLength: dec("35")}, dec("380.9523809526")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.PipelineVelocity(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("PipelineVelocity(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestPipelineVelocityErrors(t *testing.T) {
	ok := sales.PipelineVelocityInput{OpenOpportunities: 1, WinRate: metrics.PercentInt(50), AverageDealSize: dec("1"), SalesCycleLength: dec("1")}
	with := func(f func(*sales.PipelineVelocityInput)) sales.PipelineVelocityInput { in := ok; f(&in); return in }
	tests := []struct {
		name  string
		in    sales.PipelineVelocityInput
		want  error
		field string
	}{
		{"zero value", sales.PipelineVelocityInput{}, metrics.ErrUndefined, "SalesCycleLength"},
		{"negative opportunities", with(func(in *sales.PipelineVelocityInput) { in.OpenOpportunities = -1 }), metrics.ErrNegative, "OpenOpportunities"},
		{"win rate below 0", with(func(in *sales.PipelineVelocityInput) { in.WinRate = pct("-0.1") }), metrics.ErrOutOfRange, "WinRate"},
		{"win rate above 100", with(func(in *sales.PipelineVelocityInput) { in.WinRate = pct("100.01") }), metrics.ErrOutOfRange, "WinRate"},
		{"negative deal size", with(func(in *sales.PipelineVelocityInput) { in.AverageDealSize = dec("-1") }), metrics.ErrNegative, "AverageDealSize"},
		{"negative cycle", with(func(in *sales.PipelineVelocityInput) { in.SalesCycleLength = dec("-1") }), metrics.ErrNegative, "SalesCycleLength"},
		{"zero cycle", with(func(in *sales.PipelineVelocityInput) { in.SalesCycleLength = decimal.Zero }), metrics.ErrUndefined, "SalesCycleLength"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.PipelineVelocity(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestPipelineVelocityProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := sales.PipelineVelocityInput{
			OpenOpportunities: rapid.IntRange(0, 100_000).Draw(t, "open"),
			WinRate:           testkit.Percent(0, 100).Draw(t, "winRate"),
			AverageDealSize:   testkit.Money().Draw(t, "size"),
			SalesCycleLength:  testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 }).Draw(t, "cycle"),
		}
		got, err := sales.PipelineVelocity(in)
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, quo(mul(testkit.RatInt(in.OpenOpportunities), rat(in.WinRate.Points()), big.NewRat(1, 100), rat(in.AverageDealSize)), rat(in.SalesCycleLength)))
		// More opportunities never slow the pipeline.
		in.OpenOpportunities++
		more, err := sales.PipelineVelocity(in)
		if err != nil || more.Cmp(got) < 0 {
			t.Fatalf("velocity fell from %s to %s (%v)", got, more, err)
		}
	})
}

func FuzzPipelineVelocity(f *testing.F) {
	f.Add(40, int64(25), int8(0), int64(10000), int8(0), int64(50), int8(0))
	f.Add(0, int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(-1, int64(101), int8(0), int64(-1), int8(0), int64(-1), int8(0))
	f.Fuzz(func(t *testing.T, open int, wCoef int64, wExp int8, sCoef int64, sExp int8, cCoef int64, cExp int8) {
		got, err := sales.PipelineVelocity(sales.PipelineVelocityInput{
			OpenOpportunities: open,
			WinRate:           metrics.NewPercent(testkit.FuzzDecimal(wCoef, wExp)),
			AverageDealSize:   testkit.FuzzDecimal(sCoef, sExp),
			SalesCycleLength:  testkit.FuzzDecimal(cCoef, cExp),
		})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative velocity %s", got)
		}
	})
}
