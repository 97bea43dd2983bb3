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

func pct(s string) benchmark.Value { return benchmark.Percent(metrics.MustParsePercent(s)) }

func usd(s string) benchmark.Value {
	return benchmark.Money(decimal.RequireFromString(s), "USD")
}

func score(s string) benchmark.Value { return scoreOf(decimal.RequireFromString(s)) }

func scoreOf(d decimal.Decimal) benchmark.Value { return benchmark.Number(metrics.UnitScore, d) }

func ExampleInclusive() {
	// "30% or more": 30% itself is in the band.
	fmt.Println(benchmark.Band{Tier: benchmark.Exceptional, Min: benchmark.Inclusive(pct("30"))})
	// Output: 30% or more
}

func ExampleExclusive() {
	// "below 700 USD": 700 USD itself is not in the band.
	fmt.Println(benchmark.Band{Tier: benchmark.Exceptional, Max: benchmark.Exclusive(usd("700"))})
	// Output: below 700 USD
}

func ExampleBound_Unbounded() {
	b := benchmark.Band{Tier: benchmark.Exceptional, Max: benchmark.Exclusive(usd("700"))}
	fmt.Println(b.Min.Unbounded(), b.Max.Unbounded())
	// Output: true false
}

func ExampleBand_String() {
	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	for _, band := range b.Spec().Bands {
		fmt.Printf("%s: %s\n", band.Tier, band)
	}
	// Output:
	// worse than typical: above 15%
	// typical: 10% to 15%
	// better than typical: at least 5% and below 10%
	// exceptional: below 5%
}

func TestBandString(t *testing.T) {
	in, ex := benchmark.Inclusive, benchmark.Exclusive
	h := func(n time.Duration) benchmark.Value { return benchmark.Duration(n * time.Hour) }
	tests := []struct {
		name string
		band benchmark.Band
		want string
	}{
		{"no bounds", benchmark.Band{}, "any value"},
		{"max exclusive", benchmark.Band{Max: ex(usd("700"))}, "below 700 USD"},
		{"max inclusive", benchmark.Band{Max: in(h(8))}, "8h or less"},
		{"min inclusive", benchmark.Band{Min: in(pct("30"))}, "30% or more"},
		{"min exclusive", benchmark.Band{Min: ex(usd("5000"))}, "above 5000 USD"},
		{"both inclusive", benchmark.Band{Min: in(pct("10")), Max: in(pct("15"))}, "10% to 15%"},
		{"point", benchmark.Band{Min: in(score("7")), Max: in(score("7.0"))}, "exactly 7"},
		{"min inclusive max exclusive", benchmark.Band{Min: in(pct("5")), Max: ex(pct("10"))}, "at least 5% and below 10%"},
		{"both exclusive", benchmark.Band{Min: ex(pct("20")), Max: ex(pct("30"))}, "above 20% and below 30%"},
		{"min exclusive max inclusive", benchmark.Band{Min: ex(score("40")), Max: in(score("50"))}, "above 40 and at most 50"},
		{"inclusive flag of an unbounded end is ignored", benchmark.Band{Min: benchmark.Bound{Inclusive: true}, Max: ex(h(2))}, "below 2h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.band.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBound(t *testing.T) {
	tests := []struct {
		name          string
		b             benchmark.Bound
		wantUnbounded bool
		wantInclusive bool
	}{
		{"zero", benchmark.Bound{}, true, false},
		{"inclusive", benchmark.Inclusive(pct("0")), false, true},
		{"exclusive", benchmark.Exclusive(pct("0")), false, false},
		{"zero value, inclusive flag", benchmark.Bound{Inclusive: true}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []bool{tt.b.Unbounded(), tt.b.Inclusive}
			if diff := cmp.Diff([]bool{tt.wantUnbounded, tt.wantInclusive}, got); diff != "" {
				t.Errorf("[Unbounded Inclusive] (-want +got):\n%s", diff)
			}
		})
	}
}
