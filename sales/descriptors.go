package sales

import (
	"slices"

	"github.com/kpikit/kpikit/metrics"
)

// catalog lists the descriptors of every sales metric in the order of the
// package documentation: leads, revenue, win rates, quota and pipeline,
// productivity, marketing.
var catalog = []metrics.Descriptor{
	leadsGeneratedDescriptor,
	qualifiedLeadsDescriptor,
	leadConversionRateDescriptor,
	newCustomersAcquiredDescriptor,
	salesRevenueDescriptor,
	newRevenueDescriptor,
	averageDealSizeDescriptor,
	averageProjectSizeDescriptor,
	winRateDescriptor,
	closeRateDescriptor,
	proposalWinRateDescriptor,
	quotaAttainmentDescriptor,
	pipelineCoverageDescriptor,
	salesCycleLengthDescriptor,
	pipelineVelocityDescriptor,
	openOpportunitiesDescriptor,
	revenuePerRepDescriptor,
	revenuePerConsultantDescriptor,
	salesCallsPerRepDescriptor,
	campaignROIDescriptor,
	averageRevenuePerCampaignDescriptor,
	costPerLeadDescriptor,
}

// Descriptors returns the descriptors of every metric in package sales, in
// the order of the package documentation. The slice is a fresh copy the
// caller may modify.
//
// A descriptor's ID is the name of the function or method that computes
// its metric in snake_case, an initialism counting as one word
// (AverageDealSize is average_deal_size, CampaignROI campaign_roi); each
// metric's doc comment gives it ("Descriptor ID: win_rate").
func Descriptors() []metrics.Descriptor { return slices.Clone(catalog) }

// Describe returns the descriptor of the sales metric with the given ID, and
// false if there is none.
func Describe(id string) (metrics.Descriptor, bool) {
	for _, d := range catalog {
		if d.ID == id {
			return d, true
		}
	}
	return metrics.Descriptor{}, false
}
