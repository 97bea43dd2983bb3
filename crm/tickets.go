package crm

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Ticket is one support ticket as a help desk records it. All times are
// instants; their time zones do not matter.
type Ticket struct {
	// ID is the help desk's identifier of the ticket, for the caller's
	// reference; TicketStats does not read it.
	ID string `json:"id"`
	// Opened is when the customer opened the ticket. It must not be zero.
	Opened time.Time `json:"opened"`
	// FirstResponse is when support first answered the customer; the zero
	// time means nobody has answered yet.
	FirstResponse time.Time `json:"first_response"`
	// Resolved is when the ticket was resolved; the zero time means the
	// ticket is still open.
	Resolved time.Time `json:"resolved"`
}

// TicketStats accumulates support tickets and reads the support metrics
// from them: how many tickets were received, answered, left open and
// resolved ([TicketStats.Counts]), the mean, median, p90 and p99 of the
// resolution and first-response times ([TicketStats.ResolutionTime],
// [TicketStats.FirstResponseTime]), the share of tickets answered
// ([TicketStats.SupportResponseRate]) and the cases closed per day
// ([TicketStats.CasesClosedPerDay]). Every result is exact: times to the
// nanosecond, rates as decimals.
//
// The zero value is empty, ready to use, and counts every ticket it is
// given. Set Period before the first Add to count one period's tickets; each
// metric then takes the tickets that belong to the period by the instant
// that matters to it:
//
//	received, answered, open, first-response times:  Opened in Period
//	resolved, resolution times, cases closed per day: Resolved in Period
//
// A ticket opened in March and resolved in April is received in March and
// resolved in April, as a help desk reports it. This is why the period is a
// setting and not a filter the caller applies to the tickets: no one subset
// of the tickets is right for both kinds of metric. Tickets outside the
// period are checked and then ignored, so the caller may pass all of them.
//
// Add adds one ticket; Merge adds another TicketStats of the same Period, so
// shards accumulated apart (per goroutine, file or process) combine into the
// stats of all the tickets, exactly: the median and the percentiles of
// merged shards are those of one pass over all the tickets. MarshalBinary
// and MarshalJSON carry a TicketStats between processes; UnmarshalBinary and
// UnmarshalJSON read it back and reject corrupt or hostile input with an
// error.
//
// Memory: exact quantiles after any merge need every duration, so a
// TicketStats keeps the resolution time of each resolved ticket and the
// first-response time of each answered ticket in the period, 8 bytes each:
// at most 16 bytes per ticket, 16 MB for a million tickets. Counts take no
// memory per ticket.
//
// A TicketStats is not safe for concurrent use, reading included (the
// read-outs and the encoders reorder the kept durations): give each
// goroutine its own and Merge them. A method that returns an error leaves
// the TicketStats as it was.
type TicketStats struct {
	// Period is the period whose tickets are counted, as described above.
	// The zero Period, the default, means no period: every ticket counts
	// as received and, if resolved, as resolved. Set it before the first
	// Add and do not change it afterwards. A non-zero Period must be valid
	// ([metrics.Period.Validate]).
	Period metrics.Period

	received int // tickets opened in the period
	open     int // of those, tickets without a Resolved time

	resolution durations // Resolved − Opened of the tickets resolved in the period
	response   durations // FirstResponse − Opened of the received tickets answered
}

// TicketCounts is what [TicketStats.Counts] returns.
type TicketCounts struct {
	Received int `json:"received"` // tickets opened in the period
	Answered int `json:"answered"` // of those, tickets with a FirstResponse
	Open     int `json:"open"`     // of those, tickets without a Resolved time
	Resolved int `json:"resolved"` // tickets resolved in the period, whenever opened
}

// TimeStats summarizes a non-empty set of durations, all to the nanosecond.
// In JSON the durations are integer nanoseconds, as Go encodes a
// time.Duration.
type TimeStats struct {
	Mean   time.Duration `json:"mean"`   // arithmetic mean, rounded half up to the nanosecond
	Median time.Duration `json:"median"` // middle value; mean of the two middle values for an even count, rounded half up
	P90    time.Duration `json:"p90"`    // 90th percentile, nearest rank: the smallest value with at least 90% of the values at or below it
	P99    time.Duration `json:"p99"`    // 99th percentile, nearest rank
}

