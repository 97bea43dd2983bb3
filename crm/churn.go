package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// ChurnInput holds the customer counts of one period.
type ChurnInput struct {
	CustomersAtStart int // customers active when the period began
	CustomersLost    int // of those, customers who left during the period
}

// ChurnRate returns the share of the customers at the start of a period who
// left during it, as the article
// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client ?" (in French, 3 October 2024) defines it:
//
//	churn rate = CustomersLost / CustomersAtStart × 100
//
// The result is a Percent within 0..100. Customers acquired during the period
// are not in the denominator, so a customer who joins and leaves within the
// period does not count; the monthly rate is the usual one, and a rate over
// another period is not comparable with it. From subscription records,
// [MRRLedger.Movements] over the period gives both counts:
// CustomersAtStart and ChurnedCustomers.
//
// Descriptor ID: churn_rate.
//
// ChurnRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - CustomersAtStart is zero ([metrics.ErrUndefined])
//   - CustomersLost exceeds CustomersAtStart ([metrics.ErrInconsistent])
func ChurnRate(in ChurnInput) (metrics.Percent, error) {
	const metric = "crm.ChurnRate"
	if err := check.First(
		check.Count(metric, "CustomersAtStart", in.CustomersAtStart),
		check.Count(metric, "CustomersLost", in.CustomersLost),
		check.Denominator(metric, "CustomersAtStart", in.CustomersAtStart),
		check.PartOf(metric, "CustomersLost", in.CustomersLost, "CustomersAtStart", in.CustomersAtStart),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.CustomersLost, in.CustomersAtStart)), nil
}

var churnRateDescriptor = metrics.Descriptor{
	ID:       "churn_rate",
	Name:     "Customer churn rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.LowerIsBetter,
	Formula:  "CustomersLost / CustomersAtStart × 100",
}
