package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// MRRMovements holds how monthly recurring revenue (MRR) moved during one
// period: the MRR at its start and the movements that took it to its end.
// Every amount is monthly recurring revenue (what subscriptions bill per
// month, one-off charges excluded), in one currency, and is ≥ 0: a movement's
// direction is given by its field, not by its sign. A movement is counted in
// one field only.
//
// The revenue retention metrics ([GrossMRRChurnRate], [NetMRRChurnRate],
// [NetRevenueRetention], [GrossRevenueRetention], [QuickRatio]) all read it,
// and [MRRMovements.EndMRR] sums it up. [MRRLedger.Movements] computes it
// from subscription records; [MRRGrowthRate] of StartMRR and EndMRR gives the
// growth over the period. In JSON its keys are snake_case ("start_mrr",
// "new_mrr", ...) and the amounts are strings.
type MRRMovements struct {
	// StartMRR is the MRR of the customers active when the period began.
	StartMRR decimal.Decimal `json:"start_mrr"`
	// NewMRR is the MRR of customers acquired during the period.
	NewMRR decimal.Decimal `json:"new_mrr"`
	// ExpansionMRR is the increase in MRR of customers at the start who
	// upgraded (a higher plan, more seats, add-ons) during the period.
	ExpansionMRR decimal.Decimal `json:"expansion_mrr"`
	// ContractionMRR is the decrease in MRR of customers at the start who
	// downgraded during the period and stayed.
	ContractionMRR decimal.Decimal `json:"contraction_mrr"`
	// ChurnedMRR is the MRR, at the start, of the customers who left during
	// the period.
	ChurnedMRR decimal.Decimal `json:"churned_mrr"`
	// ReactivationMRR is the MRR of former customers, not active at the
	// start, who came back during the period.
	ReactivationMRR decimal.Decimal `json:"reactivation_mrr"`
}

// EndMRR returns the MRR at the end of the period:
//
//	end MRR = StartMRR + NewMRR + ExpansionMRR − ContractionMRR − ChurnedMRR + ReactivationMRR
//
// The sum is exact. EndMRR does not validate m: for movements the rate
// functions accept (no negative amount, no more lost than StartMRR), the
// result is ≥ 0.
func (m MRRMovements) EndMRR() decimal.Decimal {
	return m.StartMRR.Add(m.NewMRR).Add(m.ExpansionMRR).
		Sub(m.ContractionMRR).Sub(m.ChurnedMRR).Add(m.ReactivationMRR)
}

// checkAmounts reports the first negative amount of m.
func (m MRRMovements) checkAmounts(metric string) error {
	return check.First(
		check.Amount(metric, "StartMRR", m.StartMRR),
		check.Amount(metric, "NewMRR", m.NewMRR),
		check.Amount(metric, "ExpansionMRR", m.ExpansionMRR),
		check.Amount(metric, "ContractionMRR", m.ContractionMRR),
		check.Amount(metric, "ChurnedMRR", m.ChurnedMRR),
		check.Amount(metric, "ReactivationMRR", m.ReactivationMRR),
	)
}

// checkLosses reports ErrInconsistent if the revenue lost exceeds StartMRR.
func (m MRRMovements) checkLosses(metric string) error {
	if m.losses().Cmp(m.StartMRR) > 0 {
		return check.Err(metric, "ChurnedMRR", m.ChurnedMRR, metrics.ErrInconsistent,
			"plus ContractionMRR "+exact.Text(m.ContractionMRR)+" exceeds StartMRR "+exact.Text(m.StartMRR))
	}
	return nil
}

// losses returns ContractionMRR + ChurnedMRR, the revenue lost from the
// customers at the start.
func (m MRRMovements) losses() decimal.Decimal { return m.ContractionMRR.Add(m.ChurnedMRR) }

// checkRate validates m for a metric whose denominator is StartMRR.
func (m MRRMovements) checkRate(metric string) error {
	if err := m.checkAmounts(metric); err != nil {
		return err
	}
	if err := check.DenominatorAmount(metric, "StartMRR", m.StartMRR); err != nil {
		return err
	}
	return m.checkLosses(metric)
}

