package crm

import (
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Ticket is one support ticket as a help desk records it. All times are
// instants; their time zones do not matter.
type Ticket struct {
	// ID is the help desk's identifier of the ticket, for the caller's
	// reference; SummarizeTickets does not read it.
	ID string
	// Opened is when the customer opened the ticket. It must not be zero.
	Opened time.Time
	// FirstResponse is when support first answered the customer; the zero
	// time means nobody has answered yet.
	FirstResponse time.Time
	// Resolved is when the ticket was resolved; the zero time means the
	// ticket is still open.
	Resolved time.Time
}

// TicketSummary is what SummarizeTickets returns: how many tickets are
// resolved and open, and how long resolution and first response took.
type TicketSummary struct {
	Resolved int // tickets with a Resolved time
	Open     int // tickets without one; they are not in Resolution
	// Resolution summarizes Resolved − Opened over the resolved tickets.
	Resolution TimeStats
	// FirstResponse summarizes FirstResponse − Opened over the tickets that
	// have a first response, resolved or not.
	FirstResponse TimeStats
}

// TimeStats summarizes a set of durations, all to the nanosecond. When Count
// is 0 there is nothing to summarize and the other fields are zero: they are
// not times of zero, so check Count before showing them (a dashboard shows
// "n/a").
type TimeStats struct {
	Count  int           // how many durations are summarized
	Mean   time.Duration // arithmetic mean, rounded half up to the nanosecond
	Median time.Duration // middle value; mean of the two middle values for an even Count, rounded half up
	P90    time.Duration // 90th percentile, nearest rank: the smallest value with at least 90% of the values at or below it
	P99    time.Duration // 99th percentile, nearest rank
}

// SummarizeTickets counts the resolved and the open tickets and summarizes
// their resolution times and first-response times (seed 004: "the sum of the
// resolution times of all tickets divided by the number of resolved
// tickets"). For the n durations of a kind, sorted so that
// x[1] ≤ x[2] ≤ … ≤ x[n]:
//
//	Mean   = (x[1] + x[2] + … + x[n]) / n
//	Median = x[(n+1)/2]                  when n is odd
//	       = (x[n/2] + x[n/2+1]) / 2     when n is even
//	Pp     = x[⌈p × n / 100⌉]            for p = 90 and 99 (nearest rank)
//
// All results are time.Duration values, exact to the nanosecond: the mean and
// an even count's median are computed without overflow and rounded half up
// (half away from zero) to the nanosecond, so the median of 1ns and 2ns is
// 2ns. The percentiles use the nearest-rank definition, so they are always
// one of the observed durations, never an interpolation: the p90 of ten
// tickets is the 9th shortest, and the p99 of fewer than 100 tickets is the
// longest. The median is the usual one, not the nearest-rank p50.
//
// Durations are differences of wall-clock instants, exact to the
// nanosecond: like Resolved.Round(0).Sub(Opened.Round(0)), they ignore the
// monotonic clock readings that only times from time.Now carry, so times
// from time.Now and the same times read back from storage give the same
// results.
//
// An open ticket (zero Resolved) is counted in Open and is not in the
// resolution times; a ticket without a first response is not in the
// first-response times. A first response after resolution is accepted (a
// follow-up on a closed ticket). SummarizeTickets does not modify tickets and
// makes one copy of the durations, which it orders partially by selection
// rather than by sorting, in linear expected time.
//
// SummarizeTickets returns an error if:
//   - tickets is empty (metrics.ErrEmpty)
//   - a ticket's Opened time is zero (metrics.ErrInvalid)
//   - a ticket was resolved or first answered before it was opened
//     (metrics.ErrInconsistent)
//   - a ticket's resolution or first-response time is longer than a
//     time.Duration holds, about 292 years (metrics.ErrOutOfRange)
//
// An error about a ticket names the field at fault and the ticket's index in
// tickets (Field "Tickets.Resolved", Index 1): the slice is named Tickets, as
// in FirstResponseInput, though it is a parameter here (see metrics.Error).
func SummarizeTickets(tickets []Ticket) (TicketSummary, error) {
	const metric = "crm.SummarizeTickets"
	if len(tickets) == 0 {
		return TicketSummary{}, check.Err(metric, "Tickets", nil, metrics.ErrEmpty, "is empty")
	}
	var s TicketSummary
	// The one copy: resolution times first, then first-response times.
	ds := make([]time.Duration, 0, len(tickets))
	for i := range tickets {
		t := &tickets[i]
		if t.Opened.IsZero() {
			return TicketSummary{}, check.ErrAt(metric, "Tickets.Opened", i, nil, metrics.ErrInvalid, "is zero")
		}
		if !t.FirstResponse.IsZero() {
			if _, err := elapsed(metric, i, t.Opened, t.FirstResponse, "Tickets.FirstResponse"); err != nil {
				return TicketSummary{}, err
			}
		}
		if t.Resolved.IsZero() {
			s.Open++
			continue
		}
		d, err := elapsed(metric, i, t.Opened, t.Resolved, "Tickets.Resolved")
		if err != nil {
			return TicketSummary{}, err
		}
		ds = append(ds, d)
	}
	s.Resolved = len(ds)
	s.Resolution = summarizeDurations(ds)

	ds = ds[:0]
	for i := range tickets {
		t := &tickets[i]
		if !t.FirstResponse.IsZero() {
			d, _ := wallSub(t.FirstResponse, t.Opened) // checked above
			ds = append(ds, d)
		}
	}
	s.FirstResponse = summarizeDurations(ds)
	return s, nil
}

// elapsed returns to − from for ticket i, or the error if to is before from
// or too far after it for a time.Duration. field is the error's Field,
// "Tickets.<the Ticket field to is read from>".
func elapsed(metric string, i int, from, to time.Time, field string) (time.Duration, error) {
	d, ok := wallSub(to, from)
	if d < 0 {
		return 0, check.ErrAt(metric, field, i, to, metrics.ErrInconsistent,
			"is before Opened "+check.Text(from))
	}
	if !ok {
		return 0, check.ErrAt(metric, field, i, to, metrics.ErrOutOfRange,
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

// summarizeDurations returns the TimeStats of ds, which it reorders. Every
// duration is non-negative.
func summarizeDurations(ds []time.Duration) TimeStats {
	n := len(ds)
	if n == 0 {
		return TimeStats{}
	}
	st := TimeStats{Count: n, Mean: meanDuration(ds)}

	// Order statistics (0-based): the two middle ones, then the nearest
	// ranks ⌈90n/100⌉ and ⌈99n/100⌉. They are in increasing order, so each
	// selection works on the part above the previous one.
	n64 := int64(n)
	m1, m2 := (n-1)/2, n/2
	i90 := int((90*n64+99)/100) - 1
	i99 := int((99*n64+99)/100) - 1

	selectNth(ds, m1)
	if m2 > m1 {
		// The upper middle value is the smallest of those above m1.
		j := m2
		for k := m2 + 1; k < n; k++ {
			if ds[k] < ds[j] {
				j = k
			}
		}
		ds[m2], ds[j] = ds[j], ds[m2]
	}
	lo, hi := ds[m1], ds[m2]
	st.Median = lo + time.Duration((uint64(hi-lo)+1)/2) // (lo+hi)/2 rounded half up, without overflow
	if i90 > m2 {
		selectNth(ds[m2+1:], i90-m2-1)
	}
	if i99 > i90 {
		selectNth(ds[i90+1:], i99-i90-1)
	}
	st.P90, st.P99 = ds[i90], ds[i99]
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
