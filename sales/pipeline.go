package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// PipelineCoverageInput holds the pipeline and the quota still to reach, at
// one moment of a quota period.
type PipelineCoverageInput struct {
	OpenPipeline   decimal.Decimal // total amount of the open deals at that moment ([DealStats.OpenPipeline])
	RemainingQuota decimal.Decimal // quota for the period less the revenue already won in it
}

// PipelineCoverage returns how many times the open pipeline covers the
// quota still to reach:
//
//	pipeline coverage = OpenPipeline / RemainingQuota
//
// The result is a ratio (3 means the pipeline is three times the remaining
// quota), exact when the quotient terminates and otherwise rounded at
// [metrics.Scale]. A coverage below 1 means that winning every open deal
// would still miss the quota. Both amounts must be in the same currency.
// From deal records part way through a quota period, accumulate a
// [DealStats] over the period so far and pass its OpenPipeline and the quota
// less its SalesRevenue (see the example).
//
// Descriptor ID: pipeline_coverage.
//
// PipelineCoverage returns an error if:
//   - OpenPipeline or RemainingQuota is negative, as when the revenue won
//     already exceeds the quota ([metrics.ErrNegative])
//   - RemainingQuota is zero, as when the quota has been reached exactly
//     ([metrics.ErrUndefined])
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

var openOpportunitiesDescriptor = metrics.Descriptor{
	ID:       "open_opportunities",
	Name:     "Open opportunities",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "count of deals open at the end of the period",
}

var pipelineCoverageDescriptor = metrics.Descriptor{
	ID:       "pipeline_coverage",
	Name:     "Pipeline coverage",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitRatio,
	Better:   metrics.HigherIsBetter,
	Formula:  "OpenPipeline / RemainingQuota",
}
