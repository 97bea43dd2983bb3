package sales

import (
	"encoding/json"
	"math"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Lead is one prospect, as a CRM records it. [LeadStats] reads the three
// times; ID is for the caller. In JSON its keys are id, created, qualified
// and converted (the last two absent while not reached).
//
// A lead belongs to the period that contains its Created time. Of the leads
// created in a period, it counts as qualified (or converted) for that period
// if it was qualified (or converted) before the period's End, so that the
// figures of a past period do not change as old leads progress, and a part is
// never larger than its whole. [LeadStats.NewCustomersAcquired] counts
// conversions by their own time instead.
//
// A lead is invalid if:
//   - Created is the zero time ([metrics.ErrInvalid])
//   - Qualified or Converted is set and before Created ([metrics.ErrInconsistent])
//
// [LeadStats.Add] reports an invalid lead with the Field "Lead.Created"
// (and so on).
type Lead struct {
	// ID is the caller's identifier for the lead; kpikit does not read it.
	ID string `json:"id"`
	// Created is when the lead was generated. Required.
	Created time.Time `json:"created"`
	// Qualified is when the lead was qualified (judged a real prospect).
	// The zero time means not qualified; otherwise not before Created.
	Qualified time.Time `json:"qualified,omitzero"`
	// Converted is when the lead became a paying customer. The zero time
	// means not converted; otherwise not before Created.
	Converted time.Time `json:"converted,omitzero"`
}

// checkLead validates one lead: Created is set (metrics.ErrInvalid), and
// Qualified and Converted, when set, are not before Created
// (metrics.ErrInconsistent). It allocates only when it reports an error.
func checkLead(metric string, l *Lead) error {
	if l.Created.IsZero() {
		return check.Err(metric, "Lead.Created", nil, metrics.ErrInvalid, "is not set")
	}
	if !l.Qualified.IsZero() && l.Qualified.Before(l.Created) {
		return check.Err(metric, "Lead.Qualified", l.Qualified, metrics.ErrInconsistent, "is before Created "+check.Text(l.Created))
	}
	if !l.Converted.IsZero() && l.Converted.Before(l.Created) {
		return check.Err(metric, "Lead.Converted", l.Converted, metrics.ErrInconsistent, "is before Created "+check.Text(l.Created))
	}
	return nil
}

// reached reports whether the milestone time t (zero: never) was reached
// before end, or at any time if all (all time has no end).
func reached(t, end time.Time, all bool) bool {
	return !t.IsZero() && (all || t.Before(end))
}

// LeadStats accumulates leads into the lead metrics of one period, or of
// all time:
//
//	LeadsGenerated        count of leads created in Period
//	QualifiedLeads        of those, leads qualified before Period.End
//	LeadConversionRate    of those, the share converted before Period.End
//	NewCustomersAcquired  count of leads converted in Period, whenever created
//
// A lead belongs to the period as the [Lead] documentation says. Counts of
// no leads are zero; the conversion rate of no leads returns
// [metrics.ErrUndefined].
//
// Period is the one setting. The zero Period, the default, means all time:
// every lead counts, so LeadsGenerated counts every lead, QualifiedLeads
// every qualified lead, LeadConversionRate is the share of all leads that
// were converted, and NewCustomersAcquired counts every converted lead. A
// non-zero Period must be valid. Set it before the first Add and do not
// change it afterwards: Add goes on counting over the Period of the first
// Add, and Merge, MarshalBinary and MarshalJSON report a change
// ([metrics.ErrMismatch]). The zero LeadStats is empty and ready to use,
// over all time; [metrics.Period] states this rule for every accumulator.
//
// Accumulators of the same period merge ([LeadStats.Merge]), in any order,
// into the figures of all their leads, and serialise exactly
// ([LeadStats.MarshalBinary], [LeadStats.MarshalJSON]). A LeadStats is not
// safe for concurrent use: give each goroutine its own and merge them.
type LeadStats struct {
	// Period is the period the figures are of: the zero Period, the
	// default, means all time (every lead counts); a non-zero Period must
	// be valid. Set it before the first Add.
	Period metrics.Period

	periodSetting
	leadCounts
}

// leadCounts are the figures of a LeadStats.
type leadCounts struct {
	generated   int // leads created in period
	qualified   int // of those, qualified before period.End
	converted   int // of those, converted before period.End
	convertedIn int // leads converted in period
}

// settings returns the period s counts leads over; see DealStats.settings.
func (s *LeadStats) settings(metric, field string) (metrics.Period, error) {
	return s.resolve(metric, field, s.Period)
}

// Add validates l and counts it:
//
//	LeadsGenerated        += 1 if l was created in Period
//	QualifiedLeads        += 1 if, besides, it was qualified before Period.End
//	converted             += 1 if, besides, it was converted before Period.End
//	NewCustomersAcquired  += 1 if l was converted in Period
//
// Over the zero Period (all time) every lead is created in the period and
// every milestone reached before its end. A lead outside the period is
// validated and then not counted. On error s is unchanged.
//
// Add returns an error if:
//   - Period is not the zero Period and Period.End is not after
//     Period.Start ([metrics.ErrInvalid])
//   - l is invalid: see [Lead] ([metrics.ErrInvalid],
//     [metrics.ErrInconsistent]); the Field is "Lead.Created" and so on
//   - a count would exceed math.MaxInt ([metrics.ErrOutOfRange])
func (s *LeadStats) Add(l Lead) error {
	const metric = "sales.LeadStats.Add"
	if !s.ready {
		if err := checkSetting(metric, "Period", s.Period); err != nil {
			return err
		}
	}
	if err := checkLead(metric, &l); err != nil {
		return err
	}
	p := &s.Period
	if s.ready {
		p = &s.period
	}
	all := allTime(p)
	createdIn := all || p.Contains(l.Created)
	convertedIn := !l.Converted.IsZero() && (all || p.Contains(l.Converted))
	if (createdIn && s.generated == math.MaxInt) || (convertedIn && s.convertedIn == math.MaxInt) {
		return check.Err(metric, "Lead", nil, metrics.ErrOutOfRange, "would make a count exceed math.MaxInt")
	}
	if createdIn {
		s.generated++
		if reached(l.Qualified, p.End, all) {
			s.qualified++
		}
		if reached(l.Converted, p.End, all) {
			s.converted++
		}
	}
	if convertedIn {
		s.convertedIn++
	}
	if !s.ready {
		s.period, s.ready = s.Period, true
	}
	return nil
}

// Merge adds the leads accumulated in other to s, so that s holds the
// figures of the leads of both: every count is the sum of the two. other
// may be s; it is not modified. On error s is unchanged. Two zero Periods
// (all time) are the same period; a zero Period and a non-zero one differ.
//
// Merge returns an error if:
//   - s.Period or other.Period is neither the zero Period nor valid
//     ([metrics.ErrInvalid])
//   - the periods differ, or one was changed after its first Add
//     ([metrics.ErrMismatch])
//   - a count would exceed math.MaxInt ([metrics.ErrOutOfRange])
func (s *LeadStats) Merge(other *LeadStats) error {
	const metric = "sales.LeadStats.Merge"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return err
	}
	q, err := other.settings(metric, "other.Period")
	if err != nil {
		return err
	}
	if !p.Start.Equal(q.Start) || !p.End.Equal(q.End) {
		return check.Err(metric, "other.Period", q, metrics.ErrMismatch, "differs from Period "+p.String())
	}
	o := other.leadCounts
	if o.generated > math.MaxInt-s.generated {
		return check.Err(metric, "other.LeadsGenerated", o.generated, metrics.ErrOutOfRange, "plus "+check.Text(s.generated)+" exceeds math.MaxInt")
	}
	if o.convertedIn > math.MaxInt-s.convertedIn {
		return check.Err(metric, "other.NewCustomersAcquired", o.convertedIn, metrics.ErrOutOfRange, "plus "+check.Text(s.convertedIn)+" exceeds math.MaxInt")
	}
	// qualified and converted are at most generated, so they fit too.
	s.generated += o.generated
	s.qualified += o.qualified
	s.converted += o.converted
	s.convertedIn += o.convertedIn
	s.period, s.ready = p, true
	return nil
}

