package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// CampaignInput holds the marketing campaigns of one period (or a single
// campaign): how many ran, what they cost, the revenue attributed to them
// and the leads they generated. [CampaignROI], [AverageRevenuePerCampaign]
// and [CostPerLead] each read the fields they name.
type CampaignInput struct {
	Campaigns         int             // campaigns run during the period, including those that brought in nothing
	Cost              decimal.Decimal // everything the campaigns cost: media, tools, people
	AttributedRevenue decimal.Decimal // revenue attributed to the campaigns, by the caller's attribution model
	Leads             int             // leads generated during the period ([LeadStats.LeadsGenerated])
}

// CampaignROI returns the marketing campaigns' return on investment (the
// digital agency example of «Métriques CRM vs Métriques de Vente»):
//
//	campaign ROI = (AttributedRevenue − Cost) / Cost × 100
//
// The result is a [metrics.Percent] of −100 or more: 0% means the campaigns
// paid for themselves, −100% that they brought in nothing, 150% that they
// returned their cost and half as much again. Revenue is used as it is, not
// the margin on it, so the figure compares with other revenue ROIs; pass a
// gross margin as AttributedRevenue for a profit ROI. Both amounts must be
// in the same currency.
//
// Descriptor ID: campaign_roi.
//
// CampaignROI returns an error if:
//   - AttributedRevenue or Cost is negative ([metrics.ErrNegative])
//   - Cost is zero ([metrics.ErrUndefined])
func CampaignROI(in CampaignInput) (metrics.Percent, error) {
	const metric = "sales.CampaignROI"
	if err := check.First(
		check.Amount(metric, "AttributedRevenue", in.AttributedRevenue),
		check.Amount(metric, "Cost", in.Cost),
		check.DenominatorAmount(metric, "Cost", in.Cost),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.Rate(in.AttributedRevenue.Sub(in.Cost), in.Cost)), nil
}

// AverageRevenuePerCampaign returns the mean revenue a marketing campaign
// brought in (the digital agency example of «Métriques CRM vs Métriques de
// Vente»):
//
//	average revenue per campaign = AttributedRevenue / Campaigns
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at [metrics.Scale].
//
// Descriptor ID: average_revenue_per_campaign.
//
// AverageRevenuePerCampaign returns an error if:
//   - AttributedRevenue or Campaigns is negative ([metrics.ErrNegative])
//   - Campaigns is zero ([metrics.ErrUndefined])
func AverageRevenuePerCampaign(in CampaignInput) (decimal.Decimal, error) {
	return perHead("sales.AverageRevenuePerCampaign", "AttributedRevenue", in.AttributedRevenue, "Campaigns", in.Campaigns)
}

// CostPerLead returns the mean marketing cost of one lead:
//
//	cost per lead = Cost / Leads
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at [metrics.Scale]; lower is better. It
// counts leads, not customers: the cost of acquiring a customer is
// [github.com/kpikit/kpikit/crm.CAC].
//
// Descriptor ID: cost_per_lead.
//
// CostPerLead returns an error if:
//   - Cost or Leads is negative ([metrics.ErrNegative])
//   - Leads is zero ([metrics.ErrUndefined])
func CostPerLead(in CampaignInput) (decimal.Decimal, error) {
	return perHead("sales.CostPerLead", "Cost", in.Cost, "Leads", in.Leads)
}

var campaignROIDescriptor = metrics.Descriptor{
	ID:       "campaign_roi",
	Name:     "Campaign ROI",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(AttributedRevenue − Cost) / Cost × 100",
}

var averageRevenuePerCampaignDescriptor = metrics.Descriptor{
	ID:       "average_revenue_per_campaign",
	Name:     "Average revenue per campaign",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "AttributedRevenue / Campaigns",
}

var costPerLeadDescriptor = metrics.Descriptor{
	ID:       "cost_per_lead",
	Name:     "Cost per lead",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.LowerIsBetter,
	Formula:  "Cost / Leads",
}
