package crm

import (
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// WebsiteInput holds the visit counts of a website over one period, as a web
// analytics tool reports them ("Mesures CRM que vous devez connaître" (in
// French, undated): "le temps que chaque personne passe sur votre site Web et
// le nombre de visiteurs qui effectuent un achat", the time each person spends
// on your website and the number of visitors who make a purchase).
//
// A visit is a session: one person's continuous use of the site, ended by the
// analytics tool after a period of inactivity. The website functions share
// this input and each reads and checks only the fields its formula uses.
type WebsiteInput struct {
	// Visits is the number of visits (sessions) to the site in the period,
	// including the visits that viewed a single page.
	Visits int
	// VisitsWithPurchase is the number of those visits in which at least one
	// purchase was completed, each visit counted once however many orders it
	// placed.
	VisitsWithPurchase int
	// TotalTimeOnSite is the sum of the durations of all the visits in the
	// period, as the analytics tool measures them (visits it measures as
	// zero included).
	TotalTimeOnSite time.Duration
}

// WebsitePurchaseConversionRate returns the share of website visits that ended
// in a purchase:
//
//	purchase conversion rate = VisitsWithPurchase / Visits × 100
//
// The result is a Percent within 0..100. kpikit counts per visit (session),
// not per unique visitor: analytics tools count visits reliably, while one
// person on two devices or with cleared cookies appears as several visitors.
// And it counts visits with a purchase, not orders: with orders in the
// numerator (the "transactions / sessions" of some tools) a visit that
// places two orders counts twice and the rate is no longer a share of visits.
//
// Descriptor ID: website_purchase_conversion_rate.
//
// WebsitePurchaseConversionRate returns an error if:
//   - Visits or VisitsWithPurchase is negative ([metrics.ErrNegative])
//   - Visits is zero ([metrics.ErrUndefined])
//   - VisitsWithPurchase exceeds Visits ([metrics.ErrInconsistent])
func WebsitePurchaseConversionRate(in WebsiteInput) (metrics.Percent, error) {
	const metric = "crm.WebsitePurchaseConversionRate"
	if err := check.First(
		check.Count(metric, "Visits", in.Visits),
		check.Count(metric, "VisitsWithPurchase", in.VisitsWithPurchase),
		check.Denominator(metric, "Visits", in.Visits),
		check.PartOf(metric, "VisitsWithPurchase", in.VisitsWithPurchase, "Visits", in.Visits),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.VisitsWithPurchase, in.Visits)), nil
}

// AverageTimeOnSite returns the mean duration of a visit to the website:
//
//	average time on site = TotalTimeOnSite / Visits
//
// The result is a time.Duration, rounded to the nanosecond half away from zero
// (1ns spread over 2 visits is 1ns; 10ns over 3 visits is 3ns). kpikit
// averages over all visits, those measured as zero included (a visit that
// viewed one page often is), not over "engaged" visits only or per unique
// visitor: the average then matches the visits that
// WebsitePurchaseConversionRate divides by, and a higher share of zero-length
// visits lowers it, as it should.
//
// Descriptor ID: average_time_on_site.
//
// AverageTimeOnSite returns an error if:
//   - Visits or TotalTimeOnSite is negative ([metrics.ErrNegative])
//   - Visits is zero ([metrics.ErrUndefined])
func AverageTimeOnSite(in WebsiteInput) (time.Duration, error) {
	const metric = "crm.AverageTimeOnSite"
	if err := check.First(
		check.Count(metric, "Visits", in.Visits),
		check.Duration(metric, "TotalTimeOnSite", in.TotalTimeOnSite),
		check.Denominator(metric, "Visits", in.Visits),
	); err != nil {
		return 0, err
	}
	return divRoundNanos(0, uint64(in.TotalTimeOnSite), uint64(in.Visits)), nil
}

var websitePurchaseConversionRateDescriptor = metrics.Descriptor{
	ID:       "website_purchase_conversion_rate",
	Name:     "Website purchase conversion rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "VisitsWithPurchase / Visits × 100",
}

var averageTimeOnSiteDescriptor = metrics.Descriptor{
	ID:       "average_time_on_site",
	Name:     "Average time on site",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitDuration,
	Better:   metrics.HigherIsBetter,
	Formula:  "TotalTimeOnSite / Visits",
}