// LeadsGenerated returns the number of leads created in the period:
//
//	leads generated = count of leads with Period.Start ≤ Created < Period.End
//
// Descriptor ID: leads_generated.
func (s LeadStats) LeadsGenerated() int { return s.generated }

// QualifiedLeads returns the number of leads created in the period that
// were qualified before its end:
//
//	qualified leads = count of leads with Created in Period and Qualified set and before Period.End
//
// It is at most LeadsGenerated. «Métriques CRM vs Métriques de Vente» asks
// for the "leads qualifiés générés" (qualified leads generated), so a lead
// counts in the period it was created, not the one it was qualified in; a
// lead qualified after the period's End does not count, so a closed period's
// figure is final.
//
// Descriptor ID: qualified_leads.
func (s LeadStats) QualifiedLeads() int { return s.qualified }

// NewCustomersAcquired returns the number of leads converted into paying
// customers during the period, whenever they were created:
//
//	new customers = count of leads with Period.Start ≤ Converted < Period.End
//
// Unlike [LeadStats.LeadConversionRate], which follows the cohort of leads
// created in the period, it counts each conversion in the period it
// happened in, as a customer count does ([NewCustomersAcquired] computes
// the same figure from customer counts). Customers who did not come
// through a lead record are not counted.
//
// Descriptor ID: new_customers_acquired.
func (s LeadStats) NewCustomersAcquired() int { return s.convertedIn }

