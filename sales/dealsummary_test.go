package sales_test

import (
	"errors"
	"fmt"
	"maps"
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

func ExampleSummarizeDeals() {
	// The first quarter of exampleDeals in one pass: D-1 and D-2 won, D-3
	// lost, D-4 and D-5 open at the quarter's end (D-5 was won on 2 April).
	s, err := sales.SummarizeDeals(exampleDeals(), q1)
	if err != nil {
		fmt.Println(err)
		return
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

// Every deal is validated, in the period or not; the error names the first
// invalid one.
func ExampleSummarizeDeals_error() {
	deals := append(exampleDeals(), sales.Deal{ID: "D-6", Stage: sales.StageWon,
		Amount: decimal.NewFromInt(700), Created: time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC)})
	_, err := sales.SummarizeDeals(deals, q1)
	fmt.Println(err)
	var e *metrics.Error
	if errors.As(err, &e) {
		fmt.Println(deals[e.Index].ID, e.Field)
	}
	// Output:
	// sales.SummarizeDeals: Deals[5].Closed is not set for a won deal: inconsistent input
	// D-6 Deals.Closed
}

func ExampleSummarizeDealsByOwner() {
	// First-quarter pipeline review per rep. Ann won D-1 (12 000 in 30 days),
	// lost D-3 and has D-5 (9 000) open; Bob won D-2 (8 000 in 40 days) and
	// has D-4 (20 000) open.
	byOwner, err := sales.SummarizeDealsByOwner(exampleDeals(), q1)
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

// Shards summarized in parallel, one goroutine each, merge into the summary
// of all the deals.
func ExampleDealSummary_Merge() {
	deals := exampleDeals()
	shards := [][]sales.Deal{deals[:2], deals[2:4], deals[4:]}
	summaries := make([]sales.DealSummary, len(shards))
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, shard := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			summaries[i], errs[i] = sales.SummarizeDeals(shard, q1)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		fmt.Println(err)
		return
	}
	var all sales.DealSummary // the zero value takes the first summary's period
	for _, s := range summaries {
		if err := all.Merge(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	velocity, _ := all.PipelineVelocity()
	fmt.Println(all.Won(), all.Lost(), all.OpenOpportunities(), all.SalesRevenue(), velocity)
	// Output:
	// 2 1 2 20000 380.9523809524
}

// An undefined metric is an error, not a zero: a dashboard shows "n/a".
func ExampleDealSummary_WinRate() {
	// No deal of exampleDeals was won or lost in 2023.
	y2023 := sales.Period{Start: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s, err := sales.SummarizeDeals(exampleDeals(), y2023)
	if err != nil {
		fmt.Println(err)
		return
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
	// sales.DealSummary.WinRate: Deals has no deal won or lost in the period: undefined for this input
}

func ExampleDealSummary_PipelineCoverage() {
	// On 15 March, with a first-quarter quota of 30 000: D-1 and D-2 have
	// brought in 20 000, and the open D-4 (20 000) covers the remaining
	// 10 000 twice.
	soFar := sales.Period{Start: q1.Start, End: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)}
	s, err := sales.SummarizeDeals(exampleDeals(), soFar)
	if err != nil {
		fmt.Println(err)
		return
	}
	coverage, err := s.PipelineCoverage(decimal.NewFromInt(30_000))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(coverage)
	// Output:
	// 2
}

// summaryView is every figure a DealSummary gives, as text: decimals in
// exact.Text, errors as their sentinel, so that summaries compare with
// cmp.Diff whatever their internal state.
type summaryView struct {
	Period                         string
	Won, Lost, Open                int
	Revenue, Pipeline              string
	AverageDealSize, WinRate       string
	CloseRate, SalesCycleLength    string
	PipelineVelocity, Coverage100k string
}

func viewResult(v any, err error) string {
	if err != nil {
		return "error: " + metrics.SentinelOf(err).Error()
	}
	switch x := v.(type) {
	case decimal.Decimal:
		return exact.Text(x)
	case metrics.Percent:
		return x.String()
	}
	return fmt.Sprint(v)
}

func view(s sales.DealSummary) summaryView {
	return summaryView{
		Period:           s.Period().String(),
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
		Coverage100k:     viewResult(s.PipelineCoverage(decimal.NewFromInt(100_000))),
	}
}

const undefined = "error: undefined for this input"

func TestSummarizeDeals(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
		p     sales.Period
		want  summaryView
	}{
		{"examples", exampleDeals(), q1, summaryView{
			Won: 2, Lost: 1, Open: 2, Revenue: "20000", Pipeline: "29000",
			AverageDealSize: "10000", WinRate: "66.6666666667%", CloseRate: "40%",
			SalesCycleLength: "35", PipelineVelocity: "380.9523809524",
			Coverage100k: "0.3625", // 29 000 / (100 000 − 20 000)
		}},
		// won: 15 and 6 days; created in January: lost, open and
		// won-created-in, of which one won; velocity 1 × 2 × 1500 / (3 × 21).
		{"good deals", goodDeals, january, summaryView{
			Won: 2, Lost: 1, Open: 1, Revenue: "1500", Pipeline: "2500",
			AverageDealSize: "750", WinRate: "66.6666666667%", CloseRate: "33.3333333333%",
			SalesCycleLength: "10.5", PipelineVelocity: "47.619047619",
			Coverage100k: "0.0253807107",
		}},
		{"bounds", []sales.Deal{
			{Amount: dec("10"), Stage: sales.StageWon, Created: at(-5), Closed: at(0)}, // won at Start: in
			{Amount: dec("20"), Stage: sales.StageWon, Created: at(1), Closed: at(31)}, // won at End: open at End
			{Amount: dec("30"), Stage: sales.StageLost, Created: at(-3), Closed: at(-1)},
			{Amount: dec("40"), Stage: sales.StageOpen, Created: at(31)}, // created at End: not yet
			{Amount: dec("50"), Stage: sales.StageOpen, Created: at(-100)},
		}, january, summaryView{
			Won: 1, Lost: 0, Open: 2, Revenue: "10", Pipeline: "70",
			AverageDealSize: "10", WinRate: "100%", CloseRate: "0%",
			SalesCycleLength: "5", PipelineVelocity: "4",
			Coverage100k: "0.00070007",
		}},
		{"no deals", nil, january, summaryView{
			Revenue: "0", Pipeline: "0",
			AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined,
			SalesCycleLength: undefined, PipelineVelocity: undefined, Coverage100k: "0",
		}},
		{"zero cycle", []sales.Deal{
			{Amount: dec("5"), Stage: sales.StageWon, Created: at(3), Closed: at(3)},
			{Amount: dec("7"), Stage: sales.StageOpen, Created: at(3)},
		}, january, summaryView{
			Won: 1, Open: 1, Revenue: "5", Pipeline: "7",
			AverageDealSize: "5", WinRate: "100%", CloseRate: "50%",
			SalesCycleLength: "0", PipelineVelocity: undefined,
			Coverage100k: "0.0000700035",
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
		}, january, summaryView{
			Won: 6, Open: 1, Revenue: "12345678901234567895322.501000000000000000000000000001", Pipeline: "0",
			AverageDealSize: "2057613150205761315887.0835", WinRate: "100%", CloseRate: "85.7142857143%",
			SalesCycleLength: "1", PipelineVelocity: "2057613150205761315887.0835", Coverage100k: undefined,
		}},
		// A coefficient just below 2¹²⁸ at exponent −21, then 500 more
		// amounts of 18 digits: the machine-integer sum overflows and
		// carries over, exactly.
		{"sums beyond 2¹²⁸", beyond128(), january, summaryView{
			Won: 503, Revenue: "340282366920938464.499999999999999998501", Pipeline: "0",
			AverageDealSize: "676505699644012.851888668", WinRate: "100%", CloseRate: "100%",
			SalesCycleLength: "1", PipelineVelocity: "0", Coverage100k: undefined,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SummarizeDeals(tt.deals, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Period = tt.p.String()
			if diff := cmp.Diff(tt.want, view(got)); diff != "" {
				t.Errorf("SummarizeDeals (-want +got):\n%s", diff)
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

// badDeals break each rule of the Deal documentation; each lies outside
// january where it can, as every record is validated.
var badDeals = []struct {
	name  string
	deal  sales.Deal
	want  error
	field string
}{
	{"zero deal", sales.Deal{}, metrics.ErrInvalid, "Deals.Stage"},
	{"unknown stage", sales.Deal{Stage: 9, Created: at(100)}, metrics.ErrInvalid, "Deals.Stage"},
	{"negative amount", sales.Deal{Stage: sales.StageOpen, Amount: dec("-0.01"), Created: at(100)}, metrics.ErrNegative, "Deals.Amount"},
	{"no created time", sales.Deal{Stage: sales.StageOpen, Amount: dec("1")}, metrics.ErrInvalid, "Deals.Created"},
	{"open deal with a close time", sales.Deal{Stage: sales.StageOpen, Created: at(100), Closed: at(101)}, metrics.ErrInconsistent, "Deals.Closed"},
	{"won deal without a close time", sales.Deal{Stage: sales.StageWon, Created: at(100)}, metrics.ErrInconsistent, "Deals.Closed"},
	{"closed before created", sales.Deal{Stage: sales.StageWon, Created: at(100), Closed: at(100).Add(-1)}, metrics.ErrInconsistent, "Deals.Closed"},
	{"closed long before created", sales.Deal{Stage: sales.StageLost, Created: at(100), Closed: at(100).AddDate(-300, 0, 0)}, metrics.ErrInconsistent, "Deals.Closed"},
	{"cycle beyond a time.Duration", sales.Deal{Stage: sales.StageLost, Created: at(100), Closed: at(100).AddDate(300, 0, 0)}, metrics.ErrOutOfRange, "Deals.Closed"},
}

func TestSummarizeDealsErrors(t *testing.T) {
	for _, p := range []sales.Period{{}, {Start: at(3), End: at(3)}, {Start: at(31), End: at(0)}} {
		got, err := sales.SummarizeDeals([]sales.Deal{{}}, p)
		requireError(t, got, err, metrics.ErrInvalid, "Period.End", -1)
	}
	for _, tt := range badDeals {
		t.Run(tt.name, func(t *testing.T) {
			deals := append(append([]sales.Deal(nil), goodDeals...), tt.deal, tt.deal)
			got, err := sales.SummarizeDeals(deals, january)
			requireError(t, got, err, tt.want, tt.field, 4)
			if !strings.HasPrefix(err.Error(), "sales.SummarizeDeals: ") {
				t.Errorf("error %q does not name sales.SummarizeDeals", err)
			}
		})
	}
}

// TestDealSummaryMethodErrors checks the errors of the methods that divide,
// on the zero DealSummary and on summaries without the deals they need.
func TestDealSummaryMethodErrors(t *testing.T) {
	onlyOpen, err := sales.SummarizeDeals([]sales.Deal{{Amount: dec("5"), Stage: sales.StageOpen, Created: at(-3)}}, january)
	if err != nil {
		t.Fatal(err)
	}
	wonSome, err := sales.SummarizeDeals(goodDeals, january) // 1500 won
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		call   func() (any, error)
		want   error
		field  string
		metric string
	}{
		{"zero AverageDealSize", func() (any, error) { return sales.DealSummary{}.AverageDealSize() }, metrics.ErrUndefined, "Deals", "AverageDealSize"},
		{"zero WinRate", func() (any, error) { return sales.DealSummary{}.WinRate() }, metrics.ErrUndefined, "Deals", "WinRate"},
		{"zero CloseRate", func() (any, error) { return sales.DealSummary{}.CloseRate() }, metrics.ErrUndefined, "Deals", "CloseRate"},
		{"zero SalesCycleLength", func() (any, error) { return sales.DealSummary{}.SalesCycleLength() }, metrics.ErrUndefined, "Deals", "SalesCycleLength"},
		{"zero PipelineVelocity", func() (any, error) { return sales.DealSummary{}.PipelineVelocity() }, metrics.ErrUndefined, "Deals", "PipelineVelocity"},
		{"zero PipelineCoverage", func() (any, error) { return sales.DealSummary{}.PipelineCoverage(decimal.Zero) }, metrics.ErrUndefined, "Quota", "PipelineCoverage"},
		{"only open: velocity", func() (any, error) { return onlyOpen.PipelineVelocity() }, metrics.ErrUndefined, "Deals", "PipelineVelocity"},
		{"negative quota", func() (any, error) { return onlyOpen.PipelineCoverage(dec("-1")) }, metrics.ErrNegative, "Quota", "PipelineCoverage"},
		{"quota reached", func() (any, error) { return wonSome.PipelineCoverage(dec("1500")) }, metrics.ErrUndefined, "Quota", "PipelineCoverage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			requireError(t, got, err, tt.want, tt.field, -1)
			if !strings.HasPrefix(err.Error(), "sales.DealSummary."+tt.metric+": ") {
				t.Errorf("error %q does not name sales.DealSummary.%s", err, tt.metric)
			}
		})
	}
	var zero sales.DealSummary
	if diff := cmp.Diff(summaryView{Period: sales.Period{}.String(), Revenue: "0", Pipeline: "0",
		AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined, SalesCycleLength: undefined,
		PipelineVelocity: undefined, Coverage100k: "0"}, view(zero)); diff != "" {
		t.Errorf("zero DealSummary (-want +got):\n%s", diff)
	}
}

// requireSameResult fails unless a summary method and the function over
// deals of the same metric agree: equal values, or errors with the same
// sentinel.
func requireSameResult(t testkit.TB, name string, got any, gotErr error, want any, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || metrics.SentinelOf(gotErr) != metrics.SentinelOf(wantErr) {
		t.Fatalf("%s: summary error %v, function error %v", name, gotErr, wantErr)
	}
	if gotErr == nil && !cmp.Equal(got, want) {
		t.Fatalf("%s: summary %v, function %v", name, got, want)
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

// requireSummaryMatchesFunctions checks every figure of s, the summary of
// deals over p, against the function over deals of the same metric.
func requireSummaryMatchesFunctions(t testkit.TB, s sales.DealSummary, deals []sales.Deal, p sales.Period, quota decimal.Decimal) {
	t.Helper()
	revenue, err := sales.SalesRevenue(deals, p)
	requireSameResult(t, "SalesRevenue", s.SalesRevenue(), nil, revenue, err)
	open, err := sales.OpenOpportunities(deals, p)
	requireSameResult(t, "OpenOpportunities", s.OpenOpportunities(), nil, open, err)
	size, sizeErr := s.AverageDealSize()
	want, err := sales.AverageDealSizeFromDeals(deals, p)
	requireSameResult(t, "AverageDealSize", size, sizeErr, want, err)
	win, winErr := s.WinRate()
	wantRate, err := sales.WinRateFromDeals(deals, p)
	requireSameResult(t, "WinRate", win, winErr, wantRate, err)
	closeRate, closeErr := s.CloseRate()
	wantRate, err = sales.CloseRateFromDeals(deals, p)
	requireSameResult(t, "CloseRate", closeRate, closeErr, wantRate, err)
	cycle, cycleErr := s.SalesCycleLength()
	want, err = sales.SalesCycleLength(deals, p)
	requireSameResult(t, "SalesCycleLength", cycle, cycleErr, want, err)
	velocity, velocityErr := s.PipelineVelocity()
	want, err = sales.PipelineVelocityFromDeals(deals, p)
	requireSameResult(t, "PipelineVelocity", velocity, velocityErr, want, err)
	coverage, coverageErr := s.PipelineCoverage(quota)
	want, err = sales.PipelineCoverageFromDeals(deals, p, quota)
	requireSameResult(t, "PipelineCoverage", coverage, coverageErr, want, err)
}

// naiveSums adds the amounts of the deals won in p and of those open at
// p.End with decimal.Add from decimal.Zero, as the functions over deals once
// did, by the rules of the Deal documentation.
func naiveSums(deals []sales.Deal, p sales.Period) (won, open decimal.Decimal) {
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

func TestSummarizeDealsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := dealGen()
		if rapid.Bool().Draw(t, "wide") {
			gen = wideDealGen()
		}
		deals := rapid.SliceOfN(gen, 0, 40).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		s, err := sales.SummarizeDeals(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the reference tally in exact rationals.
		ref := refDeals(deals, p)
		if diff := cmp.Diff([3]int{ref.won, ref.lost, ref.open}, [3]int{s.Won(), s.Lost(), s.OpenOpportunities()}); diff != "" {
			t.Fatalf("won, lost, open (-want +got):\n%s", diff)
		}
		testkit.RequireRat(t, s.SalesRevenue(), ref.wonRevenue)
		testkit.RequireRat(t, s.OpenPipeline(), ref.openValue)
		if ref.created > 0 {
			rate, err := s.CloseRate()
			if err != nil {
				t.Fatal(err)
			}
			testkit.RequireRat(t, rate.Points(), big.NewRat(int64(ref.createdWon)*100, int64(ref.created)))
		}
		if ref.won > 0 {
			size, err := s.AverageDealSize()
			if err != nil {
				t.Fatal(err)
			}
			testkit.RequireRat(t, size, quo(ref.wonRevenue, testkit.RatInt(ref.won)))
			days, err := s.SalesCycleLength()
			if err != nil {
				t.Fatal(err)
			}
			testkit.RequireRat(t, days, quo(ref.cycleNanos, mul(testkit.RatInt(ref.won), nanosPerDay)))
			rate, err := s.WinRate()
			if err != nil {
				t.Fatal(err)
			}
			requirePercentRange(t, rate, 0, 100)
			testkit.RequireRat(t, rate.Points(), big.NewRat(int64(ref.won)*100, int64(ref.won+ref.lost)))
		}
		// Every figure equals the function over deals of the same metric.
		quota := testkit.Money().Draw(t, "quota")
		requireSummaryMatchesFunctions(t, s, deals, p, quota)
		// The sums have the digits and exponent of a decimal.Add loop.
		won, open := naiveSums(deals, p)
		requireSameDecimal(t, "SalesRevenue", s.SalesRevenue(), won)
		requireSameDecimal(t, "OpenPipeline", s.OpenPipeline(), open)
		// Summarizing does not modify the deals.
		again := slices.Clone(deals)
		if _, err := sales.SummarizeDeals(again, p); err != nil || !cmp.Equal(again, deals) {
			t.Fatalf("SummarizeDeals modified its input (%v)", err)
		}
	})
}

// split cuts deals into parts at sorted random points; parts may be empty.
func split(t *rapid.T, deals []sales.Deal) [][]sales.Deal {
	cuts := rapid.SliceOfN(rapid.IntRange(0, len(deals)), 0, 6).Draw(t, "cuts")
	slices.Sort(cuts)
	var parts [][]sales.Deal
	last := 0
	for _, c := range cuts {
		parts = append(parts, deals[last:c])
		last = c
	}
	return append(parts, deals[last:])
}

func TestDealSummaryMergeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := dealGen()
		if rapid.Bool().Draw(t, "wide") {
			gen = wideDealGen()
		}
		deals := rapid.SliceOfN(gen, 0, 40).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		whole, err := sales.SummarizeDeals(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		parts := split(t, deals)
		summaries := make([]sales.DealSummary, len(parts))
		for i, part := range parts {
			if summaries[i], err = sales.SummarizeDeals(part, p); err != nil {
				t.Fatal(err)
			}
		}
		// Merged in any order, into the zero value, the shards give the one
		// pass's summary, to the digit and exponent of its sums.
		order := rapid.Permutation(summaries).Draw(t, "order")
		var merged sales.DealSummary
		for _, s := range order {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(view(whole), view(merged)); diff != "" {
			t.Fatalf("merged shards (-one pass +merged):\n%s", diff)
		}
		requireSameDecimal(t, "SalesRevenue", merged.SalesRevenue(), whole.SalesRevenue())
		requireSameDecimal(t, "OpenPipeline", merged.OpenPipeline(), whole.OpenPipeline())
		// Merging the zero value changes nothing; a summary merged with
		// itself counts every deal twice.
		before := view(merged)
		if err := merged.Merge(sales.DealSummary{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, view(merged)); diff != "" {
			t.Fatalf("merging the zero value (-before +after):\n%s", diff)
		}
		doubled := merged
		if err := doubled.Merge(doubled); err != nil {
			t.Fatal(err)
		}
		twice, err := sales.SummarizeDeals(append(slices.Clone(deals), deals...), p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(view(twice), view(doubled)); diff != "" {
			t.Fatalf("s.Merge(s) (-deals twice +doubled):\n%s", diff)
		}
		// The copy doubled on its own.
		if diff := cmp.Diff(before, view(merged)); diff != "" {
			t.Fatalf("merging into a copy changed the original (-before +after):\n%s", diff)
		}
	})
}

func TestDealSummaryMergeErrors(t *testing.T) {
	jan, err := sales.SummarizeDeals(goodDeals, january)
	if err != nil {
		t.Fatal(err)
	}
	feb, err := sales.SummarizeDeals(goodDeals, sales.Period{Start: at(31), End: at(60)})
	if err != nil {
		t.Fatal(err)
	}
	// The same instants in another time zone are the same period.
	paris, err := sales.SummarizeDeals(goodDeals, sales.Period{Start: january.Start.In(time.FixedZone("CET", 3600)), End: january.End})
	if err != nil {
		t.Fatal(err)
	}
	if err := paris.Merge(jan); err != nil {
		t.Fatalf("merging the same period in another zone: %v", err)
	}

	var nilSummary *sales.DealSummary
	err = nilSummary.Merge(jan)
	requireError(t, nil, err, metrics.ErrInvalid, "DealSummary", -1)

	s := jan
	err = s.Merge(feb)
	requireError(t, nil, err, metrics.ErrMismatch, "Period", -1)
	want := "sales.DealSummary.Merge: Period [2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z) differs from the summary's period [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z): mismatched kinds"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(view(jan), view(s)); diff != "" {
		t.Errorf("a failed Merge changed the summary (-want +got):\n%s", diff)
	}

	// Doubling a summary of one deal of each kind 62 times (30 on a 32-bit
	// machine) reaches 2⁶² deals of each; the next doubling would pass
	// math.MaxInt. The deals were created before the period, so they are no
	// opportunities of it.
	one, err := sales.SummarizeDeals([]sales.Deal{
		{Amount: dec("0.01"), Stage: sales.StageWon, Created: at(-5), Closed: at(2)},
		{Amount: dec("0.01"), Stage: sales.StageLost, Created: at(-5), Closed: at(2)},
		{Amount: dec("0.01"), Stage: sales.StageOpen, Created: at(-5)},
	}, january)
	if err != nil {
		t.Fatal(err)
	}
	huge := one
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
	// 2⁶² × 0.01 exactly (46116860184273879.04), and the mean cycle still 7 days.
	if diff := cmp.Diff(exact.Text(decimal.New(int64(n), -2)), exact.Text(huge.SalesRevenue())); diff != "" {
		t.Errorf("revenue (-want +got):\n%s", diff)
	}
	days, err := huge.SalesCycleLength()
	if err != nil || !days.Equal(decimal.NewFromInt(7)) {
		t.Errorf("cycle %s days (%v), want 7", days, err)
	}
	before := view(huge)
	err = huge.Merge(huge)
	requireError(t, nil, err, metrics.ErrOutOfRange, "Won", -1)
	want = fmt.Sprintf("sales.DealSummary.Merge: Won %d plus %d exceeds math.MaxInt: out of range", n, n)
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, view(huge)); diff != "" {
		t.Errorf("a failed Merge changed the summary (-want +got):\n%s", diff)
	}
	// Every count is guarded, each alone.
	for _, tt := range []struct {
		deal  sales.Deal
		field string
	}{
		{sales.Deal{Stage: sales.StageLost, Created: at(-5), Closed: at(2)}, "Lost"},
		{sales.Deal{Stage: sales.StageOpen, Created: at(-5)}, "OpenOpportunities"},
	} {
		s, err := sales.SummarizeDeals([]sales.Deal{tt.deal}, january)
		if err != nil {
			t.Fatal(err)
		}
		doublings := bits.UintSize - 2
		for range doublings {
			if err := s.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		requireError(t, nil, s.Merge(s), metrics.ErrOutOfRange, tt.field, -1)
	}
}

// TestSummarizeDealsConcurrently summarizes shards in goroutines and merges
// them; run it with -race.
func TestSummarizeDealsConcurrently(t *testing.T) {
	deals, p := benchDeals(20_000)
	whole, err := sales.SummarizeDeals(deals, p)
	if err != nil {
		t.Fatal(err)
	}
	const shards = 8
	summaries := make([]sales.DealSummary, shards)
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := i*len(deals)/shards, (i+1)*len(deals)/shards
			summaries[i], errs[i] = sales.SummarizeDeals(deals[lo:hi], p)
		}()
	}
	wg.Wait()
	var merged sales.DealSummary
	for i := range summaries {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		// Merge in reverse, to change the order as well.
		if err := merged.Merge(summaries[shards-1-i]); err != nil {
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

func TestSummarizeDealsByOwner(t *testing.T) {
	deals := append(exampleDeals(),
		// Carl's only deal closed before the quarter: he has no summary.
		sales.Deal{Amount: dec("1"), Stage: sales.StageLost, Created: at(-40), Closed: at(-35), Owner: "carl"},
		// An unowned deal open at the quarter's end is keyed by "".
		sales.Deal{Amount: dec("3"), Stage: sales.StageOpen, Created: at(-40)},
	)
	got, err := sales.SummarizeDealsByOwner(deals, q1)
	if err != nil {
		t.Fatal(err)
	}
	views := map[string]summaryView{}
	for owner, s := range got {
		views[owner] = view(s)
	}
	period := q1.String()
	want := map[string]summaryView{
		// D-1 won (12 000, 30 days), D-3 lost, D-5 open; created: all three,
		// one won by 1 April. Velocity 1 × 1 × 12 000 / (2 × 30).
		"ann": {Period: period, Won: 1, Lost: 1, Open: 1, Revenue: "12000", Pipeline: "9000",
			AverageDealSize: "12000", WinRate: "50%", CloseRate: "33.3333333333%",
			SalesCycleLength: "30", PipelineVelocity: "200", Coverage100k: "0.1022727273"},
		// D-2 won (8 000, 40 days), D-4 open; velocity 1 × 1 × 8 000 / 40.
		"bob": {Period: period, Won: 1, Open: 1, Revenue: "8000", Pipeline: "20000",
			AverageDealSize: "8000", WinRate: "100%", CloseRate: "50%",
			SalesCycleLength: "40", PipelineVelocity: "200", Coverage100k: "0.2173913043"},
		"": {Period: period, Open: 1, Revenue: "0", Pipeline: "3",
			AverageDealSize: undefined, WinRate: undefined, CloseRate: undefined,
			SalesCycleLength: undefined, PipelineVelocity: undefined, Coverage100k: "0.00003"},
	}
	if diff := cmp.Diff(want, views); diff != "" {
		t.Errorf("SummarizeDealsByOwner (-want +got):\n%s", diff)
	}
	empty, err := sales.SummarizeDealsByOwner(nil, q1)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("no deals: %v, %v; want an empty map", empty, err)
	}
}

func TestSummarizeDealsByOwnerErrors(t *testing.T) {
	got, err := sales.SummarizeDealsByOwner([]sales.Deal{{}}, sales.Period{})
	requireError(t, got, err, metrics.ErrInvalid, "Period.End", -1)
	for _, tt := range badDeals {
		t.Run(tt.name, func(t *testing.T) {
			deals := append(append([]sales.Deal(nil), goodDeals...), tt.deal)
			got, err := sales.SummarizeDealsByOwner(deals, january)
			requireError(t, got, err, tt.want, tt.field, 4)
			if !strings.HasPrefix(err.Error(), "sales.SummarizeDealsByOwner: ") {
				t.Errorf("error %q does not name sales.SummarizeDealsByOwner", err)
			}
		})
	}
}

func TestSummarizeDealsByOwnerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(dealGen(), 0, 40).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		byOwner, err := sales.SummarizeDealsByOwner(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := sales.SummarizeDeals(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		// Each owner's summary is the summary of their deals; an owner is
		// present when one of their deals counts in the period.
		var merged sales.DealSummary
		for _, owner := range owners {
			var theirs []sales.Deal
			for _, d := range deals {
				if d.Owner == owner {
					theirs = append(theirs, d)
				}
			}
			alone, err := sales.SummarizeDeals(theirs, p)
			if err != nil {
				t.Fatal(err)
			}
			ref := refDeals(theirs, p)
			s, ok := byOwner[owner]
			if counts := ref.won+ref.lost+ref.open+ref.created > 0; ok != counts {
				t.Fatalf("owner %q present %v, has deals that count %v", owner, ok, counts)
			}
			if !ok {
				continue
			}
			if diff := cmp.Diff(view(alone), view(s)); diff != "" {
				t.Fatalf("owner %q (-alone +by owner):\n%s", owner, diff)
			}
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if len(byOwner) == 0 {
			merged = sales.DealSummary{}
			whole = sales.DealSummary{}
		}
		// The owners' summaries merge into the team's.
		if diff := cmp.Diff(view(whole), view(merged)); diff != "" {
			t.Fatalf("merged owners (-team +merged):\n%s", diff)
		}
		// RevenueByOwner is the SalesRevenue of the owners who won a deal.
		revenue, err := sales.RevenueByOwner(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]decimal.Decimal{}
		for owner, s := range byOwner {
			if s.Won() > 0 {
				want[owner] = s.SalesRevenue()
			}
		}
		if diff := cmp.Diff(want, revenue); diff != "" {
			t.Fatalf("RevenueByOwner (-by owner +RevenueByOwner):\n%s", diff)
		}
	})
}

// TestSummarizeDealsAllocs pins down the documented speed: with amounts of
// up to 18 digits, summarizing does not allocate, whatever the number of
// deals.
func TestSummarizeDealsAllocs(t *testing.T) {
	for _, n := range []int{10, 10_000} {
		deals, p := benchDeals(n)
		if a := testing.AllocsPerRun(20, func() { _, _ = sales.SummarizeDeals(deals, p) }); a != 0 {
			t.Errorf("SummarizeDeals of %d deals allocates %v times", n, a)
		}
	}
}

func TestDealSummaryGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		deals := append(exampleDeals(), sales.Deal{Amount: dec("1.01"), Stage: sales.StageWon, Created: q1.Start, Closed: q1.Start.Add(7 * time.Hour), Owner: "bob"})
		var b strings.Builder
		put := func(v any, err error) { b.WriteString(viewResult(v, err) + ";") }
		s, err := sales.SummarizeDeals(deals, q1)
		if err != nil {
			return err.Error()
		}
		put(s.SalesRevenue(), nil)
		put(s.OpenPipeline(), nil)
		put(s.AverageDealSize())
		put(s.WinRate())
		put(s.CloseRate())
		put(s.SalesCycleLength())
		put(s.PipelineVelocity())
		put(s.PipelineCoverage(dec("70000")))
		byOwner, err := sales.SummarizeDealsByOwner(deals, q1)
		if err != nil {
			return err.Error()
		}
		for _, owner := range []string{"ann", "bob"} {
			fmt.Fprintf(&b, "%+v;", view(byOwner[owner]))
		}
		_, err = sales.SummarizeDeals([]sales.Deal{{Stage: sales.StageOpen, Amount: dec("-0.000001"), Created: q1.Start}}, q1)
		b.WriteString(err.Error())
		return b.String()
	})
}

// FuzzSummarizeDeals feeds arbitrary deals and periods: SummarizeDeals
// never panics, rejects what SalesRevenue rejects with the same field, index
// and sentinel, and its figures equal the functions over deals.
func FuzzSummarizeDeals(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31), int64(5000), int8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8, quotaCoef int64, quotaExp int8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		s, err := sales.SummarizeDeals(deals, p)
		_, ref := sales.SalesRevenue(deals, p)
		if err != nil || ref != nil {
			if err == nil || ref == nil {
				t.Fatalf("SummarizeDeals: %v; SalesRevenue: %v", err, ref)
			}
			testkit.RequireKpikitError(t, err)
			var e, r *metrics.Error
			errors.As(err, &e)
			errors.As(ref, &r)
			if e.Field != r.Field || e.Index != r.Index || metrics.SentinelOf(err) != metrics.SentinelOf(ref) {
				t.Fatalf("SummarizeDeals: %v; SalesRevenue: %v", err, ref)
			}
			return
		}
		if s.Won() < 0 || s.Lost() < 0 || s.OpenOpportunities() < 0 || s.SalesRevenue().Sign() < 0 || s.OpenPipeline().Sign() < 0 {
			t.Fatalf("negative figure: %+v", view(s))
		}
		if rate, err := s.WinRate(); err == nil {
			requirePercentRange(t, rate, 0, 100)
		}
		if rate, err := s.CloseRate(); err == nil {
			requirePercentRange(t, rate, 0, 100)
		}
		requireSummaryMatchesFunctions(t, s, deals, p, testkit.FuzzDecimal(quotaCoef, quotaExp))
	})
}

// FuzzSummarizeDealsByOwner checks that the owners' summaries never panic,
// fail as SummarizeDeals fails, and merge into its summary.
func FuzzSummarizeDealsByOwner(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		byOwner, err := sales.SummarizeDealsByOwner(deals, p)
		whole, ref := sales.SummarizeDeals(deals, p)
		if err != nil || ref != nil {
			testkit.RequireKpikitError(t, err)
			if metrics.SentinelOf(err) != metrics.SentinelOf(ref) || byOwner != nil {
				t.Fatalf("SummarizeDealsByOwner: %v, %v; SummarizeDeals: %v", byOwner, err, ref)
			}
			return
		}
		var merged sales.DealSummary
		for _, s := range byOwner {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if len(byOwner) == 0 {
			whole = sales.DealSummary{}
		}
		if diff := cmp.Diff(view(whole), view(merged)); diff != "" {
			t.Fatalf("merged owners (-whole +merged):\n%s", diff)
		}
	})
}

// FuzzDealSummaryMerge splits fuzzed deals in two at a fuzzed point: the
// merged halves equal the summary of all the deals.
func FuzzDealSummaryMerge(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8, cut uint8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		whole, err := sales.SummarizeDeals(deals, p)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		c := int(cut) % (len(deals) + 1)
		a, errA := sales.SummarizeDeals(deals[:c], p)
		b, errB := sales.SummarizeDeals(deals[c:], p)
		if errA != nil || errB != nil {
			t.Fatalf("halves of valid deals: %v, %v", errA, errB)
		}
		if err := b.Merge(a); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(view(whole), view(b)); diff != "" {
			t.Fatalf("merged halves (-whole +merged):\n%s", diff)
		}
	})
}

// benchDeals returns n valid deals spread over 2024, a third each open, won
// and lost, with amounts of two decimal places, and the second quarter.
func benchDeals(n int) ([]sales.Deal, sales.Period) {
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
	return deals, sales.Period{Start: start.AddDate(0, 3, 0), End: start.AddDate(0, 6, 0)}
}

// BenchmarkDealSummary reads the deal metrics of one quarter: from one
// SummarizeDeals pass (impl=kpikit), and by calling the functions over deals
// one by one, a pass each (impl=separate).
func BenchmarkDealSummary(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		deals, p := benchDeals(n)
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := sales.SummarizeDeals(deals, p)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = s.SalesRevenue(), s.OpenOpportunities()
				_, err1 := s.AverageDealSize()
				_, err2 := s.WinRate()
				_, err3 := s.SalesCycleLength()
				_, err4 := s.PipelineVelocity()
				if err := errors.Join(err1, err2, err3, err4); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=separate", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err0 := sales.SalesRevenue(deals, p)
				_, err1 := sales.AverageDealSizeFromDeals(deals, p)
				_, err2 := sales.WinRateFromDeals(deals, p)
				_, err3 := sales.SalesCycleLength(deals, p)
				_, err4 := sales.PipelineVelocityFromDeals(deals, p)
				_, err5 := sales.OpenOpportunities(deals, p)
				if err := errors.Join(err0, err1, err2, err3, err4, err5); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
