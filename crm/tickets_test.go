package crm_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris for the daylight-saving cases

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// supportTickets returns the tickets of the examples: in March 2024, 100
// tickets resolved with 500 hours in all, 5 hours each on average (the
// worked example of "Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM de gestion de la relation client?", 3 October 2024, in
// French): half in 3 hours and half in 7, answered in 15 or 45 minutes,
// and one opened on 29 February and resolved in 5 hours, on 1 March; and
// three more opened in March and still open and unanswered.
func supportTickets() []crm.Ticket {
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	var tickets []crm.Ticket
	for i := range 100 {
		resolution, response := 3*time.Hour, 15*time.Minute
		if i%2 == 1 {
			resolution, response = 7*time.Hour, 45*time.Minute
		}
		tickets = append(tickets, crm.Ticket{
			ID:            fmt.Sprintf("T-%d", i),
			Opened:        opened,
			FirstResponse: opened.Add(response),
			Resolved:      opened.Add(resolution),
		})
	}
	for i := range 3 {
		tickets = append(tickets, crm.Ticket{ID: fmt.Sprintf("T-open-%d", i), Opened: opened})
	}
	feb := time.Date(2024, 2, 29, 22, 0, 0, 0, time.UTC)
	tickets = append(tickets, crm.Ticket{ID: "T-feb", Opened: feb, FirstResponse: feb.Add(time.Hour), Resolved: feb.Add(5 * time.Hour)})
	return tickets
}

// marchStats returns TicketStats over supportTickets for March 2024.
func marchStats() *crm.TicketStats {
	s := &crm.TicketStats{Period: metrics.Month(2024, time.March, time.UTC)}
	for _, t := range supportTickets() {
		if err := s.Add(t); err != nil {
			panic(err)
		}
	}
	return s
}

func ExampleTicketStats() {
	s := crm.TicketStats{Period: metrics.Month(2024, time.March, time.UTC)}
	for _, t := range supportTickets() {
		if err := s.Add(t); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Printf("%+v\n", s.Counts())
	r, _ := s.ResolutionTime()
	fmt.Printf("resolution: mean %v, median %v, p90 %v, p99 %v\n", r.Mean, r.Median, r.P90, r.P99)
	f, _ := s.FirstResponseTime()
	fmt.Printf("first response: mean %v, median %v, p90 %v, p99 %v\n", f.Mean, f.Median, f.P90, f.P99)
	rate, _ := s.SupportResponseRate()
	perDay, _ := s.CasesClosedPerDay()
	fmt.Println("answered:", rate, "closed per day:", perDay.Round(2))
	// Output:
	// {Received:103 Answered:100 Open:3 Resolved:101}
	// resolution: mean 5h0m0s, median 5h0m0s, p90 7h0m0s, p99 7h0m0s
	// first response: mean 30m0s, median 30m0s, p90 45m0s, p99 45m0s
	// answered: 97.0873786408% closed per day: 3.26
}

// Shards accumulated apart — in goroutines, processes or machines — are
// carried as bytes and merged: the result is that of one pass.
func ExampleTicketStats_Merge() {
	tickets := supportTickets()
	p := metrics.Month(2024, time.March, time.UTC)
	var blobs [][]byte
	for shard := range 3 {
		s := crm.TicketStats{Period: p}
		for i := shard; i < len(tickets); i += 3 {
			if err := s.Add(tickets[i]); err != nil {
				fmt.Println(err)
				return
			}
		}
		b, err := s.MarshalBinary()
		if err != nil {
			fmt.Println(err)
			return
		}
		blobs = append(blobs, b)
	}
	total := crm.TicketStats{Period: p}
	for _, b := range blobs {
		var s crm.TicketStats
		if err := s.UnmarshalBinary(b); err != nil {
			fmt.Println(err)
			return
		}
		if err := total.Merge(&s); err != nil {
			fmt.Println(err)
			return
		}
	}
	r, _ := total.ResolutionTime()
	fmt.Println(total.Counts().Resolved, "resolved, median", r.Median, "p99", r.P99)

	other := crm.TicketStats{Period: metrics.Month(2024, time.April, time.UTC)}
	fmt.Println(total.Merge(&other))
	// Output:
	// 101 resolved, median 5h0m0s p99 7h0m0s
	// crm.TicketStats.Merge: other.Period [2024-04-01T00:00:00Z, 2024-05-01T00:00:00Z) differs from Period [2024-03-01T00:00:00Z, 2024-04-01T00:00:00Z): mismatched kinds
}

func ExampleTicketStats_Add() {
	var s crm.TicketStats // the zero Period: every ticket counts
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	fmt.Println(s.Add(crm.Ticket{ID: "T-1", Opened: opened, Resolved: opened.Add(time.Hour)}))
	err := s.Add(crm.Ticket{ID: "T-2", Opened: opened, Resolved: opened.Add(-time.Hour)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent), s.Counts().Received)
	// Output:
	// <nil>
	// crm.TicketStats.Add: Ticket.Resolved 2024-03-04T08:00:00Z is before Opened 2024-03-04T09:00:00Z: inconsistent input
	// true 1
}

func ExampleTicketStats_Counts() {
	fmt.Printf("%+v\n", marchStats().Counts())
	// Output:
	// {Received:103 Answered:100 Open:3 Resolved:101}
}

func ExampleTicketStats_ResolutionTime() {
	var s crm.TicketStats
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	_, err := s.ResolutionTime()
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	for _, h := range []time.Duration{1, 2, 2, 3, 10} {
		_ = s.Add(crm.Ticket{Opened: opened, Resolved: opened.Add(h * time.Hour)})
	}
	r, err := s.ResolutionTime()
	fmt.Printf("%+v %v\n", r, err)
	// Output:
	// true
	// {Mean:3h36m0s Median:2h0m0s P90:10h0m0s P99:10h0m0s} <nil>
}

func ExampleTicketStats_FirstResponseTime() {
	f, err := marchStats().FirstResponseTime()
	fmt.Printf("%+v %v\n", f, err)
	// Output:
	// {Mean:30m0s Median:30m0s P90:45m0s P99:45m0s} <nil>
}

func ExampleTicketStats_SupportResponseRate() {
	rate, err := marchStats().SupportResponseRate()
	fmt.Println(rate.Round(1), err)
	// Output:
	// 97.1% <nil>
}

// March 2024 in Paris has 31 calendar days, though one of them, the day
// the clocks go forward, is 23 hours long.
func ExampleTicketStats_CasesClosedPerDay() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := crm.TicketStats{Period: metrics.Month(2024, time.March, paris)}
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, paris)
	for range 62 {
		_ = s.Add(crm.Ticket{Opened: opened, Resolved: opened.Add(time.Hour)})
	}
	perDay, err := s.CasesClosedPerDay()
	fmt.Println(perDay, err)
	var all crm.TicketStats
	_, err = all.CasesClosedPerDay()
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// crm.TicketStats.CasesClosedPerDay: Period is the zero Period (every ticket): it has no length in days: undefined for this input
}

