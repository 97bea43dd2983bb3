package clv

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// This file holds what the buy-till-you-die models share: the checks of
// their inputs, the collapse of customers into weighted rows, the parallel
// sum of a likelihood over rows and the discounted lifetime value.

// row is a set of customers with the same history (x, t_x, T), counted by
// w; itx and it index t_x and T in their histories' tables.
type row struct {
	x       int
	tx, t   float64
	w       float64
	itx, it int32
}

// histories are customers collapsed into weighted rows, sorted by (x, t_x,
// T) so that every sum over them is done in one order, with the tables of
// their distinct recencies and ages: a likelihood computes ln(α + t) once
// per distinct time, not once per row (at day resolution there are at most
// a few thousand distinct times however many customers).
type histories struct {
	rows    []row
	txs, ts []float64
	maxT    float64
}

// checkRFM checks one customer's history. field is the prefix of the field
// names ("Customers." for a slice, "" for a lone customer) and index its
// position, −1 for a lone customer.
func checkRFM(metric, field string, index int, c RFM) error {
	mk := func(name string, v any, sentinel error, detail string) error {
		if index < 0 {
			return check.Err(metric, name, v, sentinel, detail)
		}
		return check.ErrAt(metric, field+name, index, v, sentinel, detail)
	}
	switch {
	case c.Frequency < 0:
		return mk("Frequency", c.Frequency, metrics.ErrNegative, "is negative")
	case math.IsNaN(c.Recency) || math.IsInf(c.Recency, 0):
		return mk("Recency", c.Recency, metrics.ErrInvalid, "is not finite")
	case math.IsNaN(c.Age) || math.IsInf(c.Age, 0):
		return mk("Age", c.Age, metrics.ErrInvalid, "is not finite")
	case c.Recency < 0:
		return mk("Recency", c.Recency, metrics.ErrNegative, "is negative")
	case c.Age < 0:
		return mk("Age", c.Age, metrics.ErrNegative, "is negative")
	case c.Recency > c.Age:
		return mk("Recency", c.Recency, metrics.ErrInconsistent, "exceeds Age "+check.Text(c.Age))
	case c.Frequency == 0 && c.Recency > 0:
		return mk("Recency", c.Recency, metrics.ErrInconsistent, "is positive with Frequency 0")
	}
	return nil
}

// collapse checks the customers and returns their distinct histories.
func collapse(metric string, customers []RFM) (*histories, error) {
	if len(customers) == 0 {
		return nil, check.Err(metric, "Customers", nil, metrics.ErrUndefined, "is empty")
	}
	type key struct {
		x     int
		tx, t float64
	}
	counts := make(map[key]int, min(len(customers), 1<<16))
	maxT := 0.0
	for i, c := range customers {
		if err := checkRFM(metric, "Customers.", i, c); err != nil {
			return nil, err
		}
		// +0 turns a negative zero into zero, so both are one key.
		counts[key{c.Frequency, c.Recency + 0, c.Age + 0}]++
		maxT = max(maxT, c.Age)
	}
	rows := make([]row, 0, len(counts))
	for k, n := range counts {
		rows = append(rows, row{x: k.x, tx: k.tx, t: k.t, w: float64(n)})
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.tx, b.tx), cmp.Compare(a.t, b.t))
	})
	h := &histories{rows: rows, maxT: maxT}
	index := func(table *[]float64, seen map[float64]int32, v float64) int32 {
		i, ok := seen[v]
		if !ok {
			i = int32(len(*table))
			*table = append(*table, v)
			seen[v] = i
		}
		return i
	}
	txSeen, tSeen := map[float64]int32{}, map[float64]int32{}
	for i := range rows {
		rows[i].itx = index(&h.txs, txSeen, rows[i].tx)
		rows[i].it = index(&h.ts, tSeen, rows[i].t)
	}
	return h, nil
}

// timeScale returns the factor s by which a fit divides the times so that
// the largest age lies in 1..10 (s = 1 when it already does): the
// optimiser then starts from rate parameters of order 1 whatever the time
// unit. Rate parameters fitted on the scaled times are multiplied by s.
func timeScale(maxT float64) float64 {
	if maxT >= 1 && maxT <= 10 || maxT == 0 {
		return 1
	}
	return maxT / 10
}

// scaled returns the histories with their times divided by s.
func (h *histories) scaled(s float64) *histories {
	out := &histories{rows: make([]row, len(h.rows)), txs: make([]float64, len(h.txs)), ts: make([]float64, len(h.ts)), maxT: h.maxT / s}
	for i, r := range h.rows {
		r.tx /= s
		r.t /= s
		out.rows[i] = r
	}
	for i, v := range h.txs {
		out.txs[i] = v / s
	}
	for i, v := range h.ts {
		out.ts[i] = v / s
	}
	return out
}

