package metrics_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleNewPercent() {
	p := metrics.NewPercent(decimal.RequireFromString("12.5"))
	fmt.Println(p, p.Fraction())
	// Output: 12.5% 0.125
}

func ExamplePercentInt() {
	retention := metrics.PercentInt(80)
	fmt.Println(retention, retention.Fraction())
	// Output: 80% 0.8
}

func ExamplePercentFraction() {
	p := metrics.PercentFraction(decimal.RequireFromString("0.05"))
	fmt.Println(p, p.Points())
	// Output: 5% 5
}

func ExampleParsePercent() {
	for _, s := range []string{"5", "5%", " 12.5 % ", "five"} {
		p, err := metrics.ParsePercent(s)
		fmt.Println(p, err)
	}
	// Output:
	// 5% <nil>
	// 5% <nil>
	// 12.5% <nil>
	// 0% metrics.ParsePercent: s "five" is not a percentage: invalid value
}

func ExampleMustParsePercent() {
	// For package-level tables whose text is known to be valid.
	var target = metrics.MustParsePercent("2.5%")
	fmt.Println(target)
	// Output: 2.5%
}

func ExamplePercent_StringFixed() {
	third := metrics.NewPercent(decimal.RequireFromString("33.3333333333"))
	fmt.Println(third)
	fmt.Println(third.StringFixed(1))
	fmt.Println(third.Round(2))
	// Output:
	// 33.3333333333%
	// 33.3%
	// 33.33%
}

func ExamplePercent_MarshalJSON() {
	b, _ := json.Marshal(struct {
		Churn metrics.Percent `json:"churn"`
	}{metrics.PercentInt(5)})
	fmt.Println(string(b))

	var back struct {
		Churn metrics.Percent `json:"churn"`
	}
	_ = json.Unmarshal([]byte(`{"churn":"7.5%"}`), &back)
	fmt.Println(back.Churn)
	// Output:
	// {"churn":5}
	// 7.5%
}