func ExampleTicketStats_MarshalJSON() {
	s := crm.TicketStats{Period: metrics.Month(2024, time.March, time.UTC)}
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	_ = s.Add(crm.Ticket{Opened: opened, FirstResponse: opened.Add(time.Minute), Resolved: opened.Add(time.Hour)})
	_ = s.Add(crm.Ticket{Opened: opened})
	b, err := json.Marshal(&s)
	fmt.Println(string(b), err)
	var back crm.TicketStats
	fmt.Println(json.Unmarshal(b, &back), back.Counts())
	// Output:
	// {"period":{"start":"2024-03-01T00:00:00Z","end":"2024-04-01T00:00:00Z"},"received":2,"open":1,"resolution_times":[3600000000000],"first_response_times":[60000000000]} <nil>
	// <nil> {2 1 1 1}
}

func ExampleTicketStats_MarshalBinary() {
	var s crm.TicketStats
	opened := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	_ = s.Add(crm.Ticket{Opened: opened, Resolved: opened.Add(time.Hour)})
	b, err := s.MarshalBinary()
	fmt.Println(len(b), err)
	var back crm.TicketStats
	fmt.Println(back.UnmarshalBinary(b), back.Counts())
	err = back.UnmarshalBinary(b[:len(b)-1])
	fmt.Println(err)
	// Output:
	// 14 <nil>
	// <nil> {1 0 0 1}
	// crm.TicketStats.UnmarshalBinary: data[6] declares 1+0 durations but holds 7 bytes for them: invalid value
}

var t0 = time.Date(2024, 1, 15, 8, 30, 0, 0, time.UTC)

// resolvedIn returns resolved tickets with the given resolution times and no
// first response.
func resolvedIn(ds ...time.Duration) []crm.Ticket {
	ts := make([]crm.Ticket, len(ds))
	for i, d := range ds {
		ts[i] = crm.Ticket{Opened: t0, Resolved: t0.Add(d)}
	}
	return ts
}

// hours returns h hours for each h.
func hours(hs ...int) []time.Duration {
	ds := make([]time.Duration, len(hs))
	for i, h := range hs {
		ds[i] = time.Duration(h) * time.Hour
	}
	return ds
}

// readout is every read-out of a TicketStats, errors by their sentinel.
type readout struct {
	Counts                     crm.TicketCounts
	Resolution, Response       crm.TimeStats
	ResolutionErr, ResponseErr error
	Rate                       string
	RateErr                    error
	PerDay                     string
	PerDayErr                  error
}

func sentinel(err error) error {
	if err == nil {
		return nil
	}
	return testkit.Sentinel(err)
}

func readAll(s *crm.TicketStats) readout {
	var r readout
	var err error
	r.Counts = s.Counts()
	r.Resolution, err = s.ResolutionTime()
	r.ResolutionErr = sentinel(err)
	r.Response, err = s.FirstResponseTime()
	r.ResponseErr = sentinel(err)
	rate, err := s.SupportResponseRate()
	r.Rate, r.RateErr = rate.String(), sentinel(err)
	perDay, err := s.CasesClosedPerDay()
	r.PerDay, r.PerDayErr = perDay.String(), sentinel(err)
	return r
}

// accumulate adds tickets to a TicketStats of period p.
func accumulate(t interface {
	Helper()
	Fatalf(string, ...any)
}, p metrics.Period, tickets []crm.Ticket) *crm.TicketStats {
	t.Helper()
	s := &crm.TicketStats{Period: p}
	for i, tk := range tickets {
		if err := s.Add(tk); err != nil {
			t.Fatalf("ticket %d: %v", i, err)
		}
	}
	return s
}

var equateErrors = cmp.Comparer(func(a, b error) bool { return a == b })

