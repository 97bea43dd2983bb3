package kpibeam_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
)

func init() {
	register.DoFn2x0[int, func(int)](&genScores{})
	register.Emitter1[int]()
	register.DoFn1x0[*crm.NPSTally](&keepNPS{})
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
