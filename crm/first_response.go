package crm

import (
	"math"
	"math/bits"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// FirstResponseTimeID is the descriptor ID of FirstResponseTime.
const FirstResponseTimeID = "first_response_time"

// TicketResponse holds when one support ticket was opened and when the
// support team first answered it.
type TicketResponse struct {
	// Opened is when the customer opened the ticket. It must be set.
	Opened time.Time
	// FirstResponse is when the support team first answered the ticket, or
	// the zero time.Time if it has not answered yet.
	FirstResponse time.Time
}

// FirstResponseInput holds the support tickets of one period.
type FirstResponseInput struct {
	// Tickets are the tickets opened during the period, answered or not.
	Tickets []TicketResponse
}

// FirstResponseTime returns the mean time the support team took to send a
// first answer, over the tickets that got one:
//
//	first response time = Σ (FirstResponse − Opened) / tickets with a FirstResponse
//
// The result is a time.Duration, rounded to the nanosecond half away from zero
// as in AverageResolutionTime. Times are elapsed time (time.Time.Sub), nights
// and weekends included. The sum is exact whatever the number of tickets.
//
// Tickets still waiting for an answer are left out rather than counted with
// their wait so far: their response time is not known yet, and counting the
// wait so far would make the result depend on the moment it is computed.
// SupportResponseRate counts them, so read the two together: a short mean
// with a low response rate means a queue nobody answers.
//
// FirstResponseTime returns an error if:
//   - Tickets is empty (metrics.ErrEmpty)
//   - a ticket's Opened is the zero time (metrics.ErrInvalid)
//   - a ticket's FirstResponse is before its Opened (metrics.ErrInconsistent)
//   - a response time is longer than a time.Duration holds, about 292 years
//     (metrics.ErrOutOfRange)
//   - no ticket has a FirstResponse (metrics.ErrUndefined)
//
// An error about a ticket names the field at fault and the ticket's index in
// Tickets (Field "Tickets.FirstResponse", Index 1).
func FirstResponseTime(in FirstResponseInput) (time.Duration, error) {
	const metric = "crm.FirstResponseTime"
	if len(in.Tickets) == 0 {
		return 0, check.Err(metric, "Tickets", nil, metrics.ErrEmpty, "is empty")
	}
	var hi, lo, answered uint64
	for i, tk := range in.Tickets {
		if tk.Opened.IsZero() {
			return 0, check.ErrAt(metric, "Tickets.Opened", i, nil, metrics.ErrInvalid, "is zero")
		}
		if tk.FirstResponse.IsZero() {
			continue
		}
		if tk.FirstResponse.Before(tk.Opened) {
			return 0, check.ErrAt(metric, "Tickets.FirstResponse", i, tk.FirstResponse, metrics.ErrInconsistent,
				"is before Opened "+check.Text(tk.Opened))
		}
		d := tk.FirstResponse.Sub(tk.Opened)
		if d == math.MaxInt64 && !tk.Opened.Add(d).Equal(tk.FirstResponse) {
			return 0, check.ErrAt(metric, "Tickets.FirstResponse", i, tk.FirstResponse, metrics.ErrOutOfRange,
				"is more than "+check.Text(time.Duration(math.MaxInt64))+" after Opened "+check.Text(tk.Opened))
		}
		var carry uint64
		lo, carry = bits.Add64(lo, uint64(d), 0)
		hi += carry
		answered++
	}
	if answered == 0 {
		return 0, check.Err(metric, "Tickets", nil, metrics.ErrUndefined, "has no ticket with a FirstResponse")
	}
	return divRoundNanos(hi, lo, answered), nil
}

var firstResponseTimeDescriptor = metrics.Descriptor{
	ID:       FirstResponseTimeID,
	Name:     "Average first response time",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitDuration,
	Better:   metrics.LowerIsBetter,
	Formula:  "Σ (FirstResponse − Opened) / tickets with a FirstResponse",
}
