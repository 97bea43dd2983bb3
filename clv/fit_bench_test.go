package clv

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// The benchmark fixtures: customers simulated at day resolution over three
// years (ages uniform in 1..1095 days), from the CDNOW estimates converted
// to days (α × 7, β × 7). They are built once per process, outside the
// timed loops, so -benchtime 1x stays cheap.
var (
	benchBGNBD  = BGNBD{R: 0.243, Alpha: 4.414 * 7, A: 0.793, B: 2.426}
	benchPareto = ParetoNBD{R: 0.553, Alpha: 10.578 * 7, S: 0.606, Beta: 11.669 * 7}

	fixtureMu sync.Mutex
	fixtures  = map[string][]RFM{}
)

func fixture(model string, n int) []RFM {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	key := fmt.Sprint(model, n)
	if data, ok := fixtures[key]; ok {
		return data
	}
	o := simOptions{N: n, MinAge: 1, MaxAge: 1095, Days: true, Seed: 2026}
	var data []RFM
	if model == "BGNBD" {
		data = simulateBGNBD(benchBGNBD, o)
	} else {
		data = simulateParetoNBD(benchPareto, o)
	}
	fixtures[key] = data
	return data
}

// benchSizes are the size tiers of a model: 10,000 customers always; with
// -short off also 1,000,000 for BG/NBD (a fit takes seconds), and 100,000
// for Pareto/NBD, whose likelihood needs 2F1 evaluations per distinct
// (x, t_x) and (x, T) and would take minutes at a million customers of
// day-resolution data.
func benchSizes(model string) []int {
	switch {
	case testing.Short():
		return []int{10_000}
	case model == "BGNBD":
		return []int{10_000, 1_000_000}
	default:
		return []int{10_000, 100_000}
	}
}

// countRows returns the number of distinct (x, t_x, T) histories.
func countRows(data []RFM) int {
	h, err := collapse("bench", data)
	if err != nil {
		panic(err)
	}
	return len(h.rows)
}

// BenchmarkFit fits each model to n simulated customers per operation and
// reports the distinct histories the fit works on (rows) and the bytes
// allocated per fit (MB/op, from runtime.MemStats.TotalAlloc).
func BenchmarkFit(b *testing.B) {
	for _, model := range []string{"BGNBD", "ParetoNBD"} {
		for _, n := range benchSizes(model) {
			b.Run(fmt.Sprintf("model=%s/n=%d", model, n), func(b *testing.B) {
				data := fixture(model, n)
				rows := countRows(data)
				b.ReportAllocs()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				b.ResetTimer()
				for range b.N {
					var err error
					if model == "BGNBD" {
						_, err = FitBGNBD(data, FitOptions{})
					} else {
						_, err = FitParetoNBD(data, FitOptions{})
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MB/op")
				b.ReportMetric(float64(rows), "rows")
			})
		}
	}
}

// uncollapsed returns the customers as histories of one row each, in
// their order, the baseline that collapsing identical histories improves
// on.
func uncollapsed(data []RFM) *histories {
	h := &histories{rows: make([]row, len(data))}
	for i, c := range data {
		h.rows[i] = row{x: c.Frequency, tx: c.Recency, t: c.Age, w: 1, itx: int32(len(h.txs)), it: int32(len(h.ts))}
		h.txs = append(h.txs, c.Recency)
		h.ts = append(h.ts, c.Age)
		h.maxT = max(h.maxT, c.Age)
	}
	return h
}

// BenchmarkLogLikelihood measures the cost of the log-likelihood of n
// customers, per customer:
//
//   - impl=kpikit: LogLikelihoodOf, the public path (checks, collapse into
//     weighted rows, one pass);
//   - impl=collapsed-pass: one pass over the collapsed rows, what each of
//     the optimiser's evaluations costs inside a fit;
//   - impl=uncollapsed-pass: one pass with a row per customer, the baseline
//     without collapsing.
func BenchmarkLogLikelihood(b *testing.B) {
	for _, model := range []string{"BGNBD", "ParetoNBD"} {
		for _, n := range benchSizes(model) {
			data := fixture(model, n)
			collapsed, err := collapse("bench", data)
			if err != nil {
				b.Fatal(err)
			}
			flat := uncollapsed(data)
			pass := func(h *histories) float64 {
				if model == "BGNBD" {
					return bgnbdLL(h, benchBGNBD)
				}
				return paretoLL(h, benchPareto)
			}
			impls := []struct {
				name string
				run  func() error
			}{
				{"kpikit", func() error {
					var err error
					if model == "BGNBD" {
						_, err = benchBGNBD.LogLikelihoodOf(data)
					} else {
						_, err = benchPareto.LogLikelihoodOf(data)
					}
					return err
				}},
				{"collapsed-pass", func() error { pass(collapsed); return nil }},
				{"uncollapsed-pass", func() error { pass(flat); return nil }},
			}
			for _, impl := range impls {
				b.Run(fmt.Sprintf("model=%s/n=%d/impl=%s", model, n, impl.name), func(b *testing.B) {
					b.ReportAllocs()
					for range b.N {
						if err := impl.run(); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/customer")
				})
			}
		}
	}
}