// LeadConversionRate returns, of the leads created in the period, the share
// converted before its end, [LeadConversionRate] of their counts:
//
//	lead conversion rate = count(Created in Period, Converted before Period.End) / LeadsGenerated × 100
//
// The result is a [metrics.Percent] within 0..100. A lead converted after
// the period ends counts as not converted for that period, so a closed
// period's rate is final; a lead created just before End has had little
// time to convert, so prefer periods much longer than the usual time to
// convert.
//
// LeadConversionRate returns an error if:
//   - no lead was created in the period ([metrics.ErrUndefined], Field
//     "Leads" of [LeadConversionInput])
func (s LeadStats) LeadConversionRate() (metrics.Percent, error) {
	return leadConversionRate("sales.LeadStats.LeadConversionRate", LeadConversionInput{Leads: s.generated, Converted: s.converted})
}

// leadStatsKind is the first byte of a LeadStats' binary form.
const leadStatsKind = 'L'

// MarshalBinary implements [encoding.BinaryMarshaler]: the period (the zero
// Period too) and the four counts, 38 bytes for a period in UTC and small
// counts, which [LeadStats.UnmarshalBinary] reads back.
//
// MarshalBinary returns an error if:
//   - Period is neither the zero Period nor valid, or a bound has no exact
//     RFC 3339 form (a year outside 0..9999, a zone offset with seconds)
//     ([metrics.ErrInvalid])
//   - Period was changed after the first Add ([metrics.ErrMismatch])
func (s LeadStats) MarshalBinary() ([]byte, error) {
	const metric = "sales.LeadStats.MarshalBinary"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return nil, err
	}
	e := encoder{b: append(make([]byte, 0, 48), leadStatsKind, formVersion)}
	if err := e.period(metric, p); err != nil {
		return nil, err
	}
	for _, n := range [...]int{s.generated, s.qualified, s.converted, s.convertedIn} {
		e.count(n)
	}
	return e.b, nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces s
// with the accumulator that [LeadStats.MarshalBinary] wrote into data. On
// error s is unchanged.
//
// UnmarshalBinary returns an error if:
//   - data is not such a form: truncated, corrupt, of another version, or
//     inconsistent (more leads qualified or converted than generated); the
//     error's Field is "data" and its Index the offset of the bytes at fault
//     ([metrics.ErrInvalid])
func (s *LeadStats) UnmarshalBinary(data []byte) error {
	d := decoder{metric: "sales.LeadStats.UnmarshalBinary", data: data}
	d.header(leadStatsKind, "sales.LeadStats")
	p := d.period()
	var c leadCounts
	c.generated = d.count("leads")
	at := d.off
	c.qualified = d.count("qualified leads")
	if d.err == nil && c.qualified > c.generated {
		d.fail(at, "holds more qualified leads than leads")
	}
	at = d.off
	c.converted = d.count("converted leads")
	if d.err == nil && c.converted > c.generated {
		d.fail(at, "holds more converted leads than leads")
	}
	c.convertedIn = d.count("new customers")
	if err := d.finish(); err != nil {
		return err
	}
	*s = LeadStats{Period: p, periodSetting: periodSetting{period: p, ready: true}, leadCounts: c}
	return nil
}

