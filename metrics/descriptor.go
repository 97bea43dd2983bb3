package metrics

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
)

// Descriptor describes one metric: what it is called, where it belongs, what
// unit its value has and which direction is better. Every metric kpikit
// computes has one; crm.Descriptors and sales.Descriptors list them, so a
// dashboard can render a catalog and a benchmark knows which way is up.
//
// In JSON its enumerations are their snake_case text:
//
//	{"id":"churn_rate","name":"Customer churn rate","category":"crm",
//	 "class":"business_performance","unit":"percent","better":"lower_is_better",
//	 "formula":"CustomersLost / CustomersAtStart × 100"}
type Descriptor struct {
	// ID is the metric's stable identifier, unique across kpikit: the Go
	// name of its function or method in snake case, an initialism as one
	// word ("churn_rate", "nps", "win_rate"). Benchmarks and reports key on
	// it.
	ID string `json:"id"`
	// Name is the metric's human name ("Customer churn rate").
	Name string `json:"name"`
	// Category says whether the metric is a CRM or a sales metric.
	Category Category `json:"category"`
	// Class is the metric's class in Bill Band's classification.
	Class Class `json:"class"`
	// Unit is the unit of the metric's value.
	Unit Unit `json:"unit"`
	// Better is the direction in which the metric improves.
	Better Direction `json:"better"`
	// Formula is the formula in one line of plain text
	// ("CustomersLost / CustomersAtStart × 100").
	Formula string `json:"formula"`
}

// Category is the family a metric belongs to.
type Category int

// The categories. The zero value is not a category.
const (
	CategoryCRM   Category = iota + 1 // customer-relationship metrics (package crm)
	CategorySales                     // sales-team metrics (package sales)
)

// String returns "CRM", "sales" or "Category(n)".
func (c Category) String() string {
	switch c {
	case CategoryCRM:
		return "CRM"
	case CategorySales:
		return "sales"
	}
	return "Category(" + strconv.Itoa(int(c)) + ")"
}

// Class is a metric's class in Bill Band's classification of CRM metrics:
// business performance, user adoption or customer perception.
type Class int

// The classes. The zero value is not a class.
const (
	// ClassBusinessPerformance: pipeline, sales and revenue results measured
	// against the company's goals.
	ClassBusinessPerformance Class = iota + 1
	// ClassUserAdoption: how the organisation uses its CRM system and its data.
	ClassUserAdoption
	// ClassCustomerPerception: how customers experience and judge the company.
	ClassCustomerPerception
)

// String returns "business performance", "user adoption",
// "customer perception" or "Class(n)".
func (c Class) String() string {
	switch c {
	case ClassBusinessPerformance:
		return "business performance"
	case ClassUserAdoption:
		return "user adoption"
	case ClassCustomerPerception:
		return "customer perception"
	}
	return "Class(" + strconv.Itoa(int(c)) + ")"
}

// Unit is the unit of a metric's value, and so the Go type a function returns
// for it.
type Unit int

// The units. The zero value is not a unit.
const (
	UnitPercent     Unit = iota + 1 // a Percent
	UnitMoney                       // an amount of money, a decimal.Decimal in the caller's currency
	UnitCount                       // a whole number of things, an int
	UnitDuration                    // a time.Duration
	UnitRatio                       // a dimensionless ratio, a decimal.Decimal (LTV:CAC 3.5)
	UnitScore                       // a score on a stated scale, a decimal.Decimal (NPS −100..100, CES 1..7)
	UnitMonths                      // a number of months, a decimal.Decimal (CAC payback)
	UnitDays                        // a number of days, a decimal.Decimal (sales cycle length)
	UnitMoneyPerDay                 // money per day, a decimal.Decimal (pipeline velocity)
	UnitCountPerDay                 // things per day, a decimal.Decimal (cases closed per day)
	UnitCountPerRep                 // things per person, a decimal.Decimal (sales calls per rep)
)

