package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// RevenueRetentionSummary holds every revenue retention metric of one set of
// MRR movements, as SummarizeRevenueRetention computes them.
type RevenueRetentionSummary struct {
	// GrossMRRChurnRate is GrossMRRChurnRate(m), a Percent within 0..100.
	GrossMRRChurnRate metrics.Percent
	// NetMRRChurnRate is NetMRRChurnRate(m), a Percent of at most 100,
	// negative when expansion and reactivation outweigh the losses.
	NetMRRChurnRate metrics.Percent
	// NetRevenueRetention is NetRevenueRetention(m) (NRR), a Percent ≥ 0.
	NetRevenueRetention metrics.Percent
	// GrossRevenueRetention is GrossRevenueRetention(m) (GRR), a Percent
	// within 0..100.
	GrossRevenueRetention metrics.Percent
	// MRRGrowthRate is MRRGrowthRate from m.StartMRR to m.EndMRR(), a
	// Percent of at least −100.
	MRRGrowthRate metrics.Percent
	// QuickRatio is QuickRatio(m), a ratio ≥ 0, when HasQuickRatio is true,
	// and zero otherwise.
	QuickRatio decimal.Decimal
	// HasQuickRatio reports whether the quick ratio is defined: it is false
	// when no MRR was lost (ContractionMRR + ChurnedMRR is zero), where the
	// ratio would be infinite.
	HasQuickRatio bool
}

// SummarizeRevenueRetention returns every revenue retention metric of the MRR
// movements m in one call, each computed by its own function, so each field
// has the formula, rounding and definition documented there:
//
//	GrossMRRChurnRate     = (ChurnedMRR + ContractionMRR) / StartMRR × 100
//	NetMRRChurnRate       = (ChurnedMRR + ContractionMRR − ExpansionMRR − ReactivationMRR) / StartMRR × 100
//	NetRevenueRetention   = (StartMRR + ExpansionMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100
//	GrossRevenueRetention = (StartMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100
//	MRRGrowthRate         = (EndMRR − StartMRR) / StartMRR × 100
//	QuickRatio            = (NewMRR + ExpansionMRR + ReactivationMRR) / (ContractionMRR + ChurnedMRR)
//
// The rates are Percents, the quick ratio a dimensionless decimal. A period
// without losses has no quick ratio: HasQuickRatio is then false and the
// other metrics are returned, rather than an error for the whole summary.
// MRRGrowthRate compares the MRR at the start with EndMRR, so it includes
// new customers, which the retention metrics leave out.
//
// SummarizeRevenueRetention returns an error if:
//   - an amount is negative (metrics.ErrNegative)
//   - StartMRR is zero, so no rate is defined (metrics.ErrUndefined)
//   - ContractionMRR + ChurnedMRR exceeds StartMRR (metrics.ErrInconsistent)
func SummarizeRevenueRetention(m MRRMovements) (RevenueRetentionSummary, error) {
	const metric = "crm.SummarizeRevenueRetention"
	if err := m.checkRate(metric); err != nil {
		return RevenueRetentionSummary{}, err
	}
	// m passed the checks of every function below, so none fails; their
	// errors are passed on all the same.
	var errs [6]error
	var s RevenueRetentionSummary
	s.GrossMRRChurnRate, errs[0] = GrossMRRChurnRate(m)
	s.NetMRRChurnRate, errs[1] = NetMRRChurnRate(m)
	s.NetRevenueRetention, errs[2] = NetRevenueRetention(m)
	s.GrossRevenueRetention, errs[3] = GrossRevenueRetention(m)
	s.MRRGrowthRate, errs[4] = MRRGrowthRate(MRRGrowthInput{PreviousMRR: m.StartMRR, CurrentMRR: m.EndMRR()})
	if m.losses().Sign() > 0 {
		s.QuickRatio, errs[5] = QuickRatio(m)
		s.HasQuickRatio = true
	}
	if err := check.First(errs[:]...); err != nil {
		return RevenueRetentionSummary{}, err
	}
	return s, nil
}
