package crm

import "github.com/kpikit/kpikit/metrics"

// surveyCatalog lists the descriptors of the NPS, CSAT and CES metrics.
var surveyCatalog = []metrics.Descriptor{}
