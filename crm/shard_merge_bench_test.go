package crm_test

import "testing"

// BenchmarkShardMerge measures the accumulator contract a distributed engine
// relies on: 1,000 shards of 1,000 records each, each accumulated, serialised
// with MarshalBinary, deserialised with UnmarshalBinary and merged
// (impl=shards), against one pass over the same 1,000,000 records
// (impl=one-pass). Both read the metrics at the end. The target is shards at
// most 2× one pass.
func BenchmarkShardMerge(b *testing.B) {
	b.Run("records=survey-answers", benchmarkShardMergeSurveyAnswers)
	b.Run("records=tickets", benchmarkShardMergeTickets)
	b.Run("records=subscriptions", benchmarkShardMergeSubscriptions)
}
