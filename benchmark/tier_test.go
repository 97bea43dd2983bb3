package benchmark_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
)

func ExampleTier_String() {
	fmt.Println(benchmark.BelowTypical, "<", benchmark.Typical, "<", benchmark.AboveAverage, "<", benchmark.Exceptional)
	fmt.Println(benchmark.Exceptional > benchmark.Typical)
	// Output:
	// below typical < typical < above average < exceptional
	// true
}

func TestTierString(t *testing.T) {
	tests := []struct {
		tier benchmark.Tier
		want string
	}{
		{benchmark.BelowTypical, "below typical"},
		{benchmark.Typical, "typical"},
		{benchmark.AboveAverage, "above average"},
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

// The tiers are ordered from worst to best, one apart.
func TestTierOrder(t *testing.T) {
	order := []benchmark.Tier{benchmark.BelowTypical, benchmark.Typical, benchmark.AboveAverage, benchmark.Exceptional}
	for i, tier := range order {
		if int(tier) != i+1 {
			t.Errorf("%v = %d, want %d", tier, int(tier), i+1)
		}
	}
}
