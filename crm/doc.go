// Package crm computes customer-relationship metrics: revenue growth and
// retention, acquisition cost and lifetime value, churn, survey scores (NPS,
// CSAT, CES), support performance, engagement and CRM adoption.
//
// Every metric is a pure function over a typed input struct, documented with
// its formula, its unit and the errors it returns; see package metrics for the
// Percent type, the numeric policy and the error model. Descriptors lists a
// descriptor for every metric.
package crm
