package clv

// RFM is one customer's purchase history summarised in a time unit.
//
// It is the input of every model in this package: the buy-till-you-die
// models (BG/NBD, Pareto/NBD) read Frequency, Recency and Age; the
// Gamma-Gamma spend model reads Frequency and MeanValue. A [Summaries]
// accumulator builds one RFM per customer from raw transactions.
//
// The first purchase is not counted in Frequency: it starts the customer's
// clock. Recency and Age are measured from it, so 0 <= Recency <= Age, and
// Recency is 0 when Frequency is 0.
type RFM struct {
	Frequency int     // x: repeat purchases (purchase days after the first)
	Recency   float64 // t_x: time of the last purchase, measured from the first, in the unit
	Age       float64 // T: time from the first purchase to the end of calibration, in the unit
	MeanValue float64 // mean value of the repeat purchases (0 when Frequency is 0)
}
