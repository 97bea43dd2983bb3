package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// Three tickets opened on a Monday morning: two answered after 20 and 40
// minutes, one still waiting. The waiting ticket is left out.
func ExampleFirstResponseTime() {
	monday := time.Date(2024, time.October, 7, 9, 0, 0, 0, time.UTC)
	avg, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: []crm.TicketResponse{
		{Opened: monday, FirstResponse: monday.Add(20 * time.Minute)},
		{Opened: monday.Add(time.Hour), FirstResponse: monday.Add(time.Hour + 40*time.Minute)},
		{Opened: monday.Add(2 * time.Hour)}, // not answered yet
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(avg)
	// Output:
	// 30m0s
}

func ExampleFirstResponseTime_error() {
	monday := time.Date(2024, time.October, 7, 9, 0, 0, 0, time.UTC)
	_, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: []crm.TicketResponse{
		{Opened: monday, FirstResponse: monday.Add(20 * time.Minute)},
		{Opened: monday, FirstResponse: monday.Add(-time.Minute)},
	}})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.FirstResponseTime: Tickets[1].FirstResponse 2024-10-07T08:59:00Z is before Opened 2024-10-07T09:00:00Z: inconsistent input
	// true
}

// supportT0 is an arbitrary instant that tickets are opened after.
var supportT0 = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// supportAnswered returns a ticket opened at supportT0+open and answered wait later.
func supportAnswered(open, wait time.Duration) crm.TicketResponse {
	return crm.TicketResponse{Opened: supportT0.Add(open), FirstResponse: supportT0.Add(open).Add(wait)}
}

// supportWaiting returns a ticket opened at supportT0+open and not answered.
func supportWaiting(open time.Duration) crm.TicketResponse {
	return crm.TicketResponse{Opened: supportT0.Add(open)}
}

