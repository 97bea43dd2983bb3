// Package check builds kpikit's structured errors and holds the input checks
// that every metric repeats (non-negative counts, non-zero denominators, parts
// within their whole), so each metric states its rules in a few lines and
// every message reads the same.
package check

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/kerr"
	"github.com/shopspring/decimal"
)

// Err returns a *metrics.Error (a kerr.Error) about a field (no slice index).
func Err(metric, field string, value any, sentinel error, detail string) error {
	return &kerr.Error{Metric: metric, Field: field, Index: -1, Value: Text(value), Detail: detail, Err: sentinel}
}

// ErrAt returns a *metrics.Error (a kerr.Error) about element index of a
// slice field.
func ErrAt(metric, field string, index int, value any, sentinel error, detail string) error {
	return &kerr.Error{Metric: metric, Field: field, Index: index, Value: Text(value), Detail: detail, Err: sentinel}
}

// Text formats a value for an error message, without shopspring's globals.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case decimal.Decimal:
		return exact.Text(x)
	case time.Duration:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// Count reports ErrNegative if the count v is negative.
func Count(metric, field string, v int) error {
	if v < 0 {
		return Err(metric, field, v, kerr.ErrNegative, "is negative")
	}
	return nil
}

// Amount reports ErrNegative if the amount v is negative.
func Amount(metric, field string, v decimal.Decimal) error {
	if v.Sign() < 0 {
		return Err(metric, field, v, kerr.ErrNegative, "is negative")
	}
	return nil
}

// Duration reports ErrNegative if d is negative.
func Duration(metric, field string, d time.Duration) error {
	if d < 0 {
		return Err(metric, field, d, kerr.ErrNegative, "is negative")
	}
	return nil
}

// Denominator reports ErrUndefined if the count v, used as a denominator, is
// zero. Check the sign first with Count.
func Denominator(metric, field string, v int) error {
	if v == 0 {
		return Err(metric, field, v, kerr.ErrUndefined, "is zero")
	}
	return nil
}

// DenominatorAmount reports ErrUndefined if the amount v, used as a
// denominator, is zero.
func DenominatorAmount(metric, field string, v decimal.Decimal) error {
	if v.IsZero() {
		return Err(metric, field, v, kerr.ErrUndefined, "is zero")
	}
	return nil
}

// PartOf reports ErrInconsistent if the count part exceeds whole.
func PartOf(metric, partField string, part int, wholeField string, whole int) error {
	if part > whole {
		return Err(metric, partField, part, kerr.ErrInconsistent,
			"exceeds "+wholeField+" "+strconv.Itoa(whole))
	}
	return nil
}

// AmountPartOf reports ErrInconsistent if the amount part exceeds whole.
func AmountPartOf(metric, partField string, part decimal.Decimal, wholeField string, whole decimal.Decimal) error {
	if part.Cmp(whole) > 0 {
		return Err(metric, partField, part, kerr.ErrInconsistent,
			"exceeds "+wholeField+" "+exact.Text(whole))
	}
	return nil
}

var hundred = decimal.NewFromInt(100)

// Points is what check needs of a metrics.Percent, which it cannot name:
// package metrics imports check.
type Points interface {
	Points() decimal.Decimal
	String() string
}

// Percent reports ErrOutOfRange if p is outside 0%..100%.
func Percent[P Points](metric, field string, p P) error {
	if v := p.Points(); v.Sign() < 0 || v.Cmp(hundred) > 0 {
		return Err(metric, field, p, kerr.ErrOutOfRange, "is outside 0%..100%")
	}
	return nil
}

// Confidence reports ErrOutOfRange unless the confidence level c lies
// strictly between 0 and 1 (NaN included).
func Confidence(metric string, c float64) error {
	if !(c > 0 && c < 1) {
		return Err(metric, "confidence", c, kerr.ErrOutOfRange, "is outside (0, 1)")
	}
	return nil
}

// First returns the first non-nil error, so a metric lists its checks in
// order: return check.First(check.Count(...), check.Denominator(...)).
func First(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