// Add adds one ticket to the stats. Its durations are differences of
// wall-clock instants, exact to the nanosecond: like
// Resolved.Round(0).Sub(Opened.Round(0)), they ignore the monotonic clock
// readings that only times from time.Now carry, so live times and the same
// times read back from storage give the same results. A first response
// after resolution is accepted (a follow-up on a closed ticket).
//
// Add returns an error if:
//   - Period is not the zero Period and is not valid ([metrics.ErrInvalid],
//     Field "Period.End")
//   - the ticket's Opened time is zero ([metrics.ErrInvalid])
//   - the ticket was resolved or first answered before it was opened
//     ([metrics.ErrInconsistent])
//   - a resolution or first-response time is longer than a time.Duration
//     holds, about 292 years ([metrics.ErrOutOfRange])
//
// An error about the ticket names the field at fault: Field
// "Ticket.Resolved".
func (s *TicketStats) Add(t Ticket) error {
	const metric = "crm.TicketStats.Add"
	all, err := s.checkPeriod(metric)
	if err != nil {
		return err
	}
	if t.Opened.IsZero() {
		return check.Err(metric, "Ticket.Opened", nil, metrics.ErrInvalid, "is zero")
	}
	answered, resolved := !t.FirstResponse.IsZero(), !t.Resolved.IsZero()
	var response, resolution time.Duration
	sec, nsec := t.Opened.Unix(), t.Opened.Nanosecond()
	if answered {
		if response, err = elapsed(metric, sec, nsec, t.Opened, t.FirstResponse, "Ticket.FirstResponse"); err != nil {
			return err
		}
	}
	if resolved {
		if resolution, err = elapsed(metric, sec, nsec, t.Opened, t.Resolved, "Ticket.Resolved"); err != nil {
			return err
		}
	}
	if all || s.Period.Contains(t.Opened) {
		s.received++
		if !resolved {
			s.open++
		}
		if answered {
			s.response.add(response)
		}
	}
	if resolved && (all || s.Period.Contains(t.Resolved)) {
		s.resolution.add(resolution)
	}
	return nil
}

// checkPeriod reports whether Period is the zero Period (every ticket
// counts), or the error if it is neither zero nor valid.
func (s *TicketStats) checkPeriod(metric string) (all bool, err error) {
	if s.Period.Start.IsZero() && s.Period.End.IsZero() {
		return true, nil
	}
	if !s.Period.End.After(s.Period.Start) {
		return false, check.Err(metric, "Period.End", s.Period.End, metrics.ErrInvalid,
			"is not after Period.Start "+check.Text(s.Period.Start))
	}
	return false, nil
}

// Merge adds the tickets of other to s, as if every ticket added to other
// had been added to s. other is not modified; a nil other adds nothing.
// Merging is exact, commutative and associative: shards merged in any order
// give the counts, the times and the encoded form of one pass over all
// their tickets.
//
// Merge returns an error if:
//   - other's Period differs from s's, as instants or as clock offsets
//     ([metrics.ErrMismatch], Field "other.Period")
func (s *TicketStats) Merge(other *TicketStats) error {
	const metric = "crm.TicketStats.Merge"
	if other == nil {
		return nil
	}
	if !samePeriod(s.Period, other.Period) {
		return check.Err(metric, "other.Period", other.Period, metrics.ErrMismatch,
			"differs from Period "+s.Period.String())
	}
	s.received += other.received
	s.open += other.open
	s.resolution.merge(&other.resolution)
	s.response.merge(&other.response)
	return nil
}

// samePeriod reports whether a and b are the same instants read on the same
// clocks (zone offsets), which is what the metrics depend on.
func samePeriod(a, b metrics.Period) bool {
	same := func(x, y time.Time) bool {
		_, ox := x.Zone()
		_, oy := y.Zone()
		return x.Equal(y) && ox == oy
	}
	return same(a.Start, b.Start) && same(a.End, b.End)
}

// Counts returns the ticket counts: received, answered and open count the
// tickets opened in the period, resolved those resolved in it. With the
// zero Period every ticket is received, and Received = Open + Resolved.
func (s *TicketStats) Counts() TicketCounts {
	return TicketCounts{Received: s.received, Answered: len(s.response.d), Open: s.open, Resolved: len(s.resolution.d)}
}