func TestFirstResponseTime(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	y1900 := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	y2100 := time.Date(2100, time.January, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		tickets []crm.TicketResponse
		want    time.Duration
	}{
		{"one ticket", []crm.TicketResponse{supportAnswered(0, 30*time.Minute)}, 30 * time.Minute},
		{"waiting tickets left out", []crm.TicketResponse{
			supportWaiting(0), supportAnswered(time.Hour, 10*time.Minute), supportWaiting(2 * time.Hour), supportAnswered(3*time.Hour, 20*time.Minute),
		}, 15 * time.Minute},
		{"answered at once", []crm.TicketResponse{supportAnswered(time.Hour, 0)}, 0},
		{"half rounds up", []crm.TicketResponse{supportAnswered(0, 1), supportAnswered(0, 0)}, 1},
		{"two thirds rounds up", []crm.TicketResponse{supportAnswered(0, 1), supportAnswered(0, 1), supportAnswered(0, 0)}, 1},
		{"quarter rounds down", []crm.TicketResponse{supportAnswered(0, 1), supportAnswered(0, 0), supportAnswered(0, 0), supportAnswered(0, 0)}, 0},
		{"one third of a minute", []crm.TicketResponse{supportAnswered(0, time.Minute), supportAnswered(0, 0), supportAnswered(0, 0)}, 20 * time.Second},
		{"time zones", []crm.TicketResponse{
			{Opened: time.Date(2024, time.March, 1, 9, 0, 0, 0, time.UTC), FirstResponse: time.Date(2024, time.March, 1, 11, 0, 0, 0, paris)},
		}, time.Hour},
		{"sum beyond a Duration", []crm.TicketResponse{
			{Opened: y1900, FirstResponse: y2100}, {Opened: y1900, FirstResponse: y2100}, {Opened: y1900, FirstResponse: y2100},
		}, y2100.Sub(y1900)},
		{"longest response", []crm.TicketResponse{{Opened: y1900, FirstResponse: y1900.Add(math.MaxInt64)}}, math.MaxInt64},
		// (2⁶³−1 + 2⁶³−2) / 2 = 2⁶³ − 1.5, which rounds up to 2⁶³ − 1.
		{"two longest responses", []crm.TicketResponse{
			{Opened: y1900, FirstResponse: y1900.Add(math.MaxInt64)}, {Opened: y1900, FirstResponse: y1900.Add(math.MaxInt64 - 1)},
		}, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.FirstResponseInput{Tickets: tt.tickets}
			got, err := crm.FirstResponseTime(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FirstResponseTime(%+v) (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestFirstResponseTimeErrors(t *testing.T) {
	y1900 := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		tickets []crm.TicketResponse
		want    error
		field   string
		index   int
		message string // checked when set
	}{
		{"nil", nil, metrics.ErrEmpty, "Tickets", -1, "crm.FirstResponseTime: Tickets is empty: no data"},
		{"empty", []crm.TicketResponse{}, metrics.ErrEmpty, "Tickets", -1, ""},
		{"zero ticket", []crm.TicketResponse{{}}, metrics.ErrInvalid, "Tickets.Opened", 0,
			"crm.FirstResponseTime: Tickets[0].Opened is zero: invalid value"},
		{"answered but never opened", []crm.TicketResponse{supportAnswered(0, time.Hour), {FirstResponse: supportT0}}, metrics.ErrInvalid, "Tickets.Opened", 1, ""},
		{"waiting and never opened", []crm.TicketResponse{supportWaiting(0), supportWaiting(0), {}}, metrics.ErrInvalid, "Tickets.Opened", 2, ""},
		{"answer before opening", []crm.TicketResponse{supportAnswered(0, -time.Nanosecond)}, metrics.ErrInconsistent, "Tickets.FirstResponse", 0,
			"crm.FirstResponseTime: Tickets[0].FirstResponse 2023-12-31T23:59:59.999999999Z is before Opened 2024-01-01T00:00:00Z: inconsistent input"},
		{"longer than a Duration", []crm.TicketResponse{
			supportAnswered(0, time.Hour), {Opened: y1900, FirstResponse: y1900.Add(math.MaxInt64).Add(1)},
		}, metrics.ErrOutOfRange, "Tickets.FirstResponse", 1,
			"crm.FirstResponseTime: Tickets[1].FirstResponse 2192-04-10T23:47:16.854775808Z is more than 2562047h47m16.854775807s after Opened 1900-01-01T00:00:00Z: out of range"},
		{"300 years", []crm.TicketResponse{{Opened: y1900, FirstResponse: y1900.AddDate(300, 0, 0)}}, metrics.ErrOutOfRange, "Tickets.FirstResponse", 0, ""},
		{"none answered", []crm.TicketResponse{supportWaiting(0), supportWaiting(time.Hour)}, metrics.ErrUndefined, "Tickets", -1,
			"crm.FirstResponseTime: Tickets has no ticket with a FirstResponse: undefined for this input"},
		{"first error wins", []crm.TicketResponse{supportAnswered(0, -1), {}}, metrics.ErrInconsistent, "Tickets.FirstResponse", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: tt.tickets})
			testkit.RequireSentinel(t, err, tt.want)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.index, e.Index); diff != "" {
				t.Errorf("index (-want +got):\n%s", diff)
			}
			if tt.message != "" {
				if diff := cmp.Diff(tt.message, err.Error()); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			}
			if got != 0 {
				t.Errorf("got %v with an error, want 0", got)
			}
		})
	}
}

func TestFirstResponseTimeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		maxWait := rapid.SampledFrom([]int64{1000, int64(72 * time.Hour), math.MaxInt64}).Draw(t, "maxWait")
		n := rapid.IntRange(1, 40).Draw(t, "n")
		tickets := make([]crm.TicketResponse, n)
		sum := new(big.Int)
		var answered []time.Duration
		for i := range tickets {
			open := time.Duration(rapid.Int64Range(0, int64(1000*time.Hour)).Draw(t, "open"))
			if rapid.IntRange(0, 3).Draw(t, "waiting") == 0 {
				tickets[i] = supportWaiting(open)
				continue
			}
			wait := time.Duration(rapid.Int64Range(0, maxWait).Draw(t, "wait"))
			tickets[i] = supportAnswered(open, wait)
			sum.Add(sum, big.NewInt(int64(wait)))
			answered = append(answered, wait)
		}
		got, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: tickets})
		if len(answered) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the exact mean of the answered tickets' waits, rounded to the nanosecond.
		supportRequireNanos(t, got, new(big.Rat).SetFrac(sum, big.NewInt(int64(len(answered)))))
		// Within the shortest and the longest wait.
		if lo, hi := slices.Min(answered), slices.Max(answered); got < lo || got > hi {
			t.Fatalf("mean %v outside %v..%v", got, lo, hi)
		}
		// Agreement: the same waits summed give the same mean through AverageResolutionTime.
		if sum.IsInt64() {
			avg, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: time.Duration(sum.Int64()), TicketsResolved: len(answered)})
			if err != nil || avg != got {
				t.Fatalf("FirstResponseTime %v, AverageResolutionTime %v (%v)", got, avg, err)
			}
		}
		// The order of the tickets does not matter, and a waiting ticket changes nothing.
		reordered := append(slices.Clone(tickets), supportWaiting(0))
		slices.Reverse(reordered)
		again, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: reordered})
		if err != nil || again != got {
			t.Fatalf("reordered tickets with one more waiting: %v, want %v (%v)", again, got, err)
		}
		// Monotone: answering one ticket later never lowers the mean.
		i := rapid.IntRange(0, n-1).Draw(t, "later")
		if !tickets[i].FirstResponse.IsZero() && tickets[i].FirstResponse.Sub(tickets[i].Opened) < math.MaxInt64-time.Hour {
			later := slices.Clone(tickets)
			later[i].FirstResponse = later[i].FirstResponse.Add(time.Hour)
			slower, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: later})
			if err != nil || slower < got {
				t.Fatalf("mean fell when ticket %d was answered later: %v -> %v (%v)", i, got, slower, err)
			}
		}
	})
}

