package crm

import "github.com/kpikit/kpikit/metrics"

// adoptionCatalog lists the descriptors of the CRM user adoption metrics.
var adoptionCatalog = []metrics.Descriptor{
	crmAdoptionRateDescriptor,
	duplicateRecordRateDescriptor,
	recordCompletenessDescriptor,
}
