package benchmark_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func ExamplePercent() {
	v := benchmark.Percent(metrics.MustParsePercent("12.5"))
	fmt.Println(v, v.Decimal())
	// Output: 12.5% 12.5
}

func ExampleMoney() {
	v := benchmark.Money(decimal.NewFromInt(650), "USD")
	fmt.Println(v, v.Decimal())
	// Output: 650 USD 650
}

func ExampleDuration() {
	v := benchmark.Duration(5 * time.Hour)
	fmt.Println(v, v.Decimal())
	// Output: 5h 18000000000000
}

// An NPS is a score and an LTV:CAC ratio a plain number; money needs Money
// and its currency.
func ExampleNumber() {
	nps := benchmark.Number(metrics.UnitScore, decimal.NewFromInt(-20))
	ratio := benchmark.Number(metrics.UnitRatio, decimal.RequireFromString("3.5"))
	fmt.Println(nps, ratio)

	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	_, err := b.Classify(benchmark.Number(metrics.UnitMoney, decimal.NewFromInt(650)))
	fmt.Println(err)
	// Output:
	// -20 3.5
	// benchmark.Benchmark.Classify: v 650 is a Number of unit money, which Number does not take: invalid value
}

// A month's churn is not rated against the yearly churn figures until it is
// converted to a year's.
func ExampleValue_Per() {
	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	churn := benchmark.Percent(metrics.PercentInt(1)).Per(benchmark.Month)
	_, err := b.Classify(churn)
	fmt.Println(err)
	// Output:
	// benchmark.Benchmark.Classify: v 1% a month is monthly: a monthly churn_rate cannot be rated against a yearly band; convert it to its yearly compound with Value.CompoundLoss (a loss rate) or Value.CompoundGrowth (a growth rate): mismatched kinds
}

func ExampleValue_Equal() {
	five := benchmark.Percent(metrics.PercentInt(5))
	fmt.Println(five.Equal(benchmark.Percent(metrics.MustParsePercent("5.00"))))
	fmt.Println(five.Equal(benchmark.Number(metrics.UnitScore, decimal.NewFromInt(5))))
	fmt.Println(five.Equal(five.Per(benchmark.Month)))
	fmt.Println(benchmark.Money(decimal.NewFromInt(700), "USD").Equal(benchmark.Money(decimal.NewFromInt(700), "EUR")))
	// Output:
	// true
	// false
	// false
	// false
}

func ExampleValue_String() {
	fmt.Println(benchmark.Percent(metrics.MustParsePercent("20.50")))
	fmt.Println(benchmark.Percent(metrics.PercentInt(2)).Per(benchmark.Quarter))
	fmt.Println(benchmark.Money(decimal.RequireFromString("1500.00"), "USD"))
	fmt.Println(benchmark.Duration(150 * time.Minute))
	fmt.Println(benchmark.Value{})
	// Output:
	// 20.5%
	// 2% a quarter
	// 1500 USD
	// 2h30m
	// none
}

func ExampleValue_Decimal() {
	fmt.Println(benchmark.Percent(metrics.PercentInt(5)).Decimal())
	fmt.Println(benchmark.Duration(2 * time.Second).Decimal())
	// Output:
	// 5
	// 2000000000
}

func ExampleValue_MarshalJSON() {
	v := benchmark.Percent(metrics.MustParsePercent("12.5")).Per(benchmark.Month)
	data, _ := json.Marshal(v)
	fmt.Println(string(data))
	var back benchmark.Value
	_ = json.Unmarshal(data, &back)
	fmt.Println(back, back.Equal(v))
	// Output:
	// {"unit":"percent","amount":"12.5","per":"month"}
	// 12.5% a month true
}

func ExampleValue_UnmarshalJSON() {
	var v benchmark.Value
	err := json.Unmarshal([]byte(`{"unit":"money","amount":650,"currency":"USD"}`), &v)
	fmt.Println(v, err)
	err = json.Unmarshal([]byte(`{"unit":"money per day","amount":"1"}`), &v)
	fmt.Println(err)
	// Output:
	// 650 USD <nil>
	// benchmark.Value.UnmarshalJSON: data "money per day" names no unit a benchmark rates: invalid value
}

