package benchmark

import "strconv"

// Tier is a benchmark's verdict on a value. The tiers are ordered from worst
// to best, so they compare with < and >: Exceptional > AboveAverage >
// Typical > BelowTypical, whatever the metric's better direction.
//
// The zero value is not a tier.
type Tier int

// The tiers, from worst to best. A source's "average" range is Typical and its
// "top performers", "excellent" or "exceptional" level is Exceptional; the
// unnamed stretch between them is AboveAverage, and everything worse than the
// typical range is BelowTypical.
const (
	BelowTypical Tier = iota + 1 // worse than the typical range
	Typical                      // within the typical ("average") range
	AboveAverage                 // better than typical, not yet exceptional
	Exceptional                  // the source's top level
)

// String returns "below typical", "typical", "above average", "exceptional"
// or "Tier(n)".
func (t Tier) String() string {
	switch t {
	case BelowTypical:
		return "below typical"
	case Typical:
		return "typical"
	case AboveAverage:
		return "above average"
	case Exceptional:
		return "exceptional"
	}
	return "Tier(" + strconv.Itoa(int(t)) + ")"
}

// valid reports whether t is one of the four tiers.
func (t Tier) valid() bool { return t >= BelowTypical && t <= Exceptional }
