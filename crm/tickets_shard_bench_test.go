package crm_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

func benchmarkShardMergeTickets(b *testing.B) {
	const shards, perShard = 1000, 1000
	tickets := benchTickets(shards * perShard)
	p := metrics.Year(2024, nil)
	read := func(s *crm.TicketStats) []any {
		res, err1 := s.ResolutionTime()
		resp, err2 := s.FirstResponseTime()
		rate, err3 := s.SupportResponseRate()
		perDay, err4 := s.CasesClosedPerDay()
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				b.Fatal(err)
			}
		}
		return []any{s.Counts(), res, resp, rate.String(), perDay.String()}
	}
	var onePass, sharded []any
	b.Run("impl=one-pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := crm.TicketStats{Period: p}
			for _, t := range tickets {
				if err := s.Add(t); err != nil {
					b.Fatal(err)
				}
			}
			onePass = read(&s)
		}
	})
	b.Run("impl=shards", func(b *testing.B) {
		b.ReportAllocs()
		blobs := make([][]byte, shards)
		for b.Loop() {
			for i := range shards {
				s := crm.TicketStats{Period: p}
				for _, t := range tickets[i*perShard : (i+1)*perShard] {
					if err := s.Add(t); err != nil {
						b.Fatal(err)
					}
				}
				var err error
				if blobs[i], err = s.MarshalBinary(); err != nil {
					b.Fatal(err)
				}
			}
			total := crm.TicketStats{Period: p}
			for _, blob := range blobs {
				var s crm.TicketStats
				if err := s.UnmarshalBinary(blob); err != nil {
					b.Fatal(err)
				}
				if err := total.Merge(&s); err != nil {
					b.Fatal(err)
				}
			}
			sharded = read(&total)
		}
	})
	if onePass != nil && sharded != nil {
		if diff := cmp.Diff(onePass, sharded); diff != "" {
			b.Fatalf("(-one pass +shards):\n%s", diff)
		}
	}
}
