package benchmark

import "strings"

// Segment is the population a benchmark applies to: an industry and a region,
// such as "SaaS, United States". A user's own benchmark names its own
// population ("Acme", "EU customers").
type Segment struct {
	// Industry is the industry, or "all industries" when the source gives a
	// general figure. It must not be empty.
	Industry string `json:"industry"`
	// Region is the region, or "" when the source names none.
	Region string `json:"region,omitempty"`
}

// String returns "Industry, Region", or the industry alone when the region
// is empty: "SaaS, United States", "all industries".
func (s Segment) String() string {
	if s.Region == "" {
		return s.Industry
	}
	return s.Industry + ", " + s.Region
}

// matches reports whether s and t name the same segment, ignoring case.
func (s Segment) matches(t Segment) bool {
	return strings.EqualFold(s.Industry, t.Industry) && strings.EqualFold(s.Region, t.Region)
}