// ResolutionTime returns the mean, median, p90 and p99 of the resolution
// times (Resolved − Opened) of the tickets resolved in the period. For the n
// durations, sorted so that x[1] ≤ x[2] ≤ … ≤ x[n]:
//
//	Mean   = (x[1] + x[2] + … + x[n]) / n
//	Median = x[(n+1)/2]                  when n is odd
//	       = (x[n/2] + x[n/2+1]) / 2     when n is even
//	Pp     = x[⌈p × n / 100⌉]            for p = 90 and 99 (nearest rank)
//
// The mean is the average resolution time of [AverageResolutionTime]
// ("la somme des temps de résolution de tous les billets divisée par le
// nombre de billets résolus", the sum of the resolution times of all tickets
// divided by the number of tickets resolved: "Quels sont les 7 principaux
// KPI d'une entreprise de logiciels CRM de gestion de la relation client?",
// 3 October 2024, in French). Every result is a time.Duration, exact to the
// nanosecond: the mean and an even count's median are computed without
// overflow and rounded half up (half away from zero), so the median of 1ns
// and 2ns is 2ns. The percentiles use the nearest-rank definition, so they
// are always one of the observed durations, never an interpolation: the p90
// of ten tickets is the 9th shortest, and the p99 of fewer than 100 tickets
// is the longest. The median is the usual one, not the nearest-rank p50.
//
// The order statistics are selected, not sorted, in linear expected time
// (O(n log n) at worst), in place in the kept durations.
//
// Descriptor ID of the mean: average_resolution_time.
//
// ResolutionTime returns an error if:
//   - no ticket was resolved in the period ([metrics.ErrUndefined])
func (s *TicketStats) ResolutionTime() (TimeStats, error) {
	if len(s.resolution.d) == 0 {
		return TimeStats{}, check.Err("crm.TicketStats.ResolutionTime", "Ticket.Resolved", nil, metrics.ErrUndefined,
			"is zero or outside the Period in every ticket: no resolution time")
	}
	return s.resolution.stats(), nil
}

// FirstResponseTime returns the mean, median, p90 and p99 of the
// first-response times (FirstResponse − Opened) of the tickets opened in
// the period that have been answered, resolved or not, with the definitions
// and the rounding of [TicketStats.ResolutionTime]. The mean is the first
// response time:
//
//	first response time = Σ (FirstResponse − Opened) / tickets with a FirstResponse
//
// Tickets still waiting for an answer are left out rather than counted with
// their wait so far: their response time is not known yet, and counting the
// wait so far would make the result depend on the moment it is computed.
// [TicketStats.SupportResponseRate] counts them, so read the two together: a
// short mean with a low response rate means a queue nobody answers.
//
// Descriptor ID: first_response_time.
//
// FirstResponseTime returns an error if:
//   - no ticket opened in the period has a FirstResponse ([metrics.ErrUndefined])
func (s *TicketStats) FirstResponseTime() (TimeStats, error) {
	if len(s.response.d) == 0 {
		return TimeStats{}, check.Err("crm.TicketStats.FirstResponseTime", "Ticket.FirstResponse", nil, metrics.ErrUndefined,
			"is zero in every ticket opened in the Period: no first-response time")
	}
	return s.response.stats(), nil
}

// SupportResponseRate returns the share of the tickets opened in the period
// that have been answered, as [SupportResponseRate] computes it from counts:
//
//	support response rate = Answered / Received × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// Descriptor ID: support_response_rate (the metric of [SupportResponseRate]).
//
// SupportResponseRate returns an error if:
//   - no ticket was opened in the period ([metrics.ErrUndefined])
func (s *TicketStats) SupportResponseRate() (metrics.Percent, error) {
	if s.received == 0 {
		return metrics.Percent{}, check.Err("crm.TicketStats.SupportResponseRate", "Ticket.Opened", nil, metrics.ErrUndefined,
			"is outside the Period in every ticket: no ticket received")
	}
	return metrics.NewPercent(exact.RateInt(len(s.response.d), s.received)), nil
}

