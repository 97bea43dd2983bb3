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

func ExampleAverageDealSize() {
	size, err := sales.AverageDealSize(sales.DealSizeInput{WonRevenue: decimal.NewFromInt(20_000), DealsWon: 8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(size)
	// Output:
	// 2500
}

func ExampleAverageProjectSize() {
	// A consultancy won three projects worth 100 000 in all.
	size, err := sales.AverageProjectSize(sales.ProjectSizeInput{ProjectRevenue: decimal.NewFromInt(100_000), ProjectsWon: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(size)
	fmt.Println(size.StringFixed(2))
	// Output:
	// 33333.3333333333
	// 33333.33
}

// sizeFuncs are the two counts-based mean functions, which share one rule.
var sizeFuncs = map[string]func(decimal.Decimal, int) (decimal.Decimal, error){
	"AverageDealSize": func(r decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.AverageDealSize(sales.DealSizeInput{WonRevenue: r, DealsWon: n})
	},
	"AverageProjectSize": func(r decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.AverageProjectSize(sales.ProjectSizeInput{ProjectRevenue: r, ProjectsWon: n})
	},
}

func testMeanSize(t *testing.T, name string) {
	tests := []struct {
		name    string
		revenue decimal.Decimal
		n       int
		want    decimal.Decimal
	}{
		{"exact", dec("20000"), 8, dec("2500")},
		{"one", dec("12.34"), 1, dec("12.34")},
		{"terminating below the scale", dec("1"), 1 << 20, dec("0.00000095367431640625")},
		{"repeating", dec("100000"), 3, dec("33333.3333333333")},
		{"rounds half away from zero", dec("2"), 3, dec("0.6666666667")},
		{"zero revenue", decimal.Zero, 4, decimal.Zero},
	}
	f := sizeFuncs[name]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.revenue, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s(%s, %d) (-want +got):\n%s", name, tt.revenue, tt.n, diff)
			}
		})
	}
}

func TestAverageDealSize(t *testing.T)    { testMeanSize(t, "AverageDealSize") }
func TestAverageProjectSize(t *testing.T) { testMeanSize(t, "AverageProjectSize") }

func TestAverageDealSizeErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.DealSizeInput
		want  error
		field string
	}{
		{"zero value", sales.DealSizeInput{}, metrics.ErrUndefined, "DealsWon"},
		{"revenue but no deals", sales.DealSizeInput{WonRevenue: dec("5")}, metrics.ErrUndefined, "DealsWon"},
		{"negative revenue", sales.DealSizeInput{WonRevenue: dec("-5"), DealsWon: 1}, metrics.ErrNegative, "WonRevenue"},
		{"negative deals", sales.DealSizeInput{WonRevenue: dec("5"), DealsWon: -1}, metrics.ErrNegative, "DealsWon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.AverageDealSize(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestAverageProjectSizeErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.ProjectSizeInput
		want  error
		field string
	}{
		{"zero value", sales.ProjectSizeInput{}, metrics.ErrUndefined, "ProjectsWon"},
		{"negative revenue", sales.ProjectSizeInput{ProjectRevenue: dec("-5"), ProjectsWon: 1}, metrics.ErrNegative, "ProjectRevenue"},
		{"negative projects", sales.ProjectSizeInput{ProjectsWon: -2}, metrics.ErrNegative, "ProjectsWon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.AverageProjectSize(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func testMeanSizeProperties(t *testing.T, name string) {
	f := sizeFuncs[name]
	rapid.Check(t, func(t *rapid.T) {
		revenue := testkit.Money().Draw(t, "revenue")
		n := rapid.IntRange(1, 1_000_000).Draw(t, "n")
		{
			got, err := f(revenue, n)
			if err != nil {
				t.Fatal(err)
			}
			testkit.RequireRat(t, got, quo(rat(revenue), testkit.RatInt(n)))
			// Never more than the total, never negative.
			if got.Sign() < 0 || got.Cmp(revenue) > 0 {
				t.Fatalf("%s: mean %s of total %s", name, got, revenue)
			}
		}
	})
}

func TestAverageDealSizeProperties(t *testing.T)    { testMeanSizeProperties(t, "AverageDealSize") }
func TestAverageProjectSizeProperties(t *testing.T) { testMeanSizeProperties(t, "AverageProjectSize") }

func FuzzAverageDealSize(f *testing.F) {
	f.Add(int64(20000), int8(0), 8)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(-1), int8(0), 1)
	f.Add(int64(1), int8(-20), -1)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, n int) {
		revenue := testkit.FuzzDecimal(coef, exp)
		got, err := sales.AverageDealSize(sales.DealSizeInput{WonRevenue: revenue, DealsWon: n})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(revenue) > 0 {
			t.Fatalf("mean %s of total %s over %d", got, revenue, n)
		}
	})
}

func FuzzAverageProjectSize(f *testing.F) {
	f.Add(int64(100000), int8(0), 3)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(-1), int8(0), 1)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, n int) {
		revenue := testkit.FuzzDecimal(coef, exp)
		got, err := sales.AverageProjectSize(sales.ProjectSizeInput{ProjectRevenue: revenue, ProjectsWon: n})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(revenue) > 0 {
			t.Fatalf("mean %s of total %s over %d", got, revenue, n)
		}
	})
}
