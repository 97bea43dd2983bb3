package benchmark

// Rating is a benchmark's verdict on one value, with what explains it: the
// band that holds the value, the segment and the source. Its String is the
// sentence a report prints after the value.
type Rating struct {
	// Value is the value rated.
	Value Value
	// Tier is the verdict.
	Tier Tier
	// Band is the benchmark's band that holds Value; Band.Tier is Tier.
	Band Band
	// Metric is the descriptor ID of the metric rated ("cac").
	Metric string
	// Segment is the population the benchmark describes.
	Segment Segment
	// Source is where the benchmark's figures come from.
	Source Source
}

// String returns "tier (band; segment; source)":
//
//	exceptional (below 700 USD; SaaS, United States; seed 004)
func (r Rating) String() string {
	return r.Tier.String() + " (" + r.Band.String() + "; " + r.Segment.String() + "; " + r.Source.String() + ")"
}
