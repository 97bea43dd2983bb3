package crm

import "github.com/kpikit/kpikit/metrics"

// surveyCatalog lists the descriptors of the survey metrics: nps ([NPS]),
// csat ([CSAT]) and ces ([CES]).
var surveyCatalog = []metrics.Descriptor{
	npsDescriptor,
	csatDescriptor,
	cesDescriptor,
}
