package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// RetentionCostInput holds what keeping customers cost over one period and
// what the customers kept brought in. All amounts are in one currency and
// cover the same period (a month, a quarter or a year: "Mesures CRM que vous
// devez connaître" (in French, undated) asks to choose it deliberately, since
// the cost per customer depends on it).
type RetentionCostInput struct {
	// RetentionSpend is the money spent during the period on keeping existing
	// customers: loyalty programmes, customer success, retention campaigns and
	// offers. Acquisition spend belongs in CAC, not here.
	RetentionSpend decimal.Decimal
	// RetainedCustomers is the number of customers retained over the period:
	// customers at its start who were still customers at its end.
	RetainedCustomers int
	// RetainedRevenue is the revenue those retained customers brought in
	// during the period. Only CheckRetentionCost reads it;
	// RetentionCostPerCustomer ignores it.
	RetainedRevenue decimal.Decimal
}

// RetentionCostPerCustomer returns the customer retention cost, the retention
// spend of a period per customer retained over it, as in "Mesures CRM que vous
// devez connaître" (in French, undated):
//
//	retention cost = RetentionSpend / RetainedCustomers
//
// The result is an amount of money in the currency of RetentionSpend, per
// retained customer and per period. Some sources divide by every customer
// served; kpikit divides by the customers retained, because that article
// compares this cost with the average revenue of the customers kept, and both
// averages must share their customers (see CheckRetentionCost).
//
// Descriptor ID: retention_cost_per_customer.
//
// RetentionCostPerCustomer returns an error if:
//   - RetentionSpend or RetainedCustomers is negative ([metrics.ErrNegative])
//   - RetainedCustomers is zero ([metrics.ErrUndefined])
func RetentionCostPerCustomer(in RetentionCostInput) (decimal.Decimal, error) {
	const metric = "crm.RetentionCostPerCustomer"
	if err := check.First(
		check.Amount(metric, "RetentionSpend", in.RetentionSpend),
		check.Count(metric, "RetainedCustomers", in.RetainedCustomers),
		check.Denominator(metric, "RetainedCustomers", in.RetainedCustomers),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.RetentionSpend, decimal.NewFromInt(int64(in.RetainedCustomers))), nil
}

// RetentionCostCheck is the outcome of [CheckRetentionCost]: the rule of
// "Mesures CRM que vous devez connaître" (in French, undated) that retaining
// a customer must cost less than the customer brings in. All amounts are per
// retained customer, over the period of the input. In JSON the keys are
// snake_case and the amounts are strings ("30.5"), as decimal.Decimal
// encodes them.
type RetentionCostCheck struct {
	// CostPerCustomer is RetentionSpend / RetainedCustomers, as
	// RetentionCostPerCustomer returns it.
	CostPerCustomer decimal.Decimal `json:"cost_per_customer"`
	// RevenuePerCustomer is RetainedRevenue / RetainedCustomers, the average
	// revenue of a retained customer.
	RevenuePerCustomer decimal.Decimal `json:"revenue_per_customer"`
	// Margin is (RetainedRevenue − RetentionSpend) / RetainedCustomers, what a
	// retained customer brings in beyond what keeping them cost: zero or
	// negative when the rule does not hold, positive when it does (unless the
	// margin is below 5×10⁻¹¹ and rounds to zero at [metrics.Scale]).
	Margin decimal.Decimal `json:"margin"`
	// Holds reports whether the rule holds: CostPerCustomer is strictly below
	// RevenuePerCustomer. It is decided exactly, as RetentionSpend <
	// RetainedRevenue, so it never depends on rounding.
	Holds bool `json:"holds"`
}

// CheckRetentionCost checks the rule of "Mesures CRM que vous devez connaître"
// (in French, undated) for the cost of customer retention: "Vos coûts de
// fidélisation de la clientèle doivent être inférieurs au revenu moyen
// provenant des clients permanents", your customer retention costs must be
// lower than the average revenue from retained customers. It compares the two
// averages over the same retained customers and the same period:
//
//	cost per customer    = RetentionSpend / RetainedCustomers
//	revenue per customer = RetainedRevenue / RetainedCustomers
//	margin               = (RetainedRevenue − RetentionSpend) / RetainedCustomers
//	holds                = cost per customer < revenue per customer
//
// Amounts are money in the input's currency, per retained customer and per
// period. A cost equal to the revenue does not pass: the rule asks for a cost
// below it. The quotients follow the rule of [metrics.Scale], and Margin equals
// RevenuePerCustomer − CostPerCustomer whenever they are exact; Holds is
// decided on the exact amounts, so a margin that rounds to zero can still hold.
//
// CheckRetentionCost returns an error if:
//   - RetentionSpend, RetainedRevenue or RetainedCustomers is negative
//     ([metrics.ErrNegative])
//   - RetainedCustomers is zero ([metrics.ErrUndefined])
func CheckRetentionCost(in RetentionCostInput) (RetentionCostCheck, error) {
	const metric = "crm.CheckRetentionCost"
	if err := check.First(
		check.Amount(metric, "RetentionSpend", in.RetentionSpend),
		check.Count(metric, "RetainedCustomers", in.RetainedCustomers),
		check.Amount(metric, "RetainedRevenue", in.RetainedRevenue),
		check.Denominator(metric, "RetainedCustomers", in.RetainedCustomers),
	); err != nil {
		return RetentionCostCheck{}, err
	}
	n := decimal.NewFromInt(int64(in.RetainedCustomers))
	return RetentionCostCheck{
		CostPerCustomer:    exact.Quo(in.RetentionSpend, n),
		RevenuePerCustomer: exact.Quo(in.RetainedRevenue, n),
		Margin:             exact.Quo(in.RetainedRevenue.Sub(in.RetentionSpend), n),
		Holds:              in.RetentionSpend.Cmp(in.RetainedRevenue) < 0,
	}, nil
}

var retentionCostDescriptor = metrics.Descriptor{
	ID:       "retention_cost_per_customer",
	Name:     "Customer retention cost per retained customer",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.LowerIsBetter,
	Formula:  "RetentionSpend / RetainedCustomers",
}
