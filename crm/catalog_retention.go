package crm

import "github.com/kpikit/kpikit/metrics"

// retentionCatalog lists the descriptors of the customer and revenue retention metrics.
var retentionCatalog = []metrics.Descriptor{
	churnRateDescriptor,
	retentionRateDescriptor,
	renewalRateDescriptor,
	retentionCostDescriptor,
	grossMRRChurnRateDescriptor,
	netMRRChurnRateDescriptor,
	netRevenueRetentionDescriptor,
	grossRevenueRetentionDescriptor,
	quickRatioDescriptor,
}
