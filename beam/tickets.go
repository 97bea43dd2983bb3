package kpibeam

import (
	"reflect"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

func init() {
	registerRecordCoder[crm.Ticket]()
	registerCombiner[crm.TicketStats, crm.Ticket](Tickets{})
}

// Tickets is the combiner of support tickets ([crm.Ticket]) into a
// [crm.TicketStats], from which the support metrics are read: counts, exact
// resolution and first-response times (mean, median, p90, p99), response
// rate, cases closed per day.
//
// Its setting is Period, the Period of every TicketStats it creates: the
// zero Period counts every ticket. Importing this package also registers a
// coder for crm.Ticket (exact to the nanosecond), since
// Beam's default coder would drop its times' unexported fields.
type Tickets struct {
	// Period is the period whose tickets count, as [crm.TicketStats.Period]
	// describes; zero for every ticket.
	Period metrics.Period
}

// CreateAccumulator returns empty stats of f's Period.
func (f Tickets) CreateAccumulator() *crm.TicketStats { return &crm.TicketStats{Period: f.Period} }

// AddInput adds one ticket to s, as [crm.TicketStats.Add] does.
func (Tickets) AddInput(s *crm.TicketStats, t crm.Ticket) (*crm.TicketStats, error) {
	return add(s, t)
}

// MergeAccumulators adds u to s, as [crm.TicketStats.Merge] does.
func (Tickets) MergeAccumulators(s, u *crm.TicketStats) (*crm.TicketStats, error) {
	return merge(s, u)
}

// ExtractOutput returns the stats themselves.
func (Tickets) ExtractOutput(s *crm.TicketStats) *crm.TicketStats { return s }

func (Tickets) shape() (reflect.Type, reflect.Type) { return shapeOf[crm.TicketStats, crm.Ticket]() }

func (f Tickets) check() error { return checkPeriod(f.Period) }
