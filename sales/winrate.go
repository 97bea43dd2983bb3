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
// The result is a [metrics.Percent] within 0..100. Open deals are not in
// the denominator: a deal still being worked has been neither won nor lost,
// and counting it would make the rate fall whenever the pipeline grows. Use
// [CloseRate] for the share of all opportunities that were won;
// [DealStats.WinRate] reads the win rate from deal records.
//
// Descriptor ID: win_rate.
//
// WinRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - Won + Lost is zero ([metrics.ErrUndefined])
func WinRate(in WinRateInput) (metrics.Percent, error) {
	return winRate("sales.WinRate", in)
}

// winRate is WinRate, reporting errors as metric.
func winRate(metric string, in WinRateInput) (metrics.Percent, error) {
	if err := check.First(
		check.Count(metric, "Won", in.Won),
		check.Count(metric, "Lost", in.Lost),
	); err != nil {
		return metrics.Percent{}, err
	}
	if in.Won == 0 && in.Lost == 0 {
		return metrics.Percent{}, check.Err(metric, "Won", in.Won, metrics.ErrUndefined, "and Lost are both zero")
	}
	// won / (won + lost) in decimals: the sum of two ints may not fit one.
	w := decimal.NewFromInt(int64(in.Won))
	return metrics.NewPercent(exact.Rate(w, w.Add(decimal.NewFromInt(int64(in.Lost))))), nil
}

// CloseRateInput holds the opportunities of one period.
type CloseRateInput struct {
	Opportunities int // opportunities created during the period
	Won           int // of those, opportunities won
}

// CloseRate returns the share of a period's opportunities that were won
// (the closing rate of «Mesures CRM que vous devez connaître»):
//
//	close rate = Won / Opportunities × 100
//
// The result is a [metrics.Percent] within 0..100. Unlike [WinRate], the
// denominator holds every opportunity, open, won or lost, so close rate ≤
// win rate for the same deals; Won counts only the period's opportunities,
// so it never exceeds them. [DealStats.CloseRate] reads it from deal
// records.
//
// Descriptor ID: close_rate.
//
// CloseRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - Opportunities is zero ([metrics.ErrUndefined])
//   - Won exceeds Opportunities ([metrics.ErrInconsistent])
func CloseRate(in CloseRateInput) (metrics.Percent, error) {
	return closeRate("sales.CloseRate", in)
}

// closeRate is CloseRate, reporting errors as metric.
func closeRate(metric string, in CloseRateInput) (metrics.Percent, error) {
	return rate(metric, "Won", in.Won, "Opportunities", in.Opportunities)
}

// rate returns part / whole × 100 after checking both counts: the one
// implementation of the rates of a part of a count (close rate, proposal
// win rate, lead conversion rate).
func rate(metric, partField string, part int, wholeField string, whole int) (metrics.Percent, error) {
	if err := check.First(
		check.Count(metric, wholeField, whole),
		check.Count(metric, partField, part),
		check.Denominator(metric, wholeField, whole),
		check.PartOf(metric, partField, part, wholeField, whole),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(part, whole)), nil
}

// ProposalWinRateInput holds the proposals a consultancy submitted in one
// period.
type ProposalWinRateInput struct {
	ProposalsSubmitted int // proposals for new projects submitted during the period
	ProjectsWon        int // of those, proposals that won the project
}

// ProposalWinRate returns the share of the proposals for new projects that
// won the project (the consulting example of «Métriques CRM vs Métriques de
// Vente», "le taux de réussite pour remporter de nouveaux projets", the
// success rate in winning new projects):
//
//	proposal win rate = ProjectsWon / ProposalsSubmitted × 100
//
// The result is a [metrics.Percent] within 0..100. The denominator is every
// proposal submitted, including those still awaiting an answer, as the
// effort spent on proposals is what the rate judges; to leave pending ones
// out, pass only the decided proposals, which is [WinRate] with the lost
// ones.
//
// Descriptor ID: proposal_win_rate.
//
// ProposalWinRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - ProposalsSubmitted is zero ([metrics.ErrUndefined])
//   - ProjectsWon exceeds ProposalsSubmitted ([metrics.ErrInconsistent])
func ProposalWinRate(in ProposalWinRateInput) (metrics.Percent, error) {
	return rate("sales.ProposalWinRate", "ProjectsWon", in.ProjectsWon, "ProposalsSubmitted", in.ProposalsSubmitted)
}

var winRateDescriptor = metrics.Descriptor{
	ID:       "win_rate",
	Name:     "Win rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Won / (Won + Lost) × 100",
}

var closeRateDescriptor = metrics.Descriptor{
	ID:       "close_rate",
	Name:     "Close rate",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Won / Opportunities × 100",
}

var proposalWinRateDescriptor = metrics.Descriptor{
	ID:       "proposal_win_rate",
	Name:     "Proposal win rate for new projects",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "ProjectsWon / ProposalsSubmitted × 100",
}