func TestPercentAccessors(t *testing.T) {
	tests := []struct {
		name             string
		p                metrics.Percent
		points, fraction string
		text             string
		float            float64
		sign             int
		zero             bool
	}{
		{"zero value", metrics.Percent{}, "0", "0", "0%", 0, 0, true},
		{"int", metrics.PercentInt(80), "80", "0.8", "80%", 80, 1, false},
		{"negative", metrics.PercentInt(-3), "-3", "-0.03", "-3%", -3, -1, false},
		{"fraction", metrics.PercentFraction(decimal.RequireFromString("0.125")), "12.5", "0.125", "12.5%", 12.5, 1, false},
		{"trailing zeros", metrics.NewPercent(decimal.RequireFromString("5.000")), "5", "0.05", "5%", 5, 1, false},
		{"big", metrics.NewPercent(decimal.New(1, 6)), "1000000", "10000", "1000000%", 1e6, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := struct {
				Points, Fraction, Text string
				Float                  float64
				Sign                   int
				Zero                   bool
			}{tt.p.Points().String(), tt.p.Fraction().String(), tt.p.String(), tt.p.Float64(), tt.p.Sign(), tt.p.IsZero()}
			want := struct {
				Points, Fraction, Text string
				Float                  float64
				Sign                   int
				Zero                   bool
			}{tt.points, tt.fraction, tt.text, tt.float, tt.sign, tt.zero}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPercentCompare(t *testing.T) {
	a, b := metrics.MustParsePercent("5"), metrics.MustParsePercent("5.00")
	if !a.Equal(b) || a.Cmp(b) != 0 {
		t.Errorf("5%% and 5.00%% differ")
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("go-cmp sees a difference between 5%% and 5.00%%:\n%s", diff)
	}
	if metrics.PercentInt(4).Cmp(a) != -1 || metrics.PercentInt(6).Cmp(a) != 1 || metrics.PercentInt(6).Equal(a) {
		t.Errorf("Cmp/Equal disagree with the order")
	}
}

func TestParsePercent(t *testing.T) {
	for _, s := range []string{"5", "5%", "5 %", " -2.5% ", "0.0001", "+7%", "100"} {
		if _, err := metrics.ParsePercent(s); err != nil {
			t.Errorf("ParsePercent(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "%", "five", "5%%", "1e3", "5 5", "0x10", "5E2%", "NaN"} {
		p, err := metrics.ParsePercent(s)
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		if !p.IsZero() {
			t.Errorf("ParsePercent(%q) returned %v with its error", s, p)
		}
	}
}

func TestMustParsePercentPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParsePercent did not panic on bad text")
		}
	}()
	metrics.MustParsePercent("bad")
}

func TestPercentJSON(t *testing.T) {
	type doc struct {
		P metrics.Percent `json:"p"`
	}
	for _, in := range []string{`{"p":5}`, `{"p":"5"}`, `{"p":"5%"}`, `{"p":5.0}`} {
		var d doc
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		if diff := cmp.Diff(metrics.PercentInt(5), d.P); diff != "" {
			t.Errorf("Unmarshal(%s) (-want +got):\n%s", in, diff)
		}
	}
	d := doc{P: metrics.PercentInt(9)}
	if err := json.Unmarshal([]byte(`{"p":null}`), &d); err != nil || !d.P.Equal(metrics.PercentInt(9)) {
		t.Errorf("null changed the value to %v (%v)", d.P, err)
	}
	for _, in := range []string{`{"p":"x"}`, `{"p":true}`, `{"p":"5%"x}`, `{"p":[]}`, `{"p":"\u00zz"}`} {
		var d doc
		err := json.Unmarshal([]byte(in), &d)
		if err == nil {
			t.Errorf("Unmarshal(%s) accepted bad input", in)
		}
	}
	var p metrics.Percent
	testkit.RequireSentinel(t, p.UnmarshalJSON([]byte(`"\x"`)), metrics.ErrInvalid)
	testkit.RequireSentinel(t, p.UnmarshalJSON([]byte(`{}`)), metrics.ErrInvalid)
}

func TestPercentProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := testkit.Percent(-1000, 1000).Draw(t, "p")
		// JSON round trip is exact.
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back metrics.Percent
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(p) {
			t.Fatalf("JSON round trip %v -> %s -> %v (%v)", p, b, back, err)
		}
		// String round trip through ParsePercent is exact.
		if q, err := metrics.ParsePercent(p.String()); err != nil || !q.Equal(p) {
			t.Fatalf("String round trip %v -> %v (%v)", p, q, err)
		}
		// Fraction and points agree exactly: fraction × 100 = points.
		want := new(big.Rat).Mul(p.Fraction().Rat(), big.NewRat(100, 1))
		if want.Cmp(p.Points().Rat()) != 0 {
			t.Fatalf("fraction %v × 100 != points %v", p.Fraction(), p.Points())
		}
		if !metrics.PercentFraction(p.Fraction()).Equal(p) {
			t.Fatalf("PercentFraction(Fraction()) != p for %v", p)
		}
	})
}

func TestPercentIgnoresGlobals(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		p := metrics.NewPercent(decimal.New(12345000, -6))
		b, _ := json.Marshal(p)
		return p.String() + " " + string(b) + " " + metrics.PercentInt(1500).String()
	})
}

func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"5", "5%", "-0.5 %", "", "1e9", "abc", "99999999999999999999999.1%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := metrics.ParsePercent(s)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !errors.Is(err, metrics.ErrInvalid) || !p.IsZero() {
				t.Fatalf("ParsePercent(%q) = %v, %v", s, p, err)
			}
			return
		}
		// What parses, prints and parses back to the same value.
		q, err := metrics.ParsePercent(p.String())
		if err != nil || !q.Equal(p) {
			t.Fatalf("round trip of %q: %v -> %v (%v)", s, p, q, err)
		}
		var back metrics.Percent
		b, _ := p.MarshalJSON()
		if err := back.UnmarshalJSON(b); err != nil || !back.Equal(p) {
			t.Fatalf("JSON round trip of %q: %s -> %v (%v)", s, b, back, err)
		}
	})
}

func TestScaleMatchesDivisionRule(t *testing.T) {
	if metrics.Scale != exact.Scale {
		t.Fatalf("metrics.Scale %d documents a different scale than the division rule's %d", metrics.Scale, exact.Scale)
	}
}
