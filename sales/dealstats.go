package sales

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/big"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// DealStats accumulates deals into the deal metrics of one period, or of
// all time: the deals won and lost in it, the deals open at its end, the
// opportunities created in it, and exact sums of the won revenue, of the
// open pipeline's value and of the won deals' cycle times. Each metric is
// read from it with a method:
//
//	Won, Lost, OpenOpportunities     counts
//	SalesRevenue, OpenPipeline       exact sums of money
//	AverageDealSize                  SalesRevenue / Won
//	WinRate                          Won / (Won + Lost) × 100
//	CloseRate                        opportunities won / opportunities × 100
//	SalesCycleLength                 Σ (Closed − Created) of won deals / Won, in days
//	PipelineVelocity                 OpenOpportunities × WinRate × AverageDealSize / SalesCycleLength
//
// A deal belongs to the period as the [Deal] documentation says. Counts and
// sums of no deals are zero; a ratio whose denominator is zero returns
// [metrics.ErrUndefined]. For pipeline coverage, pass OpenPipeline and the
// quota still to reach to [PipelineCoverage].
//
// Period is the one setting. The zero Period, the default, means all time:
// every deal counts, as if the period began before the first deal and had
// not ended yet, so Won and Lost count every closed deal, OpenOpportunities
// and OpenPipeline every deal still open, the opportunities of
// [DealStats.CloseRate] every deal, and SalesRevenue, AverageDealSize and
// SalesCycleLength every won deal. A non-zero Period must be valid. Set it
// before the first Add and do not change it afterwards: Add goes on
// counting over the Period of the first Add, and Merge, MarshalBinary and
// MarshalJSON report a change ([metrics.ErrMismatch]). The zero DealStats
// is empty and ready to use, over all time; [metrics.Period] states this
// rule for every accumulator.
//
// Accumulators merge: [DealStats.Merge] adds the deals of another DealStats
// of the same period, so shards accumulated apart (by goroutines,
// processes, database partitions) combine into the figures of all their
// deals, exactly and in any order. [DealStats.MarshalBinary] and
// [DealStats.MarshalJSON] carry one to another process exactly, and
// [DealStatsByOwner] gives one per sales rep.
//
// A DealStats is not safe for concurrent use: give each goroutine its own
// and merge them when they are done. Assigning a DealStats copies it; the
// copy changes on its own.
type DealStats struct {
	// Period is the period the figures are of: the zero Period, the
	// default, means all time (every deal counts); a non-zero Period must
	// be valid. Set it before the first Add.
	Period metrics.Period

	periodSetting
	lost, open        int       // deals lost in period; deals open at period.End
	created, createdW int       // deals created in period; of those, won before period.End
	cycle             cycleSum  // deals won in period: their count and Σ (Closed − Created)
	revenue           exact.Sum // Σ Amount of the deals won in period; read it with amount
	pipeline          exact.Sum // Σ Amount of the deals open at period.End; read it with amount
}

// settings returns the period s counts deals over, reporting an invalid
// Period (field is how the caller names it) or one changed since s began.
func (s *DealStats) settings(metric, field string) (metrics.Period, error) {
	return s.resolve(metric, field, s.Period)
}

// periodSetting is what an accumulator keeps of its Period setting: the
// Period as of its first Add, Merge or Unmarshal, once ready.
type periodSetting struct {
	period metrics.Period
	ready  bool
}

// resolve returns the period to count over: the setting p until the first
// Add, Merge or Unmarshal fixes it, and the fixed period after, reporting
// metrics.ErrMismatch if p was changed since (field is how the caller names
// it) and metrics.ErrInvalid for an invalid p.
func (ps *periodSetting) resolve(metric, field string, p metrics.Period) (metrics.Period, error) {
	if ps.ready {
		if p != ps.period {
			return metrics.Period{}, check.Err(metric, field, p, metrics.ErrMismatch,
				"was changed after the first Add from "+ps.period.String())
		}
		return ps.period, nil
	}
	return p, checkSetting(metric, field, p)
}

