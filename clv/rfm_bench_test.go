package clv

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// benchTx is a compact simulated transaction: indexes into the tables of
// benchData, so 10 million of them fit in 80 MB.
type benchTx struct {
	cust uint32
	day  uint16
	amt  uint16
}

// benchData is a simulated store: a two-year window (one year of
// calibration, one of holdout), customers who first buy on a uniform day
// of the calibration year and then on about nine more random days of the
// window after it, amounts from a table of 1,000 prices, all transactions
// in a shuffled order.
type benchData struct {
	ids     []string
	days    []time.Time
	amounts []decimal.Decimal
	txs     []benchTx
}

const benchCalDays, benchDays = 365, 730

func benchSettings() Summaries {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	return Summaries{
		Unit:        Week,
		Calibration: metrics.Period{Start: start, End: start.AddDate(0, 0, benchCalDays)},
		Holdout:     metrics.Period{Start: start.AddDate(0, 0, benchCalDays), End: start.AddDate(0, 0, benchDays)},
	}
}

func newBenchData(nTx int) *benchData {
	r := rand.New(rand.NewPCG(7, uint64(nTx)))
	d := &benchData{}
	start := benchSettings().Calibration.Start
	for i := range benchDays {
		d.days = append(d.days, start.AddDate(0, 0, i).Add(13*time.Hour))
	}
	for i := range 1000 {
		d.amounts = append(d.amounts, decimal.New(int64(499+i*37), -2))
	}
	d.txs = make([]benchTx, 0, nTx)
	for len(d.txs) < nTx {
		c := uint32(len(d.ids))
		d.ids = append(d.ids, fmt.Sprintf("customer-%08d", c))
		first := r.IntN(benchCalDays)
		n := 1 + r.IntN(19) // 10 transactions per customer on average
		for k := 0; k < n && len(d.txs) < nTx; k++ {
			day := first
			if k > 0 {
				day = first + r.IntN(benchDays-first)
			}
			d.txs = append(d.txs, benchTx{cust: c, day: uint16(day), amt: uint16(r.IntN(len(d.amounts)))})
		}
	}
	r.Shuffle(len(d.txs), func(i, j int) { d.txs[i], d.txs[j] = d.txs[j], d.txs[i] })
	return d
}

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkSummaries builds the RFM summaries of 100,000 and 10 million
// transactions (about 10 per customer, in random order). Besides time and
// allocations per build it reports the heap the finished accumulator
// retains, in bytes per customer and per transaction: the per-customer
// figure stays flat from one tier to the next while the per-transaction
// figure falls, as memory follows customers, not transactions. The
// simulated transactions themselves (8 bytes each plus the ID table) are
// built before the timer and are not counted.
func BenchmarkSummaries(b *testing.B) {
	for _, n := range []int{100_000, 10_000_000} {
		b.Run(fmt.Sprintf("impl=kpikit/tx=%d", n), func(b *testing.B) {
			d := newBenchData(n)
			base := heapInUse()
			b.ReportAllocs()
			b.ResetTimer()
			var s Summaries
			for range b.N {
				s = benchSettings()
				for _, tx := range d.txs {
					if err := s.Add(Transaction{Customer: d.ids[tx.cust], Time: d.days[tx.day], Amount: d.amounts[tx.amt]}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			retained := float64(heapInUse() - base)
			customers := len(s.Customers())
			runtime.KeepAlive(&s)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/tx")
			b.ReportMetric(retained/float64(len(d.ids)), "retained-B/customer")
			b.ReportMetric(retained/float64(n), "retained-B/tx")
			b.ReportMetric(float64(customers), "customers")
		})
	}
}
