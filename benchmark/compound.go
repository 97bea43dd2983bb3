package benchmark

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The limits on a rate that CompoundLoss and CompoundGrowth take, so that a
// hostile decimal cannot make them allocate without bound: the exact result
// has n times the digits of the rate, for n periods.
const (
	maxPlaces   = 1000 // digits after the point
	maxExponent = 17   // the rate is below 10^18 points
)

var (
	hundred   = decimal.NewFromInt(100)
	maxPoints = decimal.New(1, maxExponent+1)
)

// CompoundLoss converts a loss rate measured over one period, such as a
// month's churn rate, to the loss over the longer period to, as if the same
// rate applied in each of its n shorter periods (n = 12 from a month to a
// year, 3 from a month to a quarter, 4 from a quarter to a year):
//
//	loss over to = 1 − (1 − v)^n     (v and the result as fractions of 1)
//
// A churn of 5% a month is 1 − 0.95^12 = 45.9639912337363037109375% a year: a
// customer base that loses 5% each month keeps 54% of itself over a year.
// The result is exact, with up to n times the digits after the point of v;
// round it for display. A negative loss (a net MRR churn with more expansion
// than loss) compounds the same way.
//
// Use it for rates of loss: churn rates, gross and net MRR churn. A growth
// rate compounds the other way ([Value.CompoundGrowth]). A retention rate r
// (the share kept, r^n over n periods) is 100% minus a loss: compound the
// loss 100% − r and subtract the result from 100%.
//
// There is no conversion to a shorter period: the n-th root is irrational
// for most rates, and a month's churn is better measured over a month.
//
// CompoundLoss returns an error if:
//   - v is the zero Value or has no basis, or to is not a basis or is
//     shorter than v's basis ([metrics.ErrInvalid])
//   - v is not a percent ([metrics.ErrMismatch])
//   - v is a loss above 100%, or is written with more than 1,000 digits
//     after the point or is 10^18 points or more in size
//     ([metrics.ErrOutOfRange])
func (v Value) CompoundLoss(to Basis) (Value, error) {
	const metric = "benchmark.Value.CompoundLoss"
	n, a, err := compoundable(metric, v, to)
	if err != nil {
		return Value{}, err
	}
	if a.Cmp(hundred) > 0 {
		return Value{}, check.Err(metric, "v", v, metrics.ErrOutOfRange, "is a loss of more than the whole (100%)")
	}
	// In points: 100 − 100 × ((100 − v) / 100)^n.
	kept := pow(hundred.Sub(a), n).Shift(int32(-2 * (n - 1)))
	return Value{set: true, unit: metrics.UnitPercent, amount: hundred.Sub(kept), per: to}, nil
}

// CompoundGrowth converts a growth rate measured over one period, such as a
// month's MRR growth rate, to the growth over the longer period to, as if
// the same rate applied in each of its n shorter periods (n = 12 from a month
// to a year, 3 from a month to a quarter, 4 from a quarter to a year):
//
//	growth over to = (1 + v)^n − 1     (v and the result as fractions of 1)
//
// MRR growth of 2% a month is 1.02^12 − 1 = 26.8241794562545318301696% a year.
// The result is exact, with up to n times the digits after the point of v;
// round it for display. A negative growth (a shrinking MRR) compounds the
// same way.
//
// Use it for rates of growth: MRR growth, revenue growth. A loss rate
// compounds the other way ([Value.CompoundLoss]). There is no conversion to
// a shorter period: the n-th root is irrational for most rates.
//
// CompoundGrowth returns an error if:
//   - v is the zero Value or has no basis, or to is not a basis or is
//     shorter than v's basis ([metrics.ErrInvalid])
//   - v is not a percent ([metrics.ErrMismatch])
//   - v is a growth below −100%, or is written with more than 1,000 digits
//     after the point or is 10^18 points or more in size
//     ([metrics.ErrOutOfRange])
func (v Value) CompoundGrowth(to Basis) (Value, error) {
	const metric = "benchmark.Value.CompoundGrowth"
	n, a, err := compoundable(metric, v, to)
	if err != nil {
		return Value{}, err
	}
	if a.Cmp(hundred.Neg()) < 0 {
		return Value{}, check.Err(metric, "v", v, metrics.ErrOutOfRange, "is a growth below −100%")
	}
	// In points: 100 × ((100 + v) / 100)^n − 100.
	grown := pow(hundred.Add(a), n).Shift(int32(-2 * (n - 1)))
	return Value{set: true, unit: metrics.UnitPercent, amount: grown.Sub(hundred), per: to}, nil
}

// compoundable checks v and to for CompoundLoss and CompoundGrowth and
// returns the number of v's periods in to and v's amount (0 written as 0).
func compoundable(metric string, v Value, to Basis) (int, decimal.Decimal, error) {
	switch {
	case !v.set:
		return 0, v.amount, check.Err(metric, "v", nil, metrics.ErrInvalid, "is the zero Value")
	case v.bad || v.unit != metrics.UnitPercent:
		return 0, v.amount, check.Err(metric, "v", v, metrics.ErrMismatch, "is "+v.kind()+"; only a percent rate compounds")
	case !v.per.valid():
		return 0, v.amount, check.Err(metric, "v", v, metrics.ErrInvalid,
			"has no basis: say which period it was measured over with Value.Per")
	case !to.valid():
		return 0, v.amount, check.Err(metric, "to", to, metrics.ErrInvalid, "is not a basis")
	case to.months() < v.per.months():
		return 0, v.amount, check.Err(metric, "to", to, metrics.ErrInvalid,
			"is shorter than v's "+v.per.String()+": a rate converts exactly only to a longer period")
	}
	n := to.months() / v.per.months()
	a := v.amount
	if a.IsZero() {
		return n, decimal.Zero, nil // 0e2000000000 is 0, without rescaling it
	}
	if a.Exponent() > maxExponent || a.Exponent() < -maxPlaces || a.Abs().Cmp(maxPoints) >= 0 {
		// v is not printed: its digits may be too many to write out.
		return 0, a, check.Err(metric, "v", nil, metrics.ErrOutOfRange,
			"is beyond what compounds exactly: at most 1000 digits after the point, below 10^18 points")
	}
	return n, a, nil
}

// pow returns x^n for n ≥ 1, exactly.
func pow(x decimal.Decimal, n int) decimal.Decimal {
	r := x
	for i := 1; i < n; i++ {
		r = r.Mul(x)
	}
	return r
}
