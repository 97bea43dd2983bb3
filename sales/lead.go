package sales

import (
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Lead is one prospect, as a CRM records it. The functions that take leads
// read only the three times; ID is for the caller.
//
// A lead belongs to the period that contains its Created time. Of the leads
// created in a period, it counts as qualified (or converted) for that period
// if it was qualified (or converted) before the period's End, so that the
// figures of a past period do not change as old leads progress, and a part is
// never larger than its whole. NewCustomersFromLeads counts conversions by
// their own time instead.
//
// Every function validates every lead it is given, inside the period or not,
// and reports the first invalid one. The error's Field names the slice and
// the lead's field at fault, "Leads.Created" (the slice is named Leads although
// it is a parameter; see metrics.Error), its Index is the lead's position,
// and the message reads "Leads[2].Created ...". A lead is invalid if:
//   - Created is the zero time (metrics.ErrInvalid)
//   - Qualified or Converted is set and before Created (metrics.ErrInconsistent)
type Lead struct {
	// ID is the caller's identifier for the lead; kpikit does not read it.
	ID string
	// Created is when the lead was generated. Required.
	Created time.Time
	// Qualified is when the lead was qualified (judged a real prospect).
	// The zero time means not qualified; otherwise not before Created.
	Qualified time.Time
	// Converted is when the lead became a paying customer. The zero time
	// means not converted; otherwise not before Created.
	Converted time.Time
}

// checkLead validates one lead, element i of the caller's leads: Created is
// set (metrics.ErrInvalid), and Qualified and Converted, when set, are not
// before Created (metrics.ErrInconsistent). It allocates only when it reports
// an error.
func checkLead(metric string, i int, l *Lead) error {
	if l.Created.IsZero() {
		return check.ErrAt(metric, "Leads.Created", i, nil, metrics.ErrInvalid, "is not set")
	}
	if !l.Qualified.IsZero() && l.Qualified.Before(l.Created) {
		return check.ErrAt(metric, "Leads.Qualified", i, l.Qualified, metrics.ErrInconsistent, "is before Created "+check.Text(l.Created))
	}
	if !l.Converted.IsZero() && l.Converted.Before(l.Created) {
		return check.ErrAt(metric, "Leads.Converted", i, l.Converted, metrics.ErrInconsistent, "is before Created "+check.Text(l.Created))
	}
	return nil
}

// checkLeads validates p and then every lead, in order.
func checkLeads(metric string, leads []Lead, p Period) error {
	if err := checkPeriod(metric, p); err != nil {
		return err
	}
	for i := range leads {
		if err := checkLead(metric, i, &leads[i]); err != nil {
			return err
		}
	}
	return nil
}

// reached reports whether the milestone time t (zero: never) was reached
// before the end of p.
func reached(t time.Time, p Period) bool {
	return !t.IsZero() && t.Before(p.End)
}

// LeadsGenerated returns the number of leads created in the period:
//
//	leads generated = count of leads with p.Start ≤ Created < p.End
//
// The result is a count, zero when no lead falls in the period.
//
// LeadsGenerated returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a lead's Created is not set (metrics.ErrInvalid)
//   - a lead's Qualified or Converted is before its Created (metrics.ErrInconsistent)
func LeadsGenerated(leads []Lead, p Period) (int, error) {
	const metric = "sales.LeadsGenerated"
	if err := checkLeads(metric, leads, p); err != nil {
		return 0, err
	}
	n := 0
	for i := range leads {
		if p.Contains(leads[i].Created) {
			n++
		}
	}
	return n, nil
}

// QualifiedLeads returns the number of leads created in the period that were
// qualified before its end:
//
//	qualified leads = count of leads with Created in p and Qualified set and before p.End
//
// The result is a count, at most LeadsGenerated for the same leads and
// period. Seed 000 asks for the "qualified leads generated", so a lead counts
// in the period it was created, not the one it was qualified in; a lead
// qualified after the period's End does not count, so a closed period's
// figure is final.
//
// QualifiedLeads returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a lead's Created is not set (metrics.ErrInvalid)
//   - a lead's Qualified or Converted is before its Created (metrics.ErrInconsistent)
func QualifiedLeads(leads []Lead, p Period) (int, error) {
	const metric = "sales.QualifiedLeads"
	if err := checkLeads(metric, leads, p); err != nil {
		return 0, err
	}
	n := 0
	for i := range leads {
		if p.Contains(leads[i].Created) && reached(leads[i].Qualified, p) {
			n++
		}
	}
	return n, nil
}

var leadsGeneratedDescriptor = metrics.Descriptor{
	ID:       LeadsGeneratedID,
	Name:     "Leads generated",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of leads created in the period",
}

var qualifiedLeadsDescriptor = metrics.Descriptor{
	ID:       QualifiedLeadsID,
	Name:     "Qualified leads",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of leads created in the period and qualified before its end",
}