// allTime reports whether p is the zero Period, which an accumulator reads
// as all time: both bounds are the zero instant.
func allTime(p *metrics.Period) bool {
	return p.Start.IsZero() && p.End.IsZero()
}

// checkSetting reports metrics.ErrInvalid as checkPeriod does, unless p is
// the zero Period (all time), which an accumulator's Period may be.
func checkSetting(metric, field string, p metrics.Period) error {
	if allTime(&p) {
		return nil
	}
	return checkPeriod(metric, field, p)
}

// Add validates d and counts it:
//
//	Won               += 1 if d was won in Period
//	Lost              += 1 if d was lost in Period
//	OpenOpportunities += 1 if d was open at Period.End
//	SalesRevenue      += d.Amount if d was won in Period
//	OpenPipeline      += d.Amount if d was open at Period.End
//	cycle time        += d.Closed − d.Created if d was won in Period
//	opportunities     += 1 if d was created in Period (and won before its End)
//
// Over the zero Period (all time) every deal is in the period, and open at
// its end unless closed. A deal outside the period is validated and then
// not counted. Add does not allocate while the amounts' coefficients have
// at most 18 digits (amounts below 10¹⁶ with two digits after the point);
// larger amounts fall back to exact decimal arithmetic, so the sums are
// exact whatever the amounts. On error s is unchanged.
//
// Add returns an error if:
//   - Period is not the zero Period and Period.End is not after
//     Period.Start ([metrics.ErrInvalid])
//   - d is invalid: see [Deal] ([metrics.ErrInvalid], [metrics.ErrNegative],
//     [metrics.ErrInconsistent], [metrics.ErrOutOfRange]); the Field is
//     "Deal.Closed" and so on
//   - a count would exceed math.MaxInt ([metrics.ErrOutOfRange])
func (s *DealStats) Add(d Deal) error {
	const metric = "sales.DealStats.Add"
	if !s.ready {
		if err := checkSetting(metric, "Period", s.Period); err != nil {
			return err
		}
	}
	cycle, err := checkDeal(metric, "Deal", -1, &d)
	if err != nil {
		return err
	}
	if !s.ready {
		s.period, s.ready = s.Period, true
	}
	return s.add(metric, "Deal", -1, &d, cycle, &s.period)
}

// AddAll adds every deal of deals, in order, as Add does, and is faster
// than a loop of Add (no copy of each deal, one check of the period). On
// error s is unchanged: no deal of deals is counted.
//
// AddAll returns an error if:
//   - Period is not the zero Period and Period.End is not after
//     Period.Start ([metrics.ErrInvalid])
//   - a deal is invalid: see [Deal] ([metrics.ErrInvalid],
//     [metrics.ErrNegative], [metrics.ErrInconsistent],
//     [metrics.ErrOutOfRange]); the error's Field is "Deals.Closed" (and so
//     on) and its Index the deal's
//   - a count would exceed math.MaxInt ([metrics.ErrOutOfRange])
func (s *DealStats) AddAll(deals []Deal) error {
	const metric = "sales.DealStats.AddAll"
	if !s.ready {
		if err := checkSetting(metric, "Period", s.Period); err != nil {
			return err
		}
	}
	saved := *s
	if !s.ready {
		s.period, s.ready = s.Period, true
	}
	for i := range deals {
		d := &deals[i]
		cycle, err := checkDeal(metric, "Deals", i, d)
		if err == nil {
			err = s.add(metric, "Deals", i, d, cycle, &s.period)
		}
		if err != nil {
			*s = saved
			return err
		}
	}
	return nil
}

