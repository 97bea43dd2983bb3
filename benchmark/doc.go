// Package benchmark rates metric values against industry benchmarks, so that
// a report can say what a figure means:
//
//	CAC 650 USD — exceptional (below 700 USD; SaaS, United States; <source>)
//
// A [Benchmark] rates one metric (by its descriptor ID, such as "cac") for one
// [Segment] (an industry and a region) from one [Source] (an article, or the
// user's own label), over the period its figures describe ([Basis]). Its
// bands, one per [Tier], cover every value exactly once, and
// [Benchmark.Classify] returns the [Rating] of a value: its tier and the
// band, period, segment and source that explain it.
//
//	b, err := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
//	if err != nil { ... }
//	r, err := b.Classify(benchmark.Money(cac, "USD"))
//	if err != nil { ... }
//	fmt.Printf("CAC %s — %s\n", r.Value, r)
//
// # Tiers
//
// The tiers are ordered from worst to best and compare with < and >:
// [WorseThanTypical] < [Typical] < [BetterThanTypical] < [Exceptional],
// whatever the metric's better direction. A better value never gets a worse
// tier, and the names say better and worse, never above and below, so that a
// CAC above the typical range reads as worse than typical.
//
// # Values are typed
//
// A [Value] carries its kind: [Percent] for rates, [Money] with a currency,
// [Duration], and [Number] for scores and the other plain-number units. A
// benchmark rates one kind only: a money value against a percent benchmark,
// or 650 EUR against a USD benchmark, is a [metrics.ErrMismatch] error, never
// a silent comparison. kpikit does not convert currencies: convert the value
// to the benchmark's currency before you rate it.
//
// # Periods
//
// A churn rate of 5% means one thing over a month and another over a year.
// A benchmark whose figures describe a period says which (Spec.Per: [Month],
// [Quarter] or [Year]), and a value rated against it says over which period
// it was measured ([Value.Per]): a monthly value against a yearly band, or a
// value that does not say, is a [metrics.ErrMismatch] error naming both
// periods. [Value.CompoundLoss] and [Value.CompoundGrowth] convert a rate to
// the rate of a longer period, exactly:
//
//	monthly := benchmark.Percent(churn).Per(benchmark.Month)
//	yearly, err := monthly.CompoundLoss(benchmark.Year) // 1 − (1 − churn)^12
//	r, err := b.Classify(yearly)
//
// Figures that do not depend on the period (a level such as NPS, an amount
// per customer such as CAC, a share such as a lead conversion rate) have no
// basis, and their benchmark rates a value of any period.
//
// # Boundaries
//
// Every [Bound] says whether its value belongs to its band ([Inclusive] or
// [Exclusive]), and where two bands meet exactly one of the two bounds is
// inclusive, so a value on a boundary gets exactly one tier. Comparisons are
// exact: 4.9999% is below 5%.
//
// The built-ins turn the article's words into bounds by three rules, and each
// one's Spec().Note states how they applied:
//   - A bound the article states strictly ("inférieur à 700 $", below $700;
//     "en moins de 2 heures", in under 2 hours; "dépassant 5 000 $",
//     exceeding $5,000) is exclusive; the ends of a range ("de 10% à 15%",
//     from 10% to 15%) and an "or more" ("30% ou plus") are inclusive.
//   - An endpoint two of the article's ranges share (CAC "1 000 $ à 1 500 $"
//     and "700 $ à 1 000 $") goes to the better tier: reaching a better range
//     earns it, as reaching "30% or more" does.
//   - A stretch the article does not name is rated by its place: between the
//     typical range and the exceptional level it is BetterThanTypical; beyond
//     the typical range on the worse side it is WorseThanTypical.
//
// # Built-in benchmarks
//
// The built-ins hold the industry figures of one article, in French:
// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de
// gestion de la relation client?" ("What are the 7 main KPIs of a CRM
// customer-relationship-management software company?"), dated 3 October
// 2024; the copy kpikit holds names no publisher. Each built-in's
// Spec().Source quotes the article's words with an English translation.
// [Builtins] lists them and [Lookup] finds one by metric ID and segment.
// Money is in USD; a region left empty is one the article does not name.
//
//	metric ID                segment                      period  worse than typical  typical            better than typical   exceptional
//	mrr_growth_rate          SaaS, United States          year    below 18%           18% to 20%         above 20%, below 30%  30% or more
//	cac                      SaaS, United States          —       above 1500          above 1000 to 1500 700 to 1000           below 700
//	cac                      e-commerce                   —       above 30            above 10 to 30     5 to 10               below 5
//	cltv                     software, United States      —       below 500           500 to below 2500  2500 to 5000          above 5000
//	churn_rate               CRM software, United States  year    above 15%           10% to 15%         5% to below 10%       below 5%
//	lead_conversion_rate     all industries               —       below 2%            2% to 5%           above 5%, below 10%   10% or more
//	nps                      all industries               —       -                   below 50           -                     50 or more
//	nps                      CRM software                 —       below 30            30 to 40           above 40, below 50    50 or more
//	average_resolution_time  CRM software, United States  —       above 8h            4h to 8h           2h to below 4h        below 2h
//
// The metric IDs are the descriptor IDs of
// [github.com/kpikit/kpikit/crm.MRRGrowthRate],
// [github.com/kpikit/kpikit/crm.CAC], [github.com/kpikit/kpikit/crm.CLTV],
// [github.com/kpikit/kpikit/crm.ChurnRate],
// [github.com/kpikit/kpikit/sales.LeadConversionRate],
// [github.com/kpikit/kpikit/crm.NPS] and
// [github.com/kpikit/kpikit/crm.AverageResolutionTime]: the function's name
// in snake_case, an initialism as one word. The direction of each built-in
// is that of the metric's descriptor. The general NPS figure names one level only ("50 ou
// plus est considéré comme excellent", 50 or more is considered excellent):
// below 50 it is Typical, meaning no more than "not excellent". NPS answer
// categories (detractor, passive, promoter) are package crm's, not this
// package's.
//
// The period column is each built-in's Spec.Per; Spec().PerNote says why:
//   - mrr_growth_rate, churn_rate: the article states no period (its worked
//     examples compute a month's figure); kpikit reads yearly, because read
//     as monthly the article's average would compound to 629% to 792% growth
//     or to losing 72% to 86% of the customers a year, which kpikit judges
//     the article cannot mean by an average. Rate a month's value after [Value.CompoundGrowth] or
//     [Value.CompoundLoss] to a year.
//   - cac, cltv, lead_conversion_rate, nps, average_resolution_time: no
//     period, because the figure does not depend on one: an amount per
//     customer acquired, a value over a customer's life, a share of leads, a
//     survey's score, a mean time per ticket.
//
// # Your own benchmarks
//
// [New] builds a benchmark from a [Spec]: your industry's figures, or last
// year's quarters as the band to beat. It validates the spec and names the
// first problem in its error: bands listed from worst to best, none empty or
// overlapping, no gap between them, and improving in the metric's direction.
// A built-in you read otherwise (monthly churn figures, say) is a copy of its
// Spec away: change Per and call [New].
//
// # JSON
//
// [Rating], [Spec], [Band], [Bound], [Segment] and [Source] have snake_case
// JSON keys; a [Value] is an object whose exact amount is a JSON string
// ("12.5"), as decimals are; [Tier] and [Basis] are their snake_case text
// ("better_than_typical", "year").
//
// # Error handling
//
// No function in this package panics on its input, except [MustNew], which
// is meant for package-level tables. Every error is a *[metrics.Error]
// naming the function and the field, and unwraps to one sentinel:
//   - [metrics.ErrMismatch]: a value or a bound of another unit, currency or
//     period than the benchmark, or a value of no period against a benchmark
//     that has one.
//   - [metrics.ErrInconsistent]: bands out of order, overlapping, leaving a
//     gap or improving against the metric's direction.
//   - [metrics.ErrInvalid]: an empty name, an unknown unit, direction, tier
//     or basis, the zero Value or Benchmark, a spec without bands, a
//     [Lookup] that finds no built-in, text or JSON that does not decode.
//   - [metrics.ErrOutOfRange]: a rate that cannot compound (a loss above
//     100%, a growth below −100%).
package benchmark
