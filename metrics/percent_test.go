package metrics_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// A fraction (0.05 for 5%) becomes a Percent by shifting its point two
// places, which is exact.
func ExampleNewPercent_fraction() {
	p := metrics.NewPercent(decimal.RequireFromString("0.05").Shift(2))
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
	fmt.Println(third.Points().Round(2)) // a rounded value to compute with
	// Output:
	// 33.3333333333%
	// 33.3%
	// 33.33
}

func ExamplePercent_Cmp() {
	rates := []metrics.Percent{metrics.MustParsePercent("5.5"), metrics.PercentInt(3), metrics.PercentInt(12)}
	slices.SortFunc(rates, metrics.Percent.Cmp)
	fmt.Println(rates)
	// Output: [3% 5.5% 12%]
}

func ExamplePercent_MarshalText() {
	b, _ := metrics.MustParsePercent("12.50%").MarshalText()
	fmt.Println(string(b))

	var p metrics.Percent
	err := p.UnmarshalText([]byte("7.5%"))
	fmt.Println(p, err)
	// Output:
	// 12.5
	// 7.5% <nil>
}

func ExamplePercent_MarshalJSON() {
	b, _ := json.Marshal(struct {
		Churn metrics.Percent `json:"churn"`
	}{metrics.PercentInt(5)})
	fmt.Println(string(b))

	var back struct {
		Churn metrics.Percent `json:"churn"`
	}
	_ = json.Unmarshal([]byte(`{"churn":7.5}`), &back) // a number is accepted too
	fmt.Println(back.Churn)
	// Output:
	// {"churn":"5"}
	// 7.5%
}

func TestPercentAccessors(t *testing.T) {
	tests := []struct {
		name             string
		p                metrics.Percent
		points, fraction string
		text, fixed1     string
	}{
		{"zero value", metrics.Percent{}, "0", "0", "0%", "0.0%"},
		{"int", metrics.PercentInt(80), "80", "0.8", "80%", "80.0%"},
		{"negative", metrics.PercentInt(-3), "-3", "-0.03", "-3%", "-3.0%"},
		{"fraction", metrics.NewPercent(decimal.RequireFromString("0.125").Shift(2)), "12.5", "0.125", "12.5%", "12.5%"},
		{"trailing zeros", metrics.NewPercent(decimal.RequireFromString("5.000")), "5", "0.05", "5%", "5.0%"},
		{"half away from zero", metrics.NewPercent(decimal.RequireFromString("-0.25")), "-0.25", "-0.0025", "-0.25%", "-0.3%"},
		{"big", metrics.NewPercent(decimal.New(1, 6)), "1000000", "10000", "1000000%", "1000000.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{tt.p.Points().String(), tt.p.Fraction().String(), tt.p.String(), tt.p.StringFixed(1)}
			want := []string{tt.points, tt.fraction, tt.text, tt.fixed1}
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
		if !p.Equal(metrics.Percent{}) {
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
	for _, tt := range []struct{ in, want string }{
		{`{"p":5}`, "5"}, {`{"p":"5"}`, "5"}, {`{"p":"5%"}`, "5"}, {`{"p":5.0}`, "5"},
		{`{"p": -12.5 }`, "-12.5"}, {`{"p":1.25e1}`, "12.5"}, {`{"p":125E-1}`, "12.5"}, {`{"p":" 7 % "}`, "7"},
	} {
		var d doc
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tt.in, err)
		}
		if diff := cmp.Diff(metrics.MustParsePercent(tt.want), d.P); diff != "" {
			t.Errorf("Unmarshal(%s) (-want +got):\n%s", tt.in, diff)
		}
	}
	d := doc{P: metrics.PercentInt(9)}
	if err := json.Unmarshal([]byte(`{"p":null}`), &d); err != nil || !d.P.Equal(metrics.PercentInt(9)) {
		t.Errorf("null changed the value to %v (%v)", d.P, err)
	}
	for _, tt := range []struct {
		p    metrics.Percent
		want string
	}{
		{metrics.Percent{}, `"0"`}, {metrics.PercentInt(5), `"5"`}, {metrics.MustParsePercent("-12.50"), `"-12.5"`},
		{metrics.NewPercent(decimal.New(15, 3)), `"15000"`}, {metrics.NewPercent(decimal.New(1, -12)), `"0.000000000001"`},
	} {
		b, err := json.Marshal(tt.p)
		if diff := cmp.Diff(tt.want, string(b)); diff != "" || err != nil {
			t.Errorf("Marshal(%v) (-want +got):\n%s (%v)", tt.p, diff, err)
		}
	}
	var p metrics.Percent
	for _, in := range []string{`"x"`, `true`, `"5%"x`, `[]`, `"\u00zz"`, `"\x"`, `{}`, ``, `1e9999`, `5 5`, `"1e3"`, `--5`, `0x10`} {
		err := p.UnmarshalJSON([]byte(in))
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ data []byte }{})
		if !p.Equal(metrics.Percent{}) {
			t.Fatalf("UnmarshalJSON(%s) changed p to %v with its error", in, p)
		}
	}
}

