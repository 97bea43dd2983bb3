package testkit

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kpikit/kpikit/metrics"
)

type record struct{ Closed time.Time }

type input struct {
	Deals  []record
	Period metrics.Period
	Count  int
}

// fakeTB records a failure instead of stopping the test.
type fakeTB struct{ failed string }

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	if f.failed == "" {
		f.failed = fmt.Sprintf(format, args...)
	}
}

func TestRequireFieldOf(t *testing.T) {
	mk := func(field string, index int) error {
		return &metrics.Error{Metric: "x.F", Field: field, Index: index, Err: metrics.ErrInvalid}
	}
	tests := []struct {
		name string
		err  error
		in   any
		fail string // substring of the failure, "" for success
	}{
		{"plain field", mk("Count", -1), input{}, ""},
		{"nested field", mk("Period.End", -1), input{}, ""},
		{"record field", mk("Deals.Closed", 3), input{}, ""},
		{"pointer input", mk("Count", -1), &input{}, ""},
		{"parameter struct", mk("score", -1), struct{ score int }{}, ""},
		{"slice of values", mk("scores", 2), struct{ scores []int }{}, ""},
		{"a whole slice of values", mk("scores", -1), struct{ scores []int }{}, ""},
		{"a whole slice of records", mk("Deals", -1), input{}, ""},
		{"unknown field", mk("Counts", -1), input{}, `has no field "Counts"`},
		{"unknown record field", mk("Deals.Opened", 1), input{}, `has no field "Opened"`},
		{"through a non-struct", mk("Count.X", -1), input{}, "which has no field"},
		{"slice without index", mk("Deals.Closed", -1), input{}, "Index is -1"},
		{"index outside a slice", mk("Count", 0), input{}, "not in a slice"},
		{"not a kpikit error", fmt.Errorf("plain"), input{}, "not a *metrics.Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f fakeTB
			RequireFieldOf(&f, tt.err, tt.in)
			if tt.fail == "" && f.failed != "" {
				t.Fatalf("failed: %s", f.failed)
			}
			if tt.fail != "" && !strings.Contains(f.failed, tt.fail) {
				t.Fatalf("failure %q, want one containing %q", f.failed, tt.fail)
			}
		})
	}
}
