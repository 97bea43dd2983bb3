package kerr_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/kerr"
)

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *kerr.Error
		want string
	}{
		{"field", &kerr.Error{Metric: "crm.X", Field: "F", Index: -1, Value: "7", Detail: "is odd", Err: kerr.ErrInvalid},
			"crm.X: F 7 is odd: invalid value"},
		{"plain slice", &kerr.Error{Metric: "crm.X", Field: "scores", Index: 3, Value: "11", Err: kerr.ErrOutOfRange},
			"crm.X: scores[3] 11: out of range"},
		{"record field", &kerr.Error{Metric: "sales.X", Field: "Deals.Closed", Index: 0, Detail: "is zero", Err: kerr.ErrUndefined},
			"sales.X: Deals[0].Closed is zero: undefined for this input"},
		{"no sentinel", &kerr.Error{Metric: "m", Field: "f", Index: -1}, "m: f"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestUnwrap(t *testing.T) {
	sentinels := []error{kerr.ErrNegative, kerr.ErrUndefined, kerr.ErrInconsistent, kerr.ErrOutOfRange,
		kerr.ErrMismatch, kerr.ErrInvalid, kerr.ErrNotConverged}
	for i, s := range sentinels {
		err := error(&kerr.Error{Metric: "m", Field: "f", Index: -1, Err: s})
		for j, o := range sentinels {
			if errors.Is(err, o) != (i == j) {
				t.Errorf("errors.Is(%v, %v) = %v", err, o, !(i == j))
			}
		}
	}
	if kerr.Scale != 10 {
		t.Errorf("Scale = %d; the documentation of metrics.Scale, and every rounded result, says 10", kerr.Scale)
	}
}
