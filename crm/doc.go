// Package crm computes customer-relationship metrics: revenue growth and
// retention, acquisition cost and lifetime value, churn, survey scores (NPS,
// CSAT, CES), support performance, engagement and CRM adoption.
//
// Every metric is a pure function over a typed input struct, documented with
// its formula, its unit, the definition chosen where sources disagree and the
// errors it returns. See package metrics for the Percent type (5 means 5%),
// the numeric policy (exact decimals, quotients rounded only when they do not
// terminate, at metrics.Scale digits) and the error model (a *metrics.Error
// wrapping one sentinel; no panics; no partial results).
//
//	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
//	// churn = 5%, err = nil
//
// # Metrics
//
// Business performance (Bill Band's first class, seed 001):
//   - MRRGrowthRate, ARR, ARPA: recurring revenue and its growth.
//   - CAC, LTVToCAC, CACPaybackMonths: acquisition cost and its return. CAC is
//     also a sales metric in the sources; package sales links here.
//   - CLTV (seed 004's formula), LTV (ARPA × gross margin / churn),
//     DiscountedCLTV (m / (1 + d − r)): lifetime value.
//   - GrossMRRChurnRate, NetMRRChurnRate, NetRevenueRetention,
//     GrossRevenueRetention, QuickRatio: revenue retention from MRRMovements.
//   - RetentionCostPerCustomer and CheckRetentionCost (seed 001: retention
//     cost must stay below the revenue of a retained customer).
//
// Customer perception (the third class):
//   - ChurnRate, RetentionRate, RenewalRate, RepeatCustomerRate.
//   - NPS, NPSFromScores, CountNPSScores, CategorizeNPSScore (0–6 detractor,
//     7–8 passive, 9–10 promoter); CSAT, CSATFromAnswers; CES, CESFromAnswers.
//   - AverageResolutionTime (seed 004), FirstResponseTime, SupportResponseRate,
//     CasesClosedPerDay, ProjectDeliveryAccuracy.
//   - EmailOpenRate, EmailClickThroughRate, EmailClickToOpenRate,
//     SocialEngagementRate, CampaignResponseRate, WebsitePurchaseConversionRate,
//     AverageTimeOnSite.
//
// User adoption (the second class): CRMAdoptionRate, DuplicateRecordRate,
// RecordCompleteness.
//
// Descriptors lists a metrics.Descriptor for each metric (ID, name, class,
// unit, better direction, formula) and Describe finds one by ID; package
// benchmark rates values of the metrics that have industry figures.
//
// # From raw records
//
// Real data comes as records, not counts. These compute the same metrics from
// records, exactly, in one pass, and without allocating per record:
//   - NPSTally, CSATTally, CESTally: survey answers. The zero value is an empty
//     tally; Add, AddScores or AddAnswers count answers and Merge combines
//     tallies counted apart (per shard, per goroutine) into the tally of all;
//     AddCounts adds the Counts of a tally kept in another process.
//   - SummarizeTickets: resolved and open tickets, and the mean, median, p90
//     and p99 of resolution and first-response times, exact to the nanosecond.
//   - MRRMovementsFromSubscriptions: new, expansion, contraction, churned and
//     reactivation MRR between two dates from subscription records of any
//     billing interval and currency; start + movements = end exactly.
//     SummarizeRevenueRetention reads every revenue-retention metric from the
//     movements.
//   - CohortRetention: customers grouped by their start month, the share still
//     active k months later, and the size-weighted overall rate.
//
// # Uncertainty
//
// A survey of 40 people and one of 4,000 can show the same NPS. NPSVariance,
// NPSStandardError, NPSInterval (Wald or adjusted Wald), NPSSampleSize and
// NPSTwoSampleTest say how much an NPS can be trusted and whether two differ;
// metrics.WilsonInterval and metrics.TwoProportionZTest do the same for rates
// computed from counts. These results are float64 and approximate.
package crm