func FuzzFirstResponseTime(f *testing.F) {
	f.Add(int64(0), int64(time.Hour), int64(time.Hour), int64(30*time.Minute), uint8(0))
	f.Add(int64(0), int64(-1), int64(0), int64(0), uint8(0))
	f.Add(int64(0), int64(0), int64(0), int64(0), uint8(0b0101))
	f.Add(int64(0), int64(0), int64(0), int64(0), uint8(0b1010))
	f.Add(int64(0), int64(math.MaxInt64), int64(0), int64(math.MaxInt64), uint8(0b10000))
	f.Fuzz(func(t *testing.T, open1, wait1, open2, wait2 int64, flags uint8) {
		// Bits of flags: 0/1 a ticket has no Opened, 2/3 it has no
		// FirstResponse, 4 the first answer comes 300 years later.
		ticket := func(open, wait int64, noOpen, noAnswer bool) crm.TicketResponse {
			var tk crm.TicketResponse
			if !noOpen {
				tk.Opened = time.Unix(0, open)
			}
			if !noAnswer {
				tk.FirstResponse = time.Unix(0, open).Add(time.Duration(wait))
			}
			return tk
		}
		tickets := []crm.TicketResponse{
			ticket(open1, wait1, flags&1 != 0, flags&4 != 0),
			ticket(open2, wait2, flags&2 != 0, flags&8 != 0),
		}
		if flags&16 != 0 {
			tickets[0].FirstResponse = tickets[0].FirstResponse.AddDate(300, 0, 0)
		}
		got, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: tickets})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if got != 0 {
				t.Fatalf("got %v with an error", got)
			}
			return
		}
		var waits []time.Duration
		for _, tk := range tickets {
			if !tk.FirstResponse.IsZero() {
				waits = append(waits, tk.FirstResponse.Sub(tk.Opened))
			}
		}
		if len(waits) == 0 || got < slices.Min(waits) || got > slices.Max(waits) {
			t.Fatalf("mean %v outside the waits %v", got, waits)
		}
	})
}

func BenchmarkFirstResponseTime(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		tickets := make([]crm.TicketResponse, n)
		for i := range tickets {
			if i%5 == 0 {
				tickets[i] = supportWaiting(time.Duration(i) * time.Minute)
				continue
			}
			tickets[i] = supportAnswered(time.Duration(i)*time.Minute, time.Duration(i%97)*time.Minute+time.Duration(i)*time.Millisecond)
		}
		in := crm.FirstResponseInput{Tickets: tickets}
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := crm.FirstResponseTime(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The baseline sums in a big.Int and divides as a big.Rat.
		b.Run(fmt.Sprintf("n=%d/impl=big-rat", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum, count := new(big.Int), int64(0)
				for _, tk := range in.Tickets {
					if !tk.FirstResponse.IsZero() {
						sum.Add(sum, big.NewInt(int64(tk.FirstResponse.Sub(tk.Opened))))
						count++
					}
				}
				_ = supportRoundNanos(new(big.Rat).SetFrac(sum, big.NewInt(count)))
			}
		})
	}
}