// add counts the valid deal d, whose cycle Closed − Created checkDeal
// returned, into s, the figures of p. It is the one place where the rules
// of the Deal documentation place a deal in a period:
//
//   - won or lost in p:  p.Start ≤ Closed < p.End
//   - open at p.End:     Created < p.End, and open or Closed ≥ p.End
//   - created in p:      p.Start ≤ Created < p.End, and won in time if won
//     before p.End
//
// The zero p is all time: every deal was created in it, a closed one was
// won or lost in it (in time), an open one is open at its end.
//
// It checks every count it increments before changing any, and reports a
// full count as about field (and index i), as checkDeal does.
func (s *DealStats) add(metric, field string, i int, d *Deal, cycle time.Duration, p *metrics.Period) error {
	all := allTime(p)
	createdBeforeEnd := all || d.Created.Before(p.End)
	closedBeforeEnd := d.Stage != StageOpen && (all || d.Closed.Before(p.End))
	createdIn := createdBeforeEnd && (all || !d.Created.Before(p.Start))
	if createdIn && s.created == math.MaxInt {
		return errCountLimit(metric, field, i)
	}
	switch {
	case !closedBeforeEnd:
		if createdBeforeEnd {
			if s.open == math.MaxInt {
				return errCountLimit(metric, field, i)
			}
			s.open++
			s.pipeline.Add(d.Amount)
		}
	case !all && d.Closed.Before(p.Start):
		// Closed before the period: not in it.
	case d.Stage == StageWon:
		if s.cycle.n == math.MaxInt {
			return errCountLimit(metric, field, i)
		}
		s.cycle.add(cycle)
		s.revenue.Add(d.Amount)
	default:
		if s.lost == math.MaxInt {
			return errCountLimit(metric, field, i)
		}
		s.lost++
	}
	if createdIn {
		s.created++
		if d.Stage == StageWon && closedBeforeEnd {
			s.createdW++
		}
	}
	return nil
}

// errCountLimit reports a deal that a count cannot take: field is "Deal",
// or "Deals" for element i of a slice.
func errCountLimit(metric, field string, i int) error {
	return check.ErrAt(metric, field, i, nil, metrics.ErrOutOfRange, "would make a count exceed math.MaxInt")
}

// counts reports whether s counts at least one deal: every deal that counts
// is won, lost or open for the period, or was created in it.
func (s *DealStats) counts() bool {
	return s.cycle.n+s.lost+s.open+s.created > 0
}

// DealStatsByOwner validates every deal and accumulates the deals of each
// owner over p, a valid period, in one pass:
//
//	stats of owner o = DealStats{Period: p} after Add of every deal with Owner o
//
// The result maps every owner with at least one deal that counts in the
// period (won or lost in it, open at its end, or created in it) to their
// figures; deals without an owner are keyed by "". It is the pipeline
// review of each sales rep; merging the values gives the team's figures,
// and each value carries on as an accumulator (Add the deals that come
// later, Merge the figures of other shards, serialise it). For the figures
// of all time, Add each owner's deals to a zero DealStats.
//
// DealStatsByOwner returns an error if:
//   - p.End is not after p.Start ([metrics.ErrInvalid])
//   - a deal is invalid: see [Deal] ([metrics.ErrInvalid],
//     [metrics.ErrNegative], [metrics.ErrInconsistent],
//     [metrics.ErrOutOfRange]); the error's Field is "Deals.Closed" (and so
//     on) and its Index the deal's
func DealStatsByOwner(deals []Deal, p metrics.Period) (map[string]*DealStats, error) {
	const metric = "sales.DealStatsByOwner"
	if err := checkPeriod(metric, "Period", p); err != nil {
		return nil, err
	}
	all := make(map[string]*DealStats)
	for i := range deals {
		d := &deals[i]
		cycle, err := checkDeal(metric, "Deals", i, d)
		if err != nil {
			return nil, err
		}
		s := all[d.Owner]
		if s == nil {
			s = &DealStats{Period: p, periodSetting: periodSetting{period: p, ready: true}}
			all[d.Owner] = s
		}
		// A slice in memory holds fewer than math.MaxInt deals, so no
		// count overflows.
		_ = s.add(metric, "Deals", i, d, cycle, &s.period)
	}
	for owner, s := range all {
		if !s.counts() {
			delete(all, owner)
		}
	}
	return all, nil
}

