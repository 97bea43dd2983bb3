// Package sales computes sales-team metrics: leads and their conversion,
// revenue and deal size, win and close rates, quota attainment, pipeline
// coverage and velocity, sales cycle length, team productivity and marketing
// campaign returns.
//
// A metric computed from figures is a function over a typed input struct
// ([WinRate] of a [WinRateInput]), documented with its formula, its unit and
// the errors it returns. A metric counted from a CRM's records is read from
// an accumulator of [Deal] or [Lead] records ([DealStats], [LeadStats]), and
// the accumulator's reader computes it with the same code as the function of
// the same name. See package metrics for the Percent type, the numeric
// policy and the error model.
//
// Customer acquisition cost is both a CRM and a sales metric; it has one
// implementation, [github.com/kpikit/kpikit/crm.CAC]. This package does not
// import crm.
//
// # Metrics
//
// Each metric has a [metrics.Descriptor] (see [Descriptors] and
// [Describe]), in [metrics.CategorySales] and Bill Band's business
// performance class; its ID is the name of the function or method that
// computes it, in snake_case.
//
// Leads: [LeadStats.LeadsGenerated], [LeadStats.QualifiedLeads],
// [LeadConversionRate] and [LeadStats.LeadConversionRate] (20 of 100 leads is
// 20%, the example of «Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM»), [NewCustomersAcquired] and
// [LeadStats.NewCustomersAcquired].
//
// Revenue and deals: [DealStats.SalesRevenue], [NewRevenue],
// [AverageDealSize] and [DealStats.AverageDealSize], [AverageProjectSize].
//
// Rates: [WinRate] and [DealStats.WinRate] (won / (won + lost): open deals
// are not in the denominator), [CloseRate] and [DealStats.CloseRate] (won /
// opportunities), [ProposalWinRate].
//
// Quota and pipeline: [QuotaAttainment], [DealStats.OpenOpportunities],
// [PipelineCoverage] (of [DealStats.OpenPipeline]),
// [DealStats.SalesCycleLength] (days), [PipelineVelocity] and
// [DealStats.PipelineVelocity] (revenue per day).
//
// Team and marketing: [RevenuePerRep], [RevenuePerConsultant],
// [SalesCallsPerRep], [CampaignROI], [AverageRevenuePerCampaign],
// [CostPerLead].
//
// # Accumulators
//
// [DealStats] and [LeadStats] have one shape, the shape of every kpikit
// accumulator of records:
//   - the zero value is empty and ready to use. Its one setting, the
//     exported Period (a [metrics.Period]), is set before the first Add and
//     not changed after (Merge and the Marshal methods report a change);
//     the zero Period, the default, is all time: every record counts, and
//     the deals open at its end are the deals still open;
//   - Add validates one record and counts it; an error names the record's
//     field ("Deal.Closed") and leaves the accumulator unchanged;
//   - Merge adds another accumulator of the same Period (a different one,
//     all time against a period included, is [metrics.ErrMismatch]), so shards accumulated in goroutines, processes
//     or database partitions combine, in any order, into the figures of all
//     their records;
//   - MarshalBinary/UnmarshalBinary and MarshalJSON/UnmarshalJSON carry one
//     to another process exactly, sums of money and cycle times included;
//     corrupt or hostile bytes give [metrics.ErrInvalid], never a panic or a
//     large allocation;
//   - the metrics are read with methods.
//
// An accumulator is not safe for concurrent use: give each goroutine its
// own and merge them. [DealStatsByOwner] accumulates a slice of deals over
// a period, which must be valid as every Period argument must, into one
// DealStats per sales rep, reporting an invalid deal with its index
// ("Deals[3].Closed").
//
// # Empty input and zero denominators
//
// The rule is package [metrics]' rule: no records is not an error (counts
// and sums are zero), and a ratio whose denominator is zero (a win rate
// with no deal won or lost, a conversion rate with no lead created, an
// average of no deals) returns [metrics.ErrUndefined] from its method or
// function, and a zero value.
//
// # Records and periods
//
// A [metrics.Period] is half-open, [Start, End), so consecutive periods
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
// or not.
//
// # Numbers and errors
//
// Money is a decimal.Decimal in the caller's currency and every sum of money
// is exact; a quotient is exact when it terminates and is rounded half away
// from zero at [metrics.Scale] digits otherwise, whatever shopspring/decimal's
// globals say. Rates are [metrics.Percent] values in points (20 means 20%).
// Durations are returned in days as decimals ([DealStats.SalesCycleLength]).
//
// No function panics. An error is a [*metrics.Error] naming the function and
// the field (for a record in a slice, the slice, the field and the record's
// index) and wrapping one sentinel: [metrics.ErrNegative] for a negative
// amount or count, [metrics.ErrUndefined] for a zero denominator,
// [metrics.ErrInconsistent] for contradictory inputs (a part above its
// whole, a deal closed before it was created), [metrics.ErrInvalid] for an
// empty or reversed period, an unset stage or time, or bytes that are no
// accumulator's form, [metrics.ErrMismatch] for accumulators of different
// periods, and [metrics.ErrOutOfRange] for a rate outside 0..100 or a value
// beyond what its type holds (a sales cycle longer than a time.Duration).
// When err is not nil the other results are zero values.
//
// # Sources
//
// The definitions follow these articles, cited by their titles (their sites
// were not recorded):
//   - «Métriques CRM vs Métriques de Vente : Quelle est la différence ?»,
//     French, undated: the consulting and digital agency examples (average
//     project size, revenue per consultant, proposal win rate, campaign ROI,
//     average revenue per campaign) and the qualified leads generated;
//   - «Mesures CRM que vous devez connaître», French, undated: Bill Band's
//     classes of metrics, the closing rate, sales calls made, new revenue
//     amounts and open opportunities;
//   - «Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de
//     gestion de la relation client?», French, 3 October 2024: the lead
//     conversion rate and its worked example.
package sales