// warmRows is the number of distinct histories above which a fit first
// fits a systematic sample of them, to start the full fit near its optimum.
const warmRows = 20_000

// sample returns every k-th row, k = ⌈rows/n⌉, its weight multiplied by k
// (each row is drawn with probability 1/k, so the sample's likelihood
// estimates the full one without bias), sharing the time tables.
func (h *histories) sample(n int) *histories {
	k := (len(h.rows) + n - 1) / n
	out := &histories{txs: h.txs, ts: h.ts, maxT: h.maxT, rows: make([]row, 0, n)}
	for i := 0; i < len(h.rows); i += k {
		r := h.rows[i]
		r.w *= float64(k)
		out.rows = append(out.rows, r)
	}
	return out
}

// fitStart returns the log-parameters to start a fit from: zeros (every
// parameter 1 on the rescaled times), or, when there are more than
// 2 × warmRows distinct histories, the optimum of the same fit on a sample
// of warmRows of them (zeros again if that fails), so the full fit needs
// only a few iterations. It also returns the iterations spent.
func fitStart(metric string, h *histories, n int, nll func(*histories, []float64) float64, opts FitOptions) ([]float64, int) {
	start := make([]float64, n)
	if len(h.rows) <= 2*warmRows {
		return start, 0
	}
	sub := h.sample(warmRows)
	th, info, err := maximize(metric, func(th []float64) float64 { return nll(sub, th) }, start, opts)
	if err != nil {
		return start, 0
	}
	return th, info.Iterations
}

// logShifted returns ln(c + v) for every v of the table.
func logShifted(c float64, table []float64) []float64 {
	out := make([]float64, len(table))
	for i, v := range table {
		out[i] = math.Log(c + v)
	}
	return out
}

// chunkRows is the number of rows one goroutine sums. It is fixed, not
// derived from the number of CPUs, so a sum is the same on every machine.
const chunkRows = 1 << 14

// sumRows returns Σ over the rows' chunks of f(lo, hi), computing the chunks
// in parallel and adding them in order (so the result is deterministic).
func sumRows(n int, f func(lo, hi int) float64) float64 {
	if n <= chunkRows {
		return f(0, n)
	}
	chunks := (n + chunkRows - 1) / chunkRows
	parts := make([]float64, chunks)
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				parts[c] = f(c*chunkRows, min((c+1)*chunkRows, n))
			}
		}()
	}
	wg.Wait()
	total := 0.0
	for _, p := range parts {
		total += p
	}
	return total
}

// checkOptions checks a fit's options.
func checkOptions(metric string, opts FitOptions) error {
	switch {
	case math.IsNaN(opts.Penalty) || math.IsInf(opts.Penalty, 0):
		return check.Err(metric, "Penalty", opts.Penalty, metrics.ErrInvalid, "is not finite")
	case opts.Penalty < 0:
		return check.Err(metric, "Penalty", opts.Penalty, metrics.ErrNegative, "is negative")
	case opts.MaxIterations < 0:
		return check.Err(metric, "MaxIterations", opts.MaxIterations, metrics.ErrNegative, "is negative")
	}
	return nil
}

// checkParam reports ErrOutOfRange unless a model parameter is positive and
// finite.
func checkParam(metric, field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 1) {
		return check.Err(metric, field, v, metrics.ErrOutOfRange, "is not positive and finite")
	}
	return nil
}

// checkHorizon checks a prediction's horizon t.
func checkHorizon(metric string, t float64) error {
	switch {
	case math.IsNaN(t) || math.IsInf(t, 0):
		return check.Err(metric, "t", t, metrics.ErrInvalid, "is not finite")
	case t < 0:
		return check.Err(metric, "t", t, metrics.ErrNegative, "is negative")
	}
	return nil
}

// undefined is the error of a prediction that cannot be evaluated at these
// parameters (a special function that does not converge there); field
// names the model's parameters ("BGNBD").
func undefined(metric, field, detail string) error {
	return check.Err(metric, field, nil, metrics.ErrUndefined, detail)
}

