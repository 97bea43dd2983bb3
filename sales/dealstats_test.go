package sales_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleDealStats() {
	// The first quarter of exampleDeals: D-1 and D-2 won, D-3 lost, D-4 and
	// D-5 open at the quarter's end (D-5 was won on 2 April).
	s := sales.DealStats{Period: metrics.Quarter(2024, 1, time.UTC)}
	for _, d := range exampleDeals() {
		if err := s.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("won, lost, open:", s.Won(), s.Lost(), s.OpenOpportunities())
	fmt.Println("sales revenue:", s.SalesRevenue())
	fmt.Println("open pipeline:", s.OpenPipeline())
	size, _ := s.AverageDealSize()
	fmt.Println("average deal size:", size)
	win, _ := s.WinRate()
	fmt.Println("win rate:", win.StringFixed(2))
	closeRate, _ := s.CloseRate()
	fmt.Println("close rate:", closeRate)
	days, _ := s.SalesCycleLength()
	fmt.Println("sales cycle length:", days, "days")
	velocity, _ := s.PipelineVelocity()
	fmt.Println("pipeline velocity:", velocity.StringFixed(2), "per day")
	// Output:
	// won, lost, open: 2 1 2
	// sales revenue: 20000
	// open pipeline: 29000
	// average deal size: 10000
	// win rate: 66.67%
	// close rate: 40%
	// sales cycle length: 35 days
	// pipeline velocity: 380.95 per day
}

// The zero DealStats is ready to use: its zero Period is all time, so
// every deal counts, and OpenOpportunities are the deals open now.
func ExampleDealStats_allTime() {
	var s sales.DealStats
	if err := s.AddAll(exampleDeals()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("won, lost, open:", s.Won(), s.Lost(), s.OpenOpportunities())
	fmt.Println("sales revenue:", s.SalesRevenue())
	fmt.Println("open pipeline:", s.OpenPipeline())
	win, _ := s.WinRate()
	fmt.Println("win rate:", win)
	closeRate, _ := s.CloseRate()
	fmt.Println("close rate:", closeRate)
	// Output:
	// won, lost, open: 3 1 1
	// sales revenue: 29000
	// open pipeline: 20000
	// win rate: 75%
	// close rate: 60%
}

// Every deal is validated, in the period or not; the error names the
// deal's field, and the caller knows which deal it was.
func ExampleDealStats_Add() {
	s := sales.DealStats{Period: metrics.Quarter(2024, 1, time.UTC)}
	d := sales.Deal{ID: "D-6", Stage: sales.StageWon, Amount: decimal.NewFromInt(700),
		Created: time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC)}
	err := s.Add(d)
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent), s.Won())
	// Output:
	// sales.DealStats.Add: Deal.Closed is not set for a won deal: inconsistent input
	// true 0
}

