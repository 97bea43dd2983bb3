// Package kpikit beam offers kpikit's record accumulators as Apache Beam
// combiners.
package kpibeam
