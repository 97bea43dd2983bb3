package crm

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// RetentionInput holds the customer counts of one period.
type RetentionInput struct {
	// CustomersAtStart is the number of customers active when the period
	// began.
	CustomersAtStart int
	// CustomersAtEnd is the number of customers active when the period ended,
	// new ones included.
	CustomersAtEnd int
	// NewCustomers is the number of customers acquired during the period who
	// are still customers at its end (a former customer who came back counts
	// as new). A customer who joined and left within the period is in neither
	// CustomersAtEnd nor NewCustomers.
	NewCustomers int
}

// RetentionRate returns the share of the customers at the start of a period
// who were still customers at its end:
//
//	retention rate = (CustomersAtEnd − NewCustomers) / CustomersAtStart × 100
//
// The result is a Percent within 0..100. CustomersAtEnd − NewCustomers is the
// number of customers kept from the start, so customers won during the period
// never raise the rate. This is the rate that complements [ChurnRate] (the article
// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client ?" (in French, 3 October 2024)
// uses a retention rate as an input of [CLTV] without defining it): with no new
// customers and CustomersAtEnd = CustomersAtStart − CustomersLost,
//
//	RetentionRate + ChurnRate = 100
//
// As for [ChurnRate], the rate is over the period of the counts (a month
// usually), and rates over different periods are not comparable.
//
// Descriptor ID: retention_rate.
//
// RetentionRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - CustomersAtStart is zero ([metrics.ErrUndefined])
//   - NewCustomers exceeds CustomersAtEnd ([metrics.ErrInconsistent])
//   - CustomersAtEnd − NewCustomers exceeds CustomersAtStart: more customers
//     kept than there were ([metrics.ErrInconsistent])
func RetentionRate(in RetentionInput) (metrics.Percent, error) {
	const metric = "crm.RetentionRate"
	if err := check.First(
		check.Count(metric, "CustomersAtStart", in.CustomersAtStart),
		check.Count(metric, "CustomersAtEnd", in.CustomersAtEnd),
		check.Count(metric, "NewCustomers", in.NewCustomers),
		check.Denominator(metric, "CustomersAtStart", in.CustomersAtStart),
		check.PartOf(metric, "NewCustomers", in.NewCustomers, "CustomersAtEnd", in.CustomersAtEnd),
	); err != nil {
		return metrics.Percent{}, err
	}
	// Both counts are non-negative here, so the difference cannot overflow.
	kept := in.CustomersAtEnd - in.NewCustomers
	if kept > in.CustomersAtStart {
		return metrics.Percent{}, check.Err(metric, "CustomersAtEnd", in.CustomersAtEnd, metrics.ErrInconsistent,
			"minus NewCustomers "+strconv.Itoa(in.NewCustomers)+" exceeds CustomersAtStart "+strconv.Itoa(in.CustomersAtStart))
	}
	return metrics.NewPercent(exact.RateInt(kept, in.CustomersAtStart)), nil
}

var retentionRateDescriptor = metrics.Descriptor{
	ID:       "retention_rate",
	Name:     "Customer retention rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(CustomersAtEnd − NewCustomers) / CustomersAtStart × 100",
}