// An undefined metric is an error, not a zero: a dashboard shows "n/a".
func ExampleDealStats_WinRate() {
	// No deal of exampleDeals was won or lost in 2023.
	s := sales.DealStats{Period: metrics.Year(2023, time.UTC)}
	for _, d := range exampleDeals() {
		if err := s.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	rate, err := s.WinRate()
	if errors.Is(err, metrics.ErrUndefined) {
		fmt.Println("win rate: n/a")
		fmt.Println(err)
		return
	}
	fmt.Println("win rate:", rate)
	// Output:
	// win rate: n/a
	// sales.DealStats.WinRate: Won 0 and Lost are both zero: undefined for this input
}

// Shards accumulated in parallel, one goroutine each, merge into the
// figures of all the deals.
func ExampleDealStats_Merge() {
	deals := exampleDeals()
	shards := [][]sales.Deal{deals[:2], deals[2:4], deals[4:]}
	stats := make([]sales.DealStats, len(shards))
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, shard := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats[i].Period = q1
			for _, d := range shard {
				if errs[i] = stats[i].Add(d); errs[i] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		fmt.Println(err)
		return
	}
	all := sales.DealStats{Period: q1}
	for i := range stats {
		if err := all.Merge(&stats[i]); err != nil {
			fmt.Println(err)
			return
		}
	}
	velocity, _ := all.PipelineVelocity()
	fmt.Println(all.Won(), all.Lost(), all.OpenOpportunities(), all.SalesRevenue(), velocity)
	// Output:
	// 2 1 2 20000 380.9523809524
}

// A shard's figures travel between processes as bytes, exactly.
func ExampleDealStats_MarshalBinary() {
	deals := exampleDeals()
	shard := sales.DealStats{Period: q1}
	for _, d := range deals[:3] {
		if err := shard.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	data, err := shard.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	// In another process: the figures of the other deals, and the shard's.
	other := sales.DealStats{Period: q1}
	for _, d := range deals[3:] {
		if err := other.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	var received sales.DealStats
	if err := received.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	if err := other.Merge(&received); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(other.Won(), other.Lost(), other.OpenOpportunities(), other.SalesRevenue())
	// Output:
	// 2 1 2 20000
}

func ExampleDealStats_MarshalJSON() {
	s := sales.DealStats{Period: q1}
	for _, d := range exampleDeals() {
		if err := s.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	data, err := json.Marshal(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))
	// Output:
	// {"period":{"start":"2024-01-01T00:00:00Z","end":"2024-04-01T00:00:00Z"},"won":2,"lost":1,"open_opportunities":2,"opportunities":5,"opportunities_won":2,"sales_revenue":"20000","open_pipeline":"29000","won_cycle_time_ns":"6048000000000000"}
}

func ExampleDealStatsByOwner() {
	// First-quarter pipeline review per rep. Ann won D-1 (12 000 in 30 days),
	// lost D-3 and has D-5 (9 000) open; Bob won D-2 (8 000 in 40 days) and
	// has D-4 (20 000) open.
	byOwner, err := sales.DealStatsByOwner(exampleDeals(), q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, owner := range slices.Sorted(maps.Keys(byOwner)) {
		s := byOwner[owner]
		win, _ := s.WinRate()
		days, _ := s.SalesCycleLength()
		fmt.Printf("%s: won %s, win rate %s, cycle %s days, open pipeline %s\n",
			owner, s.SalesRevenue(), win, days, s.OpenPipeline())
	}
	// Output:
	// ann: won 12000, win rate 50%, cycle 30 days, open pipeline 9000
	// bob: won 8000, win rate 100%, cycle 40 days, open pipeline 20000
}

// Part way through a quota period, the figures of the period so far give
// the pipeline coverage of the quota still to reach.
func ExamplePipelineCoverage_deals() {
	// On 15 March, with a first-quarter quota of 30 000: D-1 and D-2 have
	// brought in 20 000, and the open D-4 (20 000) covers the remaining
	// 10 000 twice.
	s := sales.DealStats{Period: metrics.Period{Start: q1.Start, End: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)}}
	for _, d := range exampleDeals() {
		if err := s.Add(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	quota := decimal.NewFromInt(30_000)
	coverage, err := sales.PipelineCoverage(sales.PipelineCoverageInput{
		OpenPipeline:   s.OpenPipeline(),
		RemainingQuota: quota.Sub(s.SalesRevenue()),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(coverage)
	// Output:
	// 2
}

// statsView is every figure a DealStats gives, as text: decimals in
// exact.Text, errors as their sentinel, so that accumulators compare with
// cmp.Diff whatever their internal state.
type statsView struct {
	Period                      string
	Won, Lost, Open             int
	Revenue, Pipeline           string
	AverageDealSize, WinRate    string
	CloseRate, SalesCycleLength string
	PipelineVelocity            string
}

func viewResult(v any, err error) string {
	if err != nil {
		return "error: " + testkit.Sentinel(err).Error()
	}
	switch x := v.(type) {
	case decimal.Decimal:
		return exact.Text(x)
	case metrics.Percent:
		return x.String()
	}
	return fmt.Sprint(v)
}

func view(s *sales.DealStats) statsView {
	return statsView{
		Period:           s.Period.String(),
		Won:              s.Won(),
		Lost:             s.Lost(),
		Open:             s.OpenOpportunities(),
		Revenue:          exact.Text(s.SalesRevenue()),
		Pipeline:         exact.Text(s.OpenPipeline()),
		AverageDealSize:  viewResult(s.AverageDealSize()),
		WinRate:          viewResult(s.WinRate()),
		CloseRate:        viewResult(s.CloseRate()),
		SalesCycleLength: viewResult(s.SalesCycleLength()),
		PipelineVelocity: viewResult(s.PipelineVelocity()),
	}
}

const undefined = "error: undefined for this input"

func TestDealStats(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
		p     metrics.Period
		want  statsView
	}{
		{"examples", exampleDeals(), q1, statsView{
			Won: 2, Lost: 1, Open: 2, Revenue: "20000", Pipeline: "29000",
			AverageDealSize: "10000", WinRate: "66.6666666667%", CloseRate: "40%",
			SalesCycleLength: "35", PipelineVelocity: "380.9523809524",
		}},
		// won: 15 and 6 days; created in January: lost, open and
		// won-created-in, of which one won; velocity 1 × 2 × 1500 / (3 × 21).
		{"good deals", goodDeals, january, statsView{
			Won: 2, Lost: 1, Open: 1, Revenue: "1500", Pipeline: "2500",
			AverageDealSize: "750", WinRate: "66.6666666667%", CloseRate: "33.3333333333%",
			SalesCycleLength: "10.5", PipelineVelocity: "47.619047619",
		}},
		{"bounds", []sales.Deal{
			{Amount: dec("10"), Stage: sales.StageWon, Created: at(-5), Closed: at(0)}, // won at Start: in
			{Amount: dec("20"), Stage: sales.StageWon, Created: at(1), Closed: at(31)}, // won at End: open at End
			{Amount: dec("30"), Stage: sales.StageLost, Created: at(-3), Closed: at(-1)},
			{Amount: dec("40"), Stage: sales.StageOpen, Created: at(31)}, // created at End: not yet
			{Amount: dec("50"), Stage: sales.StageOpen, Created: at(-100)},
		}, january, statsView{
			Won: 1, Lost: 0, Open: 2, Revenue: "10", Pipeline: "70",
			AverageDealSize: "10", WinRate: "100%", CloseRate: "0%",
			SalesCycleLength: "5", PipelineVelocity: "4",
		}},
		{"no deals", nil, january, statsView{
			Revenue: "0", Pipeline: "0",
			AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined,
			SalesCycleLength: undefined, PipelineVelocity: undefined,
		}},
		{"zero cycle", []sales.Deal{
			{Amount: dec("5"), Stage: sales.StageWon, Created: at(3), Closed: at(3)},
			{Amount: dec("7"), Stage: sales.StageOpen, Created: at(3)},
		}, january, statsView{
			Won: 1, Open: 1, Revenue: "5", Pipeline: "7",
			AverageDealSize: "5", WinRate: "100%", CloseRate: "50%",
			SalesCycleLength: "0", PipelineVelocity: undefined,
		}},
		// The zero Period is all time: every closed deal is won or lost in
		// it, every open one open at its end, every deal an opportunity.
		// Won 15 and 6 days, lost, open: velocity 1 × 2 × 1500 / (3 × 21).
		{"all time: good deals", goodDeals, metrics.Period{}, statsView{
			Won: 2, Lost: 1, Open: 1, Revenue: "1500", Pipeline: "2500",
			AverageDealSize: "750", WinRate: "66.6666666667%", CloseRate: "50%",
			SalesCycleLength: "10.5", PipelineVelocity: "47.619047619",
		}},
		// The deals of "bounds", whatever their times: won 10 and 20 after
		// 5 and 30 days, lost 30, open 40 and 50; 2 of 5 opportunities won;
		// velocity 2 × 2 × 30 / (3 × 35).
		{"all time: bounds", []sales.Deal{
			{Amount: dec("10"), Stage: sales.StageWon, Created: at(-5), Closed: at(0)},
			{Amount: dec("20"), Stage: sales.StageWon, Created: at(1), Closed: at(31)},
			{Amount: dec("30"), Stage: sales.StageLost, Created: at(-3), Closed: at(-1)},
			{Amount: dec("40"), Stage: sales.StageOpen, Created: at(31)},
			{Amount: dec("50"), Stage: sales.StageOpen, Created: at(-100)},
		}, metrics.Period{}, statsView{
			Won: 2, Lost: 1, Open: 2, Revenue: "30", Pipeline: "90",
			AverageDealSize: "15", WinRate: "66.6666666667%", CloseRate: "40%",
			SalesCycleLength: "17.5", PipelineVelocity: "1.1428571429",
		}},
		// All time reaches before year 1, the zero Period's bounds.
		{"all time: before year 1", []sales.Deal{
			{Amount: dec("70"), Stage: sales.StageWon, Created: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), Closed: time.Date(0, 1, 11, 0, 0, 0, 0, time.UTC)},
			{Amount: dec("5"), Stage: sales.StageOpen, Created: time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC)},
		}, metrics.Period{}, statsView{
			Won: 1, Open: 1, Revenue: "70", Pipeline: "5",
			AverageDealSize: "70", WinRate: "100%", CloseRate: "50%",
			SalesCycleLength: "10", PipelineVelocity: "7",
		}},
		{"all time: no deals", nil, metrics.Period{}, statsView{
			Revenue: "0", Pipeline: "0",
			AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined,
			SalesCycleLength: undefined, PipelineVelocity: undefined,
		}},
		// Amounts of every scale and length, summed exactly.
		{"mixed amounts", []sales.Deal{
			{Amount: dec("100"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("99.5"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("0.001"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: decimal.New(5, 3), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("12345678901234567890123"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: decimal.New(1, -30), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: decimal.Decimal{}, Stage: sales.StageOpen, Created: at(1)},
		}, january, statsView{
			Won: 6, Open: 1, Revenue: "12345678901234567895322.501000000000000000000000000001", Pipeline: "0",
			AverageDealSize: "2057613150205761315887.0835", WinRate: "100%", CloseRate: "85.7142857143%",
			SalesCycleLength: "1", PipelineVelocity: "2057613150205761315887.0835",
		}},
		// A coefficient just below 2¹²⁸ at exponent −21, then 500 more
		// amounts of 18 digits: the machine-integer sum overflows and
		// carries over, exactly.
		{"sums beyond 2¹²⁸", beyond128(), january, statsView{
			Won: 503, Revenue: "340282366920938464.499999999999999998501", Pipeline: "0",
			AverageDealSize: "676505699644012.851888668", WinRate: "100%", CloseRate: "100%",
			SalesCycleLength: "1", PipelineVelocity: "0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := accumulate(t, tt.deals, tt.p)
			tt.want.Period = tt.p.String()
			if diff := cmp.Diff(tt.want, view(got)); diff != "" {
				t.Errorf("DealStats (-want +got):\n%s", diff)
			}
			// The same figures after a round trip through each form.
			for _, form := range []string{"binary", "JSON"} {
				back := roundTrip(t, form, got)
				if diff := cmp.Diff(tt.want, view(back)); diff != "" {
					t.Errorf("after a %s round trip (-want +got):\n%s", form, diff)
				}
			}
		})
	}
}

// beyond128 returns won deals whose amounts sum past 2¹²⁸ at their
// smallest exponent: 340282366920938463, 1E−21 (so the sum is
// 340282366920938463 × 10²¹ + 1 at exponent −21, 2¹²⁸ less about 4.6 × 10²⁰),
// 500 times 0.000999999999999999999, and 0.999999999999999999.
func beyond128() []sales.Deal {
	won := func(amount decimal.Decimal) sales.Deal {
		return sales.Deal{Amount: amount, Stage: sales.StageWon, Created: at(1), Closed: at(2)}
	}
	deals := []sales.Deal{won(dec("340282366920938463")), won(decimal.New(1, -21))}
	for range 500 {
		deals = append(deals, won(dec("0.000999999999999999999")))
	}
	return append(deals, won(dec("0.999999999999999999")))
}

// roundTrip returns s after MarshalBinary and UnmarshalBinary, or
// MarshalJSON and UnmarshalJSON.
func roundTrip(t testkit.TB, form string, s *sales.DealStats) *sales.DealStats {
	t.Helper()
	var back sales.DealStats
	var err error
	var data []byte
	if form == "binary" {
		if data, err = s.MarshalBinary(); err == nil {
			err = back.UnmarshalBinary(data)
		}
	} else {
		if data, err = json.Marshal(s); err == nil {
			err = json.Unmarshal(data, &back)
		}
	}
	if err != nil {
		t.Fatalf("%s round trip: %v", form, err)
	}
	return &back
}

// addInput describes DealStats.Add's inputs for RequireFieldOf: the
// receiver's Period and the deal.
type addInput struct {
	Period metrics.Period
	Deal   sales.Deal
}

func TestDealStatsAddErrors(t *testing.T) {
	// The zero Period is all time; any other must be valid.
	for _, p := range []metrics.Period{{Start: at(3), End: at(3)}, {Start: at(31), End: at(0)}, {Start: at(3)}} {
		s := sales.DealStats{Period: p}
		err := s.Add(goodDeals[0])
		requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period.End", -1)
	}
	for _, tt := range badDeals {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulate(t, goodDeals, january)
			before := view(s)
			err := s.Add(tt.deal)
			requireError(t, addInput{}, nil, err, tt.want, "Deal."+tt.field, -1)
			if !strings.HasPrefix(err.Error(), "sales.DealStats.Add: Deal."+tt.field+" ") {
				t.Errorf("error %q does not name sales.DealStats.Add and the field", err)
			}
			if diff := cmp.Diff(before, view(s)); diff != "" {
				t.Errorf("a failed Add changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	// A Period changed after the first Add: Add goes on counting over the
	// first one, and Merge and the Marshal methods report the change.
	s := accumulate(t, goodDeals, january)
	s.Period.End = s.Period.End.Add(time.Hour)
	if err := s.Add(goodDeals[0]); err != nil {
		t.Fatal(err)
	}
	s.Period = january
	if diff := cmp.Diff(view(accumulate(t, append(slices.Clone(goodDeals), goodDeals[0]), january)), view(s)); diff != "" {
		t.Errorf("Add after a change of Period (-over january +got):\n%s", diff)
	}
	s.Period.End = s.Period.End.Add(time.Hour)
	_, err := s.MarshalBinary()
	requireError(t, addInput{}, nil, err, metrics.ErrMismatch, "Period", -1)
	_, err = s.MarshalJSON()
	requireError(t, addInput{}, nil, err, metrics.ErrMismatch, "Period", -1)
}

// TestDealStatsReaderErrors checks the readers that divide on a DealStats
// without the deals they need: each returns ErrUndefined and a zero value,
// with a Field of the typed input of the formula it computes.
func TestDealStatsReaderErrors(t *testing.T) {
	onlyOpen := accumulate(t, []sales.Deal{{Amount: dec("5"), Stage: sales.StageOpen, Created: at(-3)}}, january)
	zero := &sales.DealStats{}
	tests := []struct {
		name   string
		call   func() (any, error)
		in     any
		field  string
		metric string
	}{
		{"zero AverageDealSize", func() (any, error) { return zero.AverageDealSize() }, sales.DealSizeInput{}, "DealsWon", "AverageDealSize"},
		{"zero WinRate", func() (any, error) { return zero.WinRate() }, sales.WinRateInput{}, "Won", "WinRate"},
		{"zero CloseRate", func() (any, error) { return zero.CloseRate() }, sales.CloseRateInput{}, "Opportunities", "CloseRate"},
		{"zero SalesCycleLength", func() (any, error) { return zero.SalesCycleLength() }, struct{ Won int }{}, "Won", "SalesCycleLength"},
		{"zero PipelineVelocity", func() (any, error) { return zero.PipelineVelocity() }, sales.PipelineVelocityInput{}, "SalesCycleLength", "PipelineVelocity"},
		{"only open: velocity", func() (any, error) { return onlyOpen.PipelineVelocity() }, sales.PipelineVelocityInput{}, "SalesCycleLength", "PipelineVelocity"},
		{"only open: win rate", func() (any, error) { return onlyOpen.WinRate() }, sales.WinRateInput{}, "Won", "WinRate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			requireError(t, tt.in, got, err, metrics.ErrUndefined, tt.field, -1)
			if !strings.HasPrefix(err.Error(), "sales.DealStats."+tt.metric+": ") {
				t.Errorf("error %q does not name sales.DealStats.%s", err, tt.metric)
			}
		})
	}
	// The zero DealStats reads as no deals: zero counts and sums.
	if diff := cmp.Diff(statsView{Period: metrics.Period{}.String(), Revenue: "0", Pipeline: "0",
		AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined, SalesCycleLength: undefined,
		PipelineVelocity: undefined}, view(zero)); diff != "" {
		t.Errorf("zero DealStats (-want +got):\n%s", diff)
	}
}

// requireSameDecimal fails unless a and b have the same coefficient and
// exponent, not only the same value, so that they print alike.
func requireSameDecimal(t testkit.TB, name string, a, b decimal.Decimal) {
	t.Helper()
	if a.Exponent() != b.Exponent() || a.Coefficient().Cmp(b.Coefficient()) != 0 {
		t.Fatalf("%s: %s (exponent %d) and %s (exponent %d) differ", name, a.String(), a.Exponent(), b.String(), b.Exponent())
	}
}

// naiveSums adds the amounts of the deals won in p and of those open at
// p.End with decimal.Add from decimal.Zero, by the rules of the Deal
// documentation.
func naiveSums(deals []sales.Deal, p metrics.Period) (won, open decimal.Decimal) {
	p = span(p)
	won, open = decimal.Zero, decimal.Zero
	for _, d := range deals {
		if d.Stage == sales.StageWon && within(d.Closed, p) {
			won = won.Add(d.Amount)
		}
		if d.Created.Before(p.End) && (d.Closed.IsZero() || !d.Closed.Before(p.End)) {
			open = open.Add(d.Amount)
		}
	}
	return won, open
}

// wideDealGen generates valid deals as dealGen does, with amounts of up to
// 40 digits at exponents −30..30, so that sums leave 64 and 128 bits.
func wideDealGen() *rapid.Generator[sales.Deal] {
	return rapid.Custom(func(t *rapid.T) sales.Deal {
		d := dealGen().Draw(t, "deal")
		digits := rapid.IntRange(1, 40).Draw(t, "digits")
		coef, _ := new(big.Int).SetString(strings.Repeat("9", digits), 10)
		coef.Sub(coef, big.NewInt(rapid.Int64Range(0, 1<<40).Draw(t, "below")))
		if coef.Sign() < 0 {
			coef.SetInt64(0)
		}
		d.Amount = decimal.NewFromBigInt(coef, int32(rapid.IntRange(-30, 30).Draw(t, "exp")))
		return d
	})
}

func anyDeals(t *rapid.T) []sales.Deal {
	gen := dealGen()
	if rapid.Bool().Draw(t, "wide") {
		gen = wideDealGen()
	}
	return rapid.SliceOfN(gen, 0, 40).Draw(t, "deals")
}

// nanosPerDay is 24 hours in nanoseconds, for the oracle.
var nanosPerDay = big.NewRat(int64(24*time.Hour), 1)

// TestDealStatsProperties checks every figure against the reference tally
// of helpers_test.go, in exact rationals (the big.Rat oracle).
func TestDealStatsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := anyDeals(t)
		p := settingGen().Draw(t, "p")
		s := accumulate(t, deals, p)
		ref := refDeals(deals, p)
		if diff := cmp.Diff([3]int{ref.won, ref.lost, ref.open}, [3]int{s.Won(), s.Lost(), s.OpenOpportunities()}); diff != "" {
			t.Fatalf("won, lost, open (-want +got):\n%s", diff)
		}
		testkit.RequireRat(t, s.SalesRevenue(), ref.wonRevenue)
		testkit.RequireRat(t, s.OpenPipeline(), ref.openValue)
		// The sums have the digits and exponent of a decimal.Add loop.
		won, open := naiveSums(deals, p)
		requireSameDecimal(t, "SalesRevenue", s.SalesRevenue(), won)
		requireSameDecimal(t, "OpenPipeline", s.OpenPipeline(), open)
		// Each ratio is the oracle's, or ErrUndefined exactly when its
		// denominator is zero.
		requireRatio := func(name string, got metrics.Percent, err error, num, den int) {
			t.Helper()
			if den == 0 {
				testkit.RequireSentinel(t, err, metrics.ErrUndefined)
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			requirePercentRange(t, got, 0, 100)
			testkit.RequireRat(t, got.Points(), big.NewRat(int64(num)*100, int64(den)))
		}
		rate, err := s.CloseRate()
		requireRatio("CloseRate", rate, err, ref.createdWon, ref.created)
		rate, err = s.WinRate()
		requireRatio("WinRate", rate, err, ref.won, ref.won+ref.lost)
		size, sizeErr := s.AverageDealSize()
		days, daysErr := s.SalesCycleLength()
		velocity, velocityErr := s.PipelineVelocity()
		if ref.won == 0 {
			for _, err := range []error{sizeErr, daysErr, velocityErr} {
				testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			}
			return
		}
		if err := errors.Join(sizeErr, daysErr); err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, size, quo(ref.wonRevenue, testkit.RatInt(ref.won)))
		testkit.RequireRat(t, days, quo(ref.cycleNanos, mul(testkit.RatInt(ref.won), nanosPerDay)))
		if ref.cycleNanos.Sign() == 0 {
			testkit.RequireSentinel(t, velocityErr, metrics.ErrUndefined)
			return
		}
		if velocityErr != nil {
			t.Fatal(velocityErr)
		}
		// open × won/(won + lost) × (revenue/won) / (cycle/won/day)
		want := quo(mul(testkit.RatInt(ref.open), testkit.RatInt(ref.won), ref.wonRevenue, nanosPerDay),
			mul(testkit.RatInt(ref.won+ref.lost), ref.cycleNanos))
		testkit.RequireRat(t, velocity, want)
	})
}

// split cuts deals into parts at sorted random points; parts may be empty.
func split[T any](t *rapid.T, records []T) [][]T {
	cuts := rapid.SliceOfN(rapid.IntRange(0, len(records)), 0, 6).Draw(t, "cuts")
	slices.Sort(cuts)
	var parts [][]T
	last := 0
	for _, c := range cuts {
		parts = append(parts, records[last:c])
		last = c
	}
	return append(parts, records[last:])
}

// TestDealStatsShardProperty is the contract of a distributed engine: the
// deals split into random shards, each accumulated, serialised (binary or
// JSON) and deserialised, then merged in random order, give the one pass's
// figures and the same binary form.
func TestDealStatsShardProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := anyDeals(t)
		p := settingGen().Draw(t, "p")
		whole := accumulate(t, deals, p)
		form := rapid.SampledFrom([]string{"binary", "JSON"}).Draw(t, "form")
		var shards []*sales.DealStats
		for _, part := range split(t, deals) {
			shards = append(shards, roundTrip(t, form, accumulate(t, part, p)))
		}
		merged := &sales.DealStats{Period: p}
		for _, s := range rapid.Permutation(shards).Draw(t, "order") {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(view(whole), view(merged)); diff != "" {
			t.Fatalf("merged shards (-one pass +merged):\n%s", diff)
		}
		requireSameDecimal(t, "SalesRevenue", merged.SalesRevenue(), whole.SalesRevenue())
		requireSameDecimal(t, "OpenPipeline", merged.OpenPipeline(), whole.OpenPipeline())
		a, errA := whole.MarshalBinary()
		b, errB := merged.MarshalBinary()
		if err := errors.Join(errA, errB); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("binary forms (-one pass +merged):\n%s", diff)
		}
		// Merging an empty accumulator changes nothing; one merged with
		// itself counts every deal twice, and its copy stays as it was.
		before := view(merged)
		if err := merged.Merge(&sales.DealStats{Period: p}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, view(merged)); diff != "" {
			t.Fatalf("merging an empty accumulator (-before +after):\n%s", diff)
		}
		doubled := *merged
		if err := doubled.Merge(&doubled); err != nil {
			t.Fatal(err)
		}
		twice := accumulate(t, append(slices.Clone(deals), deals...), p)
		if diff := cmp.Diff(view(twice), view(&doubled)); diff != "" {
			t.Fatalf("s.Merge(s) (-deals twice +doubled):\n%s", diff)
		}
		if diff := cmp.Diff(before, view(merged)); diff != "" {
			t.Fatalf("merging into a copy changed the original (-before +after):\n%s", diff)
		}
	})
}

// mergeInput describes DealStats.Merge's inputs for RequireFieldOf: the
// receiver's Period, and other's Period and counts.
type mergeInput struct {
	Period metrics.Period
	//lint:ignore U1000 RequireFieldOf reads it by reflection
	other struct {
		Period                                      metrics.Period
		Won, Lost, OpenOpportunities, Opportunities int
	}
}

func TestDealStatsMergeErrors(t *testing.T) {
	jan := accumulate(t, goodDeals, january)
	feb := accumulate(t, goodDeals, metrics.Period{Start: at(31), End: at(60)})
	// The same instants in another time zone are the same period.
	paris := accumulate(t, goodDeals, metrics.Period{Start: january.Start.In(time.FixedZone("CET", 3600)), End: january.End})
	if err := paris.Merge(jan); err != nil {
		t.Fatalf("merging the same period in another zone: %v", err)
	}

	s := *jan
	err := s.Merge(feb)
	requireError(t, mergeInput{}, nil, err, metrics.ErrMismatch, "other.Period", -1)
	want := "sales.DealStats.Merge: other.Period [2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z) differs from Period [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z): mismatched kinds"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(view(jan), view(&s)); diff != "" {
		t.Errorf("a failed Merge changed the figures (-want +got):\n%s", diff)
	}
	// The zero Period (all time) differs from every other period.
	var zero sales.DealStats
	requireError(t, mergeInput{}, nil, zero.Merge(jan), metrics.ErrMismatch, "other.Period", -1)
	requireError(t, mergeInput{}, nil, s.Merge(&zero), metrics.ErrMismatch, "other.Period", -1)
	if diff := cmp.Diff(view(&sales.DealStats{}), view(&zero)); diff != "" {
		t.Errorf("a failed Merge changed the zero DealStats (-want +got):\n%s", diff)
	}
	bad := sales.DealStats{Period: metrics.Period{Start: at(3), End: at(3)}}
	requireError(t, mergeInput{}, nil, bad.Merge(jan), metrics.ErrInvalid, "Period.End", -1)
	requireError(t, mergeInput{}, nil, s.Merge(&bad), metrics.ErrInvalid, "other.Period.End", -1)
	changed := *jan
	changed.Period.Start = changed.Period.Start.Add(-time.Hour)
	requireError(t, mergeInput{}, nil, s.Merge(&changed), metrics.ErrMismatch, "other.Period", -1)
	requireError(t, mergeInput{}, nil, changed.Merge(&s), metrics.ErrMismatch, "Period", -1)

	// Doubling an accumulator of one deal of each kind 62 times (30 on a
	// 32-bit machine) reaches 2⁶² deals of each; the next doubling would pass
	// math.MaxInt. The deals were created before the period, so they are no
	// opportunities of it.
	huge := accumulate(t, []sales.Deal{
		{Amount: dec("0.01"), Stage: sales.StageWon, Created: at(-5), Closed: at(2)},
		{Amount: dec("0.01"), Stage: sales.StageLost, Created: at(-5), Closed: at(2)},
		{Amount: dec("0.01"), Stage: sales.StageOpen, Created: at(-5)},
	}, january)
	doublings := bits.UintSize - 2
	for range doublings {
		if err := huge.Merge(huge); err != nil {
			t.Fatal(err)
		}
	}
	n := 1 << doublings
	if diff := cmp.Diff([3]int{n, n, n}, [3]int{huge.Won(), huge.Lost(), huge.OpenOpportunities()}); diff != "" {
		t.Fatalf("counts after %d doublings (-want +got):\n%s", doublings, diff)
	}
	// 2⁶² × 0.01 exactly, and the mean cycle still 7 days.
	if diff := cmp.Diff(exact.Text(decimal.New(int64(n), -2)), exact.Text(huge.SalesRevenue())); diff != "" {
		t.Errorf("revenue (-want +got):\n%s", diff)
	}
	days, err := huge.SalesCycleLength()
	if err != nil || !days.Equal(decimal.NewFromInt(7)) {
		t.Errorf("cycle %s days (%v), want 7", days, err)
	}
	// The serialised forms carry such counts, and their cycle time beyond
	// 64 bits.
	for _, form := range []string{"binary", "JSON"} {
		if diff := cmp.Diff(view(huge), view(roundTrip(t, form, huge))); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", form, diff)
		}
	}
	before := view(huge)
	err = huge.Merge(huge)
	requireError(t, mergeInput{}, nil, err, metrics.ErrOutOfRange, "other.Won", -1)
	want = fmt.Sprintf("sales.DealStats.Merge: other.Won %d plus %d exceeds math.MaxInt: out of range", n, n)
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, view(huge)); diff != "" {
		t.Errorf("a failed Merge changed the figures (-want +got):\n%s", diff)
	}
	// Add guards each count too.
	if err := huge.Add(sales.Deal{Stage: sales.StageOpen, Created: at(-5)}); err != nil {
		t.Fatal(err) // 2⁶² + 1 open deals still fit
	}
	// Every count is guarded by Merge, each alone: a count at math.MaxInt
	// (written as a binary form, as no test can add that many deals) takes
	// no more.
	for i, field := range []string{"other.Won", "other.Lost", "other.OpenOpportunities", "other.Opportunities"} {
		var full, one [5]uint64
		full[i], one[i] = uint64(math.MaxInt), 1
		var a, b sales.DealStats
		if err := errors.Join(a.UnmarshalBinary(statsForm(january, full, 0, 0)), b.UnmarshalBinary(statsForm(january, one, 0, 0))); err != nil {
			t.Fatal(err)
		}
		before := view(&a)
		requireError(t, mergeInput{}, nil, a.Merge(&b), metrics.ErrOutOfRange, field, -1)
		if diff := cmp.Diff(before, view(&a)); diff != "" {
			t.Errorf("a failed Merge changed the figures (-before +after):\n%s", diff)
		}
	}
}

// TestDealStatsAddCountLimit fills a count to math.MaxInt through the
// binary form (as no test can add that many deals): Add then reports
// ErrOutOfRange and leaves the figures as they were.
func TestDealStatsAddCountLimit(t *testing.T) {
	for _, tt := range []struct {
		name string
		deal sales.Deal
		pos  int // the count's position in the form: won, lost, open, created
	}{
		{"won", sales.Deal{Amount: dec("1"), Stage: sales.StageWon, Created: at(-5), Closed: at(2)}, 0},
		{"lost", sales.Deal{Stage: sales.StageLost, Created: at(-5), Closed: at(2)}, 1},
		{"open", sales.Deal{Stage: sales.StageOpen, Created: at(-5)}, 2},
		{"created", sales.Deal{Stage: sales.StageLost, Created: at(5), Closed: at(40)}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var st [5]uint64
			st[tt.pos] = uint64(math.MaxInt)
			data := statsForm(january, st, 0, 0)
			var s sales.DealStats
			if err := s.UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
			before := view(&s)
			err := s.Add(tt.deal)
			requireError(t, addInput{}, nil, err, metrics.ErrOutOfRange, "Deal", -1)
			if diff := cmp.Diff(before, view(&s)); diff != "" {
				t.Errorf("a failed Add changed the figures (-before +after):\n%s", diff)
			}
		})
	}
}

// TestDealStatsConcurrently accumulates shards in goroutines and merges
// them; run it with -race.
func TestDealStatsConcurrently(t *testing.T) {
	deals, p := benchDeals(20_000)
	whole := accumulate(t, deals, p)
	const shards = 8
	stats := make([]*sales.DealStats, shards)
	var wg sync.WaitGroup
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := i*len(deals)/shards, (i+1)*len(deals)/shards
			stats[i] = accumulate(t, deals[lo:hi], p)
		}()
	}
	wg.Wait()
	merged := &sales.DealStats{Period: p}
	for i := range stats {
		// Merge in reverse, to change the order as well.
		if err := merged.Merge(stats[shards-1-i]); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(view(whole), view(merged)); diff != "" {
		t.Fatalf("merged shards (-one pass +merged):\n%s", diff)
	}
	if whole.Won() == 0 || whole.Lost() == 0 || whole.OpenOpportunities() == 0 {
		t.Fatalf("benchDeals should give deals of every kind: %+v", view(whole))
	}
}

