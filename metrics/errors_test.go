package metrics_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func ExampleError() {
	_, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 0})
	fmt.Println(err)

	var e *metrics.Error
	if errors.As(err, &e) {
		fmt.Println(e.Metric, e.Field, errors.Is(err, metrics.ErrUndefined))
	}
	// Output:
	// crm.ChurnRate: CustomersAtStart 0 is zero: undefined for this input
	// crm.ChurnRate CustomersAtStart true
}

// An error about a field of one record in a slice names the slice, the
// record's position and the field; Field holds "<slice>.<record field>", so
// the part after the dot is the name of the record's field.
func ExampleError_record() {
	jan := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	deals := []sales.Deal{
		{ID: "D-1", Stage: sales.StageWon, Amount: decimal.NewFromInt(500), Created: jan, Closed: jan.AddDate(0, 0, 9)},
		{ID: "D-2", Stage: sales.StageWon, Amount: decimal.NewFromInt(700), Created: jan.AddDate(0, 1, 0), Closed: jan},
	}
	_, err := sales.DealStatsByOwner(deals, metrics.Quarter(2024, 1, time.UTC))
	fmt.Println(err)

	var e *metrics.Error
	if errors.As(err, &e) {
		_, field, _ := strings.Cut(e.Field, ".")
		fmt.Println(e.Field, e.Index, deals[e.Index].ID, field)
	}
	// Output:
	// sales.DealStatsByOwner: Deals[1].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
	// Deals.Closed 1 D-2 Closed
}

// Map any kpikit error to an outcome by its sentinel.
func Example_sentinels() {
	_, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 10, CustomersLost: -1})
	switch {
	case errors.Is(err, metrics.ErrUndefined):
		fmt.Println("n/a")
	case errors.Is(err, metrics.ErrNegative), errors.Is(err, metrics.ErrInconsistent):
		fmt.Println("bad data:", err)
	}
	// Output: bad data: crm.ChurnRate: CustomersLost -1 is negative: negative value
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *metrics.Error
		want string
	}{
		{"full", &metrics.Error{Metric: "crm.X", Field: "F", Index: -1, Value: "7", Detail: "is odd", Err: metrics.ErrInvalid},
			"crm.X: F 7 is odd: invalid value"},
		{"index", &metrics.Error{Metric: "crm.X", Field: "Scores", Index: 3, Value: "11", Detail: "is off the scale", Err: metrics.ErrOutOfRange},
			"crm.X: Scores[3] 11 is off the scale: out of range"},
		{"record field", &metrics.Error{Metric: "sales.X", Field: "Deals.Closed", Index: 3, Value: "2024-01-01T00:00:00Z", Detail: "is before Created 2024-02-01T00:00:00Z", Err: metrics.ErrInconsistent},
			"sales.X: Deals[3].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input"},
		{"record field, no value", &metrics.Error{Metric: "crm.X", Field: "Subscriptions.CustomerID", Index: 0, Detail: "is empty", Err: metrics.ErrInvalid},
			"crm.X: Subscriptions[0].CustomerID is empty: invalid value"},
		{"record field without index", &metrics.Error{Metric: "crm.X", Field: "Deals.Closed", Index: -1, Err: metrics.ErrInvalid},
			"crm.X: Deals.Closed: invalid value"},
		{"index 0 of a plain slice", &metrics.Error{Metric: "crm.X", Field: "scores", Index: 0, Value: "-1", Err: metrics.ErrOutOfRange},
			"crm.X: scores[0] -1: out of range"},
		{"no value or detail", &metrics.Error{Metric: "crm.X", Field: "Answers", Index: -1, Err: metrics.ErrUndefined},
			"crm.X: Answers: undefined for this input"},
		{"no sentinel", &metrics.Error{Metric: "crm.X", Field: "F", Index: -1, Value: "1"},
			"crm.X: F 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// The sentinels are distinct, read differently, and match through any
// wrapping; the internal packages build the very same Error type and
// sentinel values that package metrics exports.
func TestSentinels(t *testing.T) {
	all := []error{metrics.ErrNegative, metrics.ErrUndefined, metrics.ErrInconsistent, metrics.ErrOutOfRange,
		metrics.ErrMismatch, metrics.ErrInvalid, metrics.ErrNotConverged}
	seen := map[string]bool{}
	for i, s := range all {
		wrapped := fmt.Errorf("context: %w", &metrics.Error{Metric: "m", Field: "f", Index: -1, Err: s})
		for j, other := range all {
			if got := errors.Is(wrapped, other); got != (i == j) {
				t.Errorf("errors.Is(%v, %v) = %v", wrapped, other, got)
			}
		}
		if seen[s.Error()] {
			t.Errorf("two sentinels read %q", s.Error())
		}
		seen[s.Error()] = true
	}
	// An error built below metrics (by the internal check package, through
	// Percent's parser) is a *metrics.Error with a metrics sentinel.
	_, err := metrics.ParsePercent("x")
	var e *metrics.Error
	if !errors.As(err, &e) || e.Err != metrics.ErrInvalid || !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("ParsePercent's error %#v is not a *metrics.Error wrapping ErrInvalid", err)
	}
}
