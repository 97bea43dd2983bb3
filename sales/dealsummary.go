package sales

import (
	"math"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// DealSummary holds what the deal metrics of one Period need from a slice of
// deals, counted in one pass by SummarizeDeals: the deals won and lost in the
// period, the deals open at its end, the opportunities created in it, and
// exact sums of the won revenue, of the open pipeline's value and of the won
// deals' cycle times.
//
// Its methods read the metrics as the functions over deals compute them:
// for the summary s of deals over p,
//
//	s.SalesRevenue()       = SalesRevenue(deals, p)
//	s.AverageDealSize()    = AverageDealSizeFromDeals(deals, p)
//	s.WinRate()            = WinRateFromDeals(deals, p)
//	s.CloseRate()          = CloseRateFromDeals(deals, p)
//	s.SalesCycleLength()   = SalesCycleLength(deals, p)
//	s.OpenOpportunities()  = OpenOpportunities(deals, p)
//	s.PipelineVelocity()   = PipelineVelocityFromDeals(deals, p)
//	s.PipelineCoverage(q)  = PipelineCoverageFromDeals(deals, p, q)
//
// with the same digits; only the name of the metric in an error differs
// ("sales.DealSummary.WinRate"). Those functions compute their results from a
// DealSummary, so the two cannot drift apart, and reading every metric from
// one summary costs one pass over the deals instead of one per metric.
//
// Summaries merge: Merge adds the summary of other deals over the same
// period, so shards summarized apart (by goroutines, files or database
// partitions) combine into the summary of all their deals, exactly and in any
// order. SummarizeDealsByOwner gives one summary per sales rep.
//
// The zero value is the summary of no deals over no period: its counts and
// sums are zero, the metrics that divide by a count of deals are undefined,
// and merging a summary into it makes it that summary. A DealSummary is a
// value: assigning it copies it, and the copy changes on its own. Its reading
// methods may run in several goroutines at once, but Merge must not run
// alongside any other use of the same summary: give each goroutine its own
// and merge them when they are done (see the example).
type DealSummary struct {
	period            Period
	lost, open        int       // deals lost in period; deals open at period.End
	created, createdW int       // deals created in period; of those, won before period.End
	cycle             cycleSum  // deals won in period: their count and Σ (Closed − Created)
	revenue           exact.Sum // Σ Amount of the deals won in period; read it with amount
	pipeline          exact.Sum // Σ Amount of the deals open at period.End; read it with amount
}

// SummarizeDeals validates every deal and counts it, in one pass, into the
// DealSummary of the period p:
//
//	Won               = count of deals with Stage won and Closed in p
//	Lost              = count of deals with Stage lost and Closed in p
//	OpenOpportunities = count of deals with Created < p.End, not closed before p.End
//	SalesRevenue      = Σ Amount of the deals won in p
//	OpenPipeline      = Σ Amount of the deals open at p.End
//	cycle time        = Σ (Closed − Created) of the deals won in p
//	opportunities     = count of deals with Created in p, and of those won before p.End
//
// where a deal belongs to a period as the Deal documentation says. The sums
// are exact; the methods of DealSummary read the metrics from them. An empty
// or nil slice gives a summary of no deals.
//
// SummarizeDeals makes one pass over deals and does not modify them. While
// the amounts' coefficients have at most 18 digits (amounts below 10¹⁶ with
// two digits after the point) it adds machine integers and does not
// allocate; amounts of 20 digits or more and sums beyond 2¹²⁷ fall back to
// exact decimal arithmetic, so the result is exact whatever the amounts.
//
// SummarizeDeals returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange); the error names the
//     deal's index and field
func SummarizeDeals(deals []Deal, p Period) (DealSummary, error) {
	return summarize("sales.SummarizeDeals", deals, p)
}

// summarize is SummarizeDeals, reporting errors as metric. Every function
// over deals computes through it.
func summarize(metric string, deals []Deal, p Period) (DealSummary, error) {
	if err := checkPeriod(metric, p); err != nil {
		return DealSummary{}, err
	}
	s := DealSummary{period: p}
	for i := range deals {
		d := &deals[i]
		cycle, err := checkDeal(metric, i, d)
		if err != nil {
			return DealSummary{}, err
		}
		s.add(d, cycle, p)
	}
	return s, nil
}

// add counts the valid deal d, whose cycle Closed − Created checkDeal
// returned, into s, the summary of p. It is the one place where the rules of
// the Deal documentation place a deal in a period:
//
//   - won or lost in p:  p.Start ≤ Closed < p.End
//   - open at p.End:     Created < p.End, and open or Closed ≥ p.End
//   - created in p:      p.Start ≤ Created < p.End, and won in time if won
//     before p.End
//
// Each instant is compared with each bound at most once.
func (s *DealSummary) add(d *Deal, cycle time.Duration, p Period) {
	createdBeforeEnd := d.Created.Before(p.End)
	closedBeforeEnd := d.Stage != StageOpen && d.Closed.Before(p.End)
	switch {
	case !closedBeforeEnd:
		if createdBeforeEnd {
			s.open++
			s.pipeline.Add(d.Amount)
		}
	case d.Closed.Before(p.Start):
		// Closed before the period: not in it.
	case d.Stage == StageWon:
		s.cycle.add(cycle)
		s.revenue.Add(d.Amount)
	default:
		s.lost++
	}
	if createdBeforeEnd && !d.Created.Before(p.Start) {
		s.created++
		if d.Stage == StageWon && closedBeforeEnd {
			s.createdW++
		}
	}
}

// counts reports whether s counts at least one deal: every deal that counts
// is won, lost or open for the period, or was created in it.
func (s *DealSummary) counts() bool {
	return s.cycle.n+s.lost+s.open+s.created > 0
}

// SummarizeDealsByOwner validates every deal and summarizes the deals of
// each owner over p, as SummarizeDeals does for all of them, in one pass:
//
//	summary of owner o = SummarizeDeals(deals with Owner o, p)
//
// The result maps every owner with at least one deal that counts in the
// period (won or lost in it, open at its end, or created in it) to the
// summary of their deals; deals without an owner are keyed by "". It is the
// pipeline review of each sales rep, and merging the summaries gives the
// team's. RevenueByOwner is its SalesRevenue per owner.
//
// SummarizeDealsByOwner makes one pass over deals and one map look-up per
// deal; its allocations grow with the number of owners, not of deals.
//
// SummarizeDealsByOwner returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange); the error names the
//     deal's index and field
func SummarizeDealsByOwner(deals []Deal, p Period) (map[string]DealSummary, error) {
	return summarizeByOwner("sales.SummarizeDealsByOwner", deals, p)
}

// summarizeByOwner is SummarizeDealsByOwner, reporting errors as metric.
func summarizeByOwner(metric string, deals []Deal, p Period) (map[string]DealSummary, error) {
	if err := checkPeriod(metric, p); err != nil {
		return nil, err
	}
	index := make(map[string]int)
	var sums []DealSummary
	for i := range deals {
		d := &deals[i]
		cycle, err := checkDeal(metric, i, d)
		if err != nil {
			return nil, err
		}
		j, ok := index[d.Owner]
		if !ok {
			j = len(sums)
			index[d.Owner] = j
			sums = append(sums, DealSummary{period: p})
		}
		sums[j].add(d, cycle, p)
	}
	byOwner := make(map[string]DealSummary, len(sums))
	for owner, j := range index {
		if sums[j].counts() {
			byOwner[owner] = sums[j]
		}
	}
	return byOwner, nil
}

// Merge adds the deals summarized in other to s, so that s summarizes the
// deals of both:
//
//	Won, Lost, OpenOpportunities, opportunities += those of other
//	SalesRevenue, OpenPipeline, cycle time      += those of other
//
// Summaries of the parts of a slice of deals, merged in any order, equal the
// summary of the whole slice: every figure is a count or an exact sum. Both
// summaries must be of the same period (equal Start and End instants); a
// zero DealSummary is of no period and merges with any, so merging into a
// zero value copies other. s.Merge(*s) doubles s. On error s is unchanged.
//
// Merge returns an error if:
//   - s is nil (metrics.ErrInvalid)
//   - the summaries are of different periods (metrics.ErrMismatch)
//   - a count of s would exceed math.MaxInt (metrics.ErrOutOfRange)
func (s *DealSummary) Merge(other DealSummary) error {
	const metric = "sales.DealSummary.Merge"
	if s == nil {
		return check.Err(metric, "DealSummary", nil, metrics.ErrInvalid, "is nil")
	}
	if !other.period.End.After(other.period.Start) {
		return nil // the zero value: no deals
	}
	if !s.period.End.After(s.period.Start) {
		*s = other
		return nil
	}
	if !s.period.Start.Equal(other.period.Start) || !s.period.End.Equal(other.period.End) {
		return check.Err(metric, "Period", other.period, metrics.ErrMismatch, "differs from the summary's period "+s.period.String())
	}
	counts := [...]struct {
		field    string
		s, other int
	}{
		{"Won", s.cycle.n, other.cycle.n},
		{"Lost", s.lost, other.lost},
		{"OpenOpportunities", s.open, other.open},
		{"Opportunities", s.created, other.created},
	}
	for _, c := range counts {
		if c.other > math.MaxInt-c.s {
			return check.Err(metric, c.field, c.s, metrics.ErrOutOfRange, "plus "+check.Text(c.other)+" exceeds math.MaxInt")
		}
	}
	s.cycle.merge(&other.cycle) // adds the won deals
	s.lost += other.lost
	s.open += other.open
	s.created += other.created
	s.createdW += other.createdW // at most created, checked above
	s.revenue.Merge(&other.revenue)
	s.pipeline.Merge(&other.pipeline)
	return nil
}

// Period returns the period the summary is of; the zero Period for the zero
// DealSummary.
func (s DealSummary) Period() Period { return s.period }

// Won returns the number of deals won in the period, the denominator of
// AverageDealSize and SalesCycleLength:
//
//	won = count of deals with Stage won and Closed in p
func (s DealSummary) Won() int { return s.cycle.n }

// Lost returns the number of deals lost in the period:
//
//	lost = count of deals with Stage lost and Closed in p
func (s DealSummary) Lost() int { return s.lost }

// OpenOpportunities returns the number of deals open at the end of the
// period, as OpenOpportunities counts them:
//
//	open opportunities = count of deals with Created < p.End and not closed before p.End
func (s DealSummary) OpenOpportunities() int { return s.open }

// SalesRevenue returns the total amount of the deals won in the period, as
// SalesRevenue computes it:
//
//	sales revenue = Σ Amount of deals with Stage won and Closed in p
//
// The result is money in the deals' currency, exact, and zero when no deal
// was won.
func (s DealSummary) SalesRevenue() decimal.Decimal { return amount(&s.revenue) }

// OpenPipeline returns the total amount of the deals open at the end of the
// period, the numerator of PipelineCoverage:
//
//	open pipeline = Σ Amount of deals with Created < p.End and not closed before p.End
//
// The result is money in the deals' currency, exact, and zero when no deal
// was open.
func (s DealSummary) OpenPipeline() decimal.Decimal { return amount(&s.pipeline) }

// AverageDealSize returns the mean amount of the deals won in the period, as
// AverageDealSizeFromDeals computes it:
//
//	average deal size = SalesRevenue / Won
//
// The result is money, exact when the quotient terminates and otherwise
// rounded at metrics.Scale.
//
// AverageDealSize returns an error if:
//   - no deal was won in the period (metrics.ErrUndefined)
func (s DealSummary) AverageDealSize() (decimal.Decimal, error) {
	return s.averageDealSize("sales.DealSummary.AverageDealSize")
}

func (s *DealSummary) averageDealSize(metric string) (decimal.Decimal, error) {
	if s.cycle.n == 0 {
		return decimal.Decimal{}, errNoWonDeal(metric)
	}
	return averageDealSize(amount(&s.revenue), s.cycle.n), nil
}

// WinRate returns the share of the deals closed in the period that were won,
// as WinRateFromDeals computes it:
//
//	win rate = Won / (Won + Lost) × 100
//
// The result is a Percent within 0..100.
//
// WinRate returns an error if:
//   - no deal was won or lost in the period (metrics.ErrUndefined)
func (s DealSummary) WinRate() (metrics.Percent, error) {
	return s.winRate("sales.DealSummary.WinRate")
}

func (s *DealSummary) winRate(metric string) (metrics.Percent, error) {
	if s.cycle.n == 0 && s.lost == 0 {
		return metrics.Percent{}, errNoClosedDeal(metric)
	}
	return metrics.NewPercent(winRate(s.cycle.n, s.lost)), nil
}

// CloseRate returns the share of the opportunities created in the period
// that were won before its end, as CloseRateFromDeals computes it:
//
//	close rate = count(Created in p, won before p.End) / count(Created in p) × 100
//
// The result is a Percent within 0..100.
//
// CloseRate returns an error if:
//   - no deal was created in the period (metrics.ErrUndefined)
func (s DealSummary) CloseRate() (metrics.Percent, error) {
	return s.closeRate("sales.DealSummary.CloseRate")
}

func (s *DealSummary) closeRate(metric string) (metrics.Percent, error) {
	if s.created == 0 {
		return metrics.Percent{}, check.Err(metric, "Deals", nil, metrics.ErrUndefined, "has no deal created in the period")
	}
	return metrics.NewPercent(closeRate(s.createdW, s.created)), nil
}

// SalesCycleLength returns the mean number of days the deals won in the
// period took from creation to close, as SalesCycleLength computes it:
//
//	sales cycle length = Σ (Closed − Created) of deals won in p / Won / 24 h
//
// The result is a number of days as a decimal; the sum is exact to the
// nanosecond and the quotient exact when it terminates, otherwise rounded at
// metrics.Scale.
//
// SalesCycleLength returns an error if:
//   - no deal was won in the period (metrics.ErrUndefined)
func (s DealSummary) SalesCycleLength() (decimal.Decimal, error) {
	return s.salesCycleLength("sales.DealSummary.SalesCycleLength")
}

func (s *DealSummary) salesCycleLength(metric string) (decimal.Decimal, error) {
	if s.cycle.n == 0 {
		return decimal.Decimal{}, errNoWonDeal(metric)
	}
	return s.cycle.days(), nil
}

// PipelineVelocity returns the revenue the pipeline is expected to bring in
// per day, as PipelineVelocityFromDeals computes it:
//
//	pipeline velocity = OpenOpportunities × Won × SalesRevenue / ((Won + Lost) × cycle time)
//
// which is OpenOpportunities × WinRate × AverageDealSize / SalesCycleLength
// as one quotient of exact sums, with the cycle time in days. The result is
// money per day, exact when the quotient terminates and otherwise rounded at
// metrics.Scale; it can differ in the last digit from PipelineVelocity fed
// with the factors already rounded.
//
// PipelineVelocity returns an error if:
//   - no deal was won in the period (metrics.ErrUndefined)
//   - the won deals' sales cycle length is zero (metrics.ErrUndefined)
func (s DealSummary) PipelineVelocity() (decimal.Decimal, error) {
	return s.pipelineVelocity("sales.DealSummary.PipelineVelocity")
}

func (s *DealSummary) pipelineVelocity(metric string) (decimal.Decimal, error) {
	won := s.cycle.n
	if won == 0 {
		return decimal.Decimal{}, errNoWonDeal(metric)
	}
	nanos := s.cycle.nanos()
	if nanos.IsZero() {
		return decimal.Decimal{}, check.Err(metric, "Deals", nil, metrics.ErrUndefined,
			"won in the period have a sales cycle length of zero")
	}
	wonD := decimal.NewFromInt(int64(won))
	num := decimal.NewFromInt(int64(s.open)).Mul(wonD).Mul(amount(&s.revenue)).Mul(nanosPerDay)
	den := wonD.Add(decimal.NewFromInt(int64(s.lost))).Mul(nanos)
	return exact.Quo(num, den), nil
}

// PipelineCoverage returns how many times the open pipeline covers the
// quota still to reach, as PipelineCoverageFromDeals computes it; p runs
// from the start of the quota period to the moment of measurement, and quota
// is the target for the whole quota period:
//
//	pipeline coverage = OpenPipeline / (quota − SalesRevenue)
//
// The result is a ratio, exact when the quotient terminates and otherwise
// rounded at metrics.Scale.
//
// PipelineCoverage returns an error if:
//   - quota is negative (metrics.ErrNegative)
//   - quota is zero, or the revenue won in the period already reaches it
//     (metrics.ErrUndefined)
func (s DealSummary) PipelineCoverage(quota decimal.Decimal) (decimal.Decimal, error) {
	return s.pipelineCoverage("sales.DealSummary.PipelineCoverage", quota)
}

func (s *DealSummary) pipelineCoverage(metric string, quota decimal.Decimal) (decimal.Decimal, error) {
	if err := checkQuota(metric, quota); err != nil {
		return decimal.Decimal{}, err
	}
	won := amount(&s.revenue)
	remaining := quota.Sub(won)
	if remaining.Sign() <= 0 {
		return decimal.Decimal{}, check.Err(metric, "Quota", quota, metrics.ErrUndefined,
			"is already reached by the revenue won in the period "+check.Text(won))
	}
	return exact.Quo(amount(&s.pipeline), remaining), nil
}

// amount returns the total of sum with the digits and the exponent that a
// chain of decimal.Zero.Add calls over the same amounts gives, so that
// replacing an Add loop with a DealSummary changes no result ("10.50" +
// "0.25" is "10.75"). The chain's exponent is the smallest among 0 and the
// amounts; exact.Sum's is the smallest among the amounts, so a positive one
// is brought down to 0 ("1E3" + "2E3" is "3000", not "3E3").
func amount(sum *exact.Sum) decimal.Decimal {
	v := sum.Value()
	if v.Exponent() > 0 {
		return decimal.Zero.Add(v)
	}
	return v
}

// checkQuota reports a negative or zero quota.
func checkQuota(metric string, quota decimal.Decimal) error {
	return check.First(
		check.Amount(metric, "Quota", quota),
		check.DenominatorAmount(metric, "Quota", quota),
	)
}