func TestPercentText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"5", "5"}, {"5%", "5"}, {"12.50 %", "12.5"}, {"-0.001", "-0.001"}, {"0", "0"},
	} {
		var p metrics.Percent
		if err := p.UnmarshalText([]byte(tt.in)); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", tt.in, err)
		}
		b, err := p.MarshalText()
		if diff := cmp.Diff(tt.want, string(b)); diff != "" || err != nil {
			t.Errorf("text of %q (-want +got):\n%s (%v)", tt.in, diff, err)
		}
	}
	for _, in := range []string{"", "%", "x", "1e3", "5%%", strings.Repeat("9", 45) + "x"} {
		p := metrics.PercentInt(3)
		err := p.UnmarshalText([]byte(in))
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ text []byte }{})
		if !p.Equal(metrics.PercentInt(3)) {
			t.Errorf("UnmarshalText(%q) changed p to %v with its error", in, p)
		}
	}
	// As a map key, a Percent is its text.
	b, err := json.Marshal(map[metrics.Percent]int{metrics.PercentInt(5): 1})
	if diff := cmp.Diff(`{"5":1}`, string(b)); diff != "" || err != nil {
		t.Errorf("map key (-want +got):\n%s (%v)", diff, err)
	}
}

func TestParsePercentErrorField(t *testing.T) {
	_, err := metrics.ParsePercent("five")
	testkit.RequireFieldOf(t, err, struct{ s string }{})
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
		if !metrics.NewPercent(p.Fraction().Shift(2)).Equal(p) {
			t.Fatalf("NewPercent(Fraction().Shift(2)) != p for %v", p)
		}
		// Text round trip is exact.
		text, _ := p.MarshalText()
		var q metrics.Percent
		if err := q.UnmarshalText(text); err != nil || !q.Equal(p) {
			t.Fatalf("text round trip %v -> %s -> %v (%v)", p, text, q, err)
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
			if !errors.Is(err, metrics.ErrInvalid) || !p.Equal(metrics.Percent{}) {
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

func FuzzPercentUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`5`, `"5%"`, `-0.5`, `1e3`, `1e99999`, `"x"`, `null`, `{}`, `"12.5"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p metrics.Percent
		if err := p.UnmarshalJSON(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			if !p.Equal(metrics.Percent{}) {
				t.Fatalf("UnmarshalJSON(%q) set %v with its error", data, p)
			}
			return
		}
		// What decodes encodes as a JSON string and decodes back to it.
		b, err := json.Marshal(p)
		var back metrics.Percent
		if err != nil || back.UnmarshalJSON(b) != nil || !back.Equal(p) || b[0] != '"' {
			t.Fatalf("round trip of %q: %v -> %s -> %v (%v)", data, p, b, back, err)
		}
	})
}

func FuzzPercentUnmarshalText(f *testing.F) {
	for _, s := range []string{"5", "5%", "-0.5 %", "", "1e9", "abc"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		var p metrics.Percent
		if err := p.UnmarshalText(text); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		b, _ := p.MarshalText()
		var back metrics.Percent
		if err := back.UnmarshalText(b); err != nil || !back.Equal(p) {
			t.Fatalf("round trip of %q: %v -> %s -> %v (%v)", text, p, b, back, err)
		}
	})
}
