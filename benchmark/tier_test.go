package benchmark_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleTier_String() {
	fmt.Println(benchmark.WorseThanTypical, "<", benchmark.Typical, "<", benchmark.BetterThanTypical, "<", benchmark.Exceptional)
	fmt.Println(benchmark.Exceptional > benchmark.Typical)
	// Output:
	// worse than typical < typical < better than typical < exceptional
	// true
}

func TestTierString(t *testing.T) {
	tests := []struct {
		tier benchmark.Tier
		want string
	}{
		{benchmark.WorseThanTypical, "worse than typical"},
		{benchmark.Typical, "typical"},
		{benchmark.BetterThanTypical, "better than typical"},
		{benchmark.Exceptional, "exceptional"},
		{0, "Tier(0)"},
		{5, "Tier(5)"},
		{-1, "Tier(-1)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.tier.String()); diff != "" {
			t.Errorf("Tier(%d).String() (-want +got):\n%s", int(tt.tier), diff)
		}
	}
}

func ExampleTier_MarshalText() {
	data, _ := json.Marshal(map[string]benchmark.Tier{"cac": benchmark.WorseThanTypical, "nps": benchmark.BetterThanTypical})
	fmt.Println(string(data))
	// Output: {"cac":"worse_than_typical","nps":"better_than_typical"}
}

func ExampleTier_UnmarshalText() {
	var t benchmark.Tier
	err := t.UnmarshalText([]byte("exceptional"))
	fmt.Println(t, err)
	err = t.UnmarshalText([]byte("below typical"))
	fmt.Println(t, err)
	// Output:
	// exceptional <nil>
	// exceptional benchmark.Tier.UnmarshalText: text "below typical" is not a tier: want "worse_than_typical", "typical", "better_than_typical" or "exceptional": invalid value
}

func TestTierText(t *testing.T) {
	for _, tt := range []struct {
		tier benchmark.Tier
		text string
	}{
		{benchmark.WorseThanTypical, "worse_than_typical"},
		{benchmark.Typical, "typical"},
		{benchmark.BetterThanTypical, "better_than_typical"},
		{benchmark.Exceptional, "exceptional"},
	} {
		got, err := tt.tier.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.text, string(got)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.tier, diff)
		}
		var back benchmark.Tier
		if err := back.UnmarshalText(got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.tier, back); diff != "" {
			t.Errorf("round trip of %v (-want +got):\n%s", tt.tier, diff)
		}
	}
}

func TestTierTextErrors(t *testing.T) {
	for _, tier := range []benchmark.Tier{0, 5, -1} {
		_, err := tier.MarshalText()
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ t benchmark.Tier }{})
	}
	for _, text := range []string{"", "Typical", "typical ", "worse than typical", "below_typical", "above_average", "2"} {
		tier := benchmark.Typical
		err := tier.UnmarshalText([]byte(text))
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ text string }{}) // one text, not a slice of records
		if diff := cmp.Diff(benchmark.Typical, tier); diff != "" {
			t.Errorf("UnmarshalText(%q) changed the tier (-want +got):\n%s", text, diff)
		}
	}
}

// FuzzTierUnmarshalText: any text is a tier that marshals back to it, or
// an ErrInvalid error.
func FuzzTierUnmarshalText(f *testing.F) {
	for _, s := range []string{"typical", "worse_than_typical", "", "exceptional\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var tier benchmark.Tier
		if err := tier.UnmarshalText([]byte(text)); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		back, err := tier.MarshalText()
		if err != nil || string(back) != text {
			t.Fatalf("%q → %v → %q, %v", text, tier, back, err)
		}
	})
}
