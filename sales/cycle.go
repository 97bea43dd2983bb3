package sales

import (
	"math/big"
	"math/bits"
	"time"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// nanosPerDay is the length of a day, 24 hours, in nanoseconds.
var nanosPerDay = decimal.NewFromInt(86_400_000_000_000)

// SalesCycleLength returns the mean number of days the deals won in the
// period took from creation to close:
//
//	sales cycle length = Σ (Closed − Created) of deals won in p / count of deals won in p / 24 h
//
// The result is a number of days as a decimal (1.5 is a day and a half), a
// day being 24 hours of elapsed time. The sum is exact to the nanosecond and
// the division exact when it terminates, otherwise rounded at metrics.Scale.
// Only won deals count, as the cycle measures how long a sale takes; a deal
// belongs to the period in which it was won.
//
// SalesCycleLength returns an error if:
//   - p.End is not after p.Start (metrics.ErrInvalid)
//   - a deal is invalid: see Deal (metrics.ErrInvalid, metrics.ErrNegative,
//     metrics.ErrInconsistent, metrics.ErrOutOfRange)
//   - no deal was won in the period (metrics.ErrUndefined)
func SalesCycleLength(deals []Deal, p Period) (decimal.Decimal, error) {
	const metric = "sales.SalesCycleLength"
	s, err := summarize(metric, deals, p)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return s.salesCycleLength(metric)
}

// cycleSum adds up the cycle times of won deals, exactly, in a 128-bit
// nanosecond count.
type cycleSum struct {
	hi, lo uint64 // Σ (Closed − Created) in nanoseconds, as hi·2⁶⁴ + lo
	n      int    // deals added
}

// add adds the cycle time of a valid closed deal, which checkDeal has
// proven non-negative.
func (c *cycleSum) add(cycle time.Duration) {
	var carry uint64
	c.lo, carry = bits.Add64(c.lo, uint64(cycle), 0)
	c.hi += carry
	c.n++
}

// merge adds the deals of o. The sum cannot overflow while the count fits an
// int: each cycle is below 2⁶³ ns, so n of them sum below 2¹²⁶.
func (c *cycleSum) merge(o *cycleSum) {
	var carry uint64
	c.lo, carry = bits.Add64(c.lo, o.lo, 0)
	c.hi, _ = bits.Add64(c.hi, o.hi, carry)
	c.n += o.n
}

// days returns the mean cycle in days, Σ / n / 24 h, for n > 0.
func (c *cycleSum) days() decimal.Decimal {
	return exact.Quo(c.nanos(), decimal.NewFromInt(int64(c.n)).Mul(nanosPerDay))
}

// nanos returns the sum in nanoseconds.
func (c *cycleSum) nanos() decimal.Decimal {
	s := new(big.Int).SetUint64(c.hi)
	s.Lsh(s, 64)
	s.Or(s, new(big.Int).SetUint64(c.lo))
	return decimal.NewFromBigInt(s, 0)
}

var salesCycleLengthDescriptor = metrics.Descriptor{
	ID:       SalesCycleLengthID,
	Name:     "Sales cycle length",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitDays,
	Better:   metrics.LowerIsBetter,
	Formula:  "Σ (Closed − Created) of won deals / won deals, in days",
}
