package benchmark

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// maxJSONExponent bounds the exponent of an amount UnmarshalJSON takes, so
// that hostile JSON cannot make a later comparison or String allocate
// without bound.
const maxJSONExponent = 1000

// valueJSON is the JSON form of a Value.
type valueJSON struct {
	Unit     string          `json:"unit"`
	Amount   json.RawMessage `json:"amount"`
	Currency string          `json:"currency,omitempty"`
	Per      Basis           `json:"per,omitempty"`
}

// MarshalJSON encodes v as {"unit": ..., "amount": "...", "currency": ...,
// "per": ...}, with the exact amount as a JSON string, whatever
// shopspring/decimal's MarshalJSONWithoutQuotes says; the zero Value is null.
// It returns an error wrapping [metrics.ErrInvalid] for a Value [Number]
// does not take, or a Value whose basis is not a [Basis].
func (v Value) MarshalJSON() ([]byte, error) {
	const metric = "benchmark.Value.MarshalJSON"
	switch {
	case !v.set:
		return []byte("null"), nil
	case v.bad:
		return nil, check.Err(metric, "v", v, metrics.ErrInvalid,
			"is a Number of unit "+v.unit.String()+", which Number does not take")
	case v.per != 0 && !v.per.valid():
		return nil, check.Err(metric, "v", v, metrics.ErrInvalid, "has a basis that is not a Basis")
	}
	return json.Marshal(valueJSON{
		Unit:     unitText(v.unit),
		Amount:   json.RawMessage(strconv.Quote(exact.Text(v.amount))),
		Currency: v.currency,
		Per:      v.per,
	})
}

// UnmarshalJSON decodes a Value as MarshalJSON encodes it; the amount may be
// a JSON string or number. null is the zero Value. On error v is left
// unchanged.
//
// UnmarshalJSON returns an error wrapping [metrics.ErrInvalid] if data is
// not such an object, names a unit a benchmark does not rate, holds an
// amount that is not a decimal, or whose exponent is beyond ±1000 (1e2000
// would take 2000 digits to compare or print), or for a duration an amount
// that is not a whole number of nanoseconds within int64, a currency on a
// value that is not money, or a "per" that is not a basis.
func (v *Value) UnmarshalJSON(data []byte) error {
	const metric = "benchmark.Value.UnmarshalJSON"
	if string(bytes.TrimSpace(data)) == "null" {
		*v = Value{}
		return nil
	}
	var j valueJSON
	if err := json.Unmarshal(data, &j); err != nil {
		detail := err.Error()
		var e *metrics.Error
		if errors.As(err, &e) { // from Basis.UnmarshalText
			detail = "\"per\" " + e.Value + " " + e.Detail
		}
		return check.Err(metric, "data", nil, metrics.ErrInvalid, "is not a benchmark value: "+detail)
	}
	u, ok := parseUnit(j.Unit)
	if !ok {
		return check.Err(metric, "data", strconv.Quote(j.Unit), metrics.ErrInvalid, "names no unit a benchmark rates")
	}
	text := string(j.Amount)
	if s, err := strconv.Unquote(text); err == nil {
		text = s
	}
	amount, err := decimal.NewFromString(text)
	if err != nil || strings.ContainsAny(text, " \t\n") {
		return check.Err(metric, "data", string(j.Amount), metrics.ErrInvalid, "has an amount that is not a decimal")
	}
	if amount.IsZero() {
		amount = decimal.Zero // 0e2000000000 is 0
	}
	if e := amount.Exponent(); e > maxJSONExponent || e < -maxJSONExponent {
		// Comparing or printing it would allocate 10^|e| digits.
		return check.Err(metric, "data", nil, metrics.ErrInvalid,
			"has an amount with an exponent beyond ±1000: too many digits to compare or print")
	}
	if u == metrics.UnitDuration && !wholeInt64(amount) {
		return check.Err(metric, "data", string(j.Amount), metrics.ErrInvalid,
			"has a duration that is not a whole number of nanoseconds within int64")
	}
	if u != metrics.UnitMoney && j.Currency != "" {
		return check.Err(metric, "data", strconv.Quote(j.Currency), metrics.ErrInvalid,
			"has a currency on a "+u.String()+" value")
	}
	*v = Value{set: true, unit: u, amount: amount, currency: j.Currency, per: j.Per}
	return nil
}

// wholeInt64 reports whether d is a whole number within int64, checking the
// exponent first so that a hostile exponent costs nothing.
func wholeInt64(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	if d.Exponent() > 18 || d.Exponent() < -18 {
		return false
	}
	if !d.Equal(d.Truncate(0)) {
		return false
	}
	return d.Cmp(decimal.NewFromInt(math.MaxInt64)) <= 0 && d.Cmp(decimal.NewFromInt(math.MinInt64)) >= 0
}

// unitText is the unit's name in snake_case: "percent", "count_per_day".
func unitText(u metrics.Unit) string { return strings.ReplaceAll(u.String(), " ", "_") }

// parseUnit returns the unit a benchmark rates whose unitText is s.
func parseUnit(s string) (metrics.Unit, bool) {
	for u := metrics.Unit(1); !strings.HasPrefix(u.String(), "Unit("); u++ {
		if unitText(u) == s && supportedUnit(u) {
			return u, true
		}
	}
	return 0, false
}
