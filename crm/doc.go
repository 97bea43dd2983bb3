// Package crm computes customer-relationship metrics: revenue growth and
// retention, acquisition cost and lifetime value, churn, survey scores (NPS,
// CSAT, CES), support performance, engagement and CRM adoption.
//
// Every formula metric is a function over a typed input struct, documented
// with its formula, its unit, the definition chosen where sources disagree
// and the errors it returns. Metrics computed from raw records (survey
// answers, subscriptions, customers, tickets) are read from accumulators
// (see Records).
//
//	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
//	// churn = 5%, err = nil
//
// Package [metrics] holds what every package shares, stated there once: the
// Percent type (5 means 5%), the numeric policy (exact decimals, quotients
// rounded only when they do not terminate, at [metrics.Scale] digits), the
// error model (a *metrics.Error wrapping one sentinel; no panics; no partial
// results), the rule for empty input and zero denominators (no records is
// not an error; a quotient over a zero denominator is
// [metrics.ErrUndefined], whatever the form of the input) and the rule for
// the zero [metrics.Period] (an argument must be a valid period; an
// accumulator's Period setting reads the zero Period as all time).
//
// # Metrics
//
// Each metric has a descriptor ([metrics.Descriptor]: ID, name, class, unit,
// better direction, formula); [Descriptors] lists them and [Describe] finds
// one by ID. The ID is the snake case of the Go function or method that
// computes the metric, an initialism as one word: [LTVToCAC] is
// "ltv_to_cac", [AverageResolutionTime] "average_resolution_time". The
// metrics are grouped by Bill Band's three classes (business performance,
// user adoption, customer perception), as "Mesures CRM que vous devez
// connaître" (in French, undated; see Sources) reports them; package
// benchmark rates the values of the metrics that have industry figures.
//
// Business performance:
//   - recurring revenue: [MRRGrowthRate] (mrr_growth_rate), [ARR] (arr),
//     [ARPA] (arpa).
//   - acquisition cost and its return: [CAC] (cac), [LTVToCAC] (ltv_to_cac),
//     [CACPaybackMonths] (cac_payback_months). CAC is also a sales metric in
//     the sources; package sales links here.
//   - lifetime value: [CLTV] (cltv), [LTV] (ltv), [DiscountedCLTV]
//     (discounted_cltv).
//   - revenue retention, each a function of the [MRRMovements] of a period:
//     [GrossMRRChurnRate] (gross_mrr_churn_rate), [NetMRRChurnRate]
//     (net_mrr_churn_rate), [NetRevenueRetention] (net_revenue_retention),
//     [GrossRevenueRetention] (gross_revenue_retention), [QuickRatio]
//     (quick_ratio).
//   - retention cost: [RetentionCostPerCustomer]
//     (retention_cost_per_customer) and [CheckRetentionCost], the rule that
//     retaining a customer must cost less than the customer brings in.
//
// User adoption: [CRMAdoptionRate] (crm_adoption_rate),
// [DuplicateRecordRate] (duplicate_record_rate), [RecordCompleteness]
// (record_completeness).
//
// Customer perception:
//   - churn and retention: [ChurnRate] (churn_rate), [RetentionRate]
//     (retention_rate), [RenewalRate] (renewal_rate), [Cohorts.Retention]
//     (cohort_retention), [RepeatCustomerRate] (repeat_customer_rate).
//   - surveys: [NPS] (nps) from the counts of promoters, passives and
//     detractors, or [NPSFromScores] from raw 0–10 answers, with
//     [CategorizeNPSScore] placing one answer; [CSAT] (csat) and [CES] (ces)
//     from the counts of answers per score on a [SurveyScale].
//   - support: [AverageResolutionTime] (average_resolution_time),
//     [TicketStats.FirstResponseTime] (first_response_time),
//     [SupportResponseRate] (support_response_rate), [CasesClosedPerDay]
//     (cases_closed_per_day), [ProjectDeliveryAccuracy]
//     (project_delivery_accuracy).
//   - engagement: [EmailOpenRate] (email_open_rate), [EmailClickThroughRate]
//     (email_click_through_rate), [EmailClickToOpenRate]
//     (email_click_to_open_rate), [SocialEngagementRate]
//     (social_engagement_rate), [CampaignResponseRate]
//     (campaign_response_rate), [WebsitePurchaseConversionRate]
//     (website_purchase_conversion_rate), [AverageTimeOnSite]
//     (average_time_on_site).
//
// # Records
//
// Real data comes as records, not counts. Every engine that computes from
// records is an accumulator of one shape:
//   - the zero value is empty. Settings are exported fields, set before the
//     first Add and not changed afterwards; each says what its zero value
//     means. An accumulator without settings, or whose zero setting has a
//     meaning (a zero Period is all time), is ready to use as it is; an
//     [AnswerTally] needs its Scale, as no scale can be assumed.
//   - Add adds one record (AddAll a slice, in one pass); an error names the
//     field at fault ("Ticket.Resolved") and leaves the accumulator
//     unchanged.
//   - Merge adds another accumulator of the same kind and settings (a
//     settings mismatch is [metrics.ErrMismatch]): shards accumulated apart —
//     per goroutine, file, process or machine — merge in any order into what
//     one pass over all the records gives, exactly (a median stays exact).
//   - MarshalBinary and UnmarshalBinary, MarshalJSON and UnmarshalJSON carry
//     it between processes and round-trip exactly, settings included;
//     corrupt, truncated or hostile input gives an error wrapping
//     [metrics.ErrInvalid], never a panic or a huge allocation.
//   - the metrics are read with its methods; a ratio returns (value, error).
//
// An accumulator is not safe for concurrent use: give each goroutine its own
// and Merge them.
//
// The accumulators:
//   - [NPSTally]: answers to an NPS question, counted by category; read
//     [NPSTally.NPS], or [NPSTally.Counts] for the uncertainty functions.
//   - [AnswerTally]: answers to one question on a stated scale, counted per
//     score; read [AnswerTally.CSAT] at a satisfaction threshold and
//     [AnswerTally.CES], the mean answer.
//   - [MRRLedger]: [Subscription] records, each with its MRR in one
//     reporting currency; [MRRLedger.Movements] reads, for any period, the
//     [SubscriptionMovements]: new, expansion, contraction, churned and
//     reactivation MRR, as the [MRRMovements] the revenue-retention
//     functions take, and how many customers made each movement.
//   - [Cohorts]: [Customer] records; [Cohorts.Retention] groups the
//     customers who started in a period by their start month, in a
//     [CohortTable].
//   - [TicketStats]: [Ticket] records; [TicketStats.Counts], the mean,
//     median, p90 and p99 of resolution and first-response times to the
//     nanosecond ([TicketStats.ResolutionTime], a [TimeStats]),
//     [TicketStats.SupportResponseRate] and [TicketStats.CasesClosedPerDay],
//     for one period or, over the zero Period, for all tickets.
//
// # Uncertainty
//
// A survey of 40 people and one of 4,000 can show the same NPS.
// [NPSVariance], [NPSStandardError], [NPSInterval] (Wald or adjusted Wald, an
// [NPSMethod]), [NPSSampleSize] (for an [NPSPlan]) and [NPSTwoSampleTest] say
// how much an NPS can be trusted and whether two differ;
// [metrics.WilsonInterval] and [metrics.TwoProportionZTest] do the same for
// rates computed from counts. These results are float64 and approximate.
//
// # Sources
//
// The metric list, the formulas, the worked examples and the Band classes
// come from these articles, all in French; the copies kpikit holds do not
// name the sites that published them:
//   - "Métriques CRM vs Métriques de Vente : Quelle est la différence ?",
//     undated (also published in Italian, "Metrica CRM vs Metrica di Vendita:
//     Qual è la Differenza?", and in Norwegian, "CRM-metrikker vs.
//     salgsmetrikker: Hva er forskjellen?").
//   - "Mesures CRM que vous devez connaître", undated, a guide for small
//     businesses that reports Bill Band's three classes of CRM metrics.
//   - "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de
//     gestion de la relation client?", 3 October 2024, on the blog of a
//     business-plan template publisher; it gives the formulas of CAC, CLTV,
//     churn, NPS and the average resolution time, worked examples and
//     benchmark figures.
package crm