func TestDealStatsByOwner(t *testing.T) {
	deals := append(exampleDeals(),
		// Carl's only deal closed before the quarter: he has no figures.
		sales.Deal{Amount: dec("1"), Stage: sales.StageLost, Created: at(-40), Closed: at(-35), Owner: "carl"},
		// An unowned deal open at the quarter's end is keyed by "".
		sales.Deal{Amount: dec("3"), Stage: sales.StageOpen, Created: at(-40)},
	)
	got, err := sales.DealStatsByOwner(deals, q1)
	if err != nil {
		t.Fatal(err)
	}
	views := map[string]statsView{}
	for owner, s := range got {
		views[owner] = view(s)
	}
	period := q1.String()
	want := map[string]statsView{
		// D-1 won (12 000, 30 days), D-3 lost, D-5 open; created: all three,
		// one won by 1 April. Velocity 1 × 1 × 12 000 / (2 × 30).
		"ann": {Period: period, Won: 1, Lost: 1, Open: 1, Revenue: "12000", Pipeline: "9000",
			AverageDealSize: "12000", WinRate: "50%", CloseRate: "33.3333333333%",
			SalesCycleLength: "30", PipelineVelocity: "200"},
		// D-2 won (8 000, 40 days), D-4 open; velocity 1 × 1 × 8 000 / 40.
		"bob": {Period: period, Won: 1, Open: 1, Revenue: "8000", Pipeline: "20000",
			AverageDealSize: "8000", WinRate: "100%", CloseRate: "50%",
			SalesCycleLength: "40", PipelineVelocity: "200"},
		"": {Period: period, Open: 1, Revenue: "0", Pipeline: "3",
			AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined,
			SalesCycleLength: undefined, PipelineVelocity: undefined},
	}
	if diff := cmp.Diff(want, views); diff != "" {
		t.Errorf("DealStatsByOwner (-want +got):\n%s", diff)
	}
	// Each value carries on as an accumulator.
	if err := got["ann"].Add(sales.Deal{Amount: dec("1"), Stage: sales.StageWon, Created: at(1), Closed: at(2)}); err != nil || got["ann"].Won() != 2 {
		t.Errorf("Add to an owner's figures: %v, won %d", err, got["ann"].Won())
	}
	empty, err := sales.DealStatsByOwner(nil, q1)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("no deals: %v, %v; want an empty map", empty, err)
	}
}

