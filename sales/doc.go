// Package sales computes sales-team metrics: leads and their conversion,
// revenue and deal size, win and close rates, quota attainment, pipeline
// coverage and velocity, sales cycle length, team productivity and marketing
// campaign returns.
//
// Every metric is a pure function over a typed input struct of counts and
// amounts, documented with its formula, its unit and the errors it returns;
// see package metrics for the Percent type, the numeric policy and the error
// model. Descriptors lists a descriptor for every metric, all in
// metrics.CategorySales and Bill Band's business performance class.
//
// Customer acquisition cost is both a CRM and a sales metric; it has one
// implementation, [github.com/kpikit/kpikit/crm.CAC]. This package does not
// import crm.
//
// # Metrics
//
// Leads: LeadsGenerated, QualifiedLeads, LeadConversionRate (seed 004: 20 of
// 100 is 20%) and LeadConversionRateFromLeads, NewCustomersAcquired and
// NewCustomersFromLeads.
//
// Revenue and deals: SalesRevenue, NewRevenue, RevenueByOwner,
// AverageDealSize and AverageDealSizeFromDeals, AverageProjectSize.
//
// Rates: WinRate and WinRateFromDeals (won / (won + lost): open deals are not
// in the denominator), CloseRate and CloseRateFromDeals (won / opportunities),
// ProposalWinRate.
//
// Quota and pipeline: QuotaAttainment, OpenOpportunities, PipelineCoverage and
// PipelineCoverageFromDeals, SalesCycleLength (days), PipelineVelocity and
// PipelineVelocityFromDeals (revenue per day).
//
// Team and marketing: RevenuePerRep, RevenuePerConsultant, SalesCallsPerRep,
// CampaignROI, AverageRevenuePerCampaign, CostPerLead.
//
// Over millions of deals, SummarizeDeals reads the deal metrics in one pass and
// DealSummary.Merge combines summaries computed apart (per shard, per
// goroutine); SummarizeDealsByOwner gives one summary per rep. The functions
// over deals above compute through the same pass, so they always agree.
//
// Descriptors lists a metrics.Descriptor for every metric and Describe finds
// one by ID.
//
// # Records and periods
//
// The metrics counted from a CRM's records take a slice of Deal or Lead
// records and a Period (SalesRevenue, SalesCycleLength, LeadsGenerated). A
// metric that is also computed from counts has a variant over records named
// for them (WinRate and WinRateFromDeals, LeadConversionRate and
// LeadConversionRateFromLeads). A Period is half-open, [Start, End), so consecutive periods
// neither overlap nor leave gaps. Where a record falls:
//   - a won or lost deal belongs to the period of its Closed time (revenue
//     is booked when a deal is won);
//   - an opportunity or a lead belongs to the period of its Created time, and
//     counts as won, qualified or converted for that period if that happened
//     before the period's End;
//   - a deal is open in a period if it was open at the period's End.
//
// These rules make the figures of a past period final: a record that changes
// later does not change them. Every record is validated, inside the period
// or not, and the first invalid one is reported with its index:
//
//	sales.SalesRevenue: Deals[3].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
//
// # One pass over deals
//
// Each function over deals makes its own pass over them. To read several
// metrics of a period, SummarizeDeals makes one pass into a DealSummary,
// whose methods (SalesRevenue, AverageDealSize, WinRate, CloseRate,
// SalesCycleLength, OpenOpportunities, PipelineVelocity, PipelineCoverage)
// return what the functions of the same name return, to the digit, as the
// functions compute through the same summary. Its sums of money are exact and
// do not allocate for ordinary amounts. Summaries merge, so shards summarized
// in parallel combine into the summary of all the deals, and
// SummarizeDealsByOwner gives one summary per sales rep.
//
// # Numbers and errors
//
// Money is a decimal.Decimal in the caller's currency and every sum of money
// is exact; a quotient is exact when it terminates and is rounded half away
// from zero at metrics.Scale digits otherwise, whatever shopspring/decimal's
// globals say. Rates are metrics.Percent values in points (20 means 20%).
// Durations are returned in days as decimals (SalesCycleLength).
//
// No function panics. An error is a *metrics.Error naming the function and
// the field (for a record, the slice and field and the record's index) and
// wrapping one sentinel: metrics.ErrNegative for a negative amount or count,
// metrics.ErrUndefined for a zero denominator (no leads, no deals won, a
// zero quota or cycle length), metrics.ErrInconsistent for contradictory
// inputs (a part above its whole, a deal closed before it was created),
// metrics.ErrInvalid for an empty period or an unset stage or time, and
// metrics.ErrOutOfRange for a rate outside 0..100 or a value beyond what its
// type holds (a sales cycle longer than a time.Duration). When err is not nil
// the other results are zero values.
package sales
