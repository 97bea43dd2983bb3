package crm

import "github.com/kpikit/kpikit/metrics"

// engagementCatalog lists the descriptors of the marketing and website engagement metrics.
var engagementCatalog = []metrics.Descriptor{
	emailOpenRateDescriptor,
	emailClickThroughRateDescriptor,
	emailClickToOpenRateDescriptor,
	socialEngagementRateDescriptor,
	campaignResponseRateDescriptor,
	websitePurchaseConversionRateDescriptor,
	averageTimeOnSiteDescriptor,
}
