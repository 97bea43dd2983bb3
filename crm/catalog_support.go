package crm

import "github.com/kpikit/kpikit/metrics"

// supportCatalog lists the descriptors of the support and delivery metrics.
var supportCatalog = []metrics.Descriptor{
	averageResolutionTimeDescriptor,
	firstResponseTimeDescriptor,
	supportResponseRateDescriptor,
	casesClosedPerDayDescriptor,
	repeatCustomerRateDescriptor,
	projectDeliveryAccuracyDescriptor,
}