// Merge adds the deals accumulated in other to s, so that s holds the
// figures of the deals of both:
//
//	Won, Lost, OpenOpportunities, opportunities += those of other
//	SalesRevenue, OpenPipeline, cycle time      += those of other
//
// The figures of the parts of a set of deals, merged in any order, equal
// the figures of the whole set: every figure is a count or an exact sum.
// other may be s (the figures double); other is not modified. On error s
// is unchanged.
//
// Two zero Periods (all time) are the same period; a zero Period and a
// non-zero one differ.
//
// Merge returns an error if:
//   - s.Period or other.Period is neither the zero Period nor valid
//     ([metrics.ErrInvalid])
//   - the periods differ, or one was changed after its first Add
//     ([metrics.ErrMismatch])
//   - a count would exceed math.MaxInt ([metrics.ErrOutOfRange])
func (s *DealStats) Merge(other *DealStats) error {
	const metric = "sales.DealStats.Merge"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return err
	}
	q, err := other.settings(metric, "other.Period")
	if err != nil {
		return err
	}
	if !p.Start.Equal(q.Start) || !p.End.Equal(q.End) {
		return check.Err(metric, "other.Period", q, metrics.ErrMismatch, "differs from Period "+p.String())
	}
	o := *other // other may be s
	counts := [...]struct {
		field    string
		s, other int
	}{
		{"other.Won", s.cycle.n, o.cycle.n},
		{"other.Lost", s.lost, o.lost},
		{"other.OpenOpportunities", s.open, o.open},
		{"other.Opportunities", s.created, o.created},
	}
	for _, c := range counts {
		if c.other > math.MaxInt-c.s {
			return check.Err(metric, c.field, c.other, metrics.ErrOutOfRange, "plus "+check.Text(c.s)+" exceeds math.MaxInt")
		}
	}
	s.cycle.merge(&o.cycle) // adds the won deals
	s.lost += o.lost
	s.open += o.open
	s.created += o.created
	s.createdW += o.createdW // at most created, checked above
	s.revenue.Merge(&o.revenue)
	s.pipeline.Merge(&o.pipeline)
	s.period, s.ready = p, true
	return nil
}

// Won returns the number of deals won in the period:
//
//	won = count of deals with Stage won and Closed in Period
func (s DealStats) Won() int { return s.cycle.n }

// Lost returns the number of deals lost in the period:
//
//	lost = count of deals with Stage lost and Closed in Period
func (s DealStats) Lost() int { return s.lost }

// OpenOpportunities returns the number of deals open at the end of the
// period (the "number of open opportunities" of Bill Band's list):
//
//	open opportunities = count of deals with Created < Period.End and not closed before Period.End
//
// It is a snapshot of the pipeline at Period.End: a deal created before the
// period and still open counts, and so does a deal won or lost at End or
// later, which was still open then; a deal created at or after End does not.
// Over the zero Period (all time) it counts the deals still open.
//
// Descriptor ID: open_opportunities.
func (s DealStats) OpenOpportunities() int { return s.open }

// SalesRevenue returns the total amount of the deals won in the period:
//
//	sales revenue = Σ Amount of deals with Stage won and Closed in Period
//
// The result is money in the deals' currency, exact, and zero when no deal
// was won. A deal's revenue is booked when it is won (its Closed time), not
// when it was created; open and lost deals add nothing. All deals must be in
// one currency: convert them first.
//
// Descriptor ID: sales_revenue.
func (s DealStats) SalesRevenue() decimal.Decimal { return amount(&s.revenue) }

// OpenPipeline returns the total amount of the deals open at the end of the
// period, the numerator of [PipelineCoverage]:
//
//	open pipeline = Σ Amount of deals with Created < Period.End and not closed before Period.End
//
// The result is money in the deals' currency, exact, and zero when no deal
// was open. Deals do not record an expected close date, so every open deal
// counts, whenever it may close.
func (s DealStats) OpenPipeline() decimal.Decimal { return amount(&s.pipeline) }

