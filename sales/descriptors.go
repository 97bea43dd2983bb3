package sales

import (
	"slices"

	"github.com/kpikit/kpikit/metrics"
)

// The descriptor IDs of the sales metrics, unique across kpikit. A function
// and its variant over records (LeadConversionRate and
// LeadConversionRateFromLeads) share their metric's ID.
const (
	LeadsGeneratedID            = "leads_generated"              // LeadsGenerated
	QualifiedLeadsID            = "qualified_leads"              // QualifiedLeads
	LeadConversionRateID        = "lead_conversion_rate"         // LeadConversionRate
	NewCustomersAcquiredID      = "new_customers_acquired"       // NewCustomersAcquired
	SalesRevenueID              = "sales_revenue"                // SalesRevenue
	NewRevenueID                = "new_revenue"                  // NewRevenue
	AverageDealSizeID           = "average_deal_size"            // AverageDealSize
	AverageProjectSizeID        = "average_project_size"         // AverageProjectSize
	WinRateID                   = "win_rate"                     // WinRate
	CloseRateID                 = "close_rate"                   // CloseRate
	ProposalWinRateID           = "proposal_win_rate"            // ProposalWinRate
	QuotaAttainmentID           = "quota_attainment"             // QuotaAttainment
	PipelineCoverageID          = "pipeline_coverage"            // PipelineCoverage
	SalesCycleLengthID          = "sales_cycle_length"           // SalesCycleLength
	PipelineVelocityID          = "pipeline_velocity"            // PipelineVelocity
	OpenOpportunitiesID         = "open_opportunities"           // OpenOpportunities
	RevenuePerRepID             = "revenue_per_rep"              // RevenuePerRep
	RevenuePerConsultantID      = "revenue_per_consultant"       // RevenuePerConsultant
	SalesCallsPerRepID          = "sales_calls_per_rep"          // SalesCallsPerRep
	CampaignROIID               = "campaign_roi"                 // CampaignROI
	AverageRevenuePerCampaignID = "average_revenue_per_campaign" // AverageRevenuePerCampaign
	CostPerLeadID               = "cost_per_lead"                // CostPerLead
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
// catalog order. The slice is a fresh copy the caller may modify.
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
