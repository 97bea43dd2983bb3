package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// MRRGrowthInput holds the monthly recurring revenue (MRR) of two consecutive
// periods, in one currency.
type MRRGrowthInput struct {
	// PreviousMRR is the monthly recurring revenue of the earlier period
	// (money per month, usually last month's).
	PreviousMRR decimal.Decimal
	// CurrentMRR is the monthly recurring revenue of the later period
	// (money per month, usually this month's).
	CurrentMRR decimal.Decimal
}

// MRRGrowthRate returns the change of monthly recurring revenue from one
// period to the next, as a share of the earlier period's MRR, as the article
// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client ?" (in French, 3 October 2024) defines it:
//
//	MRR growth rate = (CurrentMRR − PreviousMRR) / PreviousMRR × 100
//
// The result is a Percent of at least −100: positive when MRR grew, negative
// when it shrank (60,000 after 50,000 is 20%; 45,000 after 60,000 is −25%).
// MRR counts subscription revenue only; one-off sales are not part of it, so
// the rate does not describe total revenue. Compare rates over periods of the
// same length: a month-over-month rate is the usual one.
//
// Descriptor ID: mrr_growth_rate.
//
// MRRGrowthRate returns an error if:
//   - an MRR is negative ([metrics.ErrNegative])
//   - PreviousMRR is zero, so growth from nothing is undefined
//     ([metrics.ErrUndefined])
func MRRGrowthRate(in MRRGrowthInput) (metrics.Percent, error) {
	const metric = "crm.MRRGrowthRate"
	if err := check.First(
		check.Amount(metric, "PreviousMRR", in.PreviousMRR),
		check.Amount(metric, "CurrentMRR", in.CurrentMRR),
		check.DenominatorAmount(metric, "PreviousMRR", in.PreviousMRR),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.Rate(in.CurrentMRR.Sub(in.PreviousMRR), in.PreviousMRR)), nil
}

var mrrGrowthRateDescriptor = metrics.Descriptor{
	ID:       "mrr_growth_rate",
	Name:     "MRR growth rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(CurrentMRR − PreviousMRR) / PreviousMRR × 100",
}