// CasesClosedPerDay returns the number of tickets resolved in the period per
// calendar day of the period, as [CasesClosedPerDay] computes it from
// counts:
//
//	cases closed per day = Resolved / days in Period
//
// The days are calendar days read on each end's own clock: whole days from
// Start's date to End's date, plus the difference of their times of day as
// a fraction of 24 hours. A calendar month is 28 to 31 days even when a
// daylight-saving change makes one of its days 23 or 25 hours long. The
// result is a decimal, exact when the quotient terminates and rounded half
// away from zero at [metrics.Scale] digits otherwise. For a rate per working
// day, pass Counts().Resolved and the working days to [CasesClosedPerDay].
//
// Descriptor ID: cases_closed_per_day (the metric of [CasesClosedPerDay]).
//
// CasesClosedPerDay returns an error if:
//   - Period is the zero Period, which has no length ([metrics.ErrUndefined])
//   - Period is not valid ([metrics.ErrInvalid])
//   - Period spans no time on the clocks of its ends, which happens only
//     when they are read in zones far apart ([metrics.ErrUndefined])
func (s *TicketStats) CasesClosedPerDay() (decimal.Decimal, error) {
	const metric = "crm.TicketStats.CasesClosedPerDay"
	all, err := s.checkPeriod(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if all {
		return decimal.Decimal{}, check.Err(metric, "Period", nil, metrics.ErrUndefined,
			"is the zero Period (every ticket): it has no length in days")
	}
	nanos := calendarNanos(s.Period)
	if nanos.Sign() <= 0 {
		return decimal.Decimal{}, check.Err(metric, "Period.End", s.Period.End, metrics.ErrUndefined,
			"is not after Period.Start "+check.Text(s.Period.Start)+" on their clocks: no calendar days")
	}
	resolved := decimal.NewFromInt(int64(len(s.resolution.d))).Mul(nanosPerDay)
	return exact.Quo(resolved, nanos), nil
}

var nanosPerDay = decimal.NewFromInt(int64(24 * time.Hour))

// calendarNanos returns the length of p in nanoseconds of calendar days of
// 24 hours: (End's date − Start's date) × 24h + (End's time of day −
// Start's time of day), each read on its own clock.
func calendarNanos(p metrics.Period) decimal.Decimal {
	day := func(t time.Time) (int64, int64) {
		y, m, d := t.Date()
		h, mi, sec := t.Clock()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400,
			int64(h)*int64(time.Hour) + int64(mi)*int64(time.Minute) + int64(sec)*int64(time.Second) + int64(t.Nanosecond())
	}
	ds, cs := day(p.Start)
	de, ce := day(p.End)
	return decimal.NewFromInt(de - ds).Mul(nanosPerDay).Add(decimal.NewFromInt(ce - cs))
}

var firstResponseTimeDescriptor = metrics.Descriptor{
	ID:       "first_response_time",
	Name:     "Average first response time",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitDuration,
	Better:   metrics.LowerIsBetter,
	Formula:  "Σ (FirstResponse − Opened) / tickets with a FirstResponse",
}

// durations holds non-negative durations in any order, and knows when they
// are in ascending order (the zero value, empty, is).
type durations struct {
	d        []time.Duration
	unsorted bool // d may be out of ascending order
}

func (ds *durations) add(d time.Duration) {
	n := len(ds.d)
	if n > 0 && d < ds.d[n-1] {
		ds.unsorted = true
	}
	if n == cap(ds.d) {
		ds.reserve(1)
	}
	ds.d = append(ds.d, d)
}

// reserve makes room for n more durations, doubling the capacity at least,
// so that adding m durations one by one or in shards copies fewer than 2m
// in all (append grows large slices by a quarter, which copies about 5m).
func (ds *durations) reserve(n int) {
	if cap(ds.d)-len(ds.d) >= n {
		return
	}
	d := make([]time.Duration, len(ds.d), max(2*cap(ds.d), len(ds.d)+n, 64))
	copy(d, ds.d)
	ds.d = d
}

func (ds *durations) merge(o *durations) {
	if len(o.d) == 0 {
		return
	}
	if n := len(ds.d); o.unsorted || (n > 0 && o.d[0] < ds.d[n-1]) {
		ds.unsorted = true
	}
	ds.reserve(len(o.d))
	ds.d = append(ds.d, o.d...)
}

// sort puts the durations in ascending order.
func (ds *durations) sort() {
	if ds.unsorted {
		sortDurations(ds.d)
		ds.unsorted = false
	}
}

// elapsed returns to − from, or the error if to is before from or too far
// after it for a time.Duration. sec and nsec are from.Unix() and
// from.Nanosecond(), which the caller reads once for two calls. field is the
// error's Field, "Ticket.<the Ticket field to is read from>".
func elapsed(metric string, sec int64, nsec int, from, to time.Time, field string) (time.Duration, error) {
	var d time.Duration
	ok := false
	// The fast path of wallSub, with from's reading done once.
	if ts := to.Unix(); ts > -1<<62 && ts < 1<<62 && sec > -1<<62 && sec < 1<<62 {
		if s := ts - sec; s > -9e9 && s < 9e9 {
			d, ok = time.Duration(s)*time.Second+time.Duration(to.Nanosecond()-nsec), true
		}
	}
	if !ok {
		d, ok = wallSub(to, from)
	}
	if d < 0 {
		return 0, check.Err(metric, field, to, metrics.ErrInconsistent,
			"is before Opened "+check.Text(from))
	}
	if !ok {
		return 0, check.Err(metric, field, to, metrics.ErrOutOfRange,
			"is more than a time.Duration (about 292 years) after Opened "+check.Text(from))
	}
	return d, nil
}

// wallSub returns to − from between the wall-clock instants, ignoring
// monotonic clock readings, and whether it fits a time.Duration; when it does
// not, the result is the largest or the smallest Duration. Times less than
// about 285 years apart take a fast path of integer arithmetic; time.Sub
// checks every result for overflow by adding it back, which costs as much
// again as the subtraction.
func wallSub(to, from time.Time) (time.Duration, bool) {
	const lim = 1 << 62 // bounds both Unix times, so their difference cannot overflow
	ts, fs := to.Unix(), from.Unix()
	if ts > -lim && ts < lim && fs > -lim && fs < lim {
		// |s| < 9e9 s keeps s × 1e9 ns and the nanoseconds within an int64.
		if s := ts - fs; s > -9e9 && s < 9e9 {
			return time.Duration(s)*time.Second + time.Duration(to.Nanosecond()-from.Nanosecond()), true
		}
	}
	to, from = to.Round(0), from.Round(0) // drop monotonic readings
	d := to.Sub(from)                     // saturates at the smallest or largest Duration
	if d == math.MaxInt64 || d == math.MinInt64 {
		return d, from.Add(d).Equal(to)
	}
	return d, true
}

// stats returns the TimeStats of the durations, which must not be empty.
// When they are not known to be sorted it selects the order statistics in
// place, reordering them.
func (ds *durations) stats() TimeStats {
	d := ds.d
	n := len(d)
	st := TimeStats{Mean: meanDuration(d)}

	// Order statistics (0-based): the two middle ones, then the nearest
	// ranks ⌈90n/100⌉ and ⌈99n/100⌉. They are in increasing order, so each
	// selection works on the part above the previous one.
	n64 := int64(n)
	m1, m2 := (n-1)/2, n/2
	i90 := int((90*n64+99)/100) - 1
	i99 := int((99*n64+99)/100) - 1

	if ds.unsorted {
		selectNth(d, m1)
		if m2 > m1 {
			// The upper middle value is the smallest of those above m1.
			j := m2
			for k := m2 + 1; k < n; k++ {
				if d[k] < d[j] {
					j = k
				}
			}
			d[m2], d[j] = d[j], d[m2]
		}
		if i90 > m2 {
			selectNth(d[m2+1:], i90-m2-1)
		}
		if i99 > i90 {
			selectNth(d[i90+1:], i99-i90-1)
		}
	}
	lo, hi := d[m1], d[m2]
	st.Median = lo + time.Duration((uint64(hi-lo)+1)/2) // (lo+hi)/2 rounded half up, without overflow
	st.P90, st.P99 = d[i90], d[i99]
	return st
}

// meanDuration returns the mean of the non-negative durations ds, rounded
// half up to the nanosecond. The sum is kept in 128 bits, so it cannot
// overflow.
func meanDuration(ds []time.Duration) time.Duration {
	var hi, lo uint64
	for _, d := range ds {
		var c uint64
		lo, c = bits.Add64(lo, uint64(d), 0)
		hi += c
	}
	// Each duration is below 2^63, so hi < n and the quotient fits.
	return divRoundNanos(hi, lo, uint64(len(ds)))
}

// selectNth reorders a so that a[k] is the value a sorted copy would have
// there, every element before k is at most a[k] and every element after k
// is at least a[k]. It is an introselect: quickselect with median-of-three
// pivots (Tukey's ninther on long ranges) and Hoare partitioning, which splits
// runs of equal values evenly. When too many pivots split their range poorly
// it sorts what remains, so it takes linear time on average and O(n log n) at
// worst.
func selectNth(a []time.Duration, k int) {
	lo, hi := 0, len(a) // the range [lo, hi) holds position k
	poor := bits.Len(uint(len(a)))
	for hi-lo > 16 {
		j := partition(a, lo, hi)
		if min(j+1-lo, hi-j-1) < (hi-lo)/8 {
			if poor == 0 {
				slices.Sort(a[lo:hi])
				return
			}
			poor--
		}
		if k <= j {
			hi = j + 1
		} else {
			lo = j + 1
		}
	}
	insertionSort(a[lo:hi])
}

// partition splits a[lo:hi] (at least 3 elements) around a pivot value and
// returns j with lo ≤ j < hi−1 such that every element of a[lo:j+1] is at
// most every element of a[j+1:hi]. The pivot is the median of three elements,
// or of three such medians on ranges of 128 or more, moved to the middle.
func partition(a []time.Duration, lo, hi int) int {
	n := hi - lo
	mid, last := lo+(n-1)/2, hi-1
	var p int
	if n >= 128 {
		s := n / 8
		p = median3(a, median3(a, lo, lo+s, lo+2*s), median3(a, mid-s, mid, mid+s), median3(a, last-2*s, last-s, last))
	} else {
		p = median3(a, lo, mid, last)
	}
	a[p], a[mid] = a[mid], a[p]
	// Hoare's scheme with the pivot in the middle: the scans stop at the
	// pivot or at an element already swapped, so they stay within the range,
	// and j ends below last.
	pivot := a[mid]
	i, j := lo-1, hi
	for {
		for i++; a[i] < pivot; i++ {
		}
		for j--; a[j] > pivot; j-- {
		}
		if i >= j {
			return j
		}
		a[i], a[j] = a[j], a[i]
	}
}

// median3 returns whichever of the indexes i, j, k holds the median of
// their three values.
func median3(a []time.Duration, i, j, k int) int {
	if a[i] > a[j] {
		i, j = j, i
	}
	if a[j] > a[k] {
		j = k
		if a[i] > a[j] {
			j = i
		}
	}
	return j
}

// insertionSort sorts a short slice in place.
func insertionSort(a []time.Duration) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// sortDurations sorts the non-negative durations a in ascending order. Long
// slices are distributed into buckets by their leading bits, about four
// values to a bucket, and each bucket is sorted on its own: two linear
// passes and many tiny sorts, about twice as fast as sorting the whole
// slice for the thousands of values a shard holds. A bucket that gathers
// many values (skewed data) is sorted by slices.Sort, so the worst case is
// that of slices.Sort.
func sortDurations(a []time.Duration) {
	n := len(a)
	if n < 256 {
		slices.Sort(a)
		return
	}
	lo, hi := a[0], a[0]
	for _, v := range a {
		lo, hi = min(lo, v), max(hi, v)
	}
	span := uint64(hi - lo) // the durations are non-negative: no overflow
	if span == 0 {
		return
	}
	logBuckets := min(max(bits.Len(uint(n))-2, 8), 16)
	shift := max(bits.Len64(span)-logBuckets, 0)
	nb := int(span>>shift) + 1

	sc := sortScratch.Get().(*scratch)
	defer sortScratch.Put(sc)
	if cap(sc.start) < nb+1 {
		sc.start = make([]int, nb+1)
	}
	start := sc.start[:nb+1]
	clear(start)
	for _, v := range a {
		start[uint64(v-lo)>>shift+1]++
	}
	for i := 1; i <= nb; i++ {
		start[i] += start[i-1]
	}
	if cap(sc.buf) < n {
		sc.buf = make([]time.Duration, n)
	}
	buf := sc.buf[:n]
	next := start[:nb] // next[b] is where bucket b's next value goes; it ends at start[b+1]
	for _, v := range a {
		b := uint64(v-lo) >> shift
		buf[next[b]] = v
		next[b]++
	}
	// Now next[b] is the end of bucket b, and the start of bucket b+1.
	from := 0
	for _, to := range next {
		if to-from > 32 {
			slices.Sort(buf[from:to])
		} else {
			insertionSort(buf[from:to])
		}
		from = to
	}
	copy(a, buf)
}

// scratch is the reusable memory of sortDurations.
type scratch struct {
	start []int
	buf   []time.Duration
}

var sortScratch = sync.Pool{New: func() any { return new(scratch) }}