// GrossMRRChurnRate returns the share of the MRR at the start of a period that
// was lost during it, to customers who left or downgraded:
//
//	gross MRR churn rate = (ChurnedMRR + ContractionMRR) / StartMRR × 100
//
// The result is a Percent within 0..100. Expansion, new and reactivated
// revenue do not offset the loss; [NetMRRChurnRate] counts them. It is the
// complement of gross revenue retention:
//
//	GrossMRRChurnRate + GrossRevenueRetention = 100
//
// Descriptor ID: gross_mrr_churn_rate.
//
// GrossMRRChurnRate returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - StartMRR is zero ([metrics.ErrUndefined])
//   - ContractionMRR + ChurnedMRR exceeds StartMRR ([metrics.ErrInconsistent])
func GrossMRRChurnRate(m MRRMovements) (metrics.Percent, error) {
	if err := m.checkRate("crm.GrossMRRChurnRate"); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.Rate(m.losses(), m.StartMRR)), nil
}

// NetMRRChurnRate returns the MRR lost during a period net of the MRR won back
// from existing and former customers, as a share of the MRR at its start:
//
//	net MRR churn rate = (ChurnedMRR + ContractionMRR − ExpansionMRR − ReactivationMRR) / StartMRR × 100
//
// The result is a Percent of at most 100, and not above [GrossMRRChurnRate]
// (but for one rounding case, see [GrossRevenueRetention]); it is negative when
// expansion and reactivation outweigh the losses ("negative churn"). New
// customers' MRR does not count. Definitions differ on reactivation: some
// leave it out of net churn. kpikit counts it as an offset, because it is
// revenue won back from customers, not new business; [NetRevenueRetention]
// leaves it out, because reactivated customers were not among the customers
// at the start. The exact identity between the two is therefore
//
//	NetRevenueRetention = 100 − NetMRRChurnRate − ReactivationMRR / StartMRR × 100
//
// and NetRevenueRetention = 100 − NetMRRChurnRate when ReactivationMRR is
// zero; that one holds exactly on the returned values too. With reactivation,
// each term is rounded on its own at [metrics.Scale] when it does not
// terminate, so the returned values satisfy the identity to within 10⁻¹⁰.
//
// Descriptor ID: net_mrr_churn_rate.
//
// NetMRRChurnRate returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - StartMRR is zero ([metrics.ErrUndefined])
//   - ContractionMRR + ChurnedMRR exceeds StartMRR ([metrics.ErrInconsistent])
func NetMRRChurnRate(m MRRMovements) (metrics.Percent, error) {
	if err := m.checkRate("crm.NetMRRChurnRate"); err != nil {
		return metrics.Percent{}, err
	}
	net := m.losses().Sub(m.ExpansionMRR).Sub(m.ReactivationMRR)
	return metrics.NewPercent(exact.Rate(net, m.StartMRR)), nil
}

// NetRevenueRetention returns net revenue retention (NRR, also net dollar
// retention): the MRR that the customers at the start of a period brought in
// at its end, as a share of their MRR at its start:
//
//	NRR = (StartMRR + ExpansionMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100
//
// The result is a Percent ≥ 0; above 100 when expansion outweighs the losses.
// New and reactivated customers are left out, since they were not customers
// at the start. It is never below [GrossRevenueRetention] (see there for the
// one rounding exception), and
//
//	NetRevenueRetention = 100 − NetMRRChurnRate − ReactivationMRR / StartMRR × 100
//
// (see [NetMRRChurnRate]).
//
// Descriptor ID: net_revenue_retention.
//
// NetRevenueRetention returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - StartMRR is zero ([metrics.ErrUndefined])
//   - ContractionMRR + ChurnedMRR exceeds StartMRR ([metrics.ErrInconsistent])
func NetRevenueRetention(m MRRMovements) (metrics.Percent, error) {
	if err := m.checkRate("crm.NetRevenueRetention"); err != nil {
		return metrics.Percent{}, err
	}
	kept := m.StartMRR.Add(m.ExpansionMRR).Sub(m.losses())
	return metrics.NewPercent(exact.Rate(kept, m.StartMRR)), nil
}

