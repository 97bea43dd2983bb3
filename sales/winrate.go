package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// WinRateInput holds the deals closed in one period.
type WinRateInput struct {
	Won  int // deals won during the period
	Lost int // deals lost during the period
}

// WinRate returns the share of the deals closed in a period that were won:
//
//	win rate = Won / (Won + Lost) × 100
//
// The result is a Percent within 0..100. Open deals are not in the
// denominator: a deal still being worked has been neither won nor lost, and
// counting it would make the rate fall whenever the pipeline grows. Use
// CloseRate for the share of all opportunities that were won.
//
// WinRate returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - Won + Lost is zero (metrics.ErrUndefined)
func WinRate(in WinRateInput) (metrics.Percent, error) {
	const metric = "sales.WinRate"
	if err := check.First(
		check.Count(metric, "Won", in.Won),
		check.Count(metric, "Lost", in.Lost),
	); err != nil {
		return metrics.Percent{}, err
	}
	if in.Won == 0 && in.Lost == 0 {
		return metrics.Percent{}, check.Err(metric, "Won", in.Won, metrics.ErrUndefined, "and Lost are both zero")
	}
	return metrics.NewPercent(winRate(in.Won, in.Lost)), nil
}

// winRate returns won / (won + lost) × 100 in points, without overflowing
// the sum.
func winRate(won, lost int) decimal.Decimal {
	w := decimal.NewFromInt(int64(won))
	return exact.Rate(w, w.Add(decimal.NewFromInt(int64(lost))))
}

// WinRateFromDeals returns WinRate computed from deal records: of the deals
// won or lost in the period (by Closed time), the share that were won.
//
//	win rate = count(won in p) / (count(won in p) + count(lost in p)) × 100
//
// The result is a Percent within 0..100. Open deals are not counted, as in
// WinRate.
//
// WinRateFromDeals returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
//   - no deal was won or lost in the period (metrics.ErrUndefined)
func WinRateFromDeals(deals []Deal, p Period) (metrics.Percent, error) {
	const metric = "sales.WinRateFromDeals"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return metrics.Percent{}, err
	}
	return s.winRate(metric)
}

// errNoClosedDeal reports that no deal was won or lost in the period.
func errNoClosedDeal(metric string) error {
	return check.Err(metric, "Deals", nil, metrics.ErrUndefined, "has no deal won or lost in the period")
}

// CloseRateInput holds the opportunities of one period.
type CloseRateInput struct {
	Opportunities int // opportunities created during the period
	Won           int // of those, opportunities won
}

// CloseRate returns the share of a period's opportunities that were won
// (seed 001's closing rate):
//
//	close rate = Won / Opportunities × 100
//
// The result is a Percent within 0..100. Unlike WinRate, the denominator
// holds every opportunity, open, won or lost, so close rate ≤ win rate for the
// same deals; Won counts only the period's opportunities, so it never exceeds
// them.
//
// CloseRate returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - Opportunities is zero (metrics.ErrUndefined)
//   - Won exceeds Opportunities (metrics.ErrInconsistent)
func CloseRate(in CloseRateInput) (metrics.Percent, error) {
	const metric = "sales.CloseRate"
	if err := check.First(
		check.Count(metric, "Opportunities", in.Opportunities),
		check.Count(metric, "Won", in.Won),
		check.Denominator(metric, "Opportunities", in.Opportunities),
		check.PartOf(metric, "Won", in.Won, "Opportunities", in.Opportunities),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(closeRate(in.Won, in.Opportunities)), nil
}

// closeRate returns won / opportunities × 100 in points, for opportunities > 0.
func closeRate(won, opportunities int) decimal.Decimal {
	return exact.RateInt(won, opportunities)
}

// CloseRateFromDeals returns CloseRate computed from deal records: of the
// deals created in the period, the share won before the period's end.
//
//	close rate = count(Created in p, won before p.End) / count(Created in p) × 100
//
// The result is a Percent within 0..100. An opportunity belongs to the period
// it was created in; one won after the period's End counts as not won for
// that period, so a closed period's rate is final.
//
// CloseRateFromDeals returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
//   - no deal was created in the period (metrics.ErrUndefined)
func CloseRateFromDeals(deals []Deal, p Period) (metrics.Percent, error) {
	const metric = "sales.CloseRateFromDeals"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return metrics.Percent{}, err
	}
	return s.closeRate(metric)
}

// ProposalWinRateInput holds the proposals a consultancy submitted in one
// period.
type ProposalWinRateInput struct {
	ProposalsSubmitted int // proposals for new projects submitted during the period
	ProjectsWon        int // of those, proposals that won the project
}

// ProposalWinRate returns the share of the proposals for new projects that
// won the project (seed 000's consulting example, "the success rate in
// winning new projects"):
//
//	proposal win rate = ProjectsWon / ProposalsSubmitted × 100
//
// The result is a Percent within 0..100. The denominator is every proposal
// submitted, including those still awaiting an answer, as the effort spent on
// proposals is what the rate judges; to leave pending ones out, pass only the
// decided proposals, which is WinRate with the lost ones.
//
// ProposalWinRate returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - ProposalsSubmitted is zero (metrics.ErrUndefined)
//   - ProjectsWon exceeds ProposalsSubmitted (metrics.ErrInconsistent)
func ProposalWinRate(in ProposalWinRateInput) (metrics.Percent, error) {
	const metric = "sales.ProposalWinRate"
	if err := check.First(
		check.Count(metric, "ProposalsSubmitted", in.ProposalsSubmitted),
		check.Count(metric, "ProjectsWon", in.ProjectsWon),
		check.Denominator(metric, "ProposalsSubmitted", in.ProposalsSubmitted),
		check.PartOf(metric, "ProjectsWon", in.ProjectsWon, "ProposalsSubmitted", in.ProposalsSubmitted),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.ProjectsWon, in.ProposalsSubmitted)), nil
}

var winRateDescriptor = metrics.Descriptor{
	ID:       WinRateID,
	Name:     "Win rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Won / (Won + Lost) × 100",
}

var closeRateDescriptor = metrics.Descriptor{
	ID:       CloseRateID,
	Name:     "Close rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Won / Opportunities × 100",
}

var proposalWinRateDescriptor = metrics.Descriptor{
	ID:       ProposalWinRateID,
	Name:     "Proposal win rate for new projects",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "ProjectsWon / ProposalsSubmitted × 100",
}
