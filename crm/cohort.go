package crm

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// maxCohortMonths is the most calendar months a period of
// [Cohorts.Retention] may span: a hundred years of monthly columns.
const maxCohortMonths = 1200

// Customer is one customer's span of activity, as [Cohorts.Add] takes it.
// In JSON: {"id", "start", "end"}, without "end" while the customer is
// active.
type Customer struct {
	// ID is the caller's identifier of the customer; Cohorts does not read
	// it.
	ID string `json:"id"`
	// Start is when the customer became active (first subscription, first
	// purchase). It must not be zero.
	Start time.Time `json:"start"`
	// End is when the customer stopped being active (cancellation took
	// effect): the customer is active before End and not from End on. The
	// zero time means the customer is still active.
	End time.Time `json:"end,omitzero"`
}

// Cohorts is an accumulator of customers for a cohort retention table:
// [Cohorts.Retention] groups the customers who started in a period by the
// calendar month they started in, and reports the share of each group still
// active each month after.
//
// The zero value is empty and ready to use; it has no settings. It keeps
// each customer's start and end (24 bytes), not a table, so that any period
// and any time zone can be read from it, and [Cohorts.Merge] combines
// accumulators filled apart (per goroutine, shard or process) into the one
// of all their customers. [Cohorts.MarshalBinary] and [Cohorts.MarshalJSON]
// carry it between processes, in a canonical form: the same customers give
// the same bytes, in whatever order they were added or merged.
//
// Cohorts is not safe for concurrent use: give each goroutine its own and
// merge them.
type Cohorts struct {
	spans []cohortSpan
}

// cohortSpan is a customer's activity [start, end) as seconds since 1970 and
// nanoseconds; an open end is openEnd.
type cohortSpan struct {
	startSec, endSec int64
	startNs, endNs   int32
}

// Add adds one customer.
//
// Add returns an error if:
//   - Start is the zero time ([metrics.ErrInvalid])
//   - End is before Start ([metrics.ErrInconsistent])
//   - Start or End lies outside the years 1..9999 ([metrics.ErrOutOfRange])
//
// An error names the field (Field "Customer.End"); after an error the
// accumulator is unchanged.
func (c *Cohorts) Add(cu Customer) error {
	const metric = "crm.Cohorts.Add"
	if cu.Start.IsZero() {
		return check.Err(metric, "Customer.Start", nil, metrics.ErrInvalid, "is zero")
	}
	if !cu.End.IsZero() && cu.End.Before(cu.Start) {
		return check.Err(metric, "Customer.End", cu.End, metrics.ErrInconsistent, "is before Start "+check.Text(cu.Start))
	}
	s := cohortSpan{endSec: openEnd}
	var ok bool
	if s.startSec, s.startNs, ok = instantOf(cu.Start); !ok {
		return check.Err(metric, "Customer.Start", cu.Start, metrics.ErrOutOfRange, "is outside the years 1..9999")
	}
	if !cu.End.IsZero() {
		if s.endSec, s.endNs, ok = instantOf(cu.End); !ok {
			return check.Err(metric, "Customer.End", cu.End, metrics.ErrOutOfRange, "is outside the years 1..9999")
		}
	}
	c.spans = append(c.spans, s)
	return nil
}

// Merge adds the customers of other to c, as if each had been added to c.
// other is not changed; a nil other adds nothing.
//
// Merge returns no error: Cohorts has no settings to mismatch. It returns
// one, always nil, so that every kpikit accumulator merges the same way.
func (c *Cohorts) Merge(other *Cohorts) error {
	if other != nil {
		c.spans = append(c.spans, other.spans[:len(other.spans)]...)
	}
	return nil
}

// CohortTable is [Cohorts.Retention]'s result: one row per cohort and the
// overall figure per month. In JSON: {"cohorts", "overall"}.
type CohortTable struct {
	// Cohorts lists the cohorts, oldest first; months without a new
	// customer have no row.
	Cohorts []Cohort `json:"cohorts"`
	// Overall[k] combines the cohorts that have reached month k, for
	// k = 0 .. the oldest cohort's last reported month.
	Overall []CohortMonth `json:"overall"`
}

