package crm

import (
	"cmp"
	"slices"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// CohortRetentionRateID is the descriptor ID of CohortRetention.
const CohortRetentionRateID = "cohort_retention_rate"

// MaxCohortMonths is the largest CohortInput.Months that CohortRetention
// accepts: a hundred years of monthly columns.
const MaxCohortMonths = 1200

// Customer is one customer's span of activity. Times are instants; the
// cohort month is read in UTC.
type Customer struct {
	// ID is the caller's identifier of the customer; CohortRetention does
	// not read it.
	ID string
	// Start is when the customer became active (first subscription, first
	// purchase). It must not be zero.
	Start time.Time
	// End is when the customer stopped being active (cancellation took
	// effect): the customer is active before End and not from End on. The
	// zero time means the customer is still active.
	End time.Time
}

// CohortInput holds the customers and the observation date of a cohort
// retention table.
type CohortInput struct {
	// Customers are the customers to group, in any order.
	Customers []Customer
	// AsOf is the instant the data describe: month k of a cohort is in the
	// table once it has begun, that is when its first instant is at or
	// before AsOf. It must not be zero or before any customer's Start.
	AsOf time.Time
	// Months is the last month k to report, 0..MaxCohortMonths; month k of a
	// cohort is reported only once it has begun by AsOf.
	Months int
}

// CohortTable is CohortRetention's result: one row per cohort and the
// overall figure per month.
type CohortTable struct {
	// Cohorts lists the cohorts, oldest first; months without a new
	// customer have no row.
	Cohorts []Cohort
	// Overall[k] combines the cohorts that have reached month k, for
	// k = 0 .. the oldest cohort's last reported month.
	Overall []CohortMonth
}

// Cohort is one row of a cohort retention table: the customers who started
// in one calendar month and how many of them were still active each month
// after.
type Cohort struct {
	// Month is the first instant (UTC) of the calendar month in which the
	// cohort's customers started.
	Month time.Time
	// Size is the number of customers who started in Month.
	Size int
	// Retained[k] is the number of the cohort's customers active at the
	// first instant of the k-th month after Month; Retained[0] is Size.
	// There is one entry per month the cohort has reached by AsOf, up to
	// Months.
	Retained []int
	// Rates[k] is Retained[k] / Size × 100.
	Rates []metrics.Percent
}

// CohortMonth is the overall retention k months after the cohort month,
// over every cohort that has reached month k.
type CohortMonth struct {
	Month     int             // k, months after the cohort month
	Cohorts   int             // cohorts that have reached month k
	Customers int             // customers in those cohorts
	Retained  int             // of them, customers active at the start of month k
	Rate      metrics.Percent // Retained / Customers × 100
}

// CohortRetention groups customers into monthly cohorts and returns the
// share of each cohort still active k months later, and the overall share
// for each k.
//
// A customer's cohort is the calendar month, in UTC, that contains Start:
// a customer who starts at 22:00 on March 31 in New York (02:00 UTC on
// April 1) is in the April cohort. For the cohort month M, let Tₖ be the
// first instant (00:00 UTC on the 1st) of the k-th month after M. A customer
// is retained in month k ≥ 1 when active at Tₖ, that is when End is zero or
// after Tₖ; a customer whose End is exactly Tₖ is not. Month 0 is the cohort
// month itself: every customer counts as retained there (100%), as in the
// usual cohort table. A cohort has reached month k when Tₖ is at or before
// AsOf; months it has not reached are not reported, rather than reported
// as 0%.
//
//	cohort rate(k)  = retained(k) / Size × 100
//	overall rate(k) = Σ retained(k) / Σ Size × 100, over the cohorts that have reached month k
//
// Each rate is a Percent within 0..100, exact or rounded half away from zero
// at metrics.Scale digits. The overall rate weights each cohort by its size:
// it is the share of all customers of those cohorts who were retained, not
// the mean of the cohorts' rates, so a cohort of 2 customers does not weigh
// as much as one of 200.
//
// CohortRetention returns an error if:
//   - Customers is empty (metrics.ErrEmpty)
//   - AsOf is zero (metrics.ErrInvalid)
//   - Months is negative (metrics.ErrNegative) or above MaxCohortMonths
//     (metrics.ErrOutOfRange)
//   - a customer's Start is zero (metrics.ErrInvalid)
//   - a customer's End is before its Start, or its Start after AsOf
//     (metrics.ErrInconsistent)
//
// An error about a customer names the field at fault and the customer's
// index in Customers (Field "Customers.End", Index 2).
func CohortRetention(in CohortInput) (CohortTable, error) {
	const metric = "crm.CohortRetention"
	if len(in.Customers) == 0 {
		return CohortTable{}, check.Err(metric, "Customers", nil, metrics.ErrEmpty, "is empty")
	}
	if in.AsOf.IsZero() {
		return CohortTable{}, check.Err(metric, "AsOf", nil, metrics.ErrInvalid, "is zero")
	}
	if err := check.Count(metric, "Months", in.Months); err != nil {
		return CohortTable{}, err
	}
	if in.Months > MaxCohortMonths {
		return CohortTable{}, check.Err(metric, "Months", in.Months, metrics.ErrOutOfRange,
			"is above MaxCohortMonths 1200")
	}
	asOf := monthIndex(in.AsOf)

	// One accumulator per cohort month. left[k] counts the customers whose
	// last retained month is k: a customer retained through month k is
	// retained in every month 1..k, so Retained[k] is the sum of left[j]
	// for j ≥ k.
	type acc struct {
		month int64
		size  int
		left  []int
	}
	slot := make(map[int64]int)
	var accs []acc
	for i, c := range in.Customers {
		if c.Start.IsZero() {
			return CohortTable{}, check.ErrAt(metric, "Customers.Start", i, nil, metrics.ErrInvalid, "is zero")
		}
		if !c.End.IsZero() && c.End.Before(c.Start) {
			return CohortTable{}, check.ErrAt(metric, "Customers.End", i, c.End, metrics.ErrInconsistent,
				"is before Start "+check.Text(c.Start))
		}
		if c.Start.After(in.AsOf) {
			return CohortTable{}, check.ErrAt(metric, "Customers.Start", i, c.Start, metrics.ErrInconsistent,
				"is after AsOf "+check.Text(in.AsOf))
		}
		m := monthIndex(c.Start)
		s, ok := slot[m]
		if !ok {
			// Months reached: T_k ≤ AsOf for k ≤ asOf − m, capped at Months.
			s = len(accs)
			slot[m] = s
			accs = append(accs, acc{month: m, left: make([]int, min(asOf-m, int64(in.Months))+1)})
		}
		a := &accs[s]
		a.size++
		last := len(a.left) - 1 // retained through every reported month
		if !c.End.IsZero() {
			// Active at T_k iff End > T_k: through the month before End's
			// month when End is that month's first instant, else through
			// End's month.
			e := monthIndex(c.End) - m
			if c.End.Equal(monthStart(monthIndex(c.End))) {
				e--
			}
			last = int(min(e, int64(last)))
		}
		if last >= 1 {
			a.left[last]++
		}
	}
	slices.SortFunc(accs, func(x, y acc) int { return cmp.Compare(x.month, y.month) })

	t := CohortTable{Cohorts: make([]Cohort, len(accs))}
	longest := 0
	for _, a := range accs {
		longest = max(longest, len(a.left))
	}
	t.Overall = make([]CohortMonth, longest)
	for k := range t.Overall {
		t.Overall[k].Month = k
	}
	for ci, a := range accs {
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
		t.Cohorts[ci] = Cohort{Month: monthStart(a.month), Size: a.size, Retained: retained, Rates: rates}
	}
	for k := range t.Overall {
		o := &t.Overall[k]
		o.Rate = metrics.NewPercent(exact.RateInt(o.Retained, o.Customers))
	}
	return t, nil
}

// monthIndex numbers t's calendar month in UTC: year × 12 + month − 1.
func monthIndex(t time.Time) int64 {
	u := t.UTC()
	return int64(u.Year())*12 + int64(u.Month()) - 1
}

// monthStart returns the first instant (UTC) of the month numbered m by
// monthIndex.
func monthStart(m int64) time.Time {
	y, mo := m/12, m%12
	if mo < 0 {
		y, mo = y-1, mo+12
	}
	return time.Date(int(y), time.Month(mo+1), 1, 0, 0, 0, 0, time.UTC)
}

var cohortRetentionDescriptor = metrics.Descriptor{
	ID:       CohortRetentionRateID,
	Name:     "Cohort retention rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "customers of the cohort active at the start of month k / customers in the cohort × 100",
}
