// Package clv predicts customer lifetime value with "buy-till-you-die"
// models: probabilistic models of how often a customer buys while active
// and when the customer silently stops, fitted by maximum likelihood to
// each customer's purchase history summarised as an [RFM] record.
//
// # Models
//
//   - BG/NBD ([BGNBD], [FitBGNBD]): Fader, Hardie & Lee (2005), "Counting Your
//     Customers the Easy Way: An Alternative to the Pareto/NBD Model",
//     Marketing Science 24(2).
//   - Pareto/NBD ([ParetoNBD], [FitParetoNBD]): Schmittlein, Morrison &
//     Colombo (1987), "Counting Your Customers: Who Are They and What Will They
//     Do Next?", Management Science 33(1).
//
// # Time units
//
// A model has no time unit of its own: it takes the unit of the [RFM]
// records it was fitted to (days, weeks), and every time a prediction takes
// or returns (a horizon t, the rate parameters α and β) is in that unit.
//
// # Discounting
//
// A lifetime value over H periods discounts each period's expected
// purchases at the period's end:
//
//	value = Σ_{k=1..H} m × (E[X(k·L)] − E[X((k−1)·L)]) / (1 + d)^k
//
// with m the expected value of one transaction, d the discount rate per
// period, L the length of a period in the model's time unit and E[X(t)] the
// expected purchases in (0, t] after the end of the customer's history.
//
// # Errors
//
// Every function returns a *metrics.Error that unwraps to a metrics sentinel
// for bad input (a negative frequency, a recency above the age, no data), and
// a fit that does not converge returns a *[ConvergenceError] (which unwraps to
// metrics.ErrNotConverged) naming the [ConvergenceReason]: never a silently
// wrong parameter set. No result is NaN or infinite.
package clv