// Cohort is one row of a cohort retention table: the customers who started
// in one calendar month and how many of them were still active each month
// after. In JSON: {"month", "size", "retained", "rates"}.
type Cohort struct {
	// Month is the first instant of the calendar month in which the
	// cohort's customers started, in the location of the period's Start.
	Month time.Time `json:"month"`
	// Size is the number of customers who started in Month.
	Size int `json:"size"`
	// Retained[k] is the number of the cohort's customers active at the
	// first instant of the k-th month after Month; Retained[0] is Size.
	// There is one entry per month the cohort has reached by the period's
	// End.
	Retained []int `json:"retained"`
	// Rates[k] is Retained[k] / Size × 100.
	Rates []metrics.Percent `json:"rates"`
}

// CohortMonth is the overall retention k months after the cohort month,
// over every cohort that has reached month k. In JSON: {"month", "cohorts",
// "customers", "retained", "rate"}.
type CohortMonth struct {
	Month     int             `json:"month"`     // k, months after the cohort month
	Cohorts   int             `json:"cohorts"`   // cohorts that have reached month k
	Customers int             `json:"customers"` // customers in those cohorts
	Retained  int             `json:"retained"`  // of them, customers active at the start of month k
	Rate      metrics.Percent `json:"rate"`      // Retained / Customers × 100
}

// Retention returns the cohort retention table of the customers who
// started within the period p (p.Start ≤ Start < p.End): the customers
// grouped by the calendar month they started in, the share of each cohort
// still active k months later, and the overall share for each k.
//
// Months are calendar months in the location of p.Start (UTC for the
// periods of [metrics.Month], [metrics.Quarter] and [metrics.Year] built
// with a nil location): a customer who starts at 22:00 on March 31 in New
// York is in the March cohort of a New York period and in the April cohort
// of a UTC one. For the cohort month M, let Tₖ be the first instant of the
// k-th month after M. A customer is retained in month k ≥ 1 when active at
// Tₖ, that is when End is zero or after Tₖ; a customer whose End is
// exactly Tₖ is not. Month 0 is the cohort month itself: every customer
// counts as retained there (100%), as in the usual cohort table. The period
// says both which customers and how far to look: a cohort has reached month
// k when Tₖ is at or before p.End, and its months up to the last one
// reached are reported; months it has not reached are not reported, rather
// than reported as 0%. Read Retained[:k+1] for the first k months.
//
//	cohort rate(k)  = retained(k) / Size × 100
//	overall rate(k) = Σ retained(k) / Σ Size × 100, over the cohorts that have reached month k
//
// Each rate is a Percent within 0..100, exact or rounded half away from zero
// at [metrics.Scale] digits. The overall rate weights each cohort by its
// size: it is the share of all customers of those cohorts who were
// retained, not the mean of the cohorts' rates, so a cohort of 2 customers
// does not weigh as much as one of 200. With no customer in p the table is
// empty, without an error.
//
// Descriptor ID: cohort_retention.
//
// Retention returns an error if:
//   - p.End is not after p.Start ([metrics.ErrInvalid], Field "Period.End")
//   - p spans more than 1,200 calendar months ([metrics.ErrOutOfRange],
//     Field "Period.End")
func (c *Cohorts) Retention(p metrics.Period) (CohortTable, error) {
	const metric = "crm.Cohorts.Retention"
	if err := checkPeriod(metric, p); err != nil {
		return CohortTable{}, err
	}
	loc := p.Start.Location()
	first, last := monthIndex(p.Start, loc), monthIndex(p.End, loc)
	if last-first > maxCohortMonths {
		return CohortTable{}, check.Err(metric, "Period.End", p.End, metrics.ErrOutOfRange,
			"is more than 1200 months after Period.Start "+check.Text(p.Start))
	}
	fs, fn, _ := instantOf(p.Start)
	ts, tn, _ := instantOf(p.End)
	// One accumulator per cohort month first+i. left[k] counts the
	// customers whose last retained month is k: a customer retained through
	// month k is retained in every month 1..k, so Retained[k] is the sum of
	// left[j] for j ≥ k.
	type acc struct {
		size int
		left []int
	}
	accs := make([]acc, last-first+1)
	for i := range c.spans {
		s := &c.spans[i]
		if instantBefore(s.startSec, s.startNs, fs, fn) || !instantBefore(s.startSec, s.startNs, ts, tn) {
			continue
		}
		m := monthIndex(time.Unix(s.startSec, int64(s.startNs)), loc)
		a := &accs[m-first]
		if a.left == nil {
			a.left = make([]int, last-m+1) // months reached: T_k ≤ p.End for k ≤ last − m
		}
		a.size++
		end := len(a.left) - 1 // retained through every reported month
		if s.endSec != openEnd {
			// Active at T_k iff End > T_k: through the month before End's
			// month when End is that month's first instant, else through
			// End's month.
			t := time.Unix(s.endSec, int64(s.endNs))
			em := monthIndex(t, loc)
			e := em - m
			if t.Equal(monthStart(em, loc)) {
				e--
			}
			end = int(min(e, int64(end)))
		}
		if end >= 1 {
			a.left[end]++
		}
	}
	var t CohortTable
	for i, a := range accs {
		if a.size == 0 {
			continue
		}
		if len(t.Overall) < len(a.left) {
			t.Overall = make([]CohortMonth, len(a.left))
			for k := range t.Overall {
				t.Overall[k].Month = k
			}
		}
		retained := make([]int, len(a.left))
		rates := make([]metrics.Percent, len(a.left))
		run := 0
		for k := len(a.left) - 1; k >= 1; k-- {
			run += a.left[k]
			retained[k] = run
		}
		retained[0] = a.size
		for k, r := range retained {
			rates[k] = metrics.NewPercent(exact.RateInt(r, a.size))
			o := &t.Overall[k]
			o.Cohorts++
			o.Customers += a.size
			o.Retained += r
		}
		t.Cohorts = append(t.Cohorts, Cohort{Month: monthStart(first+int64(i), loc), Size: a.size, Retained: retained, Rates: rates})
	}
	for k := range t.Overall {
		o := &t.Overall[k]
		o.Rate = metrics.NewPercent(exact.RateInt(o.Retained, o.Customers))
	}
	return t, nil
}

