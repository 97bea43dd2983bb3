package sales_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExamplePipelineCoverage() {
	coverage, err := sales.PipelineCoverage(sales.PipelineCoverageInput{
		OpenPipeline:   decimal.NewFromInt(300_000),
		RemainingQuota: decimal.NewFromInt(100_000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(coverage)
	// Output:
	// 3
}

func TestPipelineCoverage(t *testing.T) {
	tests := []struct {
		name string
		in   sales.PipelineCoverageInput
		want decimal.Decimal
	}{
		{"three times", sales.PipelineCoverageInput{OpenPipeline: dec("300000"), RemainingQuota: dec("100000")}, dec("3")},
		{"empty pipeline", sales.PipelineCoverageInput{RemainingQuota: dec("1")}, decimal.Zero},
		{"short", sales.PipelineCoverageInput{OpenPipeline: dec("50"), RemainingQuota: dec("80")}, dec("0.625")},
		{"repeating", sales.PipelineCoverageInput{OpenPipeline: dec("100"), RemainingQuota: dec("30")}, dec("3.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.PipelineCoverage(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("PipelineCoverage(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestPipelineCoverageErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.PipelineCoverageInput
		want  error
		field string
	}{
		{"zero value", sales.PipelineCoverageInput{}, metrics.ErrUndefined, "RemainingQuota"},
		{"negative pipeline", sales.PipelineCoverageInput{OpenPipeline: dec("-1"), RemainingQuota: dec("1")}, metrics.ErrNegative, "OpenPipeline"},
		{"quota exceeded", sales.PipelineCoverageInput{OpenPipeline: dec("1"), RemainingQuota: dec("-1")}, metrics.ErrNegative, "RemainingQuota"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.PipelineCoverage(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestPipelineCoverageProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		open := testkit.Money().Draw(t, "open")
		remaining := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 }).Draw(t, "remaining")
		got, err := sales.PipelineCoverage(sales.PipelineCoverageInput{OpenPipeline: open, RemainingQuota: remaining})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, quo(rat(open), rat(remaining)))
		// Below 1 exactly when the pipeline cannot cover the quota.
		if got.Sign() < 0 || (got.Cmp(decimal.NewFromInt(1)) < 0) != (open.Cmp(remaining) < 0) {
			t.Fatalf("coverage %s for %s over %s", got, open, remaining)
		}
	})
}

func FuzzPipelineCoverage(f *testing.F) {
	f.Add(int64(300000), int8(0), int64(100000), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(0), int64(-1), int8(0))
	f.Fuzz(func(t *testing.T, oCoef int64, oExp int8, rCoef int64, rExp int8) {
		got, err := sales.PipelineCoverage(sales.PipelineCoverageInput{OpenPipeline: testkit.FuzzDecimal(oCoef, oExp), RemainingQuota: testkit.FuzzDecimal(rCoef, rExp)})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative coverage %s", got)
		}
	})
}
