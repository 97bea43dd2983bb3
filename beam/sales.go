package kpibeam

import (
	"reflect"

	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

func init() {
	registerRecordCoder[sales.Deal]()
	registerRecordCoder[sales.Lead]()
	registerCombiner[sales.DealStats, sales.Deal](Deals{})
	registerCombiner[sales.LeadStats, sales.Lead](Leads{})
}

// Deals is the combiner of deals ([sales.Deal]) into a [sales.DealStats],
// from which the deal metrics of a period are read: win rate, close rate,
// sales revenue, average deal size, sales cycle length, open pipeline,
// pipeline velocity.
//
// Its setting is Period, the period the figures are of, required: the
// Period of every DealStats it creates. Importing this package also
// registers an exact coder for sales.Deal, whose amount and times Beam's
// default coder would drop.
type Deals struct {
	// Period is the period the figures are of, as [sales.DealStats.Period]
	// describes. It must be valid.
	Period metrics.Period
}

// CreateAccumulator returns empty stats of f's Period.
func (f Deals) CreateAccumulator() *sales.DealStats { return &sales.DealStats{Period: f.Period} }

// AddInput adds one deal to s, as [sales.DealStats.Add] does.
func (Deals) AddInput(s *sales.DealStats, d sales.Deal) (*sales.DealStats, error) { return add(s, d) }

// MergeAccumulators adds u to s, as [sales.DealStats.Merge] does.
func (Deals) MergeAccumulators(s, u *sales.DealStats) (*sales.DealStats, error) { return merge(s, u) }

// ExtractOutput returns the stats themselves.
func (Deals) ExtractOutput(s *sales.DealStats) *sales.DealStats { return s }

func (Deals) shape() (reflect.Type, reflect.Type) { return shapeOf[sales.DealStats, sales.Deal]() }
func (f Deals) check() error                      { return f.Period.Validate() }

// Leads is the combiner of leads ([sales.Lead]) into a [sales.LeadStats],
// from which the lead metrics of a period are read: leads generated,
// qualified leads, new customers acquired, lead conversion rate.
//
// Its setting is Period, the period the figures are of, required: the
// Period of every LeadStats it creates. Importing this package also
// registers an exact coder for sales.Lead, whose times Beam's default coder
// would drop.
type Leads struct {
	// Period is the period the figures are of, as [sales.LeadStats.Period]
	// describes. It must be valid.
	Period metrics.Period
}

// CreateAccumulator returns empty stats of f's Period.
func (f Leads) CreateAccumulator() *sales.LeadStats { return &sales.LeadStats{Period: f.Period} }

// AddInput adds one lead to s, as [sales.LeadStats.Add] does.
func (Leads) AddInput(s *sales.LeadStats, l sales.Lead) (*sales.LeadStats, error) { return add(s, l) }

// MergeAccumulators adds u to s, as [sales.LeadStats.Merge] does.
func (Leads) MergeAccumulators(s, u *sales.LeadStats) (*sales.LeadStats, error) { return merge(s, u) }

// ExtractOutput returns the stats themselves.
func (Leads) ExtractOutput(s *sales.LeadStats) *sales.LeadStats { return s }

func (Leads) shape() (reflect.Type, reflect.Type) { return shapeOf[sales.LeadStats, sales.Lead]() }
func (f Leads) check() error                      { return f.Period.Validate() }
