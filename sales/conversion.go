package sales

import (
	"github.com/kpikit/kpikit/metrics"
)

// LeadConversionInput holds the lead counts of one period.
type LeadConversionInput struct {
	Leads     int // leads generated during the period
	Converted int // of those, leads that became paying customers
}

// LeadConversionRate returns the share of the leads generated in a period
// that became paying customers (as «Quels sont les 7 principaux KPI d'une
// entreprise de logiciels CRM» defines it):
//
//	lead conversion rate = Converted / Leads × 100
//
// The result is a [metrics.Percent] within 0..100. Converted counts only
// leads of the period's cohort ("parmi ceux-ci", of those), so it never
// exceeds Leads; the article's example of 20 customers from 100 leads is
// 20%. [LeadStats.LeadConversionRate] reads it from lead records.
//
// Descriptor ID: lead_conversion_rate.
//
// LeadConversionRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - Leads is zero ([metrics.ErrUndefined])
//   - Converted exceeds Leads ([metrics.ErrInconsistent])
func LeadConversionRate(in LeadConversionInput) (metrics.Percent, error) {
	return leadConversionRate("sales.LeadConversionRate", in)
}

// leadConversionRate is LeadConversionRate, reporting errors as metric.
func leadConversionRate(metric string, in LeadConversionInput) (metrics.Percent, error) {
	return rate(metric, "Converted", in.Converted, "Leads", in.Leads)
}

var leadConversionRateDescriptor = metrics.Descriptor{
	ID:       "lead_conversion_rate",
	Name:     "Lead conversion rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Converted / Leads × 100",
}
