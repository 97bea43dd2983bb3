package crm

import (
	"slices"

	"github.com/kpikit/kpikit/metrics"
)

// catalog lists the descriptors of every crm metric, group by group, in the
// order of the package documentation. Each group's list lives in its
// catalog_<group>.go file beside the group's metrics.
var catalog = slices.Concat(
	economicsCatalog,
	retentionCatalog,
	cohortCatalog,
	surveyCatalog,
	supportCatalog,
	engagementCatalog,
	adoptionCatalog,
)

// Descriptors returns the descriptors of every metric in package crm, in
// catalog order. The slice is a fresh copy the caller may modify.
func Descriptors() []metrics.Descriptor { return slices.Clone(catalog) }

// Describe returns the descriptor of the crm metric with the given ID, and
// false if there is none.
func Describe(id string) (metrics.Descriptor, bool) {
	for _, d := range catalog {
		if d.ID == id {
			return d, true
		}
	}
	return metrics.Descriptor{}, false
}