// byOwnerInput describes DealStatsByOwner's parameters.
type byOwnerInput struct {
	Deals  []sales.Deal
	Period metrics.Period
}

func TestDealStatsByOwnerErrors(t *testing.T) {
	got, err := sales.DealStatsByOwner([]sales.Deal{{}}, metrics.Period{})
	requireError(t, byOwnerInput{}, got, err, metrics.ErrInvalid, "Period.End", -1)
	for _, tt := range badDeals {
		t.Run(tt.name, func(t *testing.T) {
			deals := append(append([]sales.Deal(nil), goodDeals...), tt.deal)
			got, err := sales.DealStatsByOwner(deals, january)
			requireError(t, byOwnerInput{}, got, err, tt.want, "Deals."+tt.field, 4)
			if !strings.HasPrefix(err.Error(), "sales.DealStatsByOwner: Deals[4]."+tt.field+" ") {
				t.Errorf("error %q does not name sales.DealStatsByOwner and the deal", err)
			}
		})
	}
}

func TestDealStatsByOwnerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(dealGen(), 0, 40).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		byOwner, err := sales.DealStatsByOwner(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		// Each owner's figures are those of their deals; an owner is present
		// when one of their deals counts in the period.
		merged := &sales.DealStats{Period: p}
		for _, owner := range owners {
			var theirs []sales.Deal
			for _, d := range deals {
				if d.Owner == owner {
					theirs = append(theirs, d)
				}
			}
			ref := refDeals(theirs, p)
			s, ok := byOwner[owner]
			if counts := ref.won+ref.lost+ref.open+ref.created > 0; ok != counts {
				t.Fatalf("owner %q present %v, has deals that count %v", owner, ok, counts)
			}
			if !ok {
				continue
			}
			if diff := cmp.Diff(view(accumulate(t, theirs, p)), view(s)); diff != "" {
				t.Fatalf("owner %q (-alone +by owner):\n%s", owner, diff)
			}
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		// The owners' figures merge into the team's.
		if diff := cmp.Diff(view(accumulate(t, deals, p)), view(merged)); diff != "" {
			t.Fatalf("merged owners (-team +merged):\n%s", diff)
		}
	})
}

