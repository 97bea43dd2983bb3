package crm_test

import (
	"testing"

	"github.com/kpikit/kpikit/crm"
)

// benchmarkShardMergeSubscriptions runs BenchmarkShardMerge/records=subscriptions: it measures the accumulator
// contract at 1,000,000 subscriptions: impl=shards fills 1,000 ledgers of
// 1,000 records each (the records in the order of benchSubscriptions, so a
// customer's subscriptions, started at different times, sit in different
// shards), serialises each with MarshalBinary, reads each back with
// UnmarshalBinary, merges them into one and reads the month's movements;
// impl=one-pass fills one ledger with the same records and reads the same
// month. Both give the same movements (checked before timing).
func benchmarkShardMergeSubscriptions(b *testing.B) {
	const shards, per = 1000, 1000
	subs := benchSubscriptions(shards * per)
	want, err := benchOnePass(subs)
	if err != nil {
		b.Fatal(err)
	}
	if got, err := benchShards(subs, shards, per); err != nil || got != want.MRR.EndMRR().String() {
		b.Fatalf("shards give %s (%v), one pass %s", got, err, want.MRR.EndMRR().String())
	}
	b.Run("impl=shards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := benchShards(subs, shards, per); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=one-pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := benchOnePass(subs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchShards fills shards ledgers of per records each, serialises and
// deserialises each, merges them, and returns the end MRR of the month.
func benchShards(subs []crm.Subscription, shards, per int) (string, error) {
	var all crm.MRRLedger
	for i := range shards {
		var l crm.MRRLedger
		for _, s := range subs[i*per : (i+1)*per] {
			if err := l.Add(s); err != nil {
				return "", err
			}
		}
		data, err := l.MarshalBinary()
		if err != nil {
			return "", err
		}
		var back crm.MRRLedger
		if err := back.UnmarshalBinary(data); err != nil {
			return "", err
		}
		if err := all.Merge(&back); err != nil {
			return "", err
		}
	}
	m, err := all.Movements(benchPeriod)
	return m.MRR.EndMRR().String(), err
}
