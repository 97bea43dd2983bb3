// Package clv predicts customer lifetime value with "buy-till-you-die"
// models: probabilistic models of how often a customer buys while active
// and when the customer silently stops, fitted by maximum likelihood to
// each customer's purchase history summarised as an [RFM] record.
//
// # From transactions to a lifetime value
//
//  1. Summarise transactions: a [Summaries] accumulator takes [Transaction]
//     records (Add, Merge across shards, MarshalBinary between processes)
//     and returns one [RFM] per customer for a calibration period
//     ([Summaries.RFM], [Summaries.Customers] with the holdout counts), in a
//     [TimeUnit] (Week, Day or Month).
//  2. Fit a purchase model: [FitBGNBD], [FitMBGNBD] or [FitParetoNBD] on the
//     summaries.
//  3. Fit the spend model: [FitGammaGamma] on the repeat buyers, and read a
//     customer's expected spend per transaction with
//     [GammaGamma.ExpectedSpend].
//  4. Predict: [BGNBD.ProbabilityAlive], [BGNBD.ConditionalExpectedPurchases]
//     and [BGNBD.LifetimeValue] with a [Valuation] (the same methods exist on
//     [MBGNBD] and [ParetoNBD]).
//
// # Models
//
//   - BG/NBD ([BGNBD], [FitBGNBD]): Fader, Hardie & Lee (2005), "Counting Your
//     Customers the Easy Way: An Alternative to the Pareto/NBD Model",
//     Marketing Science 24(2). Predictions: [BGNBD.ExpectedPurchases],
//     [BGNBD.ConditionalExpectedPurchases], [BGNBD.ProbabilityAlive],
//     [BGNBD.ProbabilityOfPurchases], [BGNBD.LifetimeValue],
//     [BGNBD.LogLikelihoodOf].
//   - MBG/NBD ([MBGNBD], [FitMBGNBD]): Batislam, Denizel & Filiztekin (2007),
//     "Empirical validation and comparison of models for customer base
//     analysis", International Journal of Research in Marketing 24(3):
//     BG/NBD where a customer may also drop out right after the first
//     purchase. Predictions: [MBGNBD.ExpectedPurchases],
//     [MBGNBD.ConditionalExpectedPurchases], [MBGNBD.ProbabilityAlive],
//     [MBGNBD.LifetimeValue], [MBGNBD.LogLikelihoodOf].
//   - Pareto/NBD ([ParetoNBD], [FitParetoNBD]): Schmittlein, Morrison &
//     Colombo (1987), "Counting Your Customers: Who Are They and What Will They
//     Do Next?", Management Science 33(1), with the likelihood of Fader &
//     Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
//     Expressions". Predictions: [ParetoNBD.ExpectedPurchases],
//     [ParetoNBD.ConditionalExpectedPurchases], [ParetoNBD.ProbabilityAlive],
//     [ParetoNBD.ProbabilityOfPurchases], [ParetoNBD.LifetimeValue],
//     [ParetoNBD.LogLikelihoodOf].
//   - Gamma-Gamma spend ([GammaGamma], [FitGammaGamma]): Fader, Hardie & Lee
//     (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
//     Analysis", Journal of Marketing Research 42(4). [GammaGamma.MeanSpend],
//     [GammaGamma.ExpectedSpend], [GammaGamma.LogLikelihoodOf].
//   - BG/BB, discrete-time purchases at fixed opportunities ([BGBB],
//     [FitBGBB] on [BGBBHistory] records): Fader, Hardie & Shang (2010),
//     "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
//     Marketing Science 29(6). [BGBB.ProbabilityAlive],
//     [BGBB.ConditionalExpectedPurchases], [BGBB.ExpectedPurchases],
//     [BGBB.LogLikelihoodOf].
//   - Shifted-beta-geometric contractual retention ([SBG], [FitSBG] on the
//     survivors of a cohort): Fader & Hardie (2007), "How to Project
//     Customer Retention", Journal of Interactive Marketing 21(1).
//     [SBG.Survival], [SBG.Retention], [SBG.ChurnProbability],
//     [SBG.ProjectSurvivors], [SBG.DERL] (discounted expected residual
//     lifetime), [SBG.LogLikelihoodOf].
//
// Every fit returns the parameters with a [FitInfo] (log-likelihood,
// standard errors, iterations) and takes [FitOptions] (an L2 penalty, an
// iteration limit). Identical histories are collapsed into weighted rows
// before a fit, so a million customers summarised by day cost a few hundred
// thousand distinct rows.
//
// # Time units
//
// A model has no time unit of its own: it takes the unit of the [RFM]
// records it was fitted to (days, weeks), and every time a prediction takes
// or returns (a horizon t, the rate parameters α and β) is in that unit.
// Fits rescale the times internally so that the largest age lies in 1..10
// and map the rate parameters back, so the unit does not change the
// estimates.
//
// # Discounting
//
// A lifetime value over H periods discounts each period's expected
// purchases at the period's end:
//
//	value = Σ_{k=1..H} m × (E[Y(k·L)] − E[Y((k−1)·L)]) / (1 + d)^k
//
// with m the expected value of one transaction ([Valuation.Spend]), d the
// discount rate per period ([Valuation.DiscountRate], a metrics.Percent), L
// the length of a period in the model's time unit ([Valuation.PeriodLength])
// and E[Y(t)] the expected purchases in (0, t] after the end of the
// customer's history. With d = 0 the sum telescopes to m × E[Y(H·L)].
//
// # Errors
//
// Every function returns a *metrics.Error that unwraps to a metrics sentinel
// for bad input: a negative Frequency, Recency or Age (metrics.ErrNegative),
// a Recency above the Age or a positive Recency with Frequency 0
// (metrics.ErrInconsistent), NaN or infinite times (metrics.ErrInvalid), no
// customers (metrics.ErrUndefined), a parameter that is not positive and finite
// (metrics.ErrOutOfRange), a prediction the special functions cannot
// evaluate at the given parameters (metrics.ErrUndefined). A fit that does
// not converge returns a *[ConvergenceError] (which unwraps to
// metrics.ErrNotConverged) naming the [ConvergenceReason]: never a silently
// wrong parameter set. No result is NaN or infinite.
package clv
