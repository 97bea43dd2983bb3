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
// int: each cycle is below 2⁶³ ns, so n of them sum below 2¹²⁶ (a decoded
// sum is checked to be below n·2⁶³ too).
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
	ID:       "sales_cycle_length",
	Name:     "Sales cycle length",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitDays,
	Better:   metrics.LowerIsBetter,
	Formula:  "Σ (Closed − Created) of won deals / won deals, in days",
}