// AverageDealSize returns the mean amount of the deals won in the period,
// [AverageDealSize] of their figures:
//
//	average deal size = SalesRevenue / Won
//
// The result is money, exact when the quotient terminates and otherwise
// rounded at [metrics.Scale].
//
// AverageDealSize returns an error if:
//   - no deal was won in the period ([metrics.ErrUndefined], Field
//     "DealsWon" of [DealSizeInput])
func (s DealStats) AverageDealSize() (decimal.Decimal, error) {
	return averageDealSize("sales.DealStats.AverageDealSize",
		DealSizeInput{WonRevenue: amount(&s.revenue), DealsWon: s.cycle.n})
}

// WinRate returns the share of the deals closed in the period that were
// won, [WinRate] of their counts:
//
//	win rate = Won / (Won + Lost) × 100
//
// The result is a [metrics.Percent] within 0..100.
//
// WinRate returns an error if:
//   - no deal was won or lost in the period ([metrics.ErrUndefined], Field
//     "Won" of [WinRateInput])
func (s DealStats) WinRate() (metrics.Percent, error) {
	return winRate("sales.DealStats.WinRate", WinRateInput{Won: s.cycle.n, Lost: s.lost})
}

// CloseRate returns the share of the opportunities created in the period
// that were won before its end, [CloseRate] of their counts:
//
//	close rate = count(Created in Period, won before Period.End) / count(Created in Period) × 100
//
// The result is a [metrics.Percent] within 0..100. An opportunity won after
// the period's End counts as not won for that period, so a closed period's
// rate is final. Over the zero Period (all time) it is the share of all
// deals that were won.
//
// CloseRate returns an error if:
//   - no deal was created in the period ([metrics.ErrUndefined], Field
//     "Opportunities" of [CloseRateInput])
func (s DealStats) CloseRate() (metrics.Percent, error) {
	return closeRate("sales.DealStats.CloseRate", CloseRateInput{Opportunities: s.created, Won: s.createdW})
}

// SalesCycleLength returns the mean number of days the deals won in the
// period took from creation to close:
//
//	sales cycle length = Σ (Closed − Created) of deals won in Period / Won / 24 h
//
// The result is a number of days as a decimal (1.5 is a day and a half), a
// day being 24 hours of elapsed time. The sum is exact to the nanosecond
// and the quotient exact when it terminates, otherwise rounded at
// [metrics.Scale]. Only won deals count, as the cycle measures how long a
// sale takes.
//
// Descriptor ID: sales_cycle_length.
//
// SalesCycleLength returns an error if:
//   - no deal was won in the period ([metrics.ErrUndefined], Field "Won")
func (s DealStats) SalesCycleLength() (decimal.Decimal, error) {
	if s.cycle.n == 0 {
		return decimal.Decimal{}, check.Err("sales.DealStats.SalesCycleLength", "Won", 0, metrics.ErrUndefined, "is zero")
	}
	return s.cycle.days(), nil
}

// PipelineVelocity returns the revenue the pipeline is expected to bring in
// per day, [PipelineVelocity] of the period's figures computed from the
// exact sums rather than from rounded factors:
//
//	pipeline velocity = OpenOpportunities × WinRate × AverageDealSize / SalesCycleLength
//	                  = OpenOpportunities × Won × SalesRevenue / ((Won + Lost) × cycle time)
//
// with the cycle time in days. The result is money per day, computed as
// the single quotient on the second line: exact when it terminates and
// otherwise rounded at [metrics.Scale], so it can differ in the last digit
// from [PipelineVelocity] fed with the factors already rounded.
//
// PipelineVelocity returns an error if:
//   - no deal was won in the period, so that the average deal size and
//     the cycle length are undefined ([metrics.ErrUndefined], Field
//     "SalesCycleLength" of [PipelineVelocityInput])
//   - the won deals' cycle length is zero ([metrics.ErrUndefined], the same
//     Field)
func (s DealStats) PipelineVelocity() (decimal.Decimal, error) {
	const metric = "sales.DealStats.PipelineVelocity"
	won := s.cycle.n
	if won == 0 {
		return decimal.Decimal{}, check.Err(metric, "SalesCycleLength", nil, metrics.ErrUndefined, "is undefined: no deal was won in the period")
	}
	nanos := s.cycle.nanos()
	if nanos.IsZero() {
		return decimal.Decimal{}, check.Err(metric, "SalesCycleLength", 0, metrics.ErrUndefined, "is zero")
	}
	wonD := decimal.NewFromInt(int64(won))
	num := decimal.NewFromInt(int64(s.open)).Mul(wonD).Mul(amount(&s.revenue)).Mul(nanosPerDay)
	den := wonD.Add(decimal.NewFromInt(int64(s.lost))).Mul(nanos)
	return exact.Quo(num, den), nil
}

