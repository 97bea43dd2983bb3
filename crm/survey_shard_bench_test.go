package crm_test

import (
	"testing"

	"github.com/kpikit/kpikit/crm"
)

// benchmarkShardMergeSurveyAnswers runs BenchmarkShardMerge for survey
// answers: 0–10 NPS answers in an NPSTally, and 1–5 answers in an
// AnswerTally read as CSAT and CES.
func benchmarkShardMergeSurveyAnswers(b *testing.B) {
	const shards, perShard = 1000, 1000
	nps := make([]int, shards*perShard)
	csat := make([]int, shards*perShard)
	for i := range nps {
		nps[i] = (i * 7919) % 11
		csat[i] = 1 + (i*31)%5
	}
	scale := crm.SurveyScale{Min: 1, Max: 5}

	b.Run("tally=NPSTally/impl=one-pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var t crm.NPSTally
			if err := t.AddAll(nps); err != nil {
				b.Fatal(err)
			}
			if _, err := t.NPS(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tally=NPSTally/impl=shards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var all crm.NPSTally
			for s := range shards {
				var shard, back crm.NPSTally
				if err := shard.AddAll(nps[s*perShard : (s+1)*perShard]); err != nil {
					b.Fatal(err)
				}
				data, err := shard.MarshalBinary()
				if err != nil {
					b.Fatal(err)
				}
				if err := back.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
				if err := all.Merge(&back); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := all.NPS(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tally=AnswerTally/impl=one-pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t := crm.AnswerTally{Scale: scale}
			if err := t.AddAll(csat); err != nil {
				b.Fatal(err)
			}
			if _, err := t.CSAT(4); err != nil {
				b.Fatal(err)
			}
			if _, err := t.CES(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tally=AnswerTally/impl=shards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			all := crm.AnswerTally{Scale: scale}
			for s := range shards {
				shard := crm.AnswerTally{Scale: scale}
				if err := shard.AddAll(csat[s*perShard : (s+1)*perShard]); err != nil {
					b.Fatal(err)
				}
				data, err := shard.MarshalBinary()
				if err != nil {
					b.Fatal(err)
				}
				var back crm.AnswerTally
				if err := back.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
				if err := all.Merge(&back); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := all.CSAT(4); err != nil {
				b.Fatal(err)
			}
			if _, err := all.CES(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
