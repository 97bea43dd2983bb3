package sales

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// NewCustomersInput holds the customer counts of one period.
type NewCustomersInput struct {
	CustomersAtStart int // paying customers when the period began
	CustomersAtEnd   int // paying customers when the period ended
	CustomersLost    int // customers who left during the period, including any acquired in it
}

// NewCustomersAcquired returns the number of customers acquired during a
// period, from the customer counts at its start and end:
//
//	new customers = CustomersAtEnd − CustomersAtStart + CustomersLost
//
// The result is a count. It is the balance of the customer base: every
// customer at the end was there at the start or was acquired, less those who
// left. From lead records, [LeadStats.NewCustomersAcquired] counts the
// conversions directly.
//
// Descriptor ID: new_customers_acquired.
//
// NewCustomersAcquired returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - CustomersAtEnd is less than CustomersAtStart − CustomersLost, so that
//     the balance is negative ([metrics.ErrInconsistent])
//   - the result does not fit in an int ([metrics.ErrOutOfRange])
func NewCustomersAcquired(in NewCustomersInput) (int, error) {
	const metric = "sales.NewCustomersAcquired"
	if err := check.First(
		check.Count(metric, "CustomersAtStart", in.CustomersAtStart),
		check.Count(metric, "CustomersAtEnd", in.CustomersAtEnd),
		check.Count(metric, "CustomersLost", in.CustomersLost),
	); err != nil {
		return 0, err
	}
	// Both terms are non-negative, so neither difference overflows.
	if remaining := in.CustomersAtStart - in.CustomersLost; in.CustomersAtEnd < remaining {
		return 0, check.Err(metric, "CustomersAtEnd", in.CustomersAtEnd, metrics.ErrInconsistent,
			"is less than CustomersAtStart − CustomersLost "+strconv.Itoa(remaining))
	}
	growth := in.CustomersAtEnd - in.CustomersAtStart
	if growth > 0 && in.CustomersLost > math.MaxInt-growth {
		return 0, check.Err(metric, "CustomersLost", in.CustomersLost, metrics.ErrOutOfRange,
			"makes the count overflow an int")
	}
	return growth + in.CustomersLost, nil
}

var newCustomersAcquiredDescriptor = metrics.Descriptor{
	ID:       "new_customers_acquired",
	Name:     "New customers acquired",
	Category: metrics.CategorySales,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitCount,
	Better:   metrics.HigherIsBetter,
	Formula:  "CustomersAtEnd − CustomersAtStart + CustomersLost",
}