// TestDealStatsAllocs pins down the documented speed: with amounts of up
// to 18 digits, Add does not allocate.
func TestDealStatsAllocs(t *testing.T) {
	deals, p := benchDeals(10_000)
	s := sales.DealStats{Period: p}
	i := 0
	if a := testing.AllocsPerRun(1000, func() {
		_ = s.Add(deals[i%len(deals)])
		i++
	}); a != 0 {
		t.Errorf("DealStats.Add allocates %v times", a)
	}
}

// FuzzDealStatsAdd feeds arbitrary deals and periods: Add never panics,
// reports a kpikit error naming the deal's field and leaves the figures
// unchanged on error, and the figures stay non-negative and consistent.
func FuzzDealStatsAdd(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
		f.Add(s, int8(-128), int8(0)) // the zero Period
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		s := sales.DealStats{Period: fuzzPeriod(startDay, days)}
		for _, d := range fuzzDeals(data) {
			before := view(&s)
			if err := s.Add(d); err != nil {
				testkit.RequireFieldOf(t, err, addInput{})
				if diff := cmp.Diff(before, view(&s)); diff != "" {
					t.Fatalf("a failed Add changed the figures (-before +after):\n%s", diff)
				}
			}
		}
		if s.Won() < 0 || s.Lost() < 0 || s.OpenOpportunities() < 0 || s.SalesRevenue().Sign() < 0 || s.OpenPipeline().Sign() < 0 {
			t.Fatalf("negative figure: %+v", view(&s))
		}
		if rate, err := s.WinRate(); err == nil {
			requirePercentRange(t, rate, 0, 100)
		}
		if rate, err := s.CloseRate(); err == nil {
			requirePercentRange(t, rate, 0, 100)
		}
	})
}

