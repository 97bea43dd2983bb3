package crm

import (
	"math"
	"math/bits"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// BillingInterval is how often a subscription bills its Amount. The zero
// value is not an interval. In text and JSON it is "weekly", "monthly",
// "quarterly" or "yearly".
type BillingInterval int

// The billing intervals, and the rule that turns an amount billed at each of
// them into monthly recurring revenue (see [Subscription.MRR]).
const (
	BillingWeekly    BillingInterval = iota + 1 // billed every week: MRR = Amount × 52 / 12
	BillingMonthly                              // billed every month: MRR = Amount
	BillingQuarterly                            // billed every three months: MRR = Amount / 3
	BillingYearly                               // billed every year: MRR = Amount / 12
)

// billingNames are the texts of the billing intervals, by value.
var billingNames = [...]string{BillingWeekly: "weekly", BillingMonthly: "monthly",
	BillingQuarterly: "quarterly", BillingYearly: "yearly"}

// String returns "weekly", "monthly", "quarterly", "yearly" or
// "BillingInterval(n)" for a value that is not a billing interval.
func (b BillingInterval) String() string {
	if b.valid() {
		return billingNames[b]
	}
	return "BillingInterval(" + strconv.Itoa(int(b)) + ")"
}

// valid reports whether b is one of the billing intervals.
func (b BillingInterval) valid() bool { return b >= BillingWeekly && b <= BillingYearly }

// MarshalText implements [encoding.TextMarshaler]: the text is the one
// [BillingInterval.String] returns, "weekly", "monthly", "quarterly" or
// "yearly", so a [Subscription] reads {"interval": "monthly"} in JSON.
//
// MarshalText returns an error if:
//   - b is not a billing interval ([metrics.ErrInvalid])
func (b BillingInterval) MarshalText() ([]byte, error) {
	if !b.valid() {
		return nil, check.Err("crm.BillingInterval.MarshalText", "BillingInterval", b, metrics.ErrInvalid, notAnInterval)
	}
	return []byte(billingNames[b]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads the texts
// [BillingInterval.MarshalText] writes, exactly (lower case).
//
// UnmarshalText returns an error if:
//   - text is not "weekly", "monthly", "quarterly" or "yearly"
//     ([metrics.ErrInvalid]); b is then unchanged
func (b *BillingInterval) UnmarshalText(text []byte) error {
	for v := BillingWeekly; v <= BillingYearly; v++ {
		if string(text) == billingNames[v] {
			*b = v
			return nil
		}
	}
	return check.Err("crm.BillingInterval.UnmarshalText", "text", strconv.Quote(string(text)), metrics.ErrInvalid,
		"is not weekly, monthly, quarterly or yearly")
}

// monthlyFactor returns the fraction num/den that turns an amount billed at
// interval b into a monthly amount, in lowest terms (52/12 is 13/3), and
// false for an invalid interval.
func (b BillingInterval) monthlyFactor() (num, den int64, ok bool) {
	switch b {
	case BillingWeekly:
		return 13, 3, true
	case BillingMonthly:
		return 1, 1, true
	case BillingQuarterly:
		return 1, 3, true
	case BillingYearly:
		return 1, 12, true
	}
	return 0, 0, false
}

// Subscription is one subscription record: what a customer pays, how often,
// in which currency, and when the subscription was active. A customer may
// hold several subscriptions, in sequence (a plan change ends one record and
// starts another) or at the same time (add-ons). [MRRLedger] adds them up.
//
// In JSON its keys are snake_case: {"customer_id", "amount", "interval",
// "start", "end", "currency"}, with the amount as a string ("49.90") and the
// interval as text ("monthly"); an End that is the zero time is left out.
type Subscription struct {
	// CustomerID identifies the paying customer (the account). Records with
	// the same CustomerID belong to the same customer; it must not be empty.
	CustomerID string `json:"customer_id"`
	// Amount is the recurring amount billed per Interval, in Currency, ≥ 0,
	// without one-off fees. A free plan has an Amount of zero.
	Amount decimal.Decimal `json:"amount"`
	// Interval is how often Amount is billed.
	Interval BillingInterval `json:"interval"`
	// Start is the instant from which the subscription is active. It must be
	// set.
	Start time.Time `json:"start"`
	// End is the instant the subscription stopped being active, or the zero
	// time.Time while it is still active. The subscription is active on
	// [Start, End): at Start, not at End. End equal to Start is a
	// subscription that was never active.
	End time.Time `json:"end,omitzero"`
	// Currency is the ISO 4217 code of Amount's currency, three capital
	// letters ("EUR", "USD").
	Currency string `json:"currency"`
}

// MRR returns the monthly recurring revenue of the subscription, in its
// Currency: its Amount normalised from its billing interval to a month, with
// 52/12 weeks to a month, 3 months to a quarter and 12 to a year:
//
//	weekly     MRR = Amount × 52 / 12
//	monthly    MRR = Amount
//	quarterly  MRR = Amount / 3
//	yearly     MRR = Amount / 12
//
// The result is money per month, exact when the quotient terminates and
// otherwise rounded once, half away from zero, at [metrics.Scale] digits: 10 a
// week is 43.3333333333 a month, 120 a year is exactly 10. A month counts
// 52/12 weeks (4.33...), not 4, since a year has 12 months and, leaving out
// its extra day or two, 52 weeks; 4 weeks to a month would understate weekly
// plans by 1/13. MRR does not look at Start and End: it is the
// subscription's MRR while it is active.
//
// MRR returns an error if:
//   - Amount is negative ([metrics.ErrNegative])
//   - Interval is not one of the billing intervals ([metrics.ErrInvalid])
func (s Subscription) MRR() (decimal.Decimal, error) {
	const metric = "crm.Subscription.MRR"
	if err := check.Amount(metric, "Amount", s.Amount); err != nil {
		return decimal.Decimal{}, err
	}
	num, den, ok := s.Interval.monthlyFactor()
	if !ok {
		return decimal.Decimal{}, check.Err(metric, "Interval", s.Interval, metrics.ErrInvalid, notAnInterval)
	}
	return normalisedMRR(s.Amount, decimal.NewFromInt(1), num, den), nil
}

// notAnInterval is the detail of an invalid BillingInterval.
const notAnInterval = "is not a billing interval"

// normalisedMRR returns amount × rate × num / den, rounded once by the rule
// of exact.Quo. Both the fast and the exact path of [MRRLedger.Add] agree
// with it.
func normalisedMRR(amount, rate decimal.Decimal, num, den int64) decimal.Decimal {
	v := amount.Mul(rate)
	if num != 1 {
		v = v.Mul(decimal.NewFromInt(num))
	}
	if den == 1 {
		return v
	}
	return exact.Quo(v, decimal.NewFromInt(den))
}

// mrrUnitExp is the exponent of the fast path's fixed-point unit: amounts are
// held as whole multiples of 10^−10, [metrics.Scale] digits after the point.
const mrrUnitExp = -metrics.Scale

// pow10u holds 10^0 .. 10^19, every power of ten a uint64 holds.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// coef64 returns d's coefficient and exponent when the coefficient is ≥ 0 and
// fits 18 digits, without allocating.
func coef64(d decimal.Decimal) (uint64, int32, bool) {
	if d.Sign() < 0 || d.NumDigits() > 18 {
		return 0, 0, false
	}
	return uint64(d.CoefficientInt64()), d.Exponent(), true
}

// fastUnits returns (ac × 10^ae) × (rc × 10^re) × num / den in units of
// 10^−10, rounded as normalisedMRR rounds, and false when the fast path
// cannot represent it: a product beyond 64 bits, or a quotient that
// terminates with more than 10 digits after the point (normalisedMRR keeps
// those digits). den is 1, 3 or 12.
func fastUnits(ac uint64, ae int32, rc uint64, re int32, num, den int64) (uint64, bool) {
	hi, c := bits.Mul64(ac, rc)
	if hi != 0 {
		return 0, false
	}
	if hi, c = bits.Mul64(c, uint64(num)); hi != 0 {
		return 0, false
	}
	// value × 10^10 = c × 10^e / den = (nhi, nlo) / d, in 128 bits.
	e := int64(ae) + int64(re) - mrrUnitExp
	nhi, nlo, d := uint64(0), c, uint64(den)
	switch {
	case e > 19:
		return 0, false
	case e > 0:
		nhi, nlo = bits.Mul64(c, pow10u[e])
	case e < -18:
		return 0, false
	case e < 0:
		d *= pow10u[-e] // at most 12 × 10^18 < 2^64
	}
	if nhi >= d {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(nhi, nlo, d)
	if r == 0 {
		return q, true
	}
	// c / den terminates unless den keeps its factor 3 after reduction; a
	// terminating quotient with a remainder has more than 10 digits.
	if den == 1 || c%3 == 0 {
		return 0, false
	}
	// Not terminating: round half away from zero (a tie is impossible).
	if r >= d-r {
		if q == math.MaxUint64 {
			return 0, false
		}
		q++
	}
	return q, true
}

// validCurrency reports whether c looks like an ISO 4217 code: three capital
// ASCII letters.
func validCurrency(c string) bool {
	return len(c) == 3 && isUpper(c[0]) && isUpper(c[1]) && isUpper(c[2])
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// checkSubscription validates a record passed to metric. Its errors name
// the record's field ("Subscription.End").
func checkSubscription(metric string, s *Subscription) error {
	switch {
	case s.CustomerID == "":
		return check.Err(metric, "Subscription.CustomerID", nil, metrics.ErrInvalid, "is empty")
	case s.Amount.Sign() < 0:
		return check.Err(metric, "Subscription.Amount", s.Amount, metrics.ErrNegative, "is negative")
	case !s.Interval.valid():
		return check.Err(metric, "Subscription.Interval", s.Interval, metrics.ErrInvalid, notAnInterval)
	case s.Start.IsZero():
		return check.Err(metric, "Subscription.Start", nil, metrics.ErrInvalid, "is the zero time")
	case !s.End.IsZero() && s.End.Before(s.Start):
		return check.Err(metric, "Subscription.End", s.End, metrics.ErrInconsistent,
			"is before Start "+check.Text(s.Start))
	case !validCurrency(s.Currency):
		return check.Err(metric, "Subscription.Currency", strconv.Quote(s.Currency), metrics.ErrInvalid,
			"is not an ISO 4217 code (three capital letters)")
	}
	return nil
}
