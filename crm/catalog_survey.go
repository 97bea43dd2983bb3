package crm

import "github.com/kpikit/kpikit/metrics"

// The descriptor IDs of the survey metrics.
const (
	NPSID  = "nps"  // NPS, NPSFromScores: Net Promoter Score
	CSATID = "csat" // CSAT, CSATFromAnswers: customer satisfaction score
	CESID  = "ces"  // CES, CESFromAnswers: Customer Effort Score
)

// surveyCatalog lists the descriptors of the NPS, CSAT and CES metrics.
var surveyCatalog = []metrics.Descriptor{
	npsDescriptor,
	csatDescriptor,
	cesDescriptor,
}