// FuzzDealStatsByOwner checks that the owners' figures never panic, fail
// with the deal's index, and merge into the figures of all the deals.
func FuzzDealStatsByOwner(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
		f.Add(s, int8(-128), int8(0)) // the zero Period
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		byOwner, err := sales.DealStatsByOwner(deals, p)
		if err != nil {
			testkit.RequireFieldOf(t, err, byOwnerInput{})
			if byOwner != nil {
				t.Fatalf("a result with the error %v", err)
			}
			return
		}
		merged := &sales.DealStats{Period: p}
		for _, s := range byOwner {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(view(accumulate(t, deals, p)), view(merged)); diff != "" {
			t.Fatalf("merged owners (-whole +merged):\n%s", diff)
		}
	})
}

// FuzzDealStatsRoundTrip accumulates fuzzed deals in two parts, serialises
// one, and merges: the figures equal one pass over all the deals.
func FuzzDealStatsRoundTrip(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31), uint8(1), false)
		f.Add(s, int8(-128), int8(0), uint8(1), true) // all time
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8, cut uint8, useJSON bool) {
		p := fuzzPeriod(startDay, days)
		var deals []sales.Deal
		whole := sales.DealStats{Period: p}
		for _, d := range fuzzDeals(data) {
			if whole.Add(d) == nil {
				deals = append(deals, d)
			}
		}
		if checkSetting(p) != nil {
			return
		}
		c := int(cut) % (len(deals) + 1)
		a, b := accumulate(t, deals[:c], p), accumulate(t, deals[c:], p)
		form := "binary"
		if useJSON {
			form = "JSON"
		}
		if err := b.Merge(roundTrip(t, form, a)); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(view(&whole), view(b)); diff != "" {
			t.Fatalf("merged parts (-whole +merged):\n%s", diff)
		}
	})
}