// amount returns the total of sum with the digits and the exponent that a
// chain of decimal.Zero.Add calls over the same amounts gives, so that
// replacing an Add loop with a DealStats changes no result ("10.50" +
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

// restore returns the exact.Sum of a serialised total, as it was: n is the
// number of amounts in it (the Sum is empty when n is 0).
func restore(n int, total decimal.Decimal) exact.Sum {
	var sum exact.Sum
	if n > 0 {
		sum.Add(total)
	}
	return sum
}

// dealStatsKind is the first byte of a DealStats' binary form.
const dealStatsKind = 'D'

// MarshalBinary implements [encoding.BinaryMarshaler]. The form holds the
// period (the zero Period too) and every count and exact sum (see
// encoding.go), about 50 bytes for ordinary amounts;
// [DealStats.UnmarshalBinary] reads it back to an accumulator that reads,
// adds and merges exactly as s does.
//
// MarshalBinary returns an error if:
//   - Period is neither the zero Period nor valid, or a bound has no exact
//     RFC 3339 form (a year outside 0..9999, a zone offset with seconds)
//     ([metrics.ErrInvalid])
//   - Period was changed after the first Add ([metrics.ErrMismatch])
//   - a sum has more than 65536 digits after the point ([metrics.ErrOutOfRange])
func (s DealStats) MarshalBinary() ([]byte, error) {
	const metric = "sales.DealStats.MarshalBinary"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return nil, err
	}
	e := encoder{b: append(make([]byte, 0, 64), dealStatsKind, formVersion)}
	if err := e.period(metric, p); err != nil {
		return nil, err
	}
	for _, n := range [...]int{s.cycle.n, s.lost, s.open, s.created, s.createdW} {
		e.count(n)
	}
	e.uvarint(s.cycle.hi)
	e.uvarint(s.cycle.lo)
	if s.cycle.n > 0 {
		if err := e.amount(metric, "SalesRevenue", amount(&s.revenue)); err != nil {
			return nil, err
		}
	}
	if s.open > 0 {
		if err := e.amount(metric, "OpenPipeline", amount(&s.pipeline)); err != nil {
			return nil, err
		}
	}
	return e.b, nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces s
// with the accumulator that [DealStats.MarshalBinary] wrote into data. It
// checks the form before it allocates and leaves s unchanged on error.
//
// UnmarshalBinary returns an error if:
//   - data is not such a form: truncated, corrupt, of another version, or
//     inconsistent (more opportunities won than created, a cycle time no
//     deals could add up to); the error's Field is "data" and its Index the
//     offset of the bytes at fault ([metrics.ErrInvalid])
func (s *DealStats) UnmarshalBinary(data []byte) error {
	d := decoder{metric: "sales.DealStats.UnmarshalBinary", data: data}
	d.header(dealStatsKind, "sales.DealStats")
	p := d.period()
	var st dealState
	at := d.off
	st.won, st.lost, st.open = d.count("won deals"), d.count("lost deals"), d.count("open deals")
	st.created, st.createdW = d.count("opportunities"), d.count("opportunities won")
	st.hi, st.lo = d.uvarint(), d.uvarint()
	if st.won > 0 {
		st.revenue = d.amount("the sales revenue")
	}
	if st.open > 0 {
		st.pipeline = d.amount("the open pipeline")
	}
	if err := d.finish(); err != nil {
		return err
	}
	if detail, _ := st.check(); detail != "" {
		d.fail(at, detail)
		return d.err
	}
	*s = st.stats(p)
	return nil
}