func TestValue(t *testing.T) {
	type view struct {
		String  string
		JSON    string
		Decimal decimal.Decimal
	}
	d := decimal.RequireFromString
	tests := []struct {
		name string
		v    benchmark.Value
		want view
	}{
		{"zero", benchmark.Value{}, view{"none", `null`, decimal.Zero}},
		{"percent", benchmark.Percent(metrics.MustParsePercent("33.3333333333")),
			view{"33.3333333333%", `{"unit":"percent","amount":"33.3333333333"}`, d("33.3333333333")}},
		{"negative percent", benchmark.Percent(metrics.MustParsePercent("-2.50")),
			view{"-2.5%", `{"unit":"percent","amount":"-2.5"}`, d("-2.5")}},
		{"monthly percent", benchmark.Percent(metrics.PercentInt(3)).Per(benchmark.Month),
			view{"3% a month", `{"unit":"percent","amount":"3","per":"month"}`, d("3")}},
		{"yearly percent", benchmark.Percent(metrics.PercentInt(3)).Per(benchmark.Year),
			view{"3% a year", `{"unit":"percent","amount":"3","per":"year"}`, d("3")}},
		{"basis removed", benchmark.Percent(metrics.PercentInt(3)).Per(benchmark.Year).Per(0),
			view{"3%", `{"unit":"percent","amount":"3"}`, d("3")}},
		{"zero value has no basis", benchmark.Value{}.Per(benchmark.Year), view{"none", `null`, decimal.Zero}},
		{"money", benchmark.Money(d("1000.10"), "USD"),
			view{"1000.1 USD", `{"unit":"money","amount":"1000.1","currency":"USD"}`, d("1000.1")}},
		{"money per quarter", benchmark.Money(d("20"), "EUR").Per(benchmark.Quarter),
			view{"20 EUR a quarter", `{"unit":"money","amount":"20","currency":"EUR","per":"quarter"}`, d("20")}},
		{"money without currency", benchmark.Money(d("7"), ""), view{"7", `{"unit":"money","amount":"7"}`, d("7")}},
		{"score", scoreOf(d("-100")), view{"-100", `{"unit":"score","amount":"-100"}`, d("-100")}},
		{"hours", benchmark.Duration(8 * time.Hour),
			view{"8h", `{"unit":"duration","amount":"28800000000000"}`, d("28800000000000")}},
		{"minutes", benchmark.Duration(90 * time.Minute),
			view{"1h30m", `{"unit":"duration","amount":"5400000000000"}`, d("5400000000000")}},
		{"one minute", benchmark.Duration(time.Minute),
			view{"1m", `{"unit":"duration","amount":"60000000000"}`, d("60000000000")}},
		{"seconds kept", benchmark.Duration(time.Hour + 5*time.Second),
			view{"1h0m5s", `{"unit":"duration","amount":"3605000000000"}`, d("3605000000000")}},
		{"fraction of a second", benchmark.Duration(1500 * time.Millisecond),
			view{"1.5s", `{"unit":"duration","amount":"1500000000"}`, d("1500000000")}},
		{"zero duration", benchmark.Duration(0), view{"0s", `{"unit":"duration","amount":"0"}`, decimal.Zero}},
		{"ratio", benchmark.Number(metrics.UnitRatio, d("3.50")), view{"3.5", `{"unit":"ratio","amount":"3.5"}`, d("3.5")}},
		{"days", benchmark.Number(metrics.UnitDays, d("45")), view{"45", `{"unit":"days","amount":"45"}`, d("45")}},
		{"count per rep", benchmark.Number(metrics.UnitCountPerRep, d("12")),
			view{"12", `{"unit":"count_per_person","amount":"12"}`, d("12")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			got := view{tt.v.String(), string(data), tt.v.Decimal()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			var back benchmark.Value
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.v, back); diff != "" {
				t.Errorf("JSON round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// A Value that Number does not take, or of an invalid basis, has no JSON.
func TestValueMarshalJSONErrors(t *testing.T) {
	for _, v := range []benchmark.Value{
		benchmark.Number(metrics.UnitPercent, decimal.NewFromInt(5)),
		benchmark.Percent(metrics.PercentInt(5)).Per(9),
	} {
		_, err := v.MarshalJSON()
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ v benchmark.Value }{})
	}
}

func TestValueUnmarshalJSONErrors(t *testing.T) {
	for _, data := range []string{
		`[]`, `{`, `"5%"`, `{"unit":"percent"}`, `{"unit":"percent","amount":"five"}`,
		`{"unit":"percent","amount":{}}`, `{"unit":"furlongs","amount":"1"}`, `{"unit":"","amount":"1"}`,
		`{"unit":"money_per_day","amount":"1","currency":"USD"}`,
		`{"unit":"percent","amount":"1","currency":"USD"}`, `{"unit":"percent","amount":"1","per":"week"}`,
		`{"unit":"duration","amount":"1.5"}`, `{"unit":"duration","amount":"1e30"}`,
		`{"unit":"duration","amount":"9223372036854775808"}`,
		`{"unit":"score","amount":"1e1001"}`, `{"unit":"score","amount":"1e-1001"}`,
		`{"unit":"score","amount":"1e2000000000"}`,
	} {
		t.Run(data, func(t *testing.T) {
			v := benchmark.Percent(metrics.PercentInt(7))
			err := v.UnmarshalJSON([]byte(data))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			// data is one JSON text, not a slice of records: RequireFieldOf
			// takes it as a string.
			testkit.RequireFieldOf(t, err, struct{ data string }{})
			if diff := cmp.Diff(benchmark.Percent(metrics.PercentInt(7)), v); diff != "" {
				t.Errorf("value changed on error (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzValueUnmarshalJSON: decoding never panics, every error is ErrInvalid,
// and what decodes encodes back to JSON that decodes to the same Value.
func FuzzValueUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`null`, `{"unit":"percent","amount":"12.5","per":"month"}`,
		`{"unit":"money","amount":650,"currency":"USD"}`, `{"unit":"duration","amount":"3600000000000"}`,
		`{"unit":"score","amount":"-1e-3"}`, `{"unit":"duration","amount":"1e400"}`, `{}`,
		`{"unit":"score","amount":"0e2000000000"}`, `{"unit":"ratio","amount":"1e1000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v benchmark.Value
		if err := json.Unmarshal(data, &v); err != nil {
			var e *metrics.Error
			if errors.As(err, &e) && !errors.Is(err, metrics.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s decoded to %v, which does not encode: %v", data, v, err)
		}
		var back benchmark.Value
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if !back.Equal(v) {
			t.Fatalf("%s: %v, back %v", data, v, back)
		}
	})
}

func TestValueEqual(t *testing.T) {
	d := decimal.RequireFromString
	values := []benchmark.Value{
		{},
		benchmark.Percent(metrics.PercentInt(5)),
		scoreOf(d("5")),
		benchmark.Number(metrics.UnitRatio, d("5")),
		benchmark.Number(metrics.UnitPercent, d("5")), // Number rejects percent: not Percent(5%)
		benchmark.Money(d("5"), "USD"),
		benchmark.Money(d("5"), "EUR"),
		benchmark.Money(d("5"), ""),
		benchmark.Duration(5),
		benchmark.Percent(metrics.PercentInt(6)),
		benchmark.Percent(metrics.PercentInt(5)).Per(benchmark.Month),
		benchmark.Percent(metrics.PercentInt(5)).Per(benchmark.Year),
	}
	for i, v := range values {
		for j, w := range values {
			if got := v.Equal(w); got != (i == j) {
				t.Errorf("%d:%v Equal %d:%v = %v, want %v", i, v, j, w, got, i == j)
			}
		}
	}
	// Equal ignores the decimal's scale.
	if !scoreOf(d("5")).Equal(scoreOf(d("5.000"))) {
		t.Error("5 and 5.000 differ")
	}
}
