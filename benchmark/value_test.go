package benchmark_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func ExamplePercent() {
	v := benchmark.Percent(metrics.MustParsePercent("12.5"))
	fmt.Println(v, v.Unit(), v.Decimal())
	// Output: 12.5% percent 12.5
}

func ExampleMoney() {
	v := benchmark.Money(decimal.NewFromInt(650), "USD")
	fmt.Println(v, v.Unit(), v.Currency())
	// Output: 650 USD money USD
}

func ExampleScore() {
	v := benchmark.Score(decimal.NewFromInt(-20))
	fmt.Println(v, v.Unit())
	// Output: -20 score
}

func ExampleDuration() {
	v := benchmark.Duration(5 * time.Hour)
	fmt.Println(v, v.Unit(), v.Decimal())
	// Output: 5h duration 18000000000000
}

// An LTV:CAC ratio is a plain number; money needs Money and its currency.
func ExampleNumber() {
	ratio := benchmark.Number(metrics.UnitRatio, decimal.RequireFromString("3.5"))
	fmt.Println(ratio, ratio.Unit())

	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	_, err := b.Classify(benchmark.Number(metrics.UnitMoney, decimal.NewFromInt(650)))
	fmt.Println(err)
	// Output:
	// 3.5 ratio
	// benchmark.Benchmark.Classify: v 650 is a Number of unit money, which Number does not take: invalid value
}

func ExampleValue_Equal() {
	five := benchmark.Percent(metrics.PercentInt(5))
	fmt.Println(five.Equal(benchmark.Percent(metrics.MustParsePercent("5.00"))))
	fmt.Println(five.Equal(benchmark.Score(decimal.NewFromInt(5))))
	fmt.Println(benchmark.Money(decimal.NewFromInt(700), "USD").Equal(benchmark.Money(decimal.NewFromInt(700), "EUR")))
	// Output:
	// true
	// false
	// false
}

func ExampleValue_String() {
	fmt.Println(benchmark.Percent(metrics.MustParsePercent("20.50")))
	fmt.Println(benchmark.Money(decimal.RequireFromString("1500.00"), "USD"))
	fmt.Println(benchmark.Duration(150 * time.Minute))
	fmt.Println(benchmark.Value{})
	// Output:
	// 20.5%
	// 1500 USD
	// 2h30m
	// none
}

func ExampleValue_Unit() {
	fmt.Println(benchmark.Duration(time.Hour).Unit())
	// Output: duration
}

func ExampleValue_Currency() {
	fmt.Printf("%q %q\n", benchmark.Money(decimal.NewFromInt(5), "EUR").Currency(), benchmark.Percent(metrics.PercentInt(5)).Currency())
	// Output: "EUR" ""
}

func ExampleValue_Decimal() {
	fmt.Println(benchmark.Percent(metrics.PercentInt(5)).Decimal())
	fmt.Println(benchmark.Duration(2 * time.Second).Decimal())
	// Output:
	// 5
	// 2000000000
}

func TestValue(t *testing.T) {
	type view struct {
		String   string
		Unit     metrics.Unit
		Currency string
		Decimal  decimal.Decimal
	}
	d := decimal.RequireFromString
	tests := []struct {
		name string
		v    benchmark.Value
		want view
	}{
		{"zero", benchmark.Value{}, view{"none", 0, "", decimal.Zero}},
		{"percent", benchmark.Percent(metrics.MustParsePercent("33.3333333333")), view{"33.3333333333%", metrics.UnitPercent, "", d("33.3333333333")}},
		{"negative percent", benchmark.Percent(metrics.MustParsePercent("-2.50")), view{"-2.5%", metrics.UnitPercent, "", d("-2.5")}},
		{"money", benchmark.Money(d("1000.10"), "USD"), view{"1000.1 USD", metrics.UnitMoney, "USD", d("1000.1")}},
		{"money without currency", benchmark.Money(d("7"), ""), view{"7", metrics.UnitMoney, "", d("7")}},
		{"score", benchmark.Score(d("-100")), view{"-100", metrics.UnitScore, "", d("-100")}},
		{"hours", benchmark.Duration(8 * time.Hour), view{"8h", metrics.UnitDuration, "", d("28800000000000")}},
		{"minutes", benchmark.Duration(90 * time.Minute), view{"1h30m", metrics.UnitDuration, "", d("5400000000000")}},
		{"one minute", benchmark.Duration(time.Minute), view{"1m", metrics.UnitDuration, "", d("60000000000")}},
		{"seconds kept", benchmark.Duration(time.Hour + 5*time.Second), view{"1h0m5s", metrics.UnitDuration, "", d("3605000000000")}},
		{"fraction of a second", benchmark.Duration(1500 * time.Millisecond), view{"1.5s", metrics.UnitDuration, "", d("1500000000")}},
		{"zero duration", benchmark.Duration(0), view{"0s", metrics.UnitDuration, "", decimal.Zero}},
		{"ratio", benchmark.Number(metrics.UnitRatio, d("3.50")), view{"3.5", metrics.UnitRatio, "", d("3.5")}},
		{"days", benchmark.Number(metrics.UnitDays, d("45")), view{"45", metrics.UnitDays, "", d("45")}},
		{"number of an unsupported unit", benchmark.Number(metrics.UnitPercent, d("5")), view{"5", metrics.UnitPercent, "", d("5")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := view{tt.v.String(), tt.v.Unit(), tt.v.Currency(), tt.v.Decimal()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestValueEqual(t *testing.T) {
	d := decimal.RequireFromString
	values := []benchmark.Value{
		{},
		benchmark.Percent(metrics.PercentInt(5)),
		benchmark.Score(d("5")),
		benchmark.Number(metrics.UnitRatio, d("5")),
		benchmark.Number(metrics.UnitPercent, d("5")), // Number rejects percent: not Percent(5%)
		benchmark.Money(d("5"), "USD"),
		benchmark.Money(d("5"), "EUR"),
		benchmark.Money(d("5"), ""),
		benchmark.Duration(5),
		benchmark.Percent(metrics.PercentInt(6)),
	}
	for i, v := range values {
		for j, w := range values {
			if got := v.Equal(w); got != (i == j) {
				t.Errorf("%d:%v Equal %d:%v = %v, want %v", i, v, j, w, got, i == j)
			}
		}
	}
	// Equal ignores the decimal's scale.
	if !benchmark.Score(d("5")).Equal(benchmark.Score(d("5.000"))) {
		t.Error("5 and 5.000 differ")
	}
}
