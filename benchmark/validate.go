package benchmark

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// validate checks spec as New documents, and names the first problem.
func validate(metric string, s Spec) error {
	m := s.Metric
	switch {
	case m.ID == "":
		return check.Err(metric, "Metric.ID", nil, metrics.ErrInvalid, "is empty")
	case !supportedUnit(m.Unit):
		return check.Err(metric, "Metric.Unit", m.Unit, metrics.ErrInvalid, "is not a unit a benchmark rates")
	case m.Better != metrics.HigherIsBetter && m.Better != metrics.LowerIsBetter:
		return check.Err(metric, "Metric.Better", m.Better, metrics.ErrInvalid, "is not a direction")
	case m.Unit == metrics.UnitMoney && s.Currency == "":
		return check.Err(metric, "Currency", nil, metrics.ErrInvalid, "is empty for a money benchmark")
	case m.Unit != metrics.UnitMoney && s.Currency != "":
		return check.Err(metric, "Currency", s.Currency, metrics.ErrInvalid, "is set for a "+m.Unit.String()+" benchmark")
	case s.Per != 0 && !s.Per.valid():
		return check.Err(metric, "Per", s.Per, metrics.ErrInvalid, "is not a basis")
	case s.Segment.Industry == "":
		return check.Err(metric, "Segment.Industry", nil, metrics.ErrInvalid, "is empty")
	case s.Source.Name == "":
		return check.Err(metric, "Source.Name", nil, metrics.ErrInvalid, "is empty")
	case len(s.Bands) < 2:
		return check.ErrAt(metric, "Bands", len(s.Bands), nil, metrics.ErrInvalid,
			"is missing: a benchmark needs at least two bands")
	}
	for i, b := range s.Bands {
		if err := validateBand(metric, s, i); err != nil {
			return err
		}
		if i > 0 && b.Tier <= s.Bands[i-1].Tier {
			return check.ErrAt(metric, "Bands.Tier", i, b.Tier, metrics.ErrInconsistent,
				"does not follow "+bandName(s, i-1)+
					": list the bands from the worst tier to the best, each tier once")
		}
	}
	return validateCover(metric, s)
}

// validateBand checks band i on its own: its tier, its bounds' kinds, and
// that its range is not empty.
func validateBand(metric string, s Spec, i int) error {
	b := s.Bands[i]
	if !b.Tier.valid() {
		return check.ErrAt(metric, "Bands.Tier", i, b.Tier, metrics.ErrInvalid, "is not a tier")
	}
	for _, end := range [...]struct {
		name string
		b    Bound
	}{{"Min", b.Min}, {"Max", b.Max}} {
		v := end.b.Value
		switch {
		case end.b.Unbounded():
		case v.bad:
			return check.ErrAt(metric, "Bands."+end.name, i, v, metrics.ErrInvalid,
				"is a Number of unit "+v.unit.String()+", which Number does not take")
		case v.unit != s.Metric.Unit || v.currency != s.Currency:
			return check.ErrAt(metric, "Bands."+end.name, i, v, metrics.ErrMismatch,
				"is "+v.kind()+", but the benchmark rates "+specKind(s))
		case v.per != 0 && v.per != s.Per:
			return check.ErrAt(metric, "Bands."+end.name, i, v, metrics.ErrMismatch,
				"has another basis than the benchmark's Per ("+s.Per.String()+"): a bound takes the benchmark's")
		}
	}
	if b.Min.Unbounded() || b.Max.Unbounded() {
		return nil
	}
	switch c := b.Min.Value.cmp(b.Max.Value); {
	case c > 0:
		return check.ErrAt(metric, "Bands.Min", i, b.Min.Value, metrics.ErrInconsistent,
			"is above Max "+b.Max.Value.String())
	case c == 0 && !(b.Min.Inclusive && b.Max.Inclusive):
		return check.ErrAt(metric, "Bands", i, nil, metrics.ErrInconsistent,
			"is empty: Min and Max are both "+b.Min.Value.String()+" and not both inclusive")
	}
	return nil
}

// validateCover checks that the bands, already valid one by one and listed
// from worst to best, cover every value exactly once in the metric's
// direction.
func validateCover(metric string, s Spec) error {
	higher := s.Metric.Better == metrics.HigherIsBetter
	worse, better := "Max", "Min" // the names of the worse and better ends
	if higher {
		worse, better = better, worse
	}
	last := len(s.Bands) - 1
	if e := worseEnd(s.Bands[0], higher); !e.Unbounded() {
		return check.ErrAt(metric, "Bands", 0, nil, metrics.ErrInconsistent,
			bandDesc(s.Bands[0])+" has "+worse+" "+e.Value.String()+", but the worst band must have no "+worse+
				" ("+s.Metric.Better.String()+"): list the bands from worst to best")
	}
	if e := betterEnd(s.Bands[last], higher); !e.Unbounded() {
		return check.ErrAt(metric, "Bands", last, nil, metrics.ErrInconsistent,
			bandDesc(s.Bands[last])+" has "+better+" "+e.Value.String()+", but the best band must have no "+better+
				" ("+s.Metric.Better.String()+"): list the bands from worst to best")
	}
	for i := 1; i <= last; i++ {
		prev, this := betterEnd(s.Bands[i-1], higher), worseEnd(s.Bands[i], higher)
		switch {
		case prev.Unbounded():
			return check.ErrAt(metric, "Bands", i, nil, metrics.ErrInconsistent,
				"overlaps "+bandName(s, i-1)+", which has no "+better)
		case this.Unbounded():
			return check.ErrAt(metric, "Bands", i, nil, metrics.ErrInconsistent,
				"has no "+worse+", so it overlaps "+bandName(s, i-1))
		}
		// c > 0: the previous band reaches past the start of this one.
		c := prev.Value.cmp(this.Value)
		if !higher {
			c = -c
		}
		switch {
		case c > 0 || (c == 0 && prev.Inclusive && this.Inclusive):
			return check.ErrAt(metric, "Bands", i, nil, metrics.ErrInconsistent,
				worse+" "+this.Value.String()+" overlaps "+bandName(s, i-1)+
					": where two bands meet, exactly one bound is inclusive")
		case c < 0 || (c == 0 && !prev.Inclusive && !this.Inclusive):
			return check.ErrAt(metric, "Bands", i, nil, metrics.ErrInconsistent,
				worse+" "+this.Value.String()+" leaves a gap after "+bandName(s, i-1)+
					": where two bands meet, exactly one bound is inclusive")
		}
	}
	return nil
}

// bandName describes band i for an error message:
// "Bands[1] (typical: 10% to 15%)".
func bandName(s Spec, i int) string {
	return "Bands[" + strconv.Itoa(i) + "] " + bandDesc(s.Bands[i])
}

// bandDesc describes a band for an error message: "(typical: 10% to 15%)".
func bandDesc(b Band) string { return "(" + b.Tier.String() + ": " + b.String() + ")" }
