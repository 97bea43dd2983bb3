package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// QuotaInput holds a sales target and the result against it, for one rep or
// team and one period.
type QuotaInput struct {
	Actual decimal.Decimal // revenue won during the period ([DealStats.SalesRevenue])
	Quota  decimal.Decimal // the revenue target for the period
}

// QuotaAttainment returns the share of the quota that was achieved:
//
//	quota attainment = Actual / Quota × 100
//
// The result is a [metrics.Percent], 0 or more; above 100 when the quota
// was exceeded (150% is half as much again). Both amounts must be in the same currency.
//
// Descriptor ID: quota_attainment.
//
// QuotaAttainment returns an error if:
//   - Actual or Quota is negative ([metrics.ErrNegative])
//   - Quota is zero ([metrics.ErrUndefined])
func QuotaAttainment(in QuotaInput) (metrics.Percent, error) {
	const metric = "sales.QuotaAttainment"
	if err := check.First(
		check.Amount(metric, "Actual", in.Actual),
		check.Amount(metric, "Quota", in.Quota),
		check.DenominatorAmount(metric, "Quota", in.Quota),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.Rate(in.Actual, in.Quota)), nil
}

var quotaAttainmentDescriptor = metrics.Descriptor{
	ID:       "quota_attainment",
	Name:     "Quota attainment",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Actual / Quota × 100",
}
