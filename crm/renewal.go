package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// RenewalInput holds the renewal counts of one period.
type RenewalInput struct {
	// UpForRenewal is the number of customers whose subscription or contract
	// term ended during the period, so that they had to decide whether to
	// renew.
	UpForRenewal int
	// Renewed is the number of those customers who renewed for another term.
	Renewed int
}

// RenewalRate returns the share of the customers up for renewal during a
// period who renewed, as the article
// "Mesures CRM que vous devez connaître" (in French, undated) defines it:
//
//	renewal rate = Renewed / UpForRenewal × 100
//
// The result is a Percent within 0..100. The rate counts customers, as that
// article does ("the number of customers who decide to keep using your product"),
// not revenue: every renewal weighs the same whatever its amount. For the
// revenue kept, use [GrossRevenueRetention] and [NetRevenueRetention]. Customers
// whose term did not end during the period are in neither count, so the rate
// is about decisions taken in the period, unlike [RetentionRate], which is about
// every customer at the start.
//
// Descriptor ID: renewal_rate.
//
// RenewalRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - UpForRenewal is zero ([metrics.ErrUndefined])
//   - Renewed exceeds UpForRenewal ([metrics.ErrInconsistent])
func RenewalRate(in RenewalInput) (metrics.Percent, error) {
	const metric = "crm.RenewalRate"
	if err := check.First(
		check.Count(metric, "UpForRenewal", in.UpForRenewal),
		check.Count(metric, "Renewed", in.Renewed),
		check.Denominator(metric, "UpForRenewal", in.UpForRenewal),
		check.PartOf(metric, "Renewed", in.Renewed, "UpForRenewal", in.UpForRenewal),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.Renewed, in.UpForRenewal)), nil
}

var renewalRateDescriptor = metrics.Descriptor{
	ID:       "renewal_rate",
	Name:     "Renewal rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Renewed / UpForRenewal × 100",
}
