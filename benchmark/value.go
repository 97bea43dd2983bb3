package benchmark

import (
	"strings"
	"time"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Value is a metric value together with its kind (its [metrics.Unit] and,
// for money, its currency) and, for a rate that depends on the length of the
// period it was measured over, that period ([Value.Per]). A benchmark
// compares a percent only with a percent band, money only with money in the
// same currency, a duration only with a duration band, and a monthly rate
// only with a monthly band. Build one with [Percent], [Money], [Duration] or
// [Number].
//
// The zero Value is no value: a Bound holding it is unbounded. A Value is
// immutable; compare with [Value.Equal] (go-cmp uses it), never with ==.
//
// Its JSON is an object with the keys "unit" (the unit's name in snake_case:
// "percent", "money", "count_per_day"), "amount" (a string holding the exact
// decimal: the points of a percent, the amount of money, the score or count,
// the nanoseconds of a duration), "currency" and "per" (omitted when empty);
// the zero Value is null.
type Value struct {
	set      bool            // false for the zero Value
	bad      bool            // built by Number with a unit it does not take
	unit     metrics.Unit    // the kind
	amount   decimal.Decimal // points, amount, score, count, or nanoseconds
	currency string          // money only
	per      Basis           // the period the value was measured over, if given
}

// Percent returns the value of a rate: churn rate, MRR growth rate, lead
// conversion rate. A rate measured over a period whose length matters (a
// month's churn) says so with [Value.Per]:
//
//	benchmark.Percent(churn).Per(benchmark.Month)
func Percent(p metrics.Percent) Value {
	return Value{set: true, unit: metrics.UnitPercent, amount: p.Points()}
}

// Money returns an amount of money in a currency: CAC, CLTV. The currency is
// a label compared exactly, case included, with the benchmark's: use ISO 4217
// codes ("USD", "EUR"). kpikit never converts currencies; a value in another
// currency than the benchmark's is an error, not a comparison.
func Money(amount decimal.Decimal, currency string) Value {
	return Value{set: true, unit: metrics.UnitMoney, amount: amount, currency: currency}
}

// Duration returns a length of time: average ticket resolution time.
func Duration(d time.Duration) Value {
	return Value{set: true, unit: metrics.UnitDuration, amount: decimal.NewFromInt(int64(d))}
}

// Number returns a plain decimal value of one of the units whose value is a
// bare number: [metrics.UnitScore] (an NPS on −100..100),
// [metrics.UnitRatio], [metrics.UnitMonths], [metrics.UnitDays],
// [metrics.UnitCount], [metrics.UnitCountPerDay] and
// [metrics.UnitCountPerRep], so that a user can benchmark any kpikit metric
// of those units (an NPS, an LTV:CAC ratio, a sales cycle in days).
//
// Percentages, money and durations have their own constructors ([Percent],
// [Money], [Duration]), because a bare number would lose their percent sign,
// their currency or their time unit. For those units, for
// [metrics.UnitMoneyPerDay] (which needs a currency) and for an invalid unit,
// Number returns a value that [New] and [Benchmark.Classify] reject with
// [metrics.ErrInvalid].
func Number(unit metrics.Unit, d decimal.Decimal) Value {
	return Value{set: true, bad: !plainUnit(unit), unit: unit, amount: d}
}

// plainUnit reports whether Number takes unit.
func plainUnit(u metrics.Unit) bool {
	switch u {
	case metrics.UnitScore, metrics.UnitRatio, metrics.UnitMonths, metrics.UnitDays,
		metrics.UnitCount, metrics.UnitCountPerDay, metrics.UnitCountPerRep:
		return true
	}
	return false
}

// supportedUnit reports whether a benchmark can rate values of unit u.
func supportedUnit(u metrics.Unit) bool {
	return u == metrics.UnitPercent || u == metrics.UnitMoney || u == metrics.UnitDuration || plainUnit(u)
}

// Per returns v measured over a period of length b: a month's churn rate is
// Percent(churn).Per(Month). A benchmark whose figures describe a period
// (Spec.Per) rates only values of the same basis; see [Benchmark.Classify].
// Per(0) removes the basis; a b that is none of Month, Quarter and Year
// makes a value that Classify rejects. Per on the zero Value returns the
// zero Value.
func (v Value) Per(b Basis) Value {
	if !v.set {
		return v
	}
	v.per = b
	return v
}

// Decimal returns the value as a decimal: the points of a percent (5 for 5%),
// the amount of money, the score or other number, and the nanoseconds of a
// duration. The zero Value gives 0.
func (v Value) Decimal() decimal.Decimal { return v.amount }

// Equal reports whether v and w are the same value of the same kind and
// basis: Percent 5% equals Percent 5.00%, but not the score 5 nor 5% a
// month, and 700 USD is not 700 EUR.
func (v Value) Equal(w Value) bool {
	return v.set == w.set && v.bad == w.bad && v.unit == w.unit &&
		v.currency == w.currency && v.per == w.per && v.amount.Equal(w.amount)
}

// String formats the value for a report: "20%", "5% a month", "650 USD",
// "50", "4h", "2h30m". Decimals are exact, without trailing zeros. The zero
// Value is "none", and a value Number does not take prints as its bare
// number.
func (v Value) String() string {
	return v.text() + v.per.per()
}

// text is String without the basis.
func (v Value) text() string {
	switch {
	case !v.set:
		return "none"
	case v.bad:
		return exact.Text(v.amount)
	case v.unit == metrics.UnitPercent:
		return exact.Text(v.amount) + "%"
	case v.unit == metrics.UnitMoney && v.currency != "":
		return exact.Text(v.amount) + " " + v.currency
	case v.unit == metrics.UnitDuration:
		return durationText(time.Duration(v.amount.IntPart()))
	}
	return exact.Text(v.amount)
}

// durationText is time.Duration's String without the trailing zero units:
// "4h", "2h30m", "1m", "1.5s".
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// kind names the value's kind for an error message: "percent",
// "money in USD", "money without a currency", "duration".
func (v Value) kind() string {
	if v.unit == metrics.UnitMoney {
		if v.currency == "" {
			return "money without a currency"
		}
		return "money in " + v.currency
	}
	return v.unit.String()
}

// cmp compares two values of the same kind: −1, 0 or +1.
func (v Value) cmp(w Value) int { return v.amount.Cmp(w.amount) }