// benchDeals returns n valid deals spread over 2024, a third each open, won
// and lost, with amounts of two decimal places, and the second quarter.
func benchDeals(n int) ([]sales.Deal, metrics.Period) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	reps := []string{"ann", "bob", "carl", "dora", "eve", "fred", "gina", "hugo"}
	deals := make([]sales.Deal, n)
	for i := range deals {
		created := start.Add(time.Duration(i%365)*day + time.Duration(i%86_400)*time.Second)
		d := sales.Deal{
			Amount:  decimal.New(int64(1_000+(i*7_919)%10_000_000), -2), // 10.00 .. 100 009.99
			Stage:   stages[i%3],
			Created: created,
			Owner:   reps[i%len(reps)],
		}
		if d.Stage != sales.StageOpen {
			d.Closed = created.Add(time.Duration(1+i%120) * day)
		}
		deals[i] = d
	}
	return deals, metrics.Quarter(2024, 2, time.UTC)
}

// naiveDealMetrics is what a competent Go programmer writes without kpikit:
// one pass over the deals with the same placement rules and the basic
// checks, decimal.Add for the sums, an int64 nanosecond sum for the cycle,
// and DivRound for the quotients.
func naiveDealMetrics(deals []sales.Deal, p metrics.Period) (revenue, size, days, velocity decimal.Decimal, winRate decimal.Decimal, err error) {
	revenue, pipeline := decimal.Zero, decimal.Zero
	var won, lost, open int64
	var cycle time.Duration
	for i := range deals {
		d := &deals[i]
		if d.Amount.Sign() < 0 || d.Created.IsZero() || (d.Stage != sales.StageOpen && d.Closed.Before(d.Created)) {
			return revenue, size, days, velocity, winRate, fmt.Errorf("deal %d is invalid", i)
		}
		closedBeforeEnd := d.Stage != sales.StageOpen && d.Closed.Before(p.End)
		switch {
		case !closedBeforeEnd:
			if d.Created.Before(p.End) {
				open++
				pipeline = pipeline.Add(d.Amount)
			}
		case d.Closed.Before(p.Start):
		case d.Stage == sales.StageWon:
			won++
			revenue = revenue.Add(d.Amount)
			cycle += d.Closed.Sub(d.Created)
		default:
			lost++
		}
	}
	if won == 0 {
		return revenue, size, days, velocity, winRate, errors.New("no deal won")
	}
	w := decimal.NewFromInt(won)
	size = revenue.DivRound(w, 10)
	daysExact := decimal.NewFromInt(int64(cycle)).DivRound(decimal.NewFromInt(int64(24*time.Hour)), 20)
	days = daysExact.DivRound(w, 10)
	winRate = w.Mul(decimal.NewFromInt(100)).DivRound(w.Add(decimal.NewFromInt(lost)), 10)
	velocity = decimal.NewFromInt(open).Mul(w).Mul(revenue).DivRound(w.Add(decimal.NewFromInt(lost)).Mul(daysExact), 10)
	return revenue, size, days, velocity, winRate, nil
}

