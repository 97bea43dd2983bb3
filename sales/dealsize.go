package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// DealSizeInput holds the won deals of one period.
type DealSizeInput struct {
	WonRevenue decimal.Decimal // total amount of the deals won during the period
	DealsWon   int             // number of deals won during the period
}

// AverageDealSize returns the mean amount of the deals won in a period (the
// average value of each closed deal, in «Métriques CRM vs Métriques de
// Vente»):
//
//	average deal size = WonRevenue / DealsWon
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at [metrics.Scale]. Only won deals count:
// a lost deal has no size to average, and an open one has no final amount.
// [DealStats.AverageDealSize] reads it from deal records.
//
// Descriptor ID: average_deal_size.
//
// AverageDealSize returns an error if:
//   - WonRevenue or DealsWon is negative ([metrics.ErrNegative])
//   - DealsWon is zero ([metrics.ErrUndefined])
func AverageDealSize(in DealSizeInput) (decimal.Decimal, error) {
	return averageDealSize("sales.AverageDealSize", in)
}

// averageDealSize is AverageDealSize, reporting errors as metric.
func averageDealSize(metric string, in DealSizeInput) (decimal.Decimal, error) {
	if err := check.First(
		check.Amount(metric, "WonRevenue", in.WonRevenue),
		check.Count(metric, "DealsWon", in.DealsWon),
		check.Denominator(metric, "DealsWon", in.DealsWon),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.WonRevenue, decimal.NewFromInt(int64(in.DealsWon))), nil
}

// ProjectSizeInput holds the projects a consultancy won in one period.
type ProjectSizeInput struct {
	ProjectRevenue decimal.Decimal // total value of the projects won during the period
	ProjectsWon    int             // number of projects won during the period
}

// AverageProjectSize returns the mean value of the projects a consultancy
// won in a period (the consulting example of «Métriques CRM vs Métriques de
// Vente»):
//
//	average project size = ProjectRevenue / ProjectsWon
//
// The result is money in the caller's currency, by the rule of
// [AverageDealSize]: it is the same measure, named for a firm that sells
// projects. With projects recorded as deals, [DealStats.AverageDealSize]
// computes it from the records.
//
// Descriptor ID: average_project_size.
//
// AverageProjectSize returns an error if:
//   - ProjectRevenue or ProjectsWon is negative ([metrics.ErrNegative])
//   - ProjectsWon is zero ([metrics.ErrUndefined])
func AverageProjectSize(in ProjectSizeInput) (decimal.Decimal, error) {
	return perHead("sales.AverageProjectSize", "ProjectRevenue", in.ProjectRevenue, "ProjectsWon", in.ProjectsWon)
}

var averageDealSizeDescriptor = metrics.Descriptor{
	ID:       "average_deal_size",
	Name:     "Average deal size",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "WonRevenue / DealsWon",
}

var averageProjectSizeDescriptor = metrics.Descriptor{
	ID:       "average_project_size",
	Name:     "Average project size",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "ProjectRevenue / ProjectsWon",
}