// dealState is what the serialised forms of a DealStats hold.
type dealState struct {
	won, lost, open, created, createdW int
	hi, lo                             uint64 // Σ (Closed − Created) of the won deals, in ns
	revenue, pipeline                  decimal.Decimal
}

// check reports why st is not the state of any set of deals, and the
// field of the JSON form at fault; "" when it is.
func (st *dealState) check() (detail, field string) {
	switch {
	case st.createdW > st.created:
		return "holds more opportunities won than created", "OpportunitiesWon"
	case st.won == 0 && st.hi|st.lo != 0:
		return "holds a cycle time but no won deal", "WonCycleTime"
	case st.won > 0 && st.hi > uint64(st.won)>>1,
		st.won > 0 && (st.hi == uint64(st.won)>>1 && st.lo >= uint64(st.won)<<63):
		// Each cycle is below 2⁶³ ns, so won cycles sum below won·2⁶³.
		return "holds a cycle time longer than its won deals can add up to", "WonCycleTime"
	}
	return "", ""
}

// stats returns the DealStats of a checked state over p.
func (st *dealState) stats(p metrics.Period) DealStats {
	return DealStats{
		Period: p, periodSetting: periodSetting{period: p, ready: true},
		lost: st.lost, open: st.open, created: st.created, createdW: st.createdW,
		cycle:    cycleSum{hi: st.hi, lo: st.lo, n: st.won},
		revenue:  restore(st.won, st.revenue),
		pipeline: restore(st.open, st.pipeline),
	}
}

