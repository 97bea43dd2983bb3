package check_test

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/kerr"
	"github.com/shopspring/decimal"
)

// pct is a stand-in for metrics.Percent, which check cannot import.
type pct string

func (p pct) Points() decimal.Decimal { return decimal.RequireFromString(string(p)) }
func (p pct) String() string          { return string(p) + "%" }

type stringer struct{}

func (stringer) String() string { return "str" }

func TestText(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, ""}, {"x", "x"}, {-3, "-3"}, {int64(1 << 40), "1099511627776"}, {2.5, "2.5"}, {math.NaN(), "NaN"},
		{decimal.RequireFromString("12.500"), "12.5"}, {90 * time.Second, "1m30s"},
		{time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), "2024-01-02T03:04:05.000000006Z"},
		{stringer{}, "str"}, {true, "true"}, {[]int{1}, "[1]"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, check.Text(tt.v)); diff != "" {
			t.Errorf("Text(%#v) (-want +got):\n%s", tt.v, diff)
		}
	}
}

func TestErr(t *testing.T) {
	err := check.Err("m.F", "Count", 7, kerr.ErrNegative, "is odd")
	want := kerr.Error{Metric: "m.F", Field: "Count", Index: -1, Value: "7", Detail: "is odd", Err: kerr.ErrNegative}
	if diff := cmp.Diff(want, *err.(*kerr.Error), cmpopts.EquateErrors()); diff != "" {
		t.Errorf("Err (-want +got):\n%s", diff)
	}
	err = check.ErrAt("m.F", "Deals.Closed", 3, decimal.New(5, -1), kerr.ErrInvalid, "")
	want = kerr.Error{Metric: "m.F", Field: "Deals.Closed", Index: 3, Value: "0.5", Err: kerr.ErrInvalid}
	if diff := cmp.Diff(want, *err.(*kerr.Error), cmpopts.EquateErrors()); diff != "" {
		t.Errorf("ErrAt (-want +got):\n%s", diff)
	}
}

func TestChecks(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name string
		err  error
		want string // the message, "" for nil
		is   error
	}{
		{"count ok", check.Count("m", "N", 0), "", nil},
		{"count negative", check.Count("m", "N", -1), "m: N -1 is negative: negative value", kerr.ErrNegative},
		{"amount ok", check.Amount("m", "A", d("0")), "", nil},
		{"amount negative", check.Amount("m", "A", d("-0.50")), "m: A -0.5 is negative: negative value", kerr.ErrNegative},
		{"duration ok", check.Duration("m", "D", 0), "", nil},
		{"duration negative", check.Duration("m", "D", -time.Second), "m: D -1s is negative: negative value", kerr.ErrNegative},
		{"denominator ok", check.Denominator("m", "W", 1), "", nil},
		{"denominator zero", check.Denominator("m", "W", 0), "m: W 0 is zero: undefined for this input", kerr.ErrUndefined},
		{"amount denominator ok", check.DenominatorAmount("m", "W", d("0.01")), "", nil},
		{"amount denominator zero", check.DenominatorAmount("m", "W", d("0.00")), "m: W 0 is zero: undefined for this input", kerr.ErrUndefined},
		{"part ok", check.PartOf("m", "P", 5, "W", 5), "", nil},
		{"part above whole", check.PartOf("m", "P", 6, "W", 5), "m: P 6 exceeds W 5: inconsistent input", kerr.ErrInconsistent},
		{"amount part ok", check.AmountPartOf("m", "P", d("5"), "W", d("5.00")), "", nil},
		{"amount part above whole", check.AmountPartOf("m", "P", d("5.01"), "W", d("5.00")), "m: P 5.01 exceeds W 5: inconsistent input", kerr.ErrInconsistent},
		{"percent 0", check.Percent("m", "R", pct("0")), "", nil},
		{"percent 100", check.Percent("m", "R", pct("100")), "", nil},
		{"percent below 0", check.Percent("m", "R", pct("-0.1")), "m: R -0.1% is outside 0%..100%: out of range", kerr.ErrOutOfRange},
		{"percent above 100", check.Percent("m", "R", pct("100.5")), "m: R 100.5% is outside 0%..100%: out of range", kerr.ErrOutOfRange},
		{"confidence ok", check.Confidence("m", 0.95), "", nil},
		{"confidence 1", check.Confidence("m", 1), "m: confidence 1 is outside (0, 1): out of range", kerr.ErrOutOfRange},
		{"confidence 0", check.Confidence("m", 0), "m: confidence 0 is outside (0, 1): out of range", kerr.ErrOutOfRange},
		{"confidence NaN", check.Confidence("m", math.NaN()), "m: confidence NaN is outside (0, 1): out of range", kerr.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if tt.err != nil {
				got = tt.err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.is != nil && !errors.Is(tt.err, tt.is) {
				t.Errorf("%v does not wrap %v", tt.err, tt.is)
			}
		})
	}
}

func TestFirst(t *testing.T) {
	a, b := fmt.Errorf("a"), fmt.Errorf("b")
	if got := check.First(); got != nil {
		t.Errorf("First() = %v", got)
	}
	if got := check.First(nil, a, b); got != a {
		t.Errorf("First(nil, a, b) = %v", got)
	}
	if got := check.First(nil, nil); got != nil {
		t.Errorf("First(nil, nil) = %v", got)
	}
}
