package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// OpenOpportunities returns the number of deals open at the end of the
// period (seed 001's "number of open opportunities"):
//
//	open opportunities = count of deals with Created < p.End and not closed before p.End
//
// The result is a count. It is a snapshot of the pipeline at p.End: a deal
// created before the period and still open counts, and so does a deal won or
// lost at End or later, which was still open then; a deal created at or
// after End does not. p.Start only has to precede End.
//
// OpenOpportunities returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
func OpenOpportunities(deals []Deal, p Period) (int, error) {
	const metric = "sales.OpenOpportunities"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return 0, err
	}
	return s.OpenOpportunities(), nil
}

// PipelineCoverageInput holds the pipeline and the quota still to reach, at
// one moment of a quota period.
type PipelineCoverageInput struct {
	OpenPipeline   decimal.Decimal // total amount of the open deals at that moment
	RemainingQuota decimal.Decimal // quota for the period less the revenue already won in it
}

// PipelineCoverage returns how many times the open pipeline covers the
// quota still to reach:
//
//	pipeline coverage = OpenPipeline / RemainingQuota
//
// The result is a ratio (3 means the pipeline is three times the remaining
// quota), exact when the quotient terminates and otherwise rounded at
// metrics.Scale. A coverage below 1 means that winning every open deal would
// still miss the quota. Both amounts must be in the same currency.
//
// PipelineCoverage returns an error if:
//   - OpenPipeline or RemainingQuota is negative (metrics.ErrNegative)
//   - RemainingQuota is zero, as when the quota has been reached
//     (metrics.ErrUndefined)
func PipelineCoverage(in PipelineCoverageInput) (decimal.Decimal, error) {
	const metric = "sales.PipelineCoverage"
	if err := check.First(
		check.Amount(metric, "OpenPipeline", in.OpenPipeline),
		check.Amount(metric, "RemainingQuota", in.RemainingQuota),
		check.DenominatorAmount(metric, "RemainingQuota", in.RemainingQuota),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.OpenPipeline, in.RemainingQuota), nil
}

// PipelineCoverageFromDeals returns PipelineCoverage computed from deal
// records, part way through a quota period: p runs from the start of the
// quota period to the moment of measurement (p.End, often now), and quota is
// the target for the whole quota period.
//
//	pipeline coverage = Σ Amount of deals open at p.End / (quota − Σ Amount of deals won in p)
//
// The result is a ratio, by the rule of PipelineCoverage. Open deals are
// those of OpenOpportunities, at their current Amount; deals do not record an
// expected close date, so every open deal counts, whenever it may close.
//
// PipelineCoverageFromDeals returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - quota is negative (metrics.ErrNegative)
//   - quota is zero, or the revenue won in p already reaches it
//     (metrics.ErrUndefined)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
func PipelineCoverageFromDeals(deals []Deal, p Period, quota decimal.Decimal) (decimal.Decimal, error) {
	const metric = "sales.PipelineCoverageFromDeals"
	// The period and the quota are checked before the deals.
	if err := check.First(checkPeriod(metric, p), checkQuota(metric, quota)); err != nil {
		return decimal.Decimal{}, err
	}
	s, err := summarize(metric, deals, p)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return s.pipelineCoverage(metric, quota)
}

var openOpportunitiesDescriptor = metrics.Descriptor{
	ID:       OpenOpportunitiesID,
	Name:     "Open opportunities",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of deals open at the end of the period",
}

var pipelineCoverageDescriptor = metrics.Descriptor{
	ID:       PipelineCoverageID,
	Name:     "Pipeline coverage",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitRatio,
	Better:   metrics.HigherIsBetter,
	Formula:  "OpenPipeline / RemainingQuota",
}