// Valuation says how to turn expected purchases into a lifetime value.
type Valuation struct {
	// Spend is m, the expected value of one transaction (from a spend model
	// such as Gamma-Gamma, or an average); at least 0.
	Spend float64
	// DiscountRate is d, the discount rate per period (10 means 10% per
	// period); at least 0.
	DiscountRate metrics.Percent
	// Periods is H, the number of periods of the horizon; 1 to 100,000.
	Periods int
	// PeriodLength is L, the length of one period in the model's time unit
	// (52/12 for months with a model fitted in weeks); 0 means 1.
	PeriodLength float64
}

// maxPeriods bounds a valuation's horizon: each period costs a prediction.
const maxPeriods = 100_000

// lifetimeValue sums the discounted value of the expected purchases per
// period, cum(t) being the expected purchases in (0, t]:
//
//	value = Σ_{k=1..H} m × (cum(k·L) − cum((k−1)·L)) / (1 + d)^k
func lifetimeValue(metric, model string, v Valuation, cum func(t float64) (float64, error)) (float64, error) {
	switch {
	case math.IsNaN(v.Spend) || math.IsInf(v.Spend, 0):
		return 0, check.Err(metric, "Spend", v.Spend, metrics.ErrInvalid, "is not finite")
	case v.Spend < 0:
		return 0, check.Err(metric, "Spend", v.Spend, metrics.ErrNegative, "is negative")
	case v.DiscountRate.Sign() < 0:
		return 0, check.Err(metric, "DiscountRate", v.DiscountRate, metrics.ErrNegative, "is negative")
	case v.Periods < 1:
		return 0, check.Err(metric, "Periods", v.Periods, metrics.ErrOutOfRange, "is below 1")
	case v.Periods > maxPeriods:
		return 0, check.Err(metric, "Periods", v.Periods, metrics.ErrOutOfRange, "exceeds 100000")
	case math.IsNaN(v.PeriodLength) || math.IsInf(v.PeriodLength, 0):
		return 0, check.Err(metric, "PeriodLength", v.PeriodLength, metrics.ErrInvalid, "is not finite")
	case v.PeriodLength < 0:
		return 0, check.Err(metric, "PeriodLength", v.PeriodLength, metrics.ErrNegative, "is negative")
	}
	l := v.PeriodLength
	if l == 0 {
		l = 1
	}
	d := v.DiscountRate.Points().InexactFloat64() / 100
	total, prev, disc := 0.0, 0.0, 1.0
	for k := 1; k <= v.Periods; k++ {
		c, err := cum(float64(k) * l)
		if err != nil {
			return 0, err
		}
		disc /= 1 + d
		total += v.Spend * max(c-prev, 0) * disc
		prev = c
	}
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return 0, undefined(metric, model, "gives a value that is not finite")
	}
	return total, nil
}

// fitRFMModel is the fit of BG/NBD, MBG/NBD and Pareto/NBD: it collapses the
// customers into weighted rows, rescales time so that the largest T is of
// order one, maximises the log-likelihood ll over the four log-parameters,
// and maps the parameters at the indices in rates (those measured in the
// time unit: α, and β of Pareto/NBD) and their standard errors back to the
// data's unit. newModel builds a model from its four parameters in order.
func fitRFMModel[M any](metric string, customers []RFM, opts FitOptions, rates []int,
	newModel func(p [4]float64) M, ll func(*histories, M) float64) (M, FitInfo, error) {
	var zero M
	if err := checkOptions(metric, opts); err != nil {
		return zero, FitInfo{}, err
	}
	rows, err := collapse(metric, customers)
	if err != nil {
		return zero, FitInfo{}, err
	}
	s := timeScale(rows.maxT)
	scaled := rows.scaled(s)
	nll := func(h *histories, th []float64) float64 {
		return -ll(h, newModel([4]float64{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])}))
	}
	start, warm := fitStart(metric, scaled, 4, nll, opts)
	th, info, err := maximize(metric, func(th []float64) float64 { return nll(scaled, th) }, start, opts)
	if err != nil {
		if ce, ok := err.(*ConvergenceError); ok && len(ce.Params) == 4 {
			for _, i := range rates {
				ce.Params[i] *= s
			}
		}
		return zero, FitInfo{}, err
	}
	info.Iterations += warm
	var p [4]float64
	for i := range p {
		p[i] = math.Exp(th[i])
	}
	for _, i := range rates {
		p[i] *= s
		info.StdErrors[i] *= s
	}
	m := newModel(p)
	info.LogLikelihood = ll(rows, m)
	if math.IsNaN(info.LogLikelihood) || math.IsInf(info.LogLikelihood, 0) {
		return zero, FitInfo{}, &ConvergenceError{Model: metric, Reason: ReasonNonFinite, Iterations: info.Iterations, Params: p[:]}
	}
	return m, info, nil
}