// monthIndex numbers t's calendar month in loc: year × 12 + month − 1.
func monthIndex(t time.Time, loc *time.Location) int64 {
	u := t.In(loc)
	return int64(u.Year())*12 + int64(u.Month()) - 1
}

// monthStart returns the first instant in loc of the month numbered m by
// monthIndex.
func monthStart(m int64, loc *time.Location) time.Time {
	y, mo := m/12, m%12
	if mo < 0 {
		y, mo = y-1, mo+12
	}
	return time.Date(int(y), time.Month(mo+1), 1, 0, 0, 0, 0, loc)
}

// cohortsMagic starts the binary form of Cohorts, with its version.
const cohortsMagic = "kpikit.Cohorts\x01"

// sorted returns a copy of the spans in canonical order.
func (c *Cohorts) sorted() []cohortSpan {
	return slices.SortedFunc(slices.Values(c.spans), func(a, b cohortSpan) int {
		return cmp.Or(cmp.Compare(a.startSec, b.startSec), cmp.Compare(a.startNs, b.startNs),
			cmp.Compare(a.endSec, b.endSec), cmp.Compare(a.endNs, b.endNs))
	})
}

// MarshalBinary implements [encoding.BinaryMarshaler]: every customer's
// start and end, in a compact canonical form that [Cohorts.UnmarshalBinary]
// reads back exactly.
func (c Cohorts) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, len(cohortsMagic)+8+len(c.spans)*12)
	b = append(b, cohortsMagic...)
	b = binary.AppendUvarint(b, uint64(len(c.spans)))
	for _, s := range c.sorted() {
		open := s.endSec == openEnd
		b = append(b, boolByte(open))
		b = binary.AppendVarint(b, s.startSec)
		b = binary.AppendUvarint(b, uint64(s.startNs))
		if !open {
			b = binary.AppendUvarint(b, uint64(s.endSec-s.startSec))
			b = binary.AppendUvarint(b, uint64(s.endNs))
		}
	}
	return b, nil
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces c
// with what [Cohorts.MarshalBinary] wrote into data, checking every value as
// [Cohorts.Add] does and allocating no more than data's length allows.
//
// UnmarshalBinary returns an error if:
//   - data is not the binary form of Cohorts: truncated, corrupt, with
//     trailing bytes, or holding a value Add would reject
//     ([metrics.ErrInvalid]); c is then unchanged
func (c *Cohorts) UnmarshalBinary(data []byte) error {
	const metric = "crm.Cohorts.UnmarshalBinary"
	r := newReader(data)
	if !r.magic(cohortsMagic) {
		return r.fail(metric, "is not the binary form of Cohorts")
	}
	n := r.count(3)
	spans := make([]cohortSpan, 0, n)
	for range n {
		flag := r.byte()
		s := cohortSpan{startSec: r.varint(), startNs: r.nanos(), endSec: openEnd}
		if flag == 0 {
			s.endSec, s.endNs = s.startSec+r.span(), r.nanos()
		}
		if r.bad || flag > 1 {
			return r.fail(metric, "is truncated or corrupt")
		}
		if err := s.check(); err != "" {
			return r.fail(metric, err)
		}
		spans = append(spans, s)
	}
	if !r.done() {
		return r.fail(metric, "is truncated, corrupt or has bytes after the customers")
	}
	c.spans = spans
	return nil
}

