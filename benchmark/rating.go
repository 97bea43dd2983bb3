package benchmark

// Rating is a benchmark's verdict on one value, with what explains it: the
// band that holds the value, the period its figures describe, the segment and
// the source. Its String is the sentence a report prints after the value. Its
// JSON has snake_case keys; exact numbers in it are JSON strings (see
// [Value]).
type Rating struct {
	// Value is the value rated.
	Value Value `json:"value"`
	// Tier is the verdict.
	Tier Tier `json:"tier"`
	// Band is the benchmark's band that holds Value; Band.Tier is Tier.
	Band Band `json:"band"`
	// Per is the period the benchmark's figures describe (Spec.Per); zero
	// when they do not depend on one.
	Per Basis `json:"per,omitempty"`
	// Metric is the descriptor ID of the metric rated ("cac").
	Metric string `json:"metric"`
	// Segment is the population the benchmark describes.
	Segment Segment `json:"segment"`
	// Source is where the benchmark's figures come from.
	Source Source `json:"source"`
}

// String returns "tier (band[ a period]; segment; source)":
//
//	exceptional (below 700 USD; SaaS, United States; Quels sont ... ? (2024-10-03, in French))
//	worse than typical (above 15% a year; CRM software, United States; ...)
func (r Rating) String() string {
	return r.Tier.String() + " (" + r.Band.String() + r.Per.per() + "; " + r.Segment.String() + "; " + r.Source.String() + ")"
}