// BenchmarkDealStats reads the deal metrics of one quarter: with a
// DealStats (impl=kpikit-Add: a loop of Add; impl=kpikit-AddAll: one AddAll;
// then the readers), and with the loop a Go programmer would write without
// kpikit (impl=naive-decimal).
func BenchmarkDealStats(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		deals, p := benchDeals(n)
		read := func(b *testing.B, s *sales.DealStats) {
			_, _ = s.SalesRevenue(), s.OpenOpportunities()
			_, err1 := s.AverageDealSize()
			_, err2 := s.WinRate()
			_, err3 := s.SalesCycleLength()
			_, err4 := s.PipelineVelocity()
			if err := errors.Join(err1, err2, err3, err4); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("n=%d/impl=kpikit-Add", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := sales.DealStats{Period: p}
				for i := range deals {
					if err := s.Add(deals[i]); err != nil {
						b.Fatal(err)
					}
				}
				read(b, &s)
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=kpikit-AddAll", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := sales.DealStats{Period: p}
				if err := s.AddAll(deals); err != nil {
					b.Fatal(err)
				}
				read(b, &s)
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, _, _, err := naiveDealMetrics(deals, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDealStatsShardMerge accumulates 1,000 shards of 1,000 deals
// each, serialises, deserialises and merges them (impl=shards), beside one
// pass over the same 1M deals (impl=one-pass).
func BenchmarkDealStatsShardMerge(b *testing.B) {
	deals, p := benchDeals(1_000_000)
	b.Run("impl=one-pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := sales.DealStats{Period: p}
			if err := s.AddAll(deals); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=shards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			all := sales.DealStats{Period: p}
			for lo := 0; lo < len(deals); lo += 1_000 {
				s := sales.DealStats{Period: p}
				if err := s.AddAll(deals[lo : lo+1_000]); err != nil {
					b.Fatal(err)
				}
				data, err := s.MarshalBinary()
				if err != nil {
					b.Fatal(err)
				}
				var back sales.DealStats
				if err := back.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
				if err := all.Merge(&back); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// AddAll adds a slice of deals at once; an invalid deal is reported with
// its index, and none of the slice is counted.
func ExampleDealStats_AddAll() {
	s := sales.DealStats{Period: q1}
	if err := s.AddAll(exampleDeals()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Won(), s.SalesRevenue())
	bad := append(exampleDeals(), sales.Deal{ID: "D-6", Stage: sales.StageWon, Amount: decimal.NewFromInt(700),
		Created: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), Closed: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	err := s.AddAll(bad)
	fmt.Println(err)
	var e *metrics.Error
	if errors.As(err, &e) {
		fmt.Println(bad[e.Index].ID, s.Won())
	}
	// Output:
	// 2 20000
	// sales.DealStats.AddAll: Deals[5].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
	// D-6 2
}

// addAllInput describes DealStats.AddAll's inputs for RequireFieldOf.
type addAllInput struct {
	Period metrics.Period
	Deals  []sales.Deal
}

func TestDealStatsAddAllErrors(t *testing.T) {
	bad := sales.DealStats{Period: metrics.Period{Start: at(31), End: at(0)}}
	requireError(t, addAllInput{}, nil, bad.AddAll(goodDeals), metrics.ErrInvalid, "Period.End", -1)
	for _, tt := range badDeals {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulate(t, goodDeals, january)
			before := view(s)
			deals := append(append([]sales.Deal(nil), goodDeals...), tt.deal, tt.deal)
			err := s.AddAll(deals)
			requireError(t, addAllInput{}, nil, err, tt.want, "Deals."+tt.field, 4)
			if diff := cmp.Diff(before, view(s)); diff != "" {
				t.Errorf("a failed AddAll changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	// A full count: the error names the deal, and nothing is counted.
	var full [5]uint64
	full[1] = uint64(math.MaxInt)
	var s sales.DealStats
	if err := s.UnmarshalBinary(statsForm(january, full, 0, 0)); err != nil {
		t.Fatal(err)
	}
	before := view(&s)
	lost := sales.Deal{Stage: sales.StageLost, Created: at(-5), Closed: at(2)}
	err := s.AddAll([]sales.Deal{goodDeals[2], lost})
	requireError(t, addAllInput{}, nil, err, metrics.ErrOutOfRange, "Deals", 1)
	if diff := cmp.Diff(before, view(&s)); diff != "" {
		t.Errorf("a failed AddAll changed the figures (-before +after):\n%s", diff)
	}
}

// TestDealStatsAddAllProperties: AddAll equals a loop of Add, in pieces or
// at once, and a zero DealStats takes its Period from the first AddAll.
func TestDealStatsAddAllProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := anyDeals(t)
		p := settingGen().Draw(t, "p")
		s := sales.DealStats{Period: p}
		for _, part := range split(t, deals) {
			if err := s.AddAll(part); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(view(accumulate(t, deals, p)), view(&s)); diff != "" {
			t.Fatalf("AddAll (-Add loop +AddAll):\n%s", diff)
		}
	})
}

// FuzzDealStatsAddAll: AddAll either counts every deal as a loop of Add
// does, or fails on the first deal that Add rejects, with its index, and
// counts none.
func FuzzDealStatsAddAll(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
		f.Add(s, int8(-128), int8(0)) // the zero Period
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		all := sales.DealStats{Period: p}
		err := all.AddAll(deals)
		loop := sales.DealStats{Period: p}
		var loopErr error
		at := -1
		for i, d := range deals {
			if loopErr = loop.Add(d); loopErr != nil {
				at = i
				break
			}
		}
		if len(deals) == 0 && checkSetting(p) != nil {
			loopErr = checkSetting(p)
		}
		if (err == nil) != (loopErr == nil) {
			t.Fatalf("AddAll: %v; Add loop: %v", err, loopErr)
		}
		if err != nil {
			testkit.RequireFieldOf(t, err, addAllInput{})
			var e, l *metrics.Error
			errors.As(err, &e)
			errors.As(loopErr, &l)
			// The same period error, or the same deal's field.
			same := e.Field == l.Field && e.Index == -1 && l.Index == -1 ||
				e.Field == "Deals"+strings.TrimPrefix(l.Field, "Deal") && e.Index == at
			if !same || testkit.Sentinel(err) != testkit.Sentinel(loopErr) {
				t.Fatalf("AddAll: %v; Add loop, deal %d: %v", err, at, loopErr)
			}
			if diff := cmp.Diff(view(&sales.DealStats{Period: p}), view(&all)); diff != "" {
				t.Fatalf("a failed AddAll counted deals (-none +got):\n%s", diff)
			}
			return
		}
		if diff := cmp.Diff(view(&loop), view(&all)); diff != "" {
			t.Fatalf("AddAll (-Add loop +AddAll):\n%s", diff)
		}
	})
}