// GrossRevenueRetention returns gross revenue retention (GRR): the share of
// the MRR at the start of a period that its customers still brought in at the
// end, counting losses but not expansion:
//
//	GRR = (StartMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100
//
// The result is a Percent within 0..100. It is the complement of the gross
// MRR churn rate, exactly, even when both are rounded:
//
//	GrossRevenueRetention = 100 − GrossMRRChurnRate
//
// It is never above [NetRevenueRetention], which adds the expansion, but for
// one rounding case: a quotient is returned exactly when it terminates,
// whatever its length, and rounded at [metrics.Scale] otherwise, so when the
// exact values are less than 5×10⁻¹¹ points apart and only one of them is
// rounded, GRR can come out above NRR by less than 5×10⁻¹¹. [NetMRRChurnRate]
// and [GrossMRRChurnRate] share that case.
//
// Descriptor ID: gross_revenue_retention.
//
// GrossRevenueRetention returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - StartMRR is zero ([metrics.ErrUndefined])
//   - ContractionMRR + ChurnedMRR exceeds StartMRR ([metrics.ErrInconsistent])
func GrossRevenueRetention(m MRRMovements) (metrics.Percent, error) {
	if err := m.checkRate("crm.GrossRevenueRetention"); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.Rate(m.StartMRR.Sub(m.losses()), m.StartMRR)), nil
}

// QuickRatio returns the SaaS quick ratio, the MRR gained during a period per
// unit of MRR lost:
//
//	quick ratio = (NewMRR + ExpansionMRR + ReactivationMRR) / (ContractionMRR + ChurnedMRR)
//
// The result is a dimensionless ratio ≥ 0, a decimal.Decimal: 4 means four
// units of MRR gained for each unit lost; below 1 MRR shrinks. It is a ratio,
// not a Percent. A period without losses has no quick ratio (it would be
// infinite), so it is an error rather than a number.
//
// Descriptor ID: quick_ratio.
//
// QuickRatio returns an error if:
//   - an amount is negative ([metrics.ErrNegative])
//   - ContractionMRR + ChurnedMRR exceeds StartMRR ([metrics.ErrInconsistent])
//   - ContractionMRR + ChurnedMRR is zero ([metrics.ErrUndefined])
func QuickRatio(m MRRMovements) (decimal.Decimal, error) {
	const metric = "crm.QuickRatio"
	if err := check.First(m.checkAmounts(metric), m.checkLosses(metric)); err != nil {
		return decimal.Decimal{}, err
	}
	lost := m.losses()
	if lost.IsZero() {
		return decimal.Decimal{}, check.Err(metric, "ChurnedMRR", m.ChurnedMRR, metrics.ErrUndefined,
			"plus ContractionMRR "+exact.Text(m.ContractionMRR)+" is zero")
	}
	gained := m.NewMRR.Add(m.ExpansionMRR).Add(m.ReactivationMRR)
	return exact.Quo(gained, lost), nil
}

var grossMRRChurnRateDescriptor = metrics.Descriptor{
	ID:       "gross_mrr_churn_rate",
	Name:     "Gross MRR churn rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.LowerIsBetter,
	Formula:  "(ChurnedMRR + ContractionMRR) / StartMRR × 100",
}

var netMRRChurnRateDescriptor = metrics.Descriptor{
	ID:       "net_mrr_churn_rate",
	Name:     "Net MRR churn rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.LowerIsBetter,
	Formula:  "(ChurnedMRR + ContractionMRR − ExpansionMRR − ReactivationMRR) / StartMRR × 100",
}

var netRevenueRetentionDescriptor = metrics.Descriptor{
	ID:       "net_revenue_retention",
	Name:     "Net revenue retention",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(StartMRR + ExpansionMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100",
}

var grossRevenueRetentionDescriptor = metrics.Descriptor{
	ID:       "gross_revenue_retention",
	Name:     "Gross revenue retention",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(StartMRR − ContractionMRR − ChurnedMRR) / StartMRR × 100",
}

var quickRatioDescriptor = metrics.Descriptor{
	ID:       "quick_ratio",
	Name:     "SaaS quick ratio",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitRatio,
	Better:   metrics.HigherIsBetter,
	Formula:  "(NewMRR + ExpansionMRR + ReactivationMRR) / (ContractionMRR + ChurnedMRR)",
}