func TestTicketStats(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	zero := time.Time{}
	march := metrics.Month(2024, time.March, time.UTC)
	minutes101 := make([]time.Duration, 101)
	for i := range minutes101 {
		minutes101[i] = time.Duration(100-i) * time.Minute // 100 down to 0 minutes
	}
	dMar := time.Date(2024, 3, 10, 10, 0, 0, 0, time.UTC)
	dFeb := time.Date(2024, 2, 20, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		period  metrics.Period
		tickets []crm.Ticket
		want    readout
	}{
		{
			name: "no tickets",
			want: readout{ResolutionErr: metrics.ErrUndefined, ResponseErr: metrics.ErrUndefined,
				Rate: "0%", RateErr: metrics.ErrUndefined, PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:    "no tickets in a month",
			period:  march,
			tickets: []crm.Ticket{{Opened: dFeb, Resolved: dFeb.Add(time.Hour)}},
			want: readout{ResolutionErr: metrics.ErrUndefined, ResponseErr: metrics.ErrUndefined,
				Rate: "0%", RateErr: metrics.ErrUndefined, PerDay: "0"},
		},
		{
			name:    "one ticket",
			tickets: resolvedIn(90 * time.Minute),
			want: readout{Counts: crm.TicketCounts{Received: 1, Resolved: 1},
				Resolution:  crm.TimeStats{Mean: 90 * time.Minute, Median: 90 * time.Minute, P90: 90 * time.Minute, P99: 90 * time.Minute},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:    "even count: median is the mean of the two middle values",
			tickets: resolvedIn(hours(1, 2, 4, 10)...),
			want: readout{Counts: crm.TicketCounts{Received: 4, Resolved: 4},
				Resolution:  crm.TimeStats{Mean: 4*time.Hour + 15*time.Minute, Median: 3 * time.Hour, P90: 10 * time.Hour, P99: 10 * time.Hour},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:    "median and mean round half up to the nanosecond",
			tickets: resolvedIn(1, 2),
			want: readout{Counts: crm.TicketCounts{Received: 2, Resolved: 2},
				Resolution:  crm.TimeStats{Mean: 2, Median: 2, P90: 2, P99: 2},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:    "ten tickets: p90 is the 9th shortest",
			tickets: resolvedIn(hours(10, 9, 8, 7, 6, 5, 4, 3, 2, 1)...),
			want: readout{Counts: crm.TicketCounts{Received: 10, Resolved: 10},
				Resolution:  crm.TimeStats{Mean: 5*time.Hour + 30*time.Minute, Median: 5*time.Hour + 30*time.Minute, P90: 9 * time.Hour, P99: 10 * time.Hour},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:    "101 tickets: p99 is the 100th shortest",
			tickets: resolvedIn(minutes101...),
			want: readout{Counts: crm.TicketCounts{Received: 101, Resolved: 101},
				Resolution:  crm.TimeStats{Mean: 50 * time.Minute, Median: 50 * time.Minute, P90: 90 * time.Minute, P99: 99 * time.Minute},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name: "open, answered, zones and a zero-length ticket",
			tickets: []crm.Ticket{
				{Opened: t0, FirstResponse: t0.Add(time.Hour).In(paris), Resolved: t0.Add(2 * time.Hour).In(paris)},
				{Opened: t0, FirstResponse: t0.Add(3 * time.Hour)},
				{Opened: t0, Resolved: t0},
				{Opened: t0, FirstResponse: zero, Resolved: zero},
			},
			want: readout{Counts: crm.TicketCounts{Received: 4, Answered: 2, Open: 2, Resolved: 2},
				Resolution: crm.TimeStats{Mean: time.Hour, Median: time.Hour, P90: 2 * time.Hour, P99: 2 * time.Hour},
				Response:   crm.TimeStats{Mean: 2 * time.Hour, Median: 2 * time.Hour, P90: 3 * time.Hour, P99: 3 * time.Hour},
				Rate:       "50%", PerDay: "0", PerDayErr: metrics.ErrUndefined},
		},
		{
			name:   "a month: received by Opened, resolved by Resolved",
			period: march,
			tickets: []crm.Ticket{
				{Opened: dFeb, FirstResponse: dFeb.Add(time.Hour), Resolved: dMar},      // resolved in March only
				{Opened: dMar, FirstResponse: dMar.Add(time.Hour), Resolved: march.End}, // received in March only: End is outside
				{Opened: dMar, Resolved: dMar.Add(2 * time.Hour)},                       // both
				{Opened: dMar}, // received, open
				{Opened: march.End, Resolved: march.End.Add(time.Hour)}, // neither
			},
			want: readout{Counts: crm.TicketCounts{Received: 3, Answered: 1, Open: 1, Resolved: 2},
				Resolution: crm.TimeStats{Mean: 229 * time.Hour, Median: 229 * time.Hour, P90: 19 * 24 * time.Hour, P99: 19 * 24 * time.Hour},
				Response:   crm.TimeStats{Mean: time.Hour, Median: time.Hour, P90: time.Hour, P99: time.Hour},
				Rate:       "33.3333333333%", PerDay: "0.064516129"},
		},
		{
			name:    "a period of a day and a half",
			period:  metrics.Period{Start: dMar, End: dMar.Add(36 * time.Hour)},
			tickets: []crm.Ticket{{Opened: dMar, Resolved: dMar.Add(time.Hour)}, {Opened: dMar, Resolved: dMar.Add(2 * time.Hour)}, {Opened: dMar, Resolved: dMar.Add(3 * time.Hour)}},
			want: readout{Counts: crm.TicketCounts{Received: 3, Resolved: 3},
				Resolution:  crm.TimeStats{Mean: 2 * time.Hour, Median: 2 * time.Hour, P90: 3 * time.Hour, P99: 3 * time.Hour},
				ResponseErr: metrics.ErrUndefined, Rate: "0%", PerDay: "2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.tickets)
			got := readAll(accumulate(t, tt.period, tt.tickets))
			if diff := cmp.Diff(tt.want, got, equateErrors); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tt.tickets); diff != "" {
				t.Errorf("tickets modified (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTicketStatsAddErrors(t *testing.T) {
	zero := time.Time{}
	far := t0.Add(math.MaxInt64).Add(time.Second)
	march := metrics.Month(2024, time.March, time.UTC)
	tests := []struct {
		name   string
		period metrics.Period
		ticket crm.Ticket
		want   error
		field  string
	}{
		{"zero ticket", metrics.Period{}, crm.Ticket{}, metrics.ErrInvalid, "Ticket.Opened"},
		{"zero Opened", metrics.Period{}, crm.Ticket{FirstResponse: t0, Resolved: t0}, metrics.ErrInvalid, "Ticket.Opened"},
		{"resolved before opened", metrics.Period{}, crm.Ticket{Opened: t0, Resolved: t0.Add(-1)}, metrics.ErrInconsistent, "Ticket.Resolved"},
		{"answered before opened", metrics.Period{}, crm.Ticket{Opened: t0, FirstResponse: t0.Add(-time.Hour), Resolved: t0.Add(time.Hour)}, metrics.ErrInconsistent, "Ticket.FirstResponse"},
		{"resolved 292 years later", metrics.Period{}, crm.Ticket{Opened: t0, Resolved: far}, metrics.ErrOutOfRange, "Ticket.Resolved"},
		{"answered 292 years later", metrics.Period{}, crm.Ticket{Opened: t0, FirstResponse: far}, metrics.ErrOutOfRange, "Ticket.FirstResponse"},
		{"bad ticket outside the period", march, crm.Ticket{Opened: t0, Resolved: t0.Add(-1)}, metrics.ErrInconsistent, "Ticket.Resolved"},
		{"reversed period", metrics.Period{Start: march.End, End: march.Start}, crm.Ticket{Opened: t0}, metrics.ErrInvalid, "Period.End"},
		{"empty period", metrics.Period{Start: march.Start, End: march.Start}, crm.Ticket{Opened: t0}, metrics.ErrInvalid, "Period.End"},
		{"period without start", metrics.Period{End: march.End}, crm.Ticket{Opened: zero}, metrics.ErrInvalid, "Ticket.Opened"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulate(t, tt.period, nil)
			if tt.period.End.After(tt.period.Start) || tt.period == (metrics.Period{}) {
				// A valid ticket first, to check that the error changes nothing.
				if err := s.Add(crm.Ticket{Opened: march.Start, Resolved: march.Start.Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := s.MarshalBinary()
			err := s.Add(tt.ticket)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct {
				Ticket crm.Ticket
				Period metrics.Period
			}{})
			var e *metrics.Error
			if errors.As(err, &e); e.Field != tt.field || e.Metric != "crm.TicketStats.Add" {
				t.Errorf("error %q: Field %q, want %q", err, e.Field, tt.field)
			}
			after, _ := s.MarshalBinary()
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("stats changed by a failed Add (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTicketStatsReadErrors(t *testing.T) {
	reversed := crm.TicketStats{Period: metrics.Period{Start: t0, End: t0.Add(-1)}}
	farApart := crm.TicketStats{Period: metrics.Period{
		Start: time.Date(2024, 3, 2, 10, 0, 0, 0, time.FixedZone("+14", 14*3600)),
		End:   time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("-12", -12*3600)),
	}}
	if !farApart.Period.End.After(farApart.Period.Start) {
		t.Fatal("farApart's period must be valid")
	}
	var empty crm.TicketStats
	tests := []struct {
		name  string
		read  func() error
		want  error
		field string
	}{
		{"ResolutionTime of none", func() error { _, err := empty.ResolutionTime(); return err }, metrics.ErrUndefined, "Ticket.Resolved"},
		{"FirstResponseTime of none", func() error { _, err := empty.FirstResponseTime(); return err }, metrics.ErrUndefined, "Ticket.FirstResponse"},
		{"SupportResponseRate of none", func() error { _, err := empty.SupportResponseRate(); return err }, metrics.ErrUndefined, "Ticket.Opened"},
		{"CasesClosedPerDay of the zero Period", func() error { _, err := empty.CasesClosedPerDay(); return err }, metrics.ErrUndefined, "Period"},
		{"CasesClosedPerDay of a reversed Period", func() error { _, err := reversed.CasesClosedPerDay(); return err }, metrics.ErrInvalid, "Period.End"},
		{"CasesClosedPerDay of no calendar time", func() error { _, err := farApart.CasesClosedPerDay(); return err }, metrics.ErrUndefined, "Period.End"},
		{"MarshalBinary of a reversed Period", func() error { _, err := reversed.MarshalBinary(); return err }, metrics.ErrInvalid, "Period.End"},
		{"MarshalJSON of a reversed Period", func() error { _, err := reversed.MarshalJSON(); return err }, metrics.ErrInvalid, "Period.End"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct {
				Ticket crm.Ticket
				Period metrics.Period
			}{})
			var e *metrics.Error
			if errors.As(err, &e); e.Field != tt.field {
				t.Errorf("error %q: Field %q, want %q", err, e.Field, tt.field)
			}
		})
	}
}

func TestTicketStatsMerge(t *testing.T) {
	march := metrics.Month(2024, time.March, time.UTC)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	marchParis := metrics.Month(2024, time.March, paris)
	// The same instants on other clocks: same as instants, not as clocks.
	marchPlus1 := metrics.Period{Start: marchParis.Start.In(time.FixedZone("", 3600)), End: marchParis.End.In(time.FixedZone("", 7200))}
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name        string
			period      metrics.Period
			otherPeriod metrics.Period
		}{
			{"zero and a month", metrics.Period{}, march},
			{"a month and zero", march, metrics.Period{}},
			{"two months", march, metrics.Month(2024, time.April, time.UTC)},
			{"same instants on other clocks", march, metrics.Period{Start: march.Start.In(paris), End: march.End.In(paris)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := accumulate(t, tt.period, []crm.Ticket{{Opened: march.Start, Resolved: march.Start}})
				o := accumulate(t, tt.otherPeriod, []crm.Ticket{{Opened: march.Start, Resolved: march.Start}})
				before := readAll(s)
				err := s.Merge(o)
				testkit.RequireSentinel(t, err, metrics.ErrMismatch)
				testkit.RequireFieldOf(t, err, struct{ other crm.TicketStats }{})
				if diff := cmp.Diff(before, readAll(s), equateErrors); diff != "" {
					t.Errorf("stats changed by a failed Merge (-before +after):\n%s", diff)
				}
			})
		}
	})
	t.Run("success", func(t *testing.T) {
		tickets := supportTickets()
		for _, p := range []metrics.Period{{}, march, marchParis} {
			all := accumulate(t, p, tickets)
			// Self-merge doubles; nil adds nothing; a period decoded from
			// bytes (zone names lost) still merges.
			s := accumulate(t, p, tickets)
			if err := s.Merge(nil); err != nil {
				t.Fatal(err)
			}
			if err := s.Merge(s); err != nil {
				t.Fatal(err)
			}
			twice := accumulate(t, p, append(slices.Clone(tickets), tickets...))
			if diff := cmp.Diff(readAll(twice), readAll(s), equateErrors); diff != "" {
				t.Errorf("%v: self-merge (-want +got):\n%s", p, diff)
			}
			b, err := all.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var decoded crm.TicketStats
			if err := decoded.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if err := decoded.Merge(all); err != nil {
				t.Fatalf("%v: merge with the decoded period: %v", p, err)
			}
		}
		// Offsets decide, not zone names.
		a := accumulate(t, marchParis, tickets)
		if err := a.Merge(accumulate(t, marchPlus1, tickets)); err != nil {
			t.Fatal(err)
		}
	})
}

// ratHalfUp rounds a non-negative rational half up to an integer number of
// nanoseconds: floor(r + 1/2).
func ratHalfUp(r *big.Rat) time.Duration {
	x := new(big.Rat).Add(r, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	return time.Duration(q.Int64())
}

// oracleStats recomputes TimeStats from the definitions, independently of
// the library: the mean and median in exact rationals, the percentiles as the
// smallest value with at least p% of the values at or below it (by counting,
// not by rank arithmetic).
func oracleStats(ds []time.Duration) (crm.TimeStats, error) {
	n := len(ds)
	if n == 0 {
		return crm.TimeStats{}, metrics.ErrUndefined
	}
	sorted := slices.Sorted(slices.Values(ds))
	sum := new(big.Rat)
	for _, d := range ds {
		sum.Add(sum, new(big.Rat).SetInt64(int64(d)))
	}
	mean := ratHalfUp(sum.Quo(sum, new(big.Rat).SetInt64(int64(n))))
	var median time.Duration
	if n%2 == 1 {
		median = sorted[n/2]
	} else {
		two := new(big.Rat).Add(new(big.Rat).SetInt64(int64(sorted[n/2-1])), new(big.Rat).SetInt64(int64(sorted[n/2])))
		median = ratHalfUp(two.Quo(two, big.NewRat(2, 1)))
	}
	percentile := func(p int) time.Duration {
		for _, v := range sorted {
			atOrBelow := 0
			for _, w := range ds {
				if w <= v {
					atOrBelow++
				}
			}
			if atOrBelow*100 >= p*n {
				return v
			}
		}
		return sorted[n-1]
	}
	return crm.TimeStats{Mean: mean, Median: median, P90: percentile(90), P99: percentile(99)}, nil
}

// oracleDays returns the calendar days of the periods the tests use: whole
// calendar months, counted with time.Date's day arithmetic, or exact
// multiples of 24 hours in UTC.
func oracleDays(p metrics.Period) *big.Rat {
	if p.Start.Day() == 1 && p.Start.Hour() == 0 && p.End.Equal(p.Start.AddDate(0, 1, 0)) {
		y, m, _ := p.Start.Date()
		return big.NewRat(int64(time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()), 1)
	}
	return new(big.Rat).SetFrac64(int64(p.End.Sub(p.Start)), int64(24*time.Hour))
}

// oracleReadout recomputes every read-out from the tickets and the period,
// by the definitions: membership by Contains, durations by time.Sub, rates
// in big.Rat.
func oracleReadout(p metrics.Period, tickets []crm.Ticket) readout {
	all := p == (metrics.Period{})
	in := func(t time.Time) bool { return all || (!t.Before(p.Start) && t.Before(p.End)) }
	var r readout
	var res, resp []time.Duration
	for _, t := range tickets {
		if in(t.Opened) {
			r.Counts.Received++
			if t.Resolved.IsZero() {
				r.Counts.Open++
			}
			if !t.FirstResponse.IsZero() {
				r.Counts.Answered++
				resp = append(resp, t.FirstResponse.Sub(t.Opened))
			}
		}
		if !t.Resolved.IsZero() && in(t.Resolved) {
			r.Counts.Resolved++
			res = append(res, t.Resolved.Sub(t.Opened))
		}
	}
	r.Resolution, r.ResolutionErr = oracleStats(res)
	r.Response, r.ResponseErr = oracleStats(resp)
	r.Rate, r.PerDay = "0%", "0"
	if r.Counts.Received == 0 {
		r.RateErr = metrics.ErrUndefined
	} else {
		r.Rate = metrics.NewPercent(testkit.Round(big.NewRat(int64(r.Counts.Answered)*100, int64(r.Counts.Received)))).String()
	}
	if all {
		r.PerDayErr = metrics.ErrUndefined
	} else {
		perDay := new(big.Rat).Quo(big.NewRat(int64(r.Counts.Resolved), 1), oracleDays(p))
		r.PerDay = testkit.Round(perDay).String()
	}
	return r
}

// ticketGen generates valid tickets around 2024: durations drawn from a
// small set (so there are ties), from a few days or from the whole range;
// some open, some unanswered.
func ticketGen() *rapid.Generator[crm.Ticket] {
	duration := rapid.OneOf(
		rapid.Int64Range(0, 5),
		rapid.Int64Range(0, int64(72*time.Hour)),
		rapid.Int64Range(math.MaxInt64-3, math.MaxInt64),
	)
	return rapid.Custom(func(t *rapid.T) crm.Ticket {
		opened := t0.Add(time.Duration(rapid.Int64Range(-1e15, 1e16).Draw(t, "opened")))
		tk := crm.Ticket{Opened: opened}
		if rapid.IntRange(0, 4).Draw(t, "answered") > 0 {
			tk.FirstResponse = opened.Add(time.Duration(duration.Draw(t, "response")))
		}
		if rapid.IntRange(0, 4).Draw(t, "resolved") > 0 {
			tk.Resolved = opened.Add(time.Duration(duration.Draw(t, "resolution")))
		}
		return tk
	})
}

// periodGen generates the zero Period or a calendar month of 2024 in UTC or
// in Paris.
func periodGen() *rapid.Generator[metrics.Period] {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return rapid.Custom(func(t *rapid.T) metrics.Period {
		switch rapid.IntRange(0, 2).Draw(t, "period kind") {
		case 0:
			return metrics.Period{}
		case 1:
			return metrics.Month(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), time.UTC)
		}
		return metrics.Month(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), paris)
	})
}

func TestTicketStatsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := periodGen().Draw(t, "period")
		tickets := rapid.SliceOfN(ticketGen(), 0, 150).Draw(t, "tickets")
		s := accumulate(t, p, tickets)
		got := readAll(s)
		// Oracle: the definitions, recomputed with big.Rat and counting.
		if diff := cmp.Diff(oracleReadout(p, tickets), got, equateErrors); diff != "" {
			t.Fatalf("TicketStats vs oracle (-want +got):\n%s", diff)
		}
		// Identity: with the zero Period every ticket is resolved or open.
		if c := got.Counts; p == (metrics.Period{}) && c.Open+c.Resolved != c.Received {
			t.Fatalf("counts %+v", c)
		}
		// Order: 0 ≤ median ≤ p90 ≤ p99.
		for _, st := range []crm.TimeStats{got.Resolution, got.Response} {
			if st.Mean < 0 || st.Median < 0 || st.Median > st.P90 || st.P90 > st.P99 {
				t.Fatalf("stats out of order: %+v", st)
			}
		}
		// Reading twice gives the same (reading reorders in place).
		if diff := cmp.Diff(got, readAll(s), equateErrors); diff != "" {
			t.Fatalf("second read (-first +second):\n%s", diff)
		}
	})
}

// TestTicketStatsShards is the property every accumulator must have: split
// the tickets into random shards, accumulate each, encode it (binary or
// JSON), decode it, merge the shards in random order: the read-outs and the
// encoded forms equal those of one pass.
func TestTicketStatsShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := periodGen().Draw(t, "period")
		tickets := rapid.SliceOfN(ticketGen(), 0, 200).Draw(t, "tickets")
		one := accumulate(t, p, tickets)
		wantBin, err := one.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, err := json.Marshal(one)
		if err != nil {
			t.Fatal(err)
		}
		nShards := rapid.IntRange(1, 8).Draw(t, "shards")
		shards := make([][]crm.Ticket, nShards)
		for _, tk := range tickets {
			i := rapid.IntRange(0, nShards-1).Draw(t, "shard")
			shards[i] = append(shards[i], tk)
		}
		useJSON := rapid.Bool().Draw(t, "json")
		decoded := make([]*crm.TicketStats, nShards)
		for i, sh := range shards {
			s := accumulate(t, p, sh)
			if i%2 == 0 {
				readAll(s) // a read reorders the durations: no effect on the result
			}
			d := new(crm.TicketStats)
			if useJSON {
				b, err := json.Marshal(s)
				if err != nil {
					t.Fatal(err)
				}
				err = json.Unmarshal(b, d)
				if err != nil {
					t.Fatal(err)
				}
			} else {
				b, err := s.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				if err := d.UnmarshalBinary(b); err != nil {
					t.Fatal(err)
				}
			}
			decoded[i] = d
		}
		order := rapid.Permutation(decoded).Draw(t, "order")
		total := order[0]
		for _, d := range order[1:] {
			if err := total.Merge(d); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(readAll(one), readAll(total), equateErrors); diff != "" {
			t.Fatalf("merged shards vs one pass (-want +got):\n%s", diff)
		}
		gotBin, err := total.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantBin, gotBin); diff != "" {
			t.Fatalf("binary form (-one pass +merged):\n%s", diff)
		}
		gotJSON, err := json.Marshal(total)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(wantJSON), string(gotJSON)); diff != "" {
			t.Fatalf("JSON form (-one pass +merged):\n%s", diff)
		}
	})
}

func TestTicketStatsLarge(t *testing.T) {
	// Orders that trouble a naive quickselect, at a size where the selection
	// recurses: the percentiles must match a sorted copy.
	const n = 20_001
	patterns := map[string]func(i int) time.Duration{
		"ascending":  func(i int) time.Duration { return time.Duration(i) },
		"descending": func(i int) time.Duration { return time.Duration(n - i) },
		"all equal":  func(int) time.Duration { return time.Hour },
		"two values": func(i int) time.Duration { return time.Duration(i%2) * time.Hour },
		"organ pipe": func(i int) time.Duration { return time.Duration(min(i, n-i)) },
		"sawtooth":   func(i int) time.Duration { return time.Duration(i % 97) },
		"random":     func(i int) time.Duration { return time.Duration(rand.New(rand.NewPCG(uint64(i), 3)).Int64N(1e12)) },
		"skewed":     func(i int) time.Duration { return time.Duration(math.Exp(float64(i%1000) / 25)) },
		"huge":       func(i int) time.Duration { return math.MaxInt64 - time.Duration(i%5000)*time.Hour },
	}
	for name, f := range patterns {
		for _, size := range []int{n, n - 1} {
			t.Run(fmt.Sprintf("%s/%d", name, size), func(t *testing.T) {
				ds := make([]time.Duration, size)
				for i := range ds {
					ds[i] = f(i)
				}
				s := accumulate(t, metrics.Period{}, resolvedIn(ds...))
				got, err := s.ResolutionTime()
				if err != nil {
					t.Fatal(err)
				}
				sorted := slices.Sorted(slices.Values(ds))
				want := crm.TimeStats{Mean: got.Mean, Median: got.Median,
					P90: sorted[(90*size+99)/100-1], P99: sorted[(99*size+99)/100-1]}
				// The binary form holds the durations sorted: after the
				// header (version, period flag, four uvarints), 8 bytes each.
				s = accumulate(t, metrics.Period{}, resolvedIn(ds...))
				b, err := s.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				enc := b[len(b)-8*size:]
				for i, d := range sorted {
					if v := time.Duration(binary.LittleEndian.Uint64(enc[8*i:])); v != d {
						t.Fatalf("encoded duration %d is %v, want %v", i, v, d)
					}
				}
				if size%2 == 1 {
					want.Median = sorted[size/2]
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestTicketStatsSizes(t *testing.T) {
	// Every size from 1 to 400, random times with ties: the percentiles and
	// the median match the definitions' oracle.
	r := rand.New(rand.NewPCG(4, 4))
	for n := 1; n <= 400; n++ {
		ds := make([]time.Duration, n)
		for i := range ds {
			ds[i] = time.Duration(r.Int64N(int64(n)))
		}
		got, err := accumulate(t, metrics.Period{}, resolvedIn(ds...)).ResolutionTime()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := oracleStats(ds)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%d durations (-want +got):\n%s", n, diff)
		}
	}
}

// antiSelect builds an input of n durations on which TicketStats'
// selection of the lower median picks poor pivots again and again, by
// McIlroy's adversary ("A killer adversary for quicksort", 1999): it replays
// the selection's steps on undecided values ("gas") and fixes each value only
// when a comparison needs it, always so that the pivot lands near an end.
// The replay mirrors crm's selectNth; if that changes, the input is merely an
// ordinary one and the test below still checks the results.
func antiSelect(n int) []time.Duration {
	gas := n
	val := make([]int, n)
	for i := range val {
		val[i] = gas
	}
	solid, candidate := 0, -1
	less := func(x, y int) bool { // val[x] < val[y], deciding values on demand
		if val[x] == gas && val[y] == gas {
			if x == candidate {
				val[x] = solid
			} else {
				val[y] = solid
			}
			solid++
		}
		if val[x] == gas {
			candidate = x
		} else if val[y] == gas {
			candidate = y
		}
		return val[x] < val[y]
	}
	a := make([]int, n) // a holds element identities
	for i := range a {
		a[i] = i
	}
	median3 := func(i, j, k int) int {
		if less(a[j], a[i]) {
			i, j = j, i
		}
		if less(a[k], a[j]) {
			j = k
			if less(a[j], a[i]) {
				j = i
			}
		}
		return j
	}
	partition := func(lo, hi int) int {
		m := hi - lo
		mid, last := lo+(m-1)/2, hi-1
		var p int
		if m >= 128 {
			s := m / 8
			p = median3(median3(lo, lo+s, lo+2*s), median3(mid-s, mid, mid+s), median3(last-2*s, last-s, last))
		} else {
			p = median3(lo, mid, last)
		}
		a[p], a[mid] = a[mid], a[p]
		pivot := a[mid]
		i, j := lo-1, hi
		for {
			for i++; less(a[i], pivot); i++ {
			}
			for j--; less(pivot, a[j]); j-- {
			}
			if i >= j {
				return j
			}
			a[i], a[j] = a[j], a[i]
		}
	}
	k := (n - 1) / 2
	lo, hi, poor := 0, n, bits.Len(uint(n))
	for hi-lo > 16 && poor >= 0 {
		j := partition(lo, hi)
		if min(j+1-lo, hi-j-1) < (hi-lo)/8 {
			poor--
		}
		if k <= j {
			hi = j + 1
		} else {
			lo = j + 1
		}
	}
	ds := make([]time.Duration, n)
	for i, v := range val {
		ds[i] = time.Duration(v) * time.Second
	}
	return ds
}

func TestTicketStatsAdversary(t *testing.T) {
	for _, n := range []int{1000, 4001} {
		ds := antiSelect(n)
		got, err := accumulate(t, metrics.Period{}, resolvedIn(ds...)).ResolutionTime()
		if err != nil {
			t.Fatal(err)
		}
		sorted := slices.Sorted(slices.Values(ds))
		want := crm.TimeStats{Mean: got.Mean, Median: sorted[n/2],
			P90: sorted[(90*n+99)/100-1], P99: sorted[(99*n+99)/100-1]}
		if n%2 == 0 {
			lo, hi := sorted[n/2-1], sorted[n/2]
			want.Median = lo + (hi-lo+1)/2
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%d adversarial durations (-want +got):\n%s", n, diff)
		}
	}
}

// validBinary returns the binary form of the March example's stats.
func validBinary(t interface{ Fatal(...any) }) []byte {
	b, err := marchStats().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTicketStatsUnmarshalBinaryErrors(t *testing.T) {
	valid := validBinary(t)
	var zeroPeriod crm.TicketStats
	_ = zeroPeriod.Add(crm.Ticket{Opened: t0, Resolved: t0.Add(time.Hour)})
	_ = zeroPeriod.Add(crm.Ticket{Opened: t0, Resolved: t0.Add(2 * time.Hour)})
	zp, _ := zeroPeriod.MarshalBinary() // 01 00 | 02 00 02 00 | 2 × 8 bytes
	with := func(b []byte, i int, v byte) []byte {
		c := slices.Clone(b)
		c[i] = v
		return c
	}
	huge := []byte{1, 0}
	huge = binary.AppendUvarint(huge, math.MaxInt64)
	huge = binary.AppendUvarint(huge, 0)
	huge = binary.AppendUvarint(huge, math.MaxInt64)
	huge = binary.AppendUvarint(huge, 0)
	neg := slices.Clone(zp)
	binary.LittleEndian.PutUint64(neg[6:], 1<<63)
	swapped := slices.Clone(zp)
	copy(swapped[6:14], zp[14:22])
	copy(swapped[14:22], zp[6:14])
	reversed := marchStats()
	reversed.Period.Start, reversed.Period.End = reversed.Period.End, reversed.Period.Start
	badPeriod := slices.Clone(valid)
	copy(badPeriod[3:18], valid[19:34]) // Start := End
	tests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"one byte", []byte{1}},
		{"version 2", with(valid, 0, 2)},
		{"period flag 2", with(valid, 1, 2)},
		{"period length past the end", valid[:3]},
		{"period time truncated", valid[:10]},
		{"period time length 0", []byte{1, 1, 0}},
		{"period time corrupt", with(valid, 3, 99)},
		{"empty period", badPeriod},
		{"no counts", zp[:2]},
		{"truncated count", []byte{1, 0, 0x80}},
		{"huge declared lengths", huge},
		{"count over MaxInt", append([]byte{1, 0}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)},
		{"truncated durations", zp[:len(zp)-1]},
		{"trailing byte", append(slices.Clone(zp), 0)},
		{"negative duration", neg},
		{"durations out of order", swapped},
		{"more open than received", with(zp, 3, 3)},
		{"more answered than received", []byte{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"neither open nor resolved with the zero Period", with(zp, 2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := marchStats()
			before := readAll(s)
			err := s.UnmarshalBinary(tt.data)
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ data []byte }{})
			if diff := cmp.Diff(before, readAll(s), equateErrors); diff != "" {
				t.Errorf("stats changed by a failed UnmarshalBinary (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTicketStatsUnmarshalJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"empty", ``},
		{"not an object", `[]`},
		{"syntax", `{"received":`},
		{"wrong type", `{"received":"3"}`},
		{"unknown key", `{"received":0,"open":0,"resolved":0}`},
		{"two objects", `{} {}`},
		{"empty period", `{"period":{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T00:00:00Z"}}`},
		{"bad time", `{"period":{"start":"yesterday","end":"2024-03-01T00:00:00Z"}}`},
		{"negative count", `{"received":-1,"open":-1}`},
		{"negative duration", `{"received":1,"resolution_times":[-1]}`},
		{"out of order", `{"received":2,"resolution_times":[2,1]}`},
		{"more open than received", `{"received":1,"open":2}`},
		{"more answered than received", `{"period":{"start":"2024-03-01T00:00:00Z","end":"2024-04-01T00:00:00Z"},"received":0,"first_response_times":[1]}`},
		{"neither open nor resolved", `{"received":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := marchStats()
			before := readAll(s)
			err := s.UnmarshalJSON([]byte(tt.data))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ data []byte }{})
			if diff := cmp.Diff(before, readAll(s), equateErrors); diff != "" {
				t.Errorf("stats changed by a failed UnmarshalJSON (-before +after):\n%s", diff)
			}
		})
	}
}

// fuzzTickets decodes 25 bytes per ticket: the opening instant in seconds
// and nanoseconds, two offsets, and a byte of flags saying which times are
// set and whether an offset is taken as an absolute instant instead.
func fuzzTickets(data []byte) []crm.Ticket {
	var ts []crm.Ticket
	for len(data) >= 25 {
		sec := int64(binary.LittleEndian.Uint64(data))
		a := int64(binary.LittleEndian.Uint64(data[8:]))
		b := int64(binary.LittleEndian.Uint64(data[16:]))
		flags := data[24]
		data = data[25:]
		opened := time.Unix(sec%(1<<40), 0)
		if flags&32 != 0 {
			opened = time.Time{}
		}
		at := func(off int64, absolute bool) time.Time {
			if absolute {
				return time.Unix(off, 0)
			}
			return opened.Add(time.Duration(off))
		}
		tk := crm.Ticket{Opened: opened}
		if flags&1 != 0 {
			tk.FirstResponse = at(a, flags&4 != 0)
		}
		if flags&2 != 0 {
			tk.Resolved = at(b, flags&8 != 0)
		}
		ts = append(ts, tk)
	}
	return ts
}

// FuzzTicketStatsAdd adds decoded tickets one by one: every error is a
// kpikit error that changes nothing, and the read-outs match the oracle over
// the tickets that were accepted; the stats survive an encoding round trip.
func FuzzTicketStatsAdd(f *testing.F) {
	ticket := func(sec, a, b int64, flags byte) []byte {
		out := binary.LittleEndian.AppendUint64(nil, uint64(sec))
		out = binary.LittleEndian.AppendUint64(out, uint64(a))
		out = binary.LittleEndian.AppendUint64(out, uint64(b))
		return append(out, flags)
	}
	f.Add([]byte{}, false)
	f.Add(ticket(1.7e9, 60e9, 3600e9, 3), true)
	f.Add(append(ticket(1.7e9, 60e9, 3600e9, 3), ticket(1.7e9, -5, 7, 3)...), false)
	f.Add(ticket(1.7e9, 0, 1<<62, 2|8), false)
	f.Add(ticket(0, 0, 0, 32), true)
	f.Fuzz(func(t *testing.T, data []byte, month bool) {
		var p metrics.Period
		if month {
			p = metrics.Month(2023, time.November, time.UTC)
		}
		s := &crm.TicketStats{Period: p}
		var accepted []crm.Ticket
		for _, tk := range fuzzTickets(data) {
			before, _ := s.MarshalBinary()
			if err := s.Add(tk); err != nil {
				testkit.RequireKpikitError(t, err)
				after, _ := s.MarshalBinary()
				if !slices.Equal(before, after) {
					t.Fatalf("a failed Add changed the stats")
				}
				continue
			}
			accepted = append(accepted, tk)
		}
		got := readAll(s)
		if diff := cmp.Diff(oracleReadout(p, accepted), got, equateErrors); diff != "" {
			t.Fatalf("TicketStats vs oracle (-want +got):\n%s", diff)
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back crm.TicketStats
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, readAll(&back), equateErrors); diff != "" {
			t.Fatalf("binary round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzTicketStatsUnmarshalBinary feeds arbitrary bytes: no panic, every
// error a kpikit ErrInvalid; what decodes encodes to a form that decodes to
// the same stats and encodes to itself.
func FuzzTicketStatsUnmarshalBinary(f *testing.F) {
	f.Add(validBinary(f))
	f.Add([]byte{1, 0, 0, 0, 0, 0})
	f.Add([]byte{1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s crm.TicketStats
		if err := s.UnmarshalBinary(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			if diff := cmp.Diff(readAll(&crm.TicketStats{}), readAll(&s), equateErrors); diff != "" {
				t.Fatalf("stats changed by a failed decode (-want +got):\n%s", diff)
			}
			return
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var again crm.TicketStats
		if err := again.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(readAll(&s), readAll(&again), equateErrors); diff != "" {
			t.Fatalf("re-decoded (-want +got):\n%s", diff)
		}
		b2, _ := again.MarshalBinary()
		if !slices.Equal(b, b2) {
			t.Fatalf("encoding not stable: %x then %x", b, b2)
		}
	})
}

// FuzzTicketStatsUnmarshalJSON does the same for the JSON form.
func FuzzTicketStatsUnmarshalJSON(f *testing.F) {
	b, err := json.Marshal(marchStats())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"received":1,"open":1}`))
	f.Add([]byte(`{"received":2,"open":0,"resolution_times":[1,2],"first_response_times":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s crm.TicketStats
		if err := s.UnmarshalJSON(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		b, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		var again crm.TicketStats
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(readAll(&s), readAll(&again), equateErrors); diff != "" {
			t.Fatalf("re-decoded (-want +got):\n%s", diff)
		}
	})
}

func TestTicketsGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		s := marchStats()
		fmt.Fprintf(&b, "%+v\n", readAll(s))
		return b.String()
	})
}

// benchTickets returns n resolved and answered tickets with resolution times
// spread over a week and first responses within a day.
func benchTickets(n int) []crm.Ticket {
	r := rand.New(rand.NewPCG(9, 9))
	ts := make([]crm.Ticket, n)
	for i := range ts {
		opened := t0.Add(time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
		ts[i] = crm.Ticket{
			ID:            fmt.Sprintf("T-%d", i),
			Opened:        opened,
			FirstResponse: opened.Add(time.Duration(r.Int64N(int64(24 * time.Hour)))),
			Resolved:      opened.Add(time.Duration(r.Int64N(int64(7 * 24 * time.Hour)))),
		}
	}
	return ts
}

// sortStats is the baseline: sort the durations and index them; the mean
// is a 128-bit sum, as exact as kpikit's.
func sortStats(ds []time.Duration) crm.TimeStats {
	n := len(ds)
	slices.Sort(ds)
	var hi, lo uint64
	for _, d := range ds {
		var c uint64
		lo, c = bits.Add64(lo, uint64(d), 0)
		hi += c
	}
	q, r := bits.Div64(hi, lo, uint64(n))
	if r >= uint64(n)-r {
		q++
	}
	median := ds[n/2]
	if n%2 == 0 {
		lo, hi := ds[n/2-1], ds[n/2]
		median = lo + (hi-lo+1)/2
	}
	return crm.TimeStats{Mean: time.Duration(q), Median: median,
		P90: ds[(90*n+99)/100-1], P99: ds[(99*n+99)/100-1]}
}

// sortReadout is what a Go programmer writes without kpikit: collect the
// durations of the tickets into slices, sort them, index them.
func sortReadout(tickets []crm.Ticket) (res, resp crm.TimeStats) {
	rs := make([]time.Duration, 0, len(tickets))
	fs := make([]time.Duration, 0, len(tickets))
	for _, t := range tickets {
		if !t.Resolved.IsZero() {
			rs = append(rs, t.Resolved.Sub(t.Opened))
		}
		if !t.FirstResponse.IsZero() {
			fs = append(fs, t.FirstResponse.Sub(t.Opened))
		}
	}
	return sortStats(rs), sortStats(fs)
}

// BenchmarkResolutionStats compares the exact mean, median, p90 and p99 of
// the resolution and first-response times of a million tickets: kpikit's
// TicketStats (Add each ticket, then read, which selects instead of
// sorting) beside sorting copies of the durations and indexing them.
func BenchmarkResolutionStats(b *testing.B) {
	tickets := benchTickets(1_000_000)
	wantRes, wantResp := sortReadout(tickets)
	b.Run("impl=kpikit", func(b *testing.B) {
		b.ReportAllocs()
		var res, resp crm.TimeStats
		for b.Loop() {
			var s crm.TicketStats
			for _, t := range tickets {
				if err := s.Add(t); err != nil {
					b.Fatal(err)
				}
			}
			res, _ = s.ResolutionTime()
			resp, _ = s.FirstResponseTime()
		}
		if diff := cmp.Diff([]crm.TimeStats{wantRes, wantResp}, []crm.TimeStats{res, resp}); diff != "" {
			b.Fatalf("(-sort +kpikit):\n%s", diff)
		}
	})
	b.Run("impl=sort", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sortReadout(tickets)
		}
	})
}
