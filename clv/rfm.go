package clv

// PROVISIONAL copy of the data helper's type (contract), to compile against;
// deleted before the final commit.

// RFM is one customer's purchase history summarised in a time unit.
type RFM struct {
	Frequency int     // x: repeat purchases (purchase days after the first)
	Recency   float64 // t_x: time of the last purchase, measured from the first, in the unit
	Age       float64 // T: time from the first purchase to the end of calibration, in the unit
	MeanValue float64 // mean value of the repeat purchases (0 when Frequency is 0)
}
