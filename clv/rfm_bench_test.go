package clv

import (
	"fmt"
	"math/rand/v2"
	"os"
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
// of the calibration year and then on random days of the window after it
// (perCustomer transactions on average), amounts from a table of 1,000
// prices, all transactions in a shuffled order.
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

func newBenchData(nTx, perCustomer int) *benchData {
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
		n := 1 + r.IntN(2*perCustomer-1) // perCustomer on average
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

// BenchmarkSummaries builds the RFM summaries of simulated transactions
// (in random order) per operation. Besides time and allocations per build
// it reports the heap the finished accumulator retains, per customer and
// per transaction. The tiers show that memory follows customers, not
// transactions:
//
//   - tx=100000/per=10: 10,000 customers of 10 transactions each;
//
//   - tx=1000000/per=100: the same number of customers with ten times the
//     transactions: the retained heap stays the same;
//
//   - tx=1000000/per=10: ten times the customers: the retained heap per
//     customer stays the same;
//
//   - tx=10000000/per=10: 10 million transactions of a million customers.
//     This tier needs a minute or more on a loaded 2-core machine, so it
//     runs only with KPIKIT_BENCH_10M=1 in the environment (CI runs every
//     benchmark once and skips it):
//
//     KPIKIT_BENCH_10M=1 go test ./clv -run '^$' -bench BenchmarkSummaries -benchtime 1x
//
// The simulated transactions themselves (8 bytes each plus the table of
// IDs) are built before the timer and are not counted.
func BenchmarkSummaries(b *testing.B) {
	tiers := [][2]int{{100_000, 10}, {1_000_000, 100}, {1_000_000, 10}}
	if os.Getenv("KPIKIT_BENCH_10M") == "1" {
		tiers = append(tiers, [2]int{10_000_000, 10})
	}
	for _, tier := range tiers {
		n := tier[0]
		b.Run(fmt.Sprintf("impl=kpikit/tx=%d/per=%d", n, tier[1]), func(b *testing.B) {
			d := newBenchData(n, tier[1])
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
