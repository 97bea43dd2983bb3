package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// SalesRevenue returns the total amount of the deals won in the period:
//
//	sales revenue = Σ Amount of deals with Stage won and p.Start ≤ Closed < p.End
//
// The result is money in the deals' currency, exact, and zero when no deal
// was won in the period. A deal's revenue is booked when it is won (its
// Closed time), not when it was created; open and lost deals add nothing.
// All deals must be in one currency: convert them first.
//
// SalesRevenue returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
func SalesRevenue(deals []Deal, p Period) (decimal.Decimal, error) {
	const metric = "sales.SalesRevenue"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return s.SalesRevenue(), nil
}

// NewRevenueInput holds the revenue of one period, split by the kind of
// customer it came from.
type NewRevenueInput struct {
	Revenue                 decimal.Decimal // all revenue won during the period
	ExistingCustomerRevenue decimal.Decimal // of it, revenue from customers who were customers when the period began (renewals, upsells, cross-sells)
}

// NewRevenue returns the revenue won during a period from new customers,
// that is from customers who were not yet customers when the period began:
//
//	new revenue = Revenue − ExistingCustomerRevenue
//
// The result is money in the caller's currency, exact, within 0..Revenue.
// Seed 001 lists "new revenue amounts" beside new customers; a Deal does not
// record its customer, so there is no variant over deals: sum the deals won
// from new customers with SalesRevenue instead.
//
// NewRevenue returns an error if:
//   - an amount is negative (metrics.ErrNegative)
//   - ExistingCustomerRevenue exceeds Revenue (metrics.ErrInconsistent)
func NewRevenue(in NewRevenueInput) (decimal.Decimal, error) {
	const metric = "sales.NewRevenue"
	if err := check.First(
		check.Amount(metric, "Revenue", in.Revenue),
		check.Amount(metric, "ExistingCustomerRevenue", in.ExistingCustomerRevenue),
		check.AmountPartOf(metric, "ExistingCustomerRevenue", in.ExistingCustomerRevenue, "Revenue", in.Revenue),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return in.Revenue.Sub(in.ExistingCustomerRevenue), nil
}

// RevenueByOwner returns the revenue each owner won in the period: the
// SalesRevenue of their deals, keyed by Deal.Owner.
//
//	revenue of owner o = Σ Amount of deals with Owner o, Stage won and Closed in p
//
// The result maps every owner of a deal won in the period to an exact amount;
// an owner who won nothing in the period is absent, and deals without an
// owner are keyed by "". The amounts add up to SalesRevenue. Divide the total
// by the number of reps with RevenuePerRep for the team's average;
// SummarizeDealsByOwner gives each owner's other figures as well.
//
// RevenueByOwner returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
func RevenueByOwner(deals []Deal, p Period) (map[string]decimal.Decimal, error) {
	const metric = "sales.RevenueByOwner"
	summaries, err := summarizeByOwner(metric, deals, p)
	if err != nil {
		return nil, err
	}
	byOwner := make(map[string]decimal.Decimal)
	for owner, s := range summaries {
		if s.Won() > 0 {
			byOwner[owner] = s.SalesRevenue()
		}
	}
	return byOwner, nil
}

var salesRevenueDescriptor = metrics.Descriptor{
	ID:       SalesRevenueID,
	Name:     "Sales revenue",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Σ Amount of deals won in the period",
}

var newRevenueDescriptor = metrics.Descriptor{
	ID:       NewRevenueID,
	Name:     "New revenue",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Revenue − ExistingCustomerRevenue",
}