// String returns the unit's name ("percent", "money", ...) or "Unit(n)".
func (u Unit) String() string {
	switch u {
	case UnitPercent:
		return "percent"
	case UnitMoney:
		return "money"
	case UnitCount:
		return "count"
	case UnitDuration:
		return "duration"
	case UnitRatio:
		return "ratio"
	case UnitScore:
		return "score"
	case UnitMonths:
		return "months"
	case UnitDays:
		return "days"
	case UnitMoneyPerDay:
		return "money per day"
	case UnitCountPerDay:
		return "count per day"
	case UnitCountPerRep:
		return "count per person"
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// Direction says which way a metric improves.
type Direction int

// The directions. The zero value is not a direction.
const (
	HigherIsBetter Direction = iota + 1 // more is better (NPS, win rate)
	LowerIsBetter                       // less is better (churn rate, CAC)
)

// String returns "higher is better", "lower is better" or "Direction(n)".
func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "Direction(" + strconv.Itoa(int(d)) + ")"
}

// The snake_case text of each enumeration, by value; index 0 (the zero
// value) is not a valid value and has no text.
var (
	categoryText  = [...]string{CategoryCRM: "crm", CategorySales: "sales"}
	classText     = [...]string{ClassBusinessPerformance: "business_performance", ClassUserAdoption: "user_adoption", ClassCustomerPerception: "customer_perception"}
	unitText      = [...]string{UnitPercent: "percent", UnitMoney: "money", UnitCount: "count", UnitDuration: "duration", UnitRatio: "ratio", UnitScore: "score", UnitMonths: "months", UnitDays: "days", UnitMoneyPerDay: "money_per_day", UnitCountPerDay: "count_per_day", UnitCountPerRep: "count_per_rep"}
	directionText = [...]string{HigherIsBetter: "higher_is_better", LowerIsBetter: "lower_is_better"}
)

// marshalEnum returns the text of value v of the enumeration named typ.
func marshalEnum(typ string, texts []string, v int) ([]byte, error) {
	if v <= 0 || v >= len(texts) {
		return nil, check.Err("metrics."+typ+".MarshalText", typ, v, ErrInvalid, "is not a valid "+typ)
	}
	return []byte(texts[v]), nil
}

// unmarshalEnum returns the value whose text is text.
func unmarshalEnum(typ string, texts []string, text []byte) (int, error) {
	for v := 1; v < len(texts); v++ {
		if texts[v] == string(text) {
			return v, nil
		}
	}
	return 0, check.Err("metrics."+typ+".UnmarshalText", "text", quote(string(text)), ErrInvalid, "is not a "+typ)
}

// MarshalText encodes c as "crm" or "sales".
//
// MarshalText returns an error if:
//   - c is not one of the categories ([ErrInvalid])
func (c Category) MarshalText() ([]byte, error) {
	return marshalEnum("Category", categoryText[:], int(c))
}

// UnmarshalText decodes the text MarshalText writes ("crm", "sales").
//
// UnmarshalText returns an error if:
//   - text is not a category's text ([ErrInvalid])
func (c *Category) UnmarshalText(text []byte) error {
	v, err := unmarshalEnum("Category", categoryText[:], text)
	if err == nil {
		*c = Category(v)
	}
	return err
}

// MarshalText encodes c as "business_performance", "user_adoption" or
// "customer_perception".
//
// MarshalText returns an error if:
//   - c is not one of the classes ([ErrInvalid])
func (c Class) MarshalText() ([]byte, error) { return marshalEnum("Class", classText[:], int(c)) }

// UnmarshalText decodes the text MarshalText writes.
//
// UnmarshalText returns an error if:
//   - text is not a class's text ([ErrInvalid])
func (c *Class) UnmarshalText(text []byte) error {
	v, err := unmarshalEnum("Class", classText[:], text)
	if err == nil {
		*c = Class(v)
	}
	return err
}

// MarshalText encodes u as the snake_case form of its constant's name after
// "Unit": "percent", "money", "count", "duration", "ratio", "score",
// "months", "days", "money_per_day", "count_per_day", "count_per_rep".
//
// MarshalText returns an error if:
//   - u is not one of the units ([ErrInvalid])
func (u Unit) MarshalText() ([]byte, error) { return marshalEnum("Unit", unitText[:], int(u)) }

// UnmarshalText decodes the text MarshalText writes.
//
// UnmarshalText returns an error if:
//   - text is not a unit's text ([ErrInvalid])
func (u *Unit) UnmarshalText(text []byte) error {
	v, err := unmarshalEnum("Unit", unitText[:], text)
	if err == nil {
		*u = Unit(v)
	}
	return err
}

// MarshalText encodes d as "higher_is_better" or "lower_is_better".
//
// MarshalText returns an error if:
//   - d is not one of the directions ([ErrInvalid])
func (d Direction) MarshalText() ([]byte, error) {
	return marshalEnum("Direction", directionText[:], int(d))
}

// UnmarshalText decodes the text MarshalText writes.
//
// UnmarshalText returns an error if:
//   - text is not a direction's text ([ErrInvalid])
func (d *Direction) UnmarshalText(text []byte) error {
	v, err := unmarshalEnum("Direction", directionText[:], text)
	if err == nil {
		*d = Direction(v)
	}
	return err
}
