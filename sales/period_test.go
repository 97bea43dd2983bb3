package sales_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/sales"
	"pgregory.net/rapid"
)

func ExamplePeriod_Contains() {
	january := sales.Period{
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
	}
	fmt.Println(january.Contains(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	fmt.Println(january.Contains(time.Date(2024, 1, 31, 23, 59, 59, 0, time.UTC)))
	fmt.Println(january.Contains(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// true
	// true
	// false
}

func ExamplePeriod_String() {
	q1 := sales.Period{
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC),
	}
	fmt.Println(q1)
	// Output:
	// [2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z)
}

func TestPeriodContains(t *testing.T) {
	tests := []struct {
		name string
		p    sales.Period
		t    time.Time
		want bool
	}{
		{"start is in", january, at(0), true},
		{"inside", january, at(15), true},
		{"last nanosecond is in", january, at(31).Add(-1), true},
		{"end is out", january, at(31), false},
		{"before start", january, at(0).Add(-1), false},
		{"other zone, same instant as start", january, at(0).In(time.FixedZone("CET", 3600)), true},
		{"zero period contains nothing", sales.Period{}, time.Time{}, false},
		{"reversed period contains nothing", sales.Period{Start: at(31), End: at(0)}, at(15), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.p.Contains(tt.t)); diff != "" {
				t.Errorf("%v.Contains(%v) (-want +got):\n%s", tt.p, tt.t, diff)
			}
		})
	}
}

func TestPeriodString(t *testing.T) {
	p := sales.Period{Start: at(0).Add(1500 * time.Millisecond), End: at(1).In(time.FixedZone("", 3600))}
	want := "[2024-01-01T00:00:01.5Z, 2024-01-02T01:00:00+01:00)"
	if diff := cmp.Diff(want, p.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

func TestPeriodProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Two consecutive periods: every instant of [a, c) is in exactly one of
		// [a, b) and [b, c).
		a := at(rapid.IntRange(-30, 30).Draw(t, "a"))
		b := a.Add(time.Duration(rapid.IntRange(1, 1000).Draw(t, "ab")) * time.Hour)
		c := b.Add(time.Duration(rapid.IntRange(1, 1000).Draw(t, "bc")) * time.Hour)
		x := a.Add(time.Duration(rapid.Int64Range(-int64(100*time.Hour), int64(c.Sub(a)+100*time.Hour)).Draw(t, "x")))
		first, second, whole := sales.Period{Start: a, End: b}, sales.Period{Start: b, End: c}, sales.Period{Start: a, End: c}
		if first.Contains(x) && second.Contains(x) {
			t.Fatalf("%v is in both %v and %v", x, first, second)
		}
		if whole.Contains(x) != (first.Contains(x) || second.Contains(x)) {
			t.Fatalf("%v: whole %v, parts %v %v", x, whole.Contains(x), first.Contains(x), second.Contains(x))
		}
	})
}