// check returns what is wrong with a decoded span, or "".
func (s *cohortSpan) check() string {
	switch {
	case s.startSec < minLedgerSec || s.startSec >= maxLedgerSec || s.endSec != openEnd && s.endSec >= maxLedgerSec:
		return "holds an instant outside the years 1..9999"
	case s.startSec == minLedgerSec && s.startNs == 0:
		return "holds a zero Start"
	case instantBefore(s.endSec, s.endNs, s.startSec, s.startNs):
		return "holds a customer who ends before starting"
	}
	return ""
}

// cohortsJSON is the JSON form of Cohorts.
type cohortsJSON struct {
	Customers []cohortSpanJSON `json:"customers"`
}

type cohortSpanJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"customers": [{"start": "2026-01-05T09:00:00Z", "end": "..."}]}
//
// with times in UTC (RFC 3339), no "end" for a customer still active, and
// the customers in the canonical order of [Cohorts.MarshalBinary]; IDs are
// not kept. [Cohorts.UnmarshalJSON] reads it back exactly.
func (c Cohorts) MarshalJSON() ([]byte, error) {
	out := cohortsJSON{Customers: make([]cohortSpanJSON, len(c.spans))}
	for i, s := range c.sorted() {
		out.Customers[i].Start = time.Unix(s.startSec, int64(s.startNs)).UTC()
		if s.endSec != openEnd {
			out.Customers[i].End = time.Unix(s.endSec, int64(s.endNs)).UTC()
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces c with what
// [Cohorts.MarshalJSON] wrote, checking every value as [Cohorts.Add] does.
//
// UnmarshalJSON returns an error if:
//   - data is not the JSON form of Cohorts, or holds a value Add would
//     reject ([metrics.ErrInvalid]); c is then unchanged
func (c *Cohorts) UnmarshalJSON(data []byte) error {
	const metric = "crm.Cohorts.UnmarshalJSON"
	var in cohortsJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return check.Err(metric, "data", nil, metrics.ErrInvalid, "is not the JSON form of Cohorts: "+err.Error())
	}
	var out Cohorts
	for i, j := range in.Customers {
		if err := out.Add(Customer{Start: j.Start, End: j.End}); err != nil {
			return check.Err(metric, "data", nil, metrics.ErrInvalid,
				"holds customer "+strconv.Itoa(i)+": "+err.Error())
		}
	}
	*c = out
	return nil
}

var cohortRetentionDescriptor = metrics.Descriptor{
	ID:       "cohort_retention",
	Name:     "Cohort retention rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "customers of the cohort active at the start of month k / customers in the cohort × 100",
}
