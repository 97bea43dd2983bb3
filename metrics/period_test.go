package metrics_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

func ExampleMonth() {
	paris, _ := time.LoadLocation("Europe/Paris")
	fmt.Println(metrics.Month(2024, time.March, paris))
	fmt.Println(metrics.Month(2024, 13, nil)) // normalised: January 2025, UTC
	// Output:
	// [2024-03-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00)
	// [2025-01-01T00:00:00Z, 2025-02-01T00:00:00Z)
}

func ExampleQuarter() {
	fmt.Println(metrics.Quarter(2024, 2, time.UTC))
	// Output:
	// [2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z)
}

func ExampleYear() {
	fmt.Println(metrics.Year(2024, time.UTC))
	// Output:
	// [2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z)
}

func ExamplePeriod_Validate() {
	reversed := metrics.Period{Start: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	err := reversed.Validate()
	fmt.Println(errors.Is(err, metrics.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// metrics.Period.Validate: Period.End 2024-01-01T00:00:00Z is not after Period.Start 2024-02-01T00:00:00Z: invalid value
}

func ExamplePeriod_Contains() {
	january := metrics.Month(2024, time.January, time.UTC)
	fmt.Println(january.Contains(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	fmt.Println(january.Contains(time.Date(2024, 1, 31, 23, 59, 59, 0, time.UTC)))
	fmt.Println(january.Contains(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// true
	// true
	// false
}

func ExamplePeriod_String() {
	fmt.Println(metrics.Quarter(2024, 1, time.UTC))
	// Output:
	// [2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z)
}

func TestPeriodConstructors(t *testing.T) {
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		got  metrics.Period
		want metrics.Period
	}{
		{"February of a leap year", metrics.Month(2024, time.February, time.UTC), metrics.Period{Start: utc(2024, 2, 1), End: utc(2024, 3, 1)}},
		{"December ends in the next year", metrics.Month(2024, time.December, nil), metrics.Period{Start: utc(2024, 12, 1), End: utc(2025, 1, 1)}},
		{"month 0 is December before", metrics.Month(2024, 0, nil), metrics.Period{Start: utc(2023, 12, 1), End: utc(2024, 1, 1)}},
		{"Q1", metrics.Quarter(2024, 1, nil), metrics.Period{Start: utc(2024, 1, 1), End: utc(2024, 4, 1)}},
		{"Q4", metrics.Quarter(2024, 4, nil), metrics.Period{Start: utc(2024, 10, 1), End: utc(2025, 1, 1)}},
		{"Q5 is Q1 of the next year", metrics.Quarter(2024, 5, nil), metrics.Period{Start: utc(2025, 1, 1), End: utc(2025, 4, 1)}},
		{"Q0 is Q4 of the year before", metrics.Quarter(2024, 0, nil), metrics.Period{Start: utc(2023, 10, 1), End: utc(2024, 1, 1)}},
		{"year", metrics.Year(2023, nil), metrics.Period{Start: utc(2023, 1, 1), End: utc(2024, 1, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPeriodValidate(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		p    metrics.Period
		ok   bool
	}{
		{"a month", metrics.Month(2024, 1, nil), true},
		{"one nanosecond", metrics.Period{Start: at(1), End: at(1).Add(1)}, true},
		{"zero", metrics.Period{}, false},
		{"empty", metrics.Period{Start: at(2), End: at(2)}, false},
		{"reversed", metrics.Period{Start: at(3), End: at(2)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.ok {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ Period metrics.Period }{})
			var e *metrics.Error
			if !errors.As(err, &e) || !errors.Is(err, metrics.ErrInvalid) || e.Field != "Period.End" {
				t.Fatalf("Validate() = %v, want a *metrics.Error on Period.End wrapping ErrInvalid", err)
			}
		})
	}
}

func TestPeriodJSON(t *testing.T) {
	p := metrics.Month(2024, time.March, time.UTC)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"start":"2024-03-01T00:00:00Z","end":"2024-04-01T00:00:00Z"}`, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back metrics.Period
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Start.Equal(p.Start) || !back.End.Equal(p.End) {
		t.Errorf("round trip gave %v, want %v", back, p)
	}
}

// Consecutive calendar periods tile time: each ends where the next starts, so
// every instant lies in exactly one of them.
func TestPeriodCalendarTiles(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		year := rapid.IntRange(1900, 2200).Draw(t, "year")
		m := rapid.IntRange(-30, 30).Draw(t, "month")
		q := rapid.IntRange(-10, 10).Draw(t, "quarter")
		zones := []string{"UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe"}
		loc, err := time.LoadLocation(zones[rapid.IntRange(0, len(zones)-1).Draw(t, "zone")])
		if err != nil {
			t.Skip("time zone data unavailable")
		}
		for _, pair := range [][2]metrics.Period{
			{metrics.Month(year, time.Month(m), loc), metrics.Month(year, time.Month(m+1), loc)},
			{metrics.Quarter(year, q, loc), metrics.Quarter(year, q+1, loc)},
			{metrics.Year(year, loc), metrics.Year(year+1, loc)},
		} {
			a, b := pair[0], pair[1]
			if a.Validate() != nil || !a.End.Equal(b.Start) {
				t.Fatalf("%v then %v do not tile", a, b)
			}
			if a.Contains(a.End) || !b.Contains(a.End) || !a.Contains(a.End.Add(-1)) {
				t.Fatalf("the boundary %v is not in exactly the later period", a.End)
			}
		}
	})
}
