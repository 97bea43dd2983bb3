package metrics

import "strconv"

// Descriptor describes one metric: what it is called, where it belongs, what
// unit its value has and which direction is better. Every metric kpikit
// computes has one; crm.Descriptors and sales.Descriptors list them, so a
// dashboard can render a catalog and a benchmark knows which way is up.
type Descriptor struct {
	// ID is the metric's stable identifier, unique across kpikit, in snake case
	// ("churn_rate", "nps", "win_rate"). Benchmarks and reports key on it.
	ID string
	// Name is the metric's human name ("Customer churn rate").
	Name string
	// Category says whether the metric is a CRM or a sales metric.
	Category Category
	// Class is the metric's class in Bill Band's classification.
	Class Class
	// Unit is the unit of the metric's value.
	Unit Unit
	// Better is the direction in which the metric improves.
	Better Direction
	// Formula is the formula in one line of plain text
	// ("CustomersLost / CustomersAtStart × 100").
	Formula string
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

// Better reports whether value a is better than value b in direction d, given
// their comparison cmp = a.Cmp(b) (−1, 0 or +1). It returns false for equal
// values and for an invalid direction.
func (d Direction) Better(cmp int) bool {
	switch d {
	case HigherIsBetter:
		return cmp > 0
	case LowerIsBetter:
		return cmp < 0
	}
	return false
}
