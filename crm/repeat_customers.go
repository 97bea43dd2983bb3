package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// RepeatCustomerInput holds the purchasing customers of one period.
type RepeatCustomerInput struct {
	// PurchasingCustomers is the number of distinct customers who made at
	// least one purchase during the period.
	PurchasingCustomers int
	// RepeatCustomers is the number of those customers who made more than
	// one purchase during the period.
	RepeatCustomers int
}

// RepeatCustomerRate returns the share of a period's customers who bought more
// than once during it ("Métriques CRM vs Métriques de Vente : Quelle est la
// différence ?" (in French, undated): "le nombre de clients récurrents", the
// number of repeat customers):
//
//	repeat customer rate = RepeatCustomers / PurchasingCustomers × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// A repeat customer is one with two or more purchases within the period, not
// a returning customer who bought before the period and again in it: the
// in-period definition needs only the period's orders, so the rate does not
// depend on how far back the order history goes, and two periods of the same
// length compare. Longer periods give higher rates; compare like with like.
//
// Descriptor ID: repeat_customer_rate.
//
// RepeatCustomerRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - PurchasingCustomers is zero ([metrics.ErrUndefined])
//   - RepeatCustomers exceeds PurchasingCustomers ([metrics.ErrInconsistent])
func RepeatCustomerRate(in RepeatCustomerInput) (metrics.Percent, error) {
	const metric = "crm.RepeatCustomerRate"
	if err := check.First(
		check.Count(metric, "PurchasingCustomers", in.PurchasingCustomers),
		check.Count(metric, "RepeatCustomers", in.RepeatCustomers),
		check.Denominator(metric, "PurchasingCustomers", in.PurchasingCustomers),
		check.PartOf(metric, "RepeatCustomers", in.RepeatCustomers, "PurchasingCustomers", in.PurchasingCustomers),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.RepeatCustomers, in.PurchasingCustomers)), nil
}

var repeatCustomerRateDescriptor = metrics.Descriptor{
	ID:       "repeat_customer_rate",
	Name:     "Repeat customer rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "RepeatCustomers / PurchasingCustomers × 100",
}
