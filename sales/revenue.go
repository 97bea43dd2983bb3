package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

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
// «Mesures CRM que vous devez connaître» lists "new revenue amounts" beside
// new customers. A Deal does not record its customer: accumulate the deals
// won from existing customers in a [DealStats] of their own and pass its
// SalesRevenue as ExistingCustomerRevenue.
//
// Descriptor ID: new_revenue.
//
// NewRevenue returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - ExistingCustomerRevenue exceeds Revenue ([metrics.ErrInconsistent])
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

var salesRevenueDescriptor = metrics.Descriptor{
	ID:       "sales_revenue",
	Name:     "Sales revenue",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Σ Amount of deals won in the period",
}

var newRevenueDescriptor = metrics.Descriptor{
	ID:       "new_revenue",
	Name:     "New revenue",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Revenue − ExistingCustomerRevenue",
}
