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

// AverageDealSize returns the mean amount of the deals won in a period
// (seed 000: the average value of each closed deal):
//
//	average deal size = WonRevenue / DealsWon
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at metrics.Scale. Only won deals count:
// a lost deal has no size to average, and an open one has no final amount.
//
// AverageDealSize returns an error if:
//   - WonRevenue or DealsWon is negative (metrics.ErrNegative)
//   - DealsWon is zero (metrics.ErrUndefined)
func AverageDealSize(in DealSizeInput) (decimal.Decimal, error) {
	const metric = "sales.AverageDealSize"
	if err := check.First(
		check.Amount(metric, "WonRevenue", in.WonRevenue),
		check.Count(metric, "DealsWon", in.DealsWon),
		check.Denominator(metric, "DealsWon", in.DealsWon),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return averageDealSize(in.WonRevenue, in.DealsWon), nil
}

// averageDealSize returns revenue / won for won > 0.
func averageDealSize(revenue decimal.Decimal, won int) decimal.Decimal {
	return exact.Quo(revenue, decimal.NewFromInt(int64(won)))
}

// AverageDealSizeFromDeals returns AverageDealSize computed from deal
// records: the mean Amount of the deals won in the period (by Closed time).
//
//	average deal size = Σ Amount of deals won in p / count of deals won in p
//
// The result is money, by the rule of AverageDealSize.
//
// AverageDealSizeFromDeals returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
//   - no deal was won in the period (metrics.ErrUndefined)
func AverageDealSizeFromDeals(deals []Deal, p Period) (decimal.Decimal, error) {
	const metric = "sales.AverageDealSizeFromDeals"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return s.averageDealSize(metric)
}

// errNoWonDeal reports that no deal was won in the period.
func errNoWonDeal(metric string) error {
	return check.Err(metric, "Deals", nil, metrics.ErrUndefined, "has no deal won in the period")
}

// ProjectSizeInput holds the projects a consultancy won in one period.
type ProjectSizeInput struct {
	ProjectRevenue decimal.Decimal // total value of the projects won during the period
	ProjectsWon    int             // number of projects won during the period
}

// AverageProjectSize returns the mean value of the projects a consultancy
// won in a period (seed 000's consulting example):
//
//	average project size = ProjectRevenue / ProjectsWon
//
// The result is money in the caller's currency, by the rule of
// AverageDealSize: it is the same measure, named for a firm that sells
// projects. With projects recorded as deals, AverageDealSizeFromDeals
// computes it from the records.
//
// AverageProjectSize returns an error if:
//   - ProjectRevenue or ProjectsWon is negative (metrics.ErrNegative)
//   - ProjectsWon is zero (metrics.ErrUndefined)
func AverageProjectSize(in ProjectSizeInput) (decimal.Decimal, error) {
	const metric = "sales.AverageProjectSize"
	if err := check.First(
		check.Amount(metric, "ProjectRevenue", in.ProjectRevenue),
		check.Count(metric, "ProjectsWon", in.ProjectsWon),
		check.Denominator(metric, "ProjectsWon", in.ProjectsWon),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.ProjectRevenue, decimal.NewFromInt(int64(in.ProjectsWon))), nil
}

var averageDealSizeDescriptor = metrics.Descriptor{
	ID:       AverageDealSizeID,
	Name:     "Average deal size",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "WonRevenue / DealsWon",
}

var averageProjectSizeDescriptor = metrics.Descriptor{
	ID:       AverageProjectSizeID,
	Name:     "Average project size",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "ProjectRevenue / ProjectsWon",
}
