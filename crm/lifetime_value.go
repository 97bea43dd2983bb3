package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

var lifetimeHundred = decimal.NewFromInt(100)

// CLTVInput holds the purchase pattern of an average customer, as the [CLTV]
// formula of the article
// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client ?" (in French, 3 October 2024)
// takes it. Frequency and lifespan must use the same time unit; the field
// names say years, the unit of the article's example.
type CLTVInput struct {
	// AveragePurchaseValue is the average amount of one purchase (money per
	// purchase).
	AveragePurchaseValue decimal.Decimal
	// PurchasesPerYear is how many purchases a customer makes in a year on
	// average (purchases per year; 2.5 is allowed).
	PurchasesPerYear decimal.Decimal
	// LifespanYears is how long a customer stays a customer on average
	// (years; 2.5 is allowed).
	LifespanYears decimal.Decimal
	// RetentionRate is the customer retention rate, within 0..100.
	RetentionRate metrics.Percent
}

// CLTV returns the customer lifetime value as the article cited at
// [CLTVInput] defines it: the revenue
// an average customer brings over the relationship, weighted by the retention
// rate.
//
//	CLTV = AveragePurchaseValue × PurchasesPerYear × LifespanYears × RetentionRate / 100
//
// The result is money per customer, in the purchase value's currency, and it
// is exact (a product of the inputs); any zero input gives zero. The
// article's example: purchases of 100, 4 a year, for 5 years, at 80% retention give
// (100 × 4) × 5 × 0.80 = 1,600.
//
// The article's text says the revenue is brought back to its present value, but
// its formula, and so this function, does not discount: a unit of money in
// year five counts as much as one today. For a value that discounts future
// cash, use [DiscountedCLTV]; for a subscription business, [LTV] derives the
// lifespan from the churn rate. The retention factor is the article's, kept as
// written even though the lifespan already reflects how long customers stay,
// so that the article's figures and benchmarks (500 to 2,500 typical for
// software) apply to the result.
//
// Descriptor ID: cltv.
//
// CLTV returns an error if:
//   - AveragePurchaseValue, PurchasesPerYear or LifespanYears is negative
//     ([metrics.ErrNegative])
//   - RetentionRate is outside 0..100 ([metrics.ErrOutOfRange])
func CLTV(in CLTVInput) (decimal.Decimal, error) {
	const metric = "crm.CLTV"
	if err := check.First(
		check.Amount(metric, "AveragePurchaseValue", in.AveragePurchaseValue),
		check.Amount(metric, "PurchasesPerYear", in.PurchasesPerYear),
		check.Amount(metric, "LifespanYears", in.LifespanYears),
		check.Percent(metric, "RetentionRate", in.RetentionRate),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return in.AveragePurchaseValue.
		Mul(in.PurchasesPerYear).
		Mul(in.LifespanYears).
		Mul(in.RetentionRate.Fraction()), nil
}

// LTVInput holds a subscription customer's monthly revenue, the margin on it
// and the rate at which customers leave.
type LTVInput struct {
	// ARPA is the average revenue per account per period (money per period,
	// usually per month), as ARPA computes it.
	ARPA decimal.Decimal
	// GrossMargin is the gross margin on that revenue, within 0..100.
	GrossMargin metrics.Percent
	// ChurnRate is the customer churn rate per period, within 0..100, over
	// the same period as ARPA (a monthly churn rate with a monthly ARPA), as
	// ChurnRate computes it.
	ChurnRate metrics.Percent
}

// LTV returns the lifetime value of a subscription customer: the gross profit
// an average account brings before it churns.
//
//	LTV = ARPA × GrossMargin / ChurnRate
//
// The result is money per customer, in ARPA's currency; it is exact when the
// quotient terminates and rounded at [metrics.Scale] otherwise. A customer who
// leaves with probability ChurnRate each period stays 100 / ChurnRate periods
// on average and brings ARPA × GrossMargin / 100 in each, so the formula is
// the product of the two. Future profit is not discounted: LTV equals
// [DiscountedCLTV] with a margin of ARPA × GrossMargin / 100, a retention rate
// of 100 − ChurnRate and a discount rate of 0.
//
// Descriptor ID: ltv.
//
// LTV returns an error if:
//   - ARPA is negative ([metrics.ErrNegative])
//   - GrossMargin or ChurnRate is outside 0..100 ([metrics.ErrOutOfRange])
//   - ChurnRate is zero, so customers never leave and the value has no
//     bound ([metrics.ErrUndefined], even when ARPA or GrossMargin is zero;
//     kpikit returns no infinity)
func LTV(in LTVInput) (decimal.Decimal, error) {
	const metric = "crm.LTV"
	if err := check.First(
		check.Amount(metric, "ARPA", in.ARPA),
		check.Percent(metric, "GrossMargin", in.GrossMargin),
		check.Percent(metric, "ChurnRate", in.ChurnRate),
		check.DenominatorAmount(metric, "ChurnRate", in.ChurnRate.Points()),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.ARPA.Mul(in.GrossMargin.Points()), in.ChurnRate.Points()), nil
}

// DiscountedCLTVInput holds the per-period margin of a customer, the
// retention rate and the discount rate, all over the same period (a month or
// a year).
type DiscountedCLTVInput struct {
	// MarginPerPeriod is the gross profit a retained customer brings in one
	// period (money per period), received at the end of the period.
	MarginPerPeriod decimal.Decimal
	// RetentionRate is the share of customers that stay from one period to
	// the next, within 0..100.
	RetentionRate metrics.Percent
	// DiscountRate is the rate at which money a period later is discounted,
	// within 0..100: the cost of capital per period (1 for 1% a month).
	// Rates above 100% per period are rejected as out of range.
	DiscountRate metrics.Percent
}

// DiscountedCLTV returns the present value of the margin an average customer
// brings over the relationship, discounting each period's margin to today.
// With the margin m, the retention rate r and the discount rate d as fractions
// per period, and m received at the end of each period:
//
//	DiscountedCLTV = Σ_{t≥1} m × r^(t−1) / (1 + d)^t = m / (1 + d − r)
//
// The customer is there in period 1, and still there in period t with
// probability r^(t−1); the margin of period t is worth m / (1 + d)^t today.
// The sum is m / (1 + d) times a geometric series of ratio q = r / (1 + d),
// which is below 1 unless r = 1 and d = 0:
//
//	Σ_{t≥1} m × r^(t−1) / (1 + d)^t = m / (1 + d) × Σ_{k≥0} q^k
//	                               = m / (1 + d) × 1 / (1 − q)
//	                               = m / (1 + d − r)
//
// The result is money per customer, in the margin's currency; it is exact
// when the quotient terminates and rounded at [metrics.Scale] otherwise. A
// margin of 96 a month at 95% monthly retention and a 1% monthly discount
// rate gives 96 / 0.06 = 1,600; with no discount it is LTV's 96 / 0.05 =
// 1,920. The article cited at [CLTVInput] describes this discounting in words; its formula, which
// [CLTV] follows, does not apply it.
//
// Descriptor ID: discounted_cltv.
//
// DiscountedCLTV returns an error if:
//   - MarginPerPeriod is negative ([metrics.ErrNegative])
//   - RetentionRate or DiscountRate is outside 0..100 ([metrics.ErrOutOfRange])
//   - RetentionRate is 100 while DiscountRate is 0, so the sum has no bound
//     ([metrics.ErrUndefined], even for a zero margin, as LTV does for a zero
//     churn rate; kpikit returns no infinity)
func DiscountedCLTV(in DiscountedCLTVInput) (decimal.Decimal, error) {
	const metric = "crm.DiscountedCLTV"
	if err := check.First(
		check.Amount(metric, "MarginPerPeriod", in.MarginPerPeriod),
		check.Percent(metric, "RetentionRate", in.RetentionRate),
		check.Percent(metric, "DiscountRate", in.DiscountRate),
	); err != nil {
		return decimal.Decimal{}, err
	}
	// 1 + d − r in points: 100 + d − r, which is ≥ 0 as r ≤ 100 and d ≥ 0.
	den := lifetimeHundred.Add(in.DiscountRate.Points()).Sub(in.RetentionRate.Points())
	if den.IsZero() {
		return decimal.Decimal{}, check.Err(metric, "RetentionRate", in.RetentionRate, metrics.ErrUndefined,
			"with a DiscountRate of 0% never ends")
	}
	return exact.Quo(in.MarginPerPeriod.Mul(lifetimeHundred), den), nil
}

var cltvDescriptor = metrics.Descriptor{
	ID:       "cltv",
	Name:     "Customer lifetime value (CLTV)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "AveragePurchaseValue × PurchasesPerYear × LifespanYears × RetentionRate / 100",
}

var ltvDescriptor = metrics.Descriptor{
	ID:       "ltv",
	Name:     "Subscription lifetime value (LTV)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "ARPA × GrossMargin / ChurnRate",
}

var discountedCLTVDescriptor = metrics.Descriptor{
	ID:       "discounted_cltv",
	Name:     "Discounted customer lifetime value",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "MarginPerPeriod / (1 + DiscountRate/100 − RetentionRate/100)",
}