// dealStatsJSON is the JSON form of a DealStats. Sums of money are exact
// decimal strings with their trailing zeros; the won deals' cycle time is a
// decimal string of nanoseconds, as it may exceed an int64.
type dealStatsJSON struct {
	Period            metrics.Period `json:"period,omitzero"`
	Won               int            `json:"won"`
	Lost              int            `json:"lost"`
	OpenOpportunities int            `json:"open_opportunities"`
	Opportunities     int            `json:"opportunities"`
	OpportunitiesWon  int            `json:"opportunities_won"`
	SalesRevenue      string         `json:"sales_revenue"`
	OpenPipeline      string         `json:"open_pipeline"`
	WonCycleTime      string         `json:"won_cycle_time_ns"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"period": {"start": "2025-01-01T00:00:00Z", "end": "2025-04-01T00:00:00Z"},
//	 "won": 2, "lost": 1, "open_opportunities": 3, "opportunities": 4, "opportunities_won": 1,
//	 "sales_revenue": "1500.00", "open_pipeline": "900.00", "won_cycle_time_ns": "5184000000000000"}
//
// where opportunities counts the deals created in the period and
// opportunities_won those of them won before its end (the terms of
// [DealStats.CloseRate]), and won_cycle_time_ns is Σ (Closed − Created) of
// the deals won in the period, in nanoseconds. Sums of money keep their
// digits ("1500.00"), so the form round-trips exactly. The form of the
// zero Period (all time) has no "period" key.
//
// MarshalJSON returns an error if:
//   - Period is neither the zero Period nor valid, or a bound has no exact
//     RFC 3339 form (a year outside 0..9999, a zone offset with seconds)
//     ([metrics.ErrInvalid])
//   - Period was changed after the first Add ([metrics.ErrMismatch])
func (s DealStats) MarshalJSON() ([]byte, error) {
	const metric = "sales.DealStats.MarshalJSON"
	p, err := s.settings(metric, "Period")
	if err != nil {
		return nil, err
	}
	if err := new(encoder).period(metric, p); err != nil {
		return nil, err
	}
	return json.Marshal(dealStatsJSON{
		Period: p, Won: s.cycle.n, Lost: s.lost, OpenOpportunities: s.open,
		Opportunities: s.created, OpportunitiesWon: s.createdW,
		SalesRevenue: amountText(amount(&s.revenue)), OpenPipeline: amountText(amount(&s.pipeline)),
		WonCycleTime: s.cycle.nanos().String(),
	})
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces s with the
// accumulator that [DealStats.MarshalJSON] wrote. Unknown keys are errors;
// a missing key is zero. On error s is unchanged.
//
// UnmarshalJSON returns an error if:
//   - data is not JSON of that form (Field "data", with the offset of the
//     problem as Index when the decoder gives one) ([metrics.ErrInvalid])
//   - a count is negative, a sum is negative or not a decimal, the period
//     is neither absent (all time) nor valid, or the figures are
//     inconsistent (more opportunities won than created, a cycle time no
//     deals could add up to); the Field names the form's field, such as
//     "OpportunitiesWon" ([metrics.ErrInvalid])
func (s *DealStats) UnmarshalJSON(data []byte) error {
	const metric = "sales.DealStats.UnmarshalJSON"
	var j dealStatsJSON
	if err := decodeJSON(metric, data, &j); err != nil {
		return err
	}
	if err := checkSetting(metric, "Period", j.Period); err != nil {
		return err
	}
	st := dealState{won: j.Won, lost: j.Lost, open: j.OpenOpportunities, created: j.Opportunities, createdW: j.OpportunitiesWon}
	for _, c := range [...]struct {
		field string
		n     int
	}{{"Won", j.Won}, {"Lost", j.Lost}, {"OpenOpportunities", j.OpenOpportunities}, {"Opportunities", j.Opportunities}, {"OpportunitiesWon", j.OpportunitiesWon}} {
		if c.n < 0 {
			return check.Err(metric, c.field, c.n, metrics.ErrInvalid, "is negative")
		}
	}
	var err error
	if st.revenue, err = parseSum(metric, "SalesRevenue", j.SalesRevenue, st.won); err != nil {
		return err
	}
	if st.pipeline, err = parseSum(metric, "OpenPipeline", j.OpenPipeline, st.open); err != nil {
		return err
	}
	if st.hi, st.lo, err = parseNanos(metric, "WonCycleTime", j.WonCycleTime); err != nil {
		return err
	}
	if detail, field := st.check(); detail != "" {
		return check.Err(metric, field, nil, metrics.ErrInvalid, detail)
	}
	*s = st.stats(j.Period)
	return nil
}

// decodeJSON decodes data, one JSON value, into v, strictly: an unknown
// key is an error.
func decodeJSON(metric string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, tokErr := dec.Token(); tokErr != io.EOF {
			return check.ErrAt(metric, "data", int(dec.InputOffset()), nil, metrics.ErrInvalid, "has data after the JSON value")
		}
		return nil
	}
	at := int(dec.InputOffset())
	if errors.Is(err, io.ErrUnexpectedEOF) {
		at = len(data)
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		at = int(syntax.Offset)
	case errors.As(err, &typ):
		at = int(typ.Offset)
	}
	return check.ErrAt(metric, "data", at, nil, metrics.ErrInvalid, "is not the JSON form: "+err.Error())
}

// parseSum reads a serialised sum of n amounts: the empty text is zero, and
// a sum of no amounts must be zero.
func parseSum(metric, field, text string, n int) (decimal.Decimal, error) {
	if text == "" {
		text = "0"
	}
	v, err := parseAmount(metric, field, text)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if n == 0 && !v.IsZero() {
		return decimal.Decimal{}, check.Err(metric, field, text, metrics.ErrInvalid, "is not zero but sums no deal")
	}
	return v, nil
}

// parseNanos reads a decimal count of nanoseconds below 2¹²⁸ as two words.
func parseNanos(metric, field, text string) (hi, lo uint64, err error) {
	if text == "" {
		return 0, 0, nil
	}
	n, ok := new(big.Int), len(text) <= 40
	if ok {
		_, ok = n.SetString(text, 10)
	}
	if !ok || n.Sign() < 0 || n.BitLen() > 128 {
		return 0, 0, check.Err(metric, field, text, metrics.ErrInvalid, "is not a count of nanoseconds below 2¹²⁸")
	}
	lo = new(big.Int).And(n, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	hi = new(big.Int).Rsh(n, 64).Uint64()
	return hi, lo, nil
}
