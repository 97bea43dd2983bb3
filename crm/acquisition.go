package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

var acquisitionHundred = decimal.NewFromInt(100)

// CACInput holds what a period's customer acquisition cost and brought.
type CACInput struct {
	// SalesAndMarketingSpend is the total sales and marketing cost of the
	// period (money): advertising, events, the salaries and commissions of
	// the sales and marketing teams, and any other cost spent to win
	// customers.
	SalesAndMarketingSpend decimal.Decimal
	// NewCustomers is the number of customers acquired in the same period.
	NewCustomers int
}

// CAC returns the customer acquisition cost: what winning one new customer
// cost on average, as defined in "Quels sont les 7 principaux KPI d'une
// entreprise de logiciels CRM de gestion de la relation client?" (in French, 3
// October 2024).
//
//	CAC = SalesAndMarketingSpend / NewCustomers
//
// The result is money per new customer, in the spend's currency; it is exact
// when the quotient terminates and rounded at [metrics.Scale] otherwise. Spend
// and customers must cover the same period (that article's example takes a
// year: 100,000 spent and 500 customers won give a CAC of 200).
//
// The sources list CAC both as a CRM metric and as a sales metric ("Métriques
// CRM vs Métriques de Vente : Quelle est la différence ?" (in French,
// undated)); kpikit implements it once, here, and package sales refers to it.
//
// Descriptor ID: cac.
//
// CAC returns an error if:
//   - SalesAndMarketingSpend or NewCustomers is negative ([metrics.ErrNegative])
//   - NewCustomers is zero ([metrics.ErrUndefined])
func CAC(in CACInput) (decimal.Decimal, error) {
	const metric = "crm.CAC"
	if err := check.First(
		check.Amount(metric, "SalesAndMarketingSpend", in.SalesAndMarketingSpend),
		check.Count(metric, "NewCustomers", in.NewCustomers),
		check.Denominator(metric, "NewCustomers", in.NewCustomers),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.SalesAndMarketingSpend, decimal.NewFromInt(int64(in.NewCustomers))), nil
}

// LTVToCACInput holds a customer's lifetime value and the cost of acquiring
// one, in the same currency.
type LTVToCACInput struct {
	// LTV is the lifetime value of a customer (money), as LTV, CLTV or
	// DiscountedCLTV compute it.
	LTV decimal.Decimal
	// CAC is the cost of acquiring one customer (money), as CAC computes it.
	CAC decimal.Decimal
}

// LTVToCAC returns the LTV:CAC ratio: how many times a customer's lifetime
// value repays the cost of acquiring them.
//
//	LTV:CAC = LTV / CAC
//
// The result is a dimensionless ratio (3 means LTV is three times CAC); it is
// exact when the quotient terminates and rounded at [metrics.Scale] otherwise.
// Both values must be in the same currency, and the ratio is only as sound as
// the LTV definition behind it: compute both sides for the same customers.
//
// Descriptor ID: ltv_to_cac.
//
// LTVToCAC returns an error if:
//   - LTV or CAC is negative ([metrics.ErrNegative])
//   - CAC is zero ([metrics.ErrUndefined])
func LTVToCAC(in LTVToCACInput) (decimal.Decimal, error) {
	const metric = "crm.LTVToCAC"
	if err := check.First(
		check.Amount(metric, "LTV", in.LTV),
		check.Amount(metric, "CAC", in.CAC),
		check.DenominatorAmount(metric, "CAC", in.CAC),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.LTV, in.CAC), nil
}

// CACPaybackInput holds the acquisition cost of a customer and the monthly
// gross profit the customer brings.
type CACPaybackInput struct {
	// CAC is the cost of acquiring one customer (money).
	CAC decimal.Decimal
	// ARPA is the average revenue per account per month (money per month),
	// as ARPA computes it.
	ARPA decimal.Decimal
	// GrossMargin is the gross margin on that revenue, within 0..100: the
	// share of revenue left after the cost of serving the customer.
	GrossMargin metrics.Percent
}

// CACPaybackMonths returns the CAC payback period: the number of months of a
// customer's gross profit that it takes to recover the cost of acquiring them.
//
//	CAC payback = CAC / (ARPA × GrossMargin / 100)
//
// The result is a number of months; it is exact when the quotient terminates
// and rounded at [metrics.Scale] otherwise (a CAC of 200 repaid at 96 a month
// takes 2.0833333333 months). ARPA is monthly, so the result is in months;
// the payback ignores churn, that is, it assumes the customer stays until the
// cost is repaid. Gross margin rather than revenue repays the cost, as the
// cost of serving the customer is not available to repay it.
//
// Descriptor ID: cac_payback_months.
//
// CACPaybackMonths returns an error if:
//   - CAC or ARPA is negative ([metrics.ErrNegative])
//   - GrossMargin is outside 0..100 ([metrics.ErrOutOfRange])
//   - ARPA or GrossMargin is zero, so the cost is never repaid
//     ([metrics.ErrUndefined])
func CACPaybackMonths(in CACPaybackInput) (decimal.Decimal, error) {
	const metric = "crm.CACPaybackMonths"
	if err := check.First(
		check.Amount(metric, "CAC", in.CAC),
		check.Amount(metric, "ARPA", in.ARPA),
		check.Percent(metric, "GrossMargin", in.GrossMargin),
		check.DenominatorAmount(metric, "ARPA", in.ARPA),
		check.DenominatorAmount(metric, "GrossMargin", in.GrossMargin.Points()),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.CAC.Mul(acquisitionHundred), in.ARPA.Mul(in.GrossMargin.Points())), nil
}

var cacDescriptor = metrics.Descriptor{
	ID:       "cac",
	Name:     "Customer acquisition cost (CAC)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.LowerIsBetter,
	Formula:  "SalesAndMarketingSpend / NewCustomers",
}

var ltvToCACDescriptor = metrics.Descriptor{
	ID:       "ltv_to_cac",
	Name:     "LTV:CAC ratio",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitRatio,
	Better:   metrics.HigherIsBetter,
	Formula:  "LTV / CAC",
}

var cacPaybackMonthsDescriptor = metrics.Descriptor{
	ID:       "cac_payback_months",
	Name:     "CAC payback period",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMonths,
	Better:   metrics.LowerIsBetter,
	Formula:  "CAC / (ARPA × GrossMargin / 100)",
}
