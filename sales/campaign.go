package sales

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// CampaignROIInput holds one marketing campaign's (or a set of campaigns')
// cost and the revenue attributed to it.
type CampaignROIInput struct {
	AttributedRevenue decimal.Decimal // revenue attributed to the campaign, by the caller's attribution model
	Cost              decimal.Decimal // everything the campaign cost: media, tools, people
}

// CampaignROI returns a marketing campaign's return on investment
// (seed 000's digital agency example):
//
//	campaign ROI = (AttributedRevenue − Cost) / Cost × 100
//
// The result is a Percent of −100 or more: 0% means the campaign paid for
// itself, −100% that it brought in nothing, 150% that it returned its cost
// and half as much again. Revenue is used as it is, not the margin on it, so
// the figure compares with other revenue ROIs; pass a gross margin as
// AttributedRevenue for a profit ROI. Both amounts must be in the same
// currency.
//
// CampaignROI returns an error if:
//   - AttributedRevenue or Cost is negative (metrics.ErrNegative)
//   - Cost is zero (metrics.ErrUndefined)
func CampaignROI(in CampaignROIInput) (metrics.Percent, error) {
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

// CampaignRevenueInput holds the revenue of a set of campaigns.
type CampaignRevenueInput struct {
	Revenue   decimal.Decimal // revenue attributed to the campaigns, in total
	Campaigns int             // number of campaigns run
}

// AverageRevenuePerCampaign returns the mean revenue a marketing campaign
// brought in (seed 000's digital agency example):
//
//	average revenue per campaign = Revenue / Campaigns
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at metrics.Scale. Campaigns counts every
// campaign run, including those that brought in nothing.
//
// AverageRevenuePerCampaign returns an error if:
//   - Revenue or Campaigns is negative (metrics.ErrNegative)
//   - Campaigns is zero (metrics.ErrUndefined)
func AverageRevenuePerCampaign(in CampaignRevenueInput) (decimal.Decimal, error) {
	return perHead("sales.AverageRevenuePerCampaign", "Revenue", in.Revenue, "Campaigns", in.Campaigns)
}

// CostPerLeadInput holds the marketing spend and the leads it produced in one
// period.
type CostPerLeadInput struct {
	Cost  decimal.Decimal // marketing spend of the period
	Leads int             // leads generated during the period (LeadsGenerated)
}

// CostPerLead returns the mean marketing cost of one lead:
//
//	cost per lead = Cost / Leads
//
// The result is money in the caller's currency, exact when the quotient
// terminates and otherwise rounded at metrics.Scale; lower is better. It
// counts leads, not customers: the cost of acquiring a customer is
// [github.com/kpikit/kpikit/crm.CAC].
//
// CostPerLead returns an error if:
//   - Cost or Leads is negative (metrics.ErrNegative)
//   - Leads is zero (metrics.ErrUndefined)
func CostPerLead(in CostPerLeadInput) (decimal.Decimal, error) {
	return perHead("sales.CostPerLead", "Cost", in.Cost, "Leads", in.Leads)
}

var campaignROIDescriptor = metrics.Descriptor{
	ID:       CampaignROIID,
	Name:     "Campaign ROI",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "(AttributedRevenue − Cost) / Cost × 100",
}

var averageRevenuePerCampaignDescriptor = metrics.Descriptor{
	ID:       AverageRevenuePerCampaignID,
	Name:     "Average revenue per campaign",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "Revenue / Campaigns",
}

var costPerLeadDescriptor = metrics.Descriptor{
	ID:       CostPerLeadID,
	Name:     "Cost per lead",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.LowerIsBetter,
	Formula:  "Cost / Leads",
}
