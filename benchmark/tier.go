package benchmark

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Tier is a benchmark's verdict on a value. The tiers are ordered from worst
// to best, so they compare with < and >: Exceptional > BetterThanTypical >
// Typical > WorseThanTypical, whatever the metric's better direction. Their
// names say better or worse, never above or below, so that they read right
// for a metric where lower is better: a CAC above the typical range is worse
// than typical.
//
// The zero value is not a tier. Tier implements [encoding.TextMarshaler]
// with the text "worse_than_typical", "typical", "better_than_typical" and
// "exceptional".
type Tier int

// The tiers, from worst to best. A source's "average" or "typical" range is
// Typical and its "top performers", "excellent" or "exceptional" level is
// Exceptional; the stretch between them ("above-average performance") is
// BetterThanTypical, and everything worse than the typical range is
// WorseThanTypical.
const (
	WorseThanTypical  Tier = iota + 1 // worse than the typical range
	Typical                           // within the typical ("average") range
	BetterThanTypical                 // better than typical, not yet exceptional
	Exceptional                       // the source's top level
)

// tierNames are the tiers' String and text forms, indexed by Tier.
var tierNames = [...]struct{ text, words string }{
	WorseThanTypical:  {"worse_than_typical", "worse than typical"},
	Typical:           {"typical", "typical"},
	BetterThanTypical: {"better_than_typical", "better than typical"},
	Exceptional:       {"exceptional", "exceptional"},
}

// String returns "worse than typical", "typical", "better than typical",
// "exceptional" or "Tier(n)".
func (t Tier) String() string {
	if !t.valid() {
		return "Tier(" + strconv.Itoa(int(t)) + ")"
	}
	return tierNames[t].words
}

// MarshalText returns the tier's snake_case name: "worse_than_typical",
// "typical", "better_than_typical" or "exceptional". It returns an error
// wrapping [metrics.ErrInvalid] if t is not a tier.
func (t Tier) MarshalText() ([]byte, error) {
	if !t.valid() {
		return nil, check.Err("benchmark.Tier.MarshalText", "t", t, metrics.ErrInvalid, "is not a tier")
	}
	return []byte(tierNames[t].text), nil
}

// UnmarshalText sets t from its snake_case name, as MarshalText writes it.
// Any other text is an error wrapping [metrics.ErrInvalid], and t is left
// unchanged.
func (t *Tier) UnmarshalText(text []byte) error {
	for i := WorseThanTypical; i <= Exceptional; i++ {
		if string(text) == tierNames[i].text {
			*t = i
			return nil
		}
	}
	return check.Err("benchmark.Tier.UnmarshalText", "text", strconv.Quote(string(text)), metrics.ErrInvalid,
		`is not a tier: want "worse_than_typical", "typical", "better_than_typical" or "exceptional"`)
}

// valid reports whether t is one of the four tiers.
func (t Tier) valid() bool { return t >= WorseThanTypical && t <= Exceptional }