// leadStatsJSON is the JSON form of a LeadStats.
type leadStatsJSON struct {
	Period               metrics.Period `json:"period,omitzero"`
	LeadsGenerated       int            `json:"leads_generated"`
	QualifiedLeads       int            `json:"qualified_leads"`
	Converted            int            `json:"converted"`
	NewCustomersAcquired int            `json:"new_customers_acquired"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"period": {"start": "2025-01-01T00:00:00Z", "end": "2025-02-01T00:00:00Z"},
//	 "leads_generated": 100, "qualified_leads": 40, "converted": 20, "new_customers_acquired": 18}
//
// where converted counts the leads created in the period and converted
// before its end, the numerator of [LeadStats.LeadConversionRate]. The zero
// Period (all time) has no "period" key.
//
// MarshalJSON returns an error if:
//   - Period is neither the zero Period nor valid, or a bound has no exact
//     RFC 3339 form (a year outside 0..9999, a zone offset with seconds)
//     ([metrics.ErrInvalid])
//   - Period was changed after the first Add ([metrics.ErrMismatch])
func (s LeadStats) MarshalJSON() ([]byte, error) {
	const metric = "sales.LeadStats.MarshalJSON"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return nil, err
	}
	if err := new(encoder).period(metric, p); err != nil {
		return nil, err
	}
	return json.Marshal(leadStatsJSON{Period: p, LeadsGenerated: s.generated, QualifiedLeads: s.qualified,
		Converted: s.converted, NewCustomersAcquired: s.convertedIn})
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces s with the
// accumulator that [LeadStats.MarshalJSON] wrote. Unknown keys are errors;
// a missing key is zero. On error s is unchanged.
//
// UnmarshalJSON returns an error if:
//   - data is not JSON of that form (Field "data", with the offset of the
//     problem as Index when the decoder gives one) ([metrics.ErrInvalid])
//   - the period is neither absent (all time) nor valid, a count is
//     negative, or more leads are qualified or converted than generated;
//     the Field names the form's field, such as "QualifiedLeads"
//     ([metrics.ErrInvalid])
func (s *LeadStats) UnmarshalJSON(data []byte) error {
	const metric = "sales.LeadStats.UnmarshalJSON"
	var j leadStatsJSON
	if err := decodeJSON(metric, data, &j); err != nil {
		return err
	}
	if err := checkSetting(metric, "Period", j.Period); err != nil {
		return err
	}
	for _, c := range [...]struct {
		field string
		n     int
	}{{"LeadsGenerated", j.LeadsGenerated}, {"QualifiedLeads", j.QualifiedLeads}, {"Converted", j.Converted}, {"NewCustomersAcquired", j.NewCustomersAcquired}} {
		if c.n < 0 {
			return check.Err(metric, c.field, c.n, metrics.ErrInvalid, "is negative")
		}
		if c.n > j.LeadsGenerated && (c.field == "QualifiedLeads" || c.field == "Converted") {
			return check.Err(metric, c.field, c.n, metrics.ErrInvalid, "exceeds LeadsGenerated "+check.Text(j.LeadsGenerated))
		}
	}
	*s = LeadStats{Period: j.Period, periodSetting: periodSetting{period: j.Period, ready: true}, leadCounts: leadCounts{
		generated: j.LeadsGenerated, qualified: j.QualifiedLeads, converted: j.Converted, convertedIn: j.NewCustomersAcquired}}
	return nil
}

var leadsGeneratedDescriptor = metrics.Descriptor{
	ID:       "leads_generated",
	Name:     "Leads generated",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of leads created in the period",
}

var qualifiedLeadsDescriptor = metrics.Descriptor{
	ID:       "qualified_leads",
	Name:     "Qualified leads",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of leads created in the period and qualified before its end",
}
