// Package benchmark rates metric values against industry benchmarks, so that
// a report can say what a figure means:
//
//	CAC 650 USD — exceptional (below 700 USD; SaaS, United States; seed 004)
//
// A Benchmark rates one metric (by its descriptor ID, such as "cac") for one
// Segment (an industry and a region) from one Source (a seed article's
// section, or the user's own label). Its bands, one per Tier, cover every
// value exactly once, and Classify returns the Rating of a value: its tier
// and the band, segment and source that explain it.
//
//	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
//	r, err := b.Classify(benchmark.Money(cac, "USD"))
//	if err != nil { ... }
//	fmt.Printf("CAC %s — %s\n", r.Value, r)
//
// # Tiers
//
// The tiers are ordered from worst to best and compare with < and >:
// BelowTypical < Typical < AboveAverage < Exceptional, whatever the metric's
// better direction. A better value never gets a worse tier.
//
// # Values are typed
//
// A Value carries its kind: Percent for rates, Money with a currency, Score,
// Duration, and Number for the other plain-number units. A benchmark rates
// one kind only: a money value against a percent benchmark, or 650 EUR
// against a USD benchmark, is a metrics.ErrMismatch error, never a silent
// comparison. kpikit does not convert currencies: convert the value to the
// benchmark's currency before you rate it.
//
// # Boundaries
//
// Every Bound says whether its value belongs to its band (Inclusive or
// Exclusive), and where two bands meet exactly one of the two bounds is
// inclusive, so a value on a boundary gets exactly one tier. Comparisons are
// exact: 4.9999% is below 5%.
//
// The built-ins turn seed 004's words into bounds by three rules, and each
// one's Spec().Note states how they applied:
//   - A bound the seed states strictly ("inférieur à 700 $", "en moins de 2
//     heures", "dépassant 5 000 $") is exclusive; the ends of a range
//     ("de 10% à 15%") and an "or more" ("30% ou plus") are inclusive.
//   - An endpoint two of the seed's ranges share (CAC "1 000 $ à 1 500 $" and
//     "700 $ à 1 000 $") goes to the better tier: reaching a better range
//     earns it, as reaching "30% or more" does.
//   - A stretch the seed does not name is rated by its place: between the
//     typical range and the exceptional level it is AboveAverage; beyond the
//     typical range on the worse side it is BelowTypical.
//
// # Built-in benchmarks
//
// Seed 004 gives figures for seven metrics. Builtins lists them and Lookup
// finds one by metric ID and segment. Money is in USD; a region left empty is
// one the seed does not name.
//
//	metric ID                   segment                      below typical   typical            above average        exceptional
//	mrr_growth_rate             SaaS, United States          below 18%       18% to 20%         above 20%, below 30% 30% or more
//	cac                         SaaS, United States          above 1500      above 1000 to 1500 700 to 1000          below 700
//	cac                         e-commerce                   above 30        above 10 to 30     5 to 10              below 5
//	cltv                        software, United States      below 500       500 to below 2500  2500 to 5000         above 5000
//	churn_rate                  CRM software, United States  above 15%       10% to 15%         5% to below 10%      below 5%
//	lead_conversion_rate        all industries               below 2%        2% to 5%           above 5%, below 10%  10% or more
//	nps                         all industries               -               below 50           -                    50 or more
//	nps                         CRM software                 below 30        30 to 40           above 40, below 50   50 or more
//	avg_ticket_resolution_time  CRM software, United States  above 8h        4h to 8h           2h to below 4h       below 2h
//
// CAC, churn rate and resolution time are better when lower, the others when
// higher; the direction of each built-in is that of the metric's descriptor
// in package crm or sales. The general NPS figure names one level only
// ("50 ou plus est considéré comme excellent"): below 50 it is Typical,
// meaning no more than "not excellent". NPS answer categories (detractor,
// passive, promoter) are package crm's, not this package's.
//
// # Your own benchmarks
//
// New builds a benchmark from a Spec: your industry's figures, or last year's
// quarters as the band to beat. It validates the spec and names the first
// problem in its error: bands listed from worst to best, none empty or
// overlapping, no gap between them, and improving in the metric's direction.
//
// # Error handling
//
// No function in this package panics on its input, except MustNew, which is
// meant for package-level tables. Every error is a *metrics.Error naming the
// function and the field, and unwraps to one sentinel:
//   - metrics.ErrMismatch: a value or a bound of another unit or currency
//     than the benchmark.
//   - metrics.ErrInconsistent: bands out of order, overlapping, leaving a
//     gap or improving against the metric's direction.
//   - metrics.ErrInvalid: an empty name, an unknown unit, direction or tier,
//     the zero Value or Benchmark.
//   - metrics.ErrEmpty: a spec without bands.
package benchmark
