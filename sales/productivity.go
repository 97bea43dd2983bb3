package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// TeamInput holds a sales team's figures for one period. [RevenuePerRep]
// and [SalesCallsPerRep] each read the fields they name.
type TeamInput struct {
	Reps    int             // sales reps on the team during the period, including those who won nothing
	Revenue decimal.Decimal // revenue the team won during the period ([DealStats.SalesRevenue])
	Calls   int             // sales calls the team made during the period
}

// RevenuePerRep returns the revenue won per sales rep in a period:
//
//	revenue per rep = Revenue / Reps
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at [metrics.Scale]. Reps counts every
// rep on the team, so the figure is the team's productivity;
// [DealStatsByOwner] gives each rep's own revenue.
//
// Descriptor ID: revenue_per_rep.
//
// RevenuePerRep returns an error if:
//   - Revenue or Reps is negative ([metrics.ErrNegative])
//   - Reps is zero ([metrics.ErrUndefined])
func RevenuePerRep(in TeamInput) (decimal.Decimal, error) {
	return perHead("sales.RevenuePerRep", "Revenue", in.Revenue, "Reps", in.Reps)
}

// RevenuePerConsultantInput holds a consultancy's revenue and headcount for
// one period.
type RevenuePerConsultantInput struct {
	Revenue     decimal.Decimal // revenue the firm generated during the period
	Consultants int             // consultants at the firm during the period, including those who brought in nothing
}

// RevenuePerConsultant returns the revenue generated per consultant in a
// period (the consulting example of «Métriques CRM vs Métriques de Vente»):
//
//	revenue per consultant = Revenue / Consultants
//
// The result is money, by the rule of [RevenuePerRep]: it is the same
// measure for a firm whose consultants sell and deliver projects.
//
// Descriptor ID: revenue_per_consultant.
//
// RevenuePerConsultant returns an error if:
//   - Revenue or Consultants is negative ([metrics.ErrNegative])
//   - Consultants is zero ([metrics.ErrUndefined])
func RevenuePerConsultant(in RevenuePerConsultantInput) (decimal.Decimal, error) {
	return perHead("sales.RevenuePerConsultant", "Revenue", in.Revenue, "Consultants", in.Consultants)
}

// perHead returns amount / heads after checking both: the one
// implementation of the amounts per head (revenue per rep, per consultant,
// per campaign, cost per lead, average project size).
func perHead(metric, amountField string, amount decimal.Decimal, headsField string, heads int) (decimal.Decimal, error) {
	if err := check.First(
		check.Amount(metric, amountField, amount),
		check.Count(metric, headsField, heads),
		check.Denominator(metric, headsField, heads),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(amount, decimal.NewFromInt(int64(heads))), nil
}

// SalesCallsPerRep returns the mean number of sales calls a rep made in a
// period ("le nombre d'appels commerciaux effectués", the number of sales
// calls made, in «Mesures CRM que vous devez connaître»):
//
//	sales calls per rep = Calls / Reps
//
// The result is a number of calls per person as a decimal (12.5 calls per
// rep), exact when the quotient terminates and otherwise rounded at
// [metrics.Scale].
//
// Descriptor ID: sales_calls_per_rep.
//
// SalesCallsPerRep returns an error if:
//   - Calls or Reps is negative ([metrics.ErrNegative])
//   - Reps is zero ([metrics.ErrUndefined])
func SalesCallsPerRep(in TeamInput) (decimal.Decimal, error) {
	const metric = "sales.SalesCallsPerRep"
	if err := check.First(
		check.Count(metric, "Calls", in.Calls),
		check.Count(metric, "Reps", in.Reps),
		check.Denominator(metric, "Reps", in.Reps),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.QuoInt(in.Calls, in.Reps), nil
}

var revenuePerRepDescriptor = metrics.Descriptor{
	ID:       "revenue_per_rep",
	Name:     "Revenue per rep",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Revenue / Reps",
}

var revenuePerConsultantDescriptor = metrics.Descriptor{
	ID:       "revenue_per_consultant",
	Name:     "Revenue per consultant",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Revenue / Consultants",
}

var salesCallsPerRepDescriptor = metrics.Descriptor{
	ID:       "sales_calls_per_rep",
	Name:     "Sales calls per rep",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCountPerRep,
	Better:   metrics.HigherIsBetter,
	Formula:  "Calls / Reps",
}
