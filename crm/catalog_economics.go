package crm

import "github.com/kpikit/kpikit/metrics"

// economicsCatalog lists the descriptors of the MRR growth, CAC, CLTV and subscription economics metrics.
var economicsCatalog = []metrics.Descriptor{
	mrrGrowthRateDescriptor,
	arrDescriptor,
	arpaDescriptor,
	cacDescriptor,
	cltvDescriptor,
	ltvDescriptor,
	discountedCLTVDescriptor,
	ltvToCACDescriptor,
	cacPaybackMonthsDescriptor,
}
