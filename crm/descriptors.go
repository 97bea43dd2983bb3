package crm

import (
	"slices"

	"github.com/kpikit/kpikit/metrics"
)

// The IDs of the crm metrics, as in their descriptors.
const (
	ChurnRateID = "churn_rate"
)

// catalog lists the descriptors of every crm metric, in the order of the
// package documentation.
var catalog = []metrics.Descriptor{
	churnRateDescriptor,
}

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
