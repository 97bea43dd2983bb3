package benchmark

// Bound is one end of a Band: a value and whether the value itself belongs to
// the band. The zero Bound is unbounded: the band reaches every value on that
// side, and its JSON is {"value": null, "inclusive": false}. Build bounds
// with [Inclusive] and [Exclusive]. A bound's value has no basis of its own:
// the benchmark's figures describe the period Spec.Per says.
type Bound struct {
	// Value is the bound's value; the zero Value means unbounded.
	Value Value `json:"value"`
	// Inclusive says whether a value equal to Value belongs to the band. Where
	// two bands meet, exactly one of the two bounds at the meeting value is
	// inclusive, so a value on the boundary gets exactly one tier.
	Inclusive bool `json:"inclusive"`
}

// Inclusive returns a bound that belongs to its band: the value v itself is
// in the band ("30% or more", "from 10% to 15%").
func Inclusive(v Value) Bound { return Bound{Value: v, Inclusive: true} }

// Exclusive returns a bound that does not belong to its band: the band holds
// values strictly beyond v ("below 700 USD", "under 4h").
func Exclusive(v Value) Bound { return Bound{Value: v} }

// Unbounded reports whether the bound is the zero Bound, which leaves its
// side of the band open.
func (b Bound) Unbounded() bool { return !b.Value.set }

// Band is the range of values that gets one tier: Tier for every value v
// with Min ≤ v ≤ Max, where each comparison is strict when its bound is
// exclusive and absent when its bound is unbounded.
type Band struct {
	// Tier is the verdict for the values in the band.
	Tier Tier `json:"tier"`
	// Min is the lower end of the band, the zero Bound when there is none.
	Min Bound `json:"min"`
	// Max is the upper end of the band, the zero Bound when there is none.
	Max Bound `json:"max"`
}

// String describes the band's range in words, as a report shows it:
//
//	below 700 USD          Max exclusive, no Min
//	30% or more            Min inclusive, no Max
//	above 5000 USD         Min exclusive, no Max
//	8h or less             Max inclusive, no Min
//	10% to 15%             both inclusive
//	at least 5% and below 10%
//	above 20% and below 30%
//	above 40 and at most 50
//	exactly 5%             Min and Max equal and inclusive
//	any value              neither bound
func (b Band) String() string {
	lo, hi := b.Min, b.Max
	switch {
	case lo.Unbounded() && hi.Unbounded():
		return "any value"
	case lo.Unbounded():
		if hi.Inclusive {
			return hi.Value.String() + " or less"
		}
		return "below " + hi.Value.String()
	case hi.Unbounded():
		if lo.Inclusive {
			return lo.Value.String() + " or more"
		}
		return "above " + lo.Value.String()
	case lo.Inclusive && hi.Inclusive:
		if lo.Value.Equal(hi.Value) {
			return "exactly " + lo.Value.String()
		}
		return lo.Value.String() + " to " + hi.Value.String()
	}
	s := "above " + lo.Value.String()
	if lo.Inclusive {
		s = "at least " + lo.Value.String()
	}
	if hi.Inclusive {
		return s + " and at most " + hi.Value.String()
	}
	return s + " and below " + hi.Value.String()
}

// admitsFrom reports whether v lies on the inner side of the bounded end b,
// where b is the band's lower end when lower is true and its upper end
// otherwise.
func admitsFrom(b Bound, v Value, lower bool) bool {
	c := v.cmp(b.Value)
	if !lower {
		c = -c
	}
	return c > 0 || (c == 0 && b.Inclusive)
}
