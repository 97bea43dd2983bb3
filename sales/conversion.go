package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// LeadConversionInput holds the lead counts of one period.
type LeadConversionInput struct {
	Leads     int // leads generated during the period
	Converted int // of those, leads that became paying customers
}

// LeadConversionRate returns the share of the leads generated in a period
// that became paying customers (seed 004):
//
//	lead conversion rate = Converted / Leads × 100
//
// The result is a Percent within 0..100. Converted counts only leads of the
// period's cohort ("of those"), so it never exceeds Leads; seed 004's example
// of 20 customers from 100 leads is 20%.
//
// LeadConversionRate returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - Leads is zero (metrics.ErrUndefined)
//   - Converted exceeds Leads (metrics.ErrInconsistent)
func LeadConversionRate(in LeadConversionInput) (metrics.Percent, error) {
	const metric = "sales.LeadConversionRate"
	if err := check.First(
		check.Count(metric, "Leads", in.Leads),
		check.Count(metric, "Converted", in.Converted),
		check.Denominator(metric, "Leads", in.Leads),
		check.PartOf(metric, "Converted", in.Converted, "Leads", in.Leads),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.Converted, in.Leads)), nil
}

// LeadConversionRateFromLeads returns LeadConversionRate computed from lead
// records: of the leads created in the period, the share converted before the
// period's end.
//
//	lead conversion rate = count(Created in p, Converted before p.End) / count(Created in p) × 100
//
// The result is a Percent within 0..100. A lead converted after the period
// ends counts as not converted for that period, so a closed period's rate is
// final; a lead created just before End has had little time to convert, so
// prefer periods much longer than the usual time to convert.
//
// LeadConversionRateFromLeads returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a lead's Created is not set (metrics.ErrInvalid)
//   - a lead's Qualified or Converted is before its Created (metrics.ErrInconsistent)
//   - no lead was created in the period (metrics.ErrUndefined)
func LeadConversionRateFromLeads(leads []Lead, p Period) (metrics.Percent, error) {
	const metric = "sales.LeadConversionRateFromLeads"
	if err := checkLeads(metric, leads, p); err != nil {
		return metrics.Percent{}, err
	}
	generated, converted := 0, 0
	for i := range leads {
		if p.Contains(leads[i].Created) {
			generated++
			if reached(leads[i].Converted, p) {
				converted++
			}
		}
	}
	if generated == 0 {
		return metrics.Percent{}, check.Err(metric, "Leads", nil, metrics.ErrUndefined, "has no lead created in the period")
	}
	return metrics.NewPercent(exact.RateInt(converted, generated)), nil
}

var leadConversionRateDescriptor = metrics.Descriptor{
	ID:       LeadConversionRateID,
	Name:     "Lead conversion rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Converted / Leads × 100",
}
