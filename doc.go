// Package kpikit is the root of the kpikit module: exact, documented CRM and
// sales metrics for Go services. It holds no code; the library is in its
// packages:
//
//   - [github.com/kpikit/kpikit/metrics]: the shared vocabulary — Percent,
//     Period, the sentinel errors and the structured Error, Descriptor,
//     Scale, and the exact sum of decimals (Sum, and Total, its mergeable
//     accumulator).
//   - [github.com/kpikit/kpikit/crm]: customer-relationship metrics (MRR
//     growth, CAC, lifetime value, churn and retention, NPS, CSAT, CES,
//     support, engagement, CRM adoption).
//   - [github.com/kpikit/kpikit/sales]: sales-team metrics (leads and
//     conversion, revenue and deal size, win and close rates, quota, pipeline
//     coverage and velocity, campaign ROI) from counts or from deal and lead
//     records.
//   - [github.com/kpikit/kpikit/benchmark]: industry benchmark bands and the
//     classifier that rates a metric value against them.
//
// The rules every package follows are stated once, in package metrics:
//
//   - No records is not an error: counts and sums are zero. A quotient over
//     a zero denominator is [github.com/kpikit/kpikit/metrics.ErrUndefined],
//     whatever form the input takes, and a summary or accumulator reports an
//     undefined ratio as a method returning (value, error).
//   - Every error is a *metrics.Error that names the metric, the field and the
//     value, and unwraps to one sentinel.
//   - Exact numbers (decimal.Decimal, metrics.Percent) are JSON strings
//     ("12.5"); enumerations are snake_case text.
//   - Built with -tags kpikit_purego, the library imports no unsafe.
//
// Start with the README's main example: go run ./examples/report.
package kpikit
