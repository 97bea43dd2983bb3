package kpibeam

import (
	"reflect"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func init() {
	registerRecordCoder[decimal.Decimal]()
	registerCombiner[metrics.Total, decimal.Decimal](Sum{})
}

// Sum is the combiner of decimal amounts (decimal.Decimal) into a
// [metrics.Total], their exact sum and count, from which
// [metrics.Total.Value] and [metrics.Total.Mean] read the sum and the mean.
// It has no settings.
//
// Importing this package also registers a coder for decimal.Decimal, its
// exact binary form, so that a PCollection of amounts keeps their value:
// Beam's default coder would drop a decimal's unexported fields and
// deliver 0.
type Sum struct{}

// CreateAccumulator returns an empty total.
func (Sum) CreateAccumulator() *metrics.Total { return new(metrics.Total) }

// AddInput adds one amount to t, as [metrics.Total.Add] does.
func (Sum) AddInput(t *metrics.Total, amount decimal.Decimal) (*metrics.Total, error) {
	t.Add(amount)
	return t, nil
}

// MergeAccumulators adds u to t, as [metrics.Total.Merge] does.
func (Sum) MergeAccumulators(t, u *metrics.Total) (*metrics.Total, error) { return merge(t, u) }

// ExtractOutput returns the total itself.
func (Sum) ExtractOutput(t *metrics.Total) *metrics.Total { return t }

func (Sum) shape() (reflect.Type, reflect.Type) { return shapeOf[metrics.Total, decimal.Decimal]() }
func (Sum) check() error                        { return nil }
