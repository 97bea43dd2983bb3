package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// PipelineVelocityInput holds the four factors of pipeline velocity.
type PipelineVelocityInput struct {
	OpenOpportunities int             // deals in the pipeline ([DealStats.OpenOpportunities])
	WinRate           metrics.Percent // share of closed deals that are won, 0..100 ([WinRate])
	AverageDealSize   decimal.Decimal // mean amount of a won deal ([AverageDealSize])
	SalesCycleLength  decimal.Decimal // mean days from creation to win ([DealStats.SalesCycleLength])
}

// PipelineVelocity returns the revenue the pipeline is expected to bring in
// per day:
//
//	pipeline velocity = OpenOpportunities × WinRate × AverageDealSize / SalesCycleLength
//
// with WinRate as a fraction (20% is 0.2). The result is money per day in the
// currency of AverageDealSize, computed as one quotient: exact when it
// terminates, otherwise rounded at [metrics.Scale]. Each factor is the figure
// of the same name in this package, so their results pass straight in;
// [DealStats.PipelineVelocity] computes it from deal records, from exact
// sums.
//
// Descriptor ID: pipeline_velocity.
//
// PipelineVelocity returns an error if:
//   - OpenOpportunities, AverageDealSize or SalesCycleLength is negative
//     ([metrics.ErrNegative])
//   - WinRate is outside 0..100 ([metrics.ErrOutOfRange])
//   - SalesCycleLength is zero ([metrics.ErrUndefined])
func PipelineVelocity(in PipelineVelocityInput) (decimal.Decimal, error) {
	const metric = "sales.PipelineVelocity"
	if err := check.First(
		check.Count(metric, "OpenOpportunities", in.OpenOpportunities),
		check.Percent(metric, "WinRate", in.WinRate),
		check.Amount(metric, "AverageDealSize", in.AverageDealSize),
		check.Amount(metric, "SalesCycleLength", in.SalesCycleLength),
		check.DenominatorAmount(metric, "SalesCycleLength", in.SalesCycleLength),
	); err != nil {
		return decimal.Decimal{}, err
	}
	num := decimal.NewFromInt(int64(in.OpenOpportunities)).Mul(in.WinRate.Fraction()).Mul(in.AverageDealSize)
	return exact.Quo(num, in.SalesCycleLength), nil
}

var pipelineVelocityDescriptor = metrics.Descriptor{
	ID:       "pipeline_velocity",
	Name:     "Pipeline velocity",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoneyPerDay,
	Better:   metrics.HigherIsBetter,
	Formula:  "OpenOpportunities × WinRate × AverageDealSize / SalesCycleLength",
}
