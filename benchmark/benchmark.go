package benchmark

import (
	"slices"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Spec is the definition of a benchmark, which [New] validates: the metric
// it rates, the period its figures describe, the segment and source of its
// figures, and its bands from the worst tier to the best.
type Spec struct {
	// Metric describes the metric rated; New reads its ID (the descriptor ID,
	// "churn_rate"), its Unit (the kind of values rated) and its Better
	// direction (which way the bands must improve). Take it from the
	// metric's package (crm.Describe) so that the direction is the metric's.
	Metric metrics.Descriptor `json:"metric"`
	// Currency is the currency of a money benchmark ("USD"); values rated
	// must be money in this currency. It must be empty for other units.
	Currency string `json:"currency,omitempty"`
	// Per is the period the figures describe: Year for a churn rate per
	// year. Values rated must have the same basis ([Value.Per]). Zero, the
	// default, is for figures that do not depend on the period a value was
	// measured over: a level such as NPS, an amount per customer such as
	// CAC, a share such as a lead conversion rate; such a benchmark rates a
	// value of any basis, or none.
	Per Basis `json:"per,omitempty"`
	// PerNote says where Per comes from: the source's words that state the
	// period, or that the source states none, which reading the benchmark
	// takes and why. Optional.
	PerNote string `json:"per_note,omitempty"`
	// Segment is the population the figures describe.
	Segment Segment `json:"segment"`
	// Source is where the figures come from.
	Source Source `json:"source"`
	// Note explains how the source's figures became bands where the source
	// left a choice: unnamed stretches between its ranges, endpoints two
	// ranges share. Optional.
	Note string `json:"note,omitempty"`
	// Bands are the tiers' ranges, listed from the worst tier to the best
	// (each tier at most once, at least two bands), contiguous and without
	// overlap: together they cover every value exactly once.
	Bands []Band `json:"bands"`
}

// Benchmark rates values of one metric against the figures of one segment
// and source. Build one with [New] or take a built-in with [Lookup] or
// [Builtins]; the zero Benchmark rates nothing ([Benchmark.Classify] returns
// [metrics.ErrInvalid]).
// A Benchmark is immutable and safe for concurrent use.
type Benchmark struct {
	spec Spec
}

// New validates spec and returns the benchmark it defines. The bands must
// partition the values of the metric: the worst band reaches every value in
// the worse direction, the best band every value in the better direction, and
// each band starts where the previous one ends, with exactly one of the two
// bounds at the meeting value inclusive. For a metric where higher is better,
// the worst band has no Min and the best no Max; where lower is better, the
// reverse.
//
// New returns an error if:
//   - Metric.ID, Segment.Industry or Source.Name is empty
//     ([metrics.ErrInvalid])
//   - Metric.Unit is not a unit a benchmark rates (percent, money, duration
//     and the units [Number] takes) or Metric.Better is not a direction
//     ([metrics.ErrInvalid])
//   - Currency is empty for a money benchmark or set for another
//     ([metrics.ErrInvalid])
//   - Per is neither zero nor a [Basis] ([metrics.ErrInvalid])
//   - Bands is empty or holds one band only ([metrics.ErrInvalid])
//   - a band's Tier is not a tier, or a bound is a Value [Number] does not take
//     ([metrics.ErrInvalid])
//   - a bound is of another unit or currency than the benchmark, or has a
//     basis other than Per ([metrics.ErrMismatch])
//   - the tiers are not listed from worst to best, each once; a band's Min is
//     above its Max or its range is empty; bands overlap or leave a gap; the
//     worst or best band is bounded on its outer side, which is also how
//     bands that improve against the metric's direction show
//     ([metrics.ErrInconsistent])
func New(spec Spec) (Benchmark, error) {
	if err := validate("benchmark.New", spec); err != nil {
		return Benchmark{}, err
	}
	spec.Bands = slices.Clone(spec.Bands)
	for i := range spec.Bands { // a bound takes the spec's basis
		spec.Bands[i].Min.Value = spec.Bands[i].Min.Value.Per(0)
		spec.Bands[i].Max.Value = spec.Bands[i].Max.Value.Per(0)
	}
	return Benchmark{spec: spec}, nil
}

// MustNew is [New] for package-level tables: it panics if spec is invalid.
func MustNew(spec Spec) Benchmark {
	b, err := New(spec)
	if err != nil {
		panic(err)
	}
	return b
}

// Spec returns the definition the benchmark was built from. The Bands slice
// is a fresh copy the caller may modify; New(b.Spec()) rebuilds b. The
// bounds' values carry no basis: Spec.Per applies to them all. For a
// built-in, Metric holds only ID, Unit and Better: take the full descriptor
// from the metric's package (crm.Describe).
func (b Benchmark) Spec() Spec {
	s := b.spec
	s.Bands = slices.Clone(s.Bands)
	return s
}

// String names the benchmark, its period if it has one, its segment and its
// source: "churn_rate a year (CRM software, United States; <source>)",
// "cac (SaaS, United States; <source>)". The zero Benchmark is " (; )".
func (b Benchmark) String() string {
	return b.spec.Metric.ID + b.spec.Per.per() + " (" + b.spec.Segment.String() + "; " + b.spec.Source.String() + ")"
}

// Classify rates v against the benchmark: it returns the tier of the one band
// that holds v, with the band, the segment and the source that explain it:
//
//	Tier = Band.Tier of the band with Band.Min ≤ v ≤ Band.Max
//
// where ≤ is < at an exclusive bound and an unbounded end compares with
// nothing. The bands cover every value once, so there is always exactly one
// such band. Values compare exactly, without rounding: 4.9999% is below 5%,
// and a duration compares to the nanosecond.
//
// A benchmark whose figures describe a period (Spec.Per, such as the yearly
// churn rates of the built-in churn_rate benchmark) rates only values of the
// same basis: a month's churn rate, Percent(churn).Per(Month), is an error
// naming both periods, never a silent comparison with a yearly band. Convert
// it first to the rate of the benchmark's period with [Value.CompoundLoss] (a
// churn rate) or [Value.CompoundGrowth] (a growth rate), or measure it over
// the benchmark's period. A value with no basis is an error too, because
// kpikit cannot tell a month's churn from a year's; a benchmark without a
// basis rates values of any basis.
//
// Classify does not check that v is within the metric's own range (a churn
// rate within 0..100%, an NPS within −100..100): compute values with kpikit's
// metric functions, which do.
//
// Classify returns an error if:
//   - b is the zero Benchmark, or v is the zero Value or a Value [Number]
//     does not take, or v's basis is neither zero nor a [Basis]
//     ([metrics.ErrInvalid])
//   - v is of another unit than the benchmark, or money in another currency,
//     or v has another basis than the benchmark's, or none when the
//     benchmark has one ([metrics.ErrMismatch])
func (b Benchmark) Classify(v Value) (Rating, error) {
	const metric = "benchmark.Benchmark.Classify"
	s := b.spec
	switch {
	case len(s.Bands) == 0:
		return Rating{}, check.Err(metric, "Benchmark", nil, metrics.ErrInvalid,
			"is the zero value; build it with New or take a built-in")
	case !v.set:
		return Rating{}, check.Err(metric, "v", nil, metrics.ErrInvalid, "is the zero Value")
	case v.bad:
		return Rating{}, check.Err(metric, "v", v, metrics.ErrInvalid,
			"is a Number of unit "+v.unit.String()+", which Number does not take")
	case v.per != 0 && !v.per.valid():
		return Rating{}, check.Err(metric, "v", v, metrics.ErrInvalid, "has a basis that is not a Basis")
	case v.unit != s.Metric.Unit || v.currency != s.Currency:
		return Rating{}, check.Err(metric, "v", v, metrics.ErrMismatch,
			"is "+v.kind()+", but the "+s.Metric.ID+" benchmark rates "+specKind(s))
	case s.Per != 0 && v.per == 0:
		return Rating{}, check.Err(metric, "v", v, metrics.ErrMismatch,
			"has no basis, but the "+s.Metric.ID+" benchmark rates "+s.Per.adjective()+
				" values: say which period v was measured over with Value.Per")
	case s.Per != 0 && v.per != s.Per:
		return Rating{}, check.Err(metric, "v", v, metrics.ErrMismatch, perMismatch(v.per, s))
	}
	// The bands run from worst to best and are contiguous, so v is in the
	// last band whose worse end admits it; the first band's worse end is
	// unbounded and admits every value.
	// The worse end is the band's lower end when higher is better.
	higher := s.Metric.Better == metrics.HigherIsBetter
	i := 0
	for i+1 < len(s.Bands) && admitsFrom(worseEnd(s.Bands[i+1], higher), v, higher) {
		i++
	}
	return Rating{
		Value:   v,
		Tier:    s.Bands[i].Tier,
		Band:    s.Bands[i],
		Per:     s.Per,
		Metric:  s.Metric.ID,
		Segment: s.Segment,
		Source:  s.Source,
	}, nil
}

// worseEnd returns the band's end on the worse side: its Min when
// higherIsBetter, its Max otherwise.
func worseEnd(b Band, higherIsBetter bool) Bound {
	if higherIsBetter {
		return b.Min
	}
	return b.Max
}

// betterEnd returns the band's end on the better side.
func betterEnd(b Band, higherIsBetter bool) Bound {
	if higherIsBetter {
		return b.Max
	}
	return b.Min
}

// specKind names the kind of values a spec rates: "percent", "money in USD".
func specKind(s Spec) string {
	return Value{unit: s.Metric.Unit, currency: s.Currency}.kind()
}

// perMismatch says why a value of basis per cannot be rated against spec s,
// and what to do about it.
func perMismatch(per Basis, s Spec) string {
	msg := "is " + per.adjective() + ": a " + per.adjective() + " " + s.Metric.ID +
		" cannot be rated against a " + s.Per.adjective() + " band"
	if per.months() < s.Per.months() {
		return msg + "; convert it to its " + s.Per.adjective() +
			" compound with Value.CompoundLoss (a loss rate) or Value.CompoundGrowth (a growth rate)"
	}
	return msg + "; measure it over a " + s.Per.String()
}
