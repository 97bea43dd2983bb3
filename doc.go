// Package kpikit is the root of the kpikit module: exact, documented CRM and
// sales metrics for Go services. It holds no code; the library is in its
// packages:
//
//   - [github.com/kpikit/kpikit/metrics]: the shared vocabulary — Percent,
//     the sentinel errors and the structured Error, Descriptor, Scale, and exact
//     aggregation helpers.
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
// Start with the README's main example: go run ./examples/report.
package kpikit
