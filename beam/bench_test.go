package kpibeam_test

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func init() {
	register.DoFn2x0[int, func(int)](&genScores{})
	register.Emitter1[int]()
	register.DoFn1x0[*crm.NPSTally](&keepNPS{})
	register.DoFn2x0[int, func(crm.Subscription)](&genSubscriptions{})
	register.Emitter1[crm.Subscription]()
	register.DoFn2x0[metrics.Period, crm.SubscriptionMovements](&keepMovements{})
}

// subscriptionAt is the i-th generated subscription of customers (five
// subscriptions each on average when customers is a fifth of the records), in EUR, monthly to yearly, starting over
// 2024 and 2025, two in three ended.
func subscriptionAt(i, customers int) crm.Subscription {
	h := uint64(i) * 0x9E3779B97F4A7C15
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(h>>20%(730*24)) * time.Hour)
	s := crm.Subscription{
		CustomerID: "C" + strconv.Itoa(int(h>>8%uint64(max(1, customers)))),
		Amount:     decimal.New(int64(900+h>>30%99_100), -2),
		Interval:   crm.BillingInterval(1 + h>>40%4),
		Start:      start,
		Currency:   "EUR",
	}
	if h>>50%3 != 0 {
		s.End = start.Add(time.Duration(24+h>>12%(500*24)) * time.Hour)
	}
	return s
}

// genSubscriptions emits the subscriptions of one shard of N records.
type genSubscriptions struct{ N, Customers int }

// ProcessElement emits the subscriptions with indices shard,
// shard+benchShards, ...
func (g *genSubscriptions) ProcessElement(shard int, emit func(crm.Subscription)) {
	for i := shard; i < g.N; i += benchShards {
		emit(subscriptionAt(i, g.Customers))
	}
}

// months2025 are the twelve months of 2025.
func months2025() []metrics.Period {
	var ps []metrics.Period
	for m := time.January; m <= time.December; m++ {
		ps = append(ps, metrics.Month(2025, m, time.UTC))
	}
	return ps
}

// keepMovements stores the movements the pipeline computed, under Name and
// the period.
type keepMovements struct{ Name string }

// ProcessElement stores one period's movements.
func (k *keepMovements) ProcessElement(p metrics.Period, m crm.SubscriptionMovements) {
	results.Store(k.Name+" "+p.String(), movementsText(m))
}

// libraryMovements is the movements of each month of 2025 of the first n
// generated subscriptions, from one ledger in one process.
func libraryMovements(b *testing.B, n int) []string {
	l := crm.MRRLedger{Currency: "EUR"}
	for i := range n {
		if err := l.Add(subscriptionAt(i, n/5)); err != nil {
			b.Fatal(err)
		}
	}
	var out []string
	for _, p := range months2025() {
		m, err := l.Movements(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, movementsText(m))
	}
	return out
}

// benchShards is how many generator elements a benchmark pipeline starts
// from, so that the runner can split the records into bundles.
const benchShards = 16

// scoreAt is the i-th generated NPS answer, 0–10.
func scoreAt(i int) int { return int(uint64(i)*2654435761>>7) % 11 }

// genScores emits the scores of one shard of N records.
type genScores struct{ N int }

// ProcessElement emits the scores with indices shard, shard+benchShards, ...
func (g *genScores) ProcessElement(shard int, emit func(int)) {
	for i := shard; i < g.N; i += benchShards {
		emit(scoreAt(i))
	}
}

// results holds what a benchmark pipeline read, by name; prism runs the
// DoFns in this process (loopback).
var results sync.Map

// keepNPS stores the NPS the pipeline computed under Name.
type keepNPS struct{ Name string }

// ProcessElement stores t's NPS.
func (k *keepNPS) ProcessElement(t *crm.NPSTally) {
	n, err := t.NPS()
	results.Store(k.Name, fmt.Sprint(n, err))
}

// BenchmarkPipeline measures a metric over generated records on the
// in-process prism runner (impl=prism: generate, combine with the package's
// combiner, read the metric) beside the library in one process
// (impl=library: generate, Add, read), so that the ratio is the overhead of
// a local Beam pipeline. Both check their result against each other.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("metric=nps/records=%d", n), func(b *testing.B) {
			want := libraryNPS(b, n)
			b.Run("impl=library", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if got := libraryNPS(b, n); got != want {
						b.Fatalf("library %v, then %v", want, got)
					}
				}
			})
			b.Run("impl=prism", func(b *testing.B) {
				b.ReportAllocs()
				name := b.Name()
				for b.Loop() {
					results.Delete(name)
					p, s := beam.NewPipelineWithRoot()
					shards := make([]int, benchShards)
					for i := range shards {
						shards[i] = i
					}
					scores := beam.ParDo(s, &genScores{N: n}, beam.CreateList(s, shards))
					tally, err := kpibeam.Globally(s, kpibeam.NPS{}, scores)
					if err != nil {
						b.Fatal(err)
					}
					beam.ParDo0(s, &keepNPS{Name: name}, tally)
					if err := run(p); err != nil {
						b.Fatal(err)
					}
				}
				if got, _ := results.Load(name); got != want {
					b.Fatalf("prism %v, library %v", got, want)
				}
			})
		})
	}
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("metric=mrr_movements/records=%d", n), func(b *testing.B) {
			want := libraryMovements(b, n)
			b.Run("impl=library", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if got := libraryMovements(b, n); !slices.Equal(got, want) {
						b.Fatalf("library %v, then %v", want, got)
					}
				}
			})
			b.Run("impl=prism", func(b *testing.B) {
				b.ReportAllocs()
				name := b.Name()
				for b.Loop() {
					p, s := beam.NewPipelineWithRoot()
					shards := make([]int, benchShards)
					for i := range shards {
						shards[i] = i
					}
					subs := beam.ParDo(s, &genSubscriptions{N: n, Customers: n / 5}, beam.CreateList(s, shards))
					out, err := kpibeam.MRRMovements(s, kpibeam.MRR{Currency: "EUR"}, subs, months2025()...)
					if err != nil {
						b.Fatal(err)
					}
					beam.ParDo0(s, &keepMovements{Name: name}, out)
					if err := run(p); err != nil {
						b.Fatal(err)
					}
				}
				for i, p := range months2025() {
					if got, _ := results.Load(name + " " + p.String()); got != want[i] {
						b.Fatalf("%v: prism %v, library %v", p, got, want[i])
					}
				}
			})
		})
	}
}

// libraryNPS is the NPS of the first n generated scores, in one process.
func libraryNPS(b *testing.B, n int) string {
	var t crm.NPSTally
	for i := range n {
		if err := t.Add(scoreAt(i)); err != nil {
			b.Fatal(err)
		}
	}
	v, err := t.NPS()
	return fmt.Sprint(v, err)
}
