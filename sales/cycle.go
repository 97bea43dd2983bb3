package sales

import (
	"math/big"
	"math/bits"

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
	if err := checkDeals(metric, deals, p); err != nil {
		return decimal.Decimal{}, err
	}
	var c cycleSum
	for i := range deals {
		if d := &deals[i]; d.wonIn(p) {
			c.add(d)
		}
	}
	if c.n == 0 {
		return decimal.Decimal{}, errNoWonDeal(metric)
	}
	return exact.Quo(c.nanos(), decimal.NewFromInt(int64(c.n)).Mul(nanosPerDay)), nil
}

// cycleSum adds up the cycle times of won deals, exactly, in a 128-bit
// nanosecond count.
type cycleSum struct {
	hi, lo uint64 // Σ (Closed − Created) in nanoseconds, as hi·2⁶⁴ + lo
	n      int    // deals added
}

// add adds the cycle time of the valid closed deal d, which checkDeal has
// proven non-negative and within a time.Duration.
func (c *cycleSum) add(d *Deal) {
	var carry uint64
	c.lo, carry = bits.Add64(c.lo, uint64(d.Closed.Sub(d.Created)), 0)
	c.hi += carry
	c.n++
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
