package crm

import "github.com/kpikit/kpikit/metrics"

// cohortCatalog lists the descriptors of the cohort metrics computed from
// customer records.
var cohortCatalog = []metrics.Descriptor{
	cohortRetentionDescriptor,
}
