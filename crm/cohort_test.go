package crm_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// at parses an RFC 3339 time for tests and examples.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The customers of January to April 2024, and their table as of April 15:
// each cohort followed through every month it has reached.
func ExampleCohorts() {
	var cohorts crm.Cohorts // the zero value is ready
	for _, c := range []crm.Customer{
		{ID: "A", Start: at("2024-01-05T10:00:00Z")},
		{ID: "B", Start: at("2024-01-10T10:00:00Z"), End: at("2024-02-20T00:00:00Z")},
		{ID: "C", Start: at("2024-01-20T10:00:00Z"), End: at("2024-01-25T00:00:00Z")},
		// Left at the first instant of March: not active at the start of March.
		{ID: "D", Start: at("2024-01-31T23:00:00Z"), End: at("2024-03-01T00:00:00Z")},
		{ID: "E", Start: at("2024-02-03T10:00:00Z")},
		{ID: "F", Start: at("2024-02-14T10:00:00Z"), End: at("2024-03-31T00:00:00Z")},
		{ID: "G", Start: at("2024-03-10T10:00:00Z")},
		// March 31 in New York, April 1 in UTC: the April cohort of a UTC period.
		{ID: "H", Start: at("2024-03-31T22:00:00-05:00")},
	} {
		if err := cohorts.Add(c); err != nil {
			fmt.Println(err)
			return
		}
	}
	table, err := cohorts.Retention(metrics.Period{Start: at("2024-01-01T00:00:00Z"), End: at("2024-04-15T12:00:00Z")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range table.Cohorts {
		fmt.Printf("%s (%d):", c.Month.Format("2006-01"), c.Size)
		for _, r := range c.Rates {
			fmt.Print(" ", r)
		}
		fmt.Println()
	}
	fmt.Print("overall:")
	for _, o := range table.Overall {
		fmt.Print(" ", o.Rate)
	}
	fmt.Println()
	// Month 1 overall is 6 retained of the 7 customers of January, February
	// and March, not the mean of 75%, 100% and 100%.
	o := table.Overall[1]
	fmt.Printf("month %d: %d of %d customers in %d cohorts\n", o.Month, o.Retained, o.Customers, o.Cohorts)
	// Output:
	// 2024-01 (4): 100% 75% 25% 25%
	// 2024-02 (2): 100% 100% 50%
	// 2024-03 (1): 100% 100%
	// 2024-04 (1): 100%
	// overall: 100% 85.7142857143% 33.3333333333% 25%
	// month 1: 6 of 7 customers in 3 cohorts
}

// A customer who ends before starting is an error that names the field,
// and leaves the accumulator as it was.
func ExampleCohorts_Add() {
	var cohorts crm.Cohorts
	err := cohorts.Add(crm.Customer{Start: at("2024-02-01T00:00:00Z"), End: at("2024-01-01T00:00:00Z")})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.Cohorts.Add: Customer.End 2024-01-01T00:00:00Z is before Start 2024-02-01T00:00:00Z: inconsistent input
	// true
}

// The period chooses the customers and the time zone of the months: in New
// York, a start at 22:00 on March 31 is in the March cohort, and the table
// of the first quarter, read on July 1, follows each cohort for three
// months.
func ExampleCohorts_Retention() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	var cohorts crm.Cohorts
	_ = cohorts.Add(crm.Customer{Start: at("2024-03-31T22:00:00-04:00")})
	_ = cohorts.Add(crm.Customer{Start: at("2024-03-05T09:00:00-05:00"), End: at("2024-05-20T00:00:00-04:00")})
	q1 := metrics.Quarter(2024, 1, ny)
	table, err := cohorts.Retention(metrics.Period{Start: q1.Start, End: q1.End.AddDate(0, 3, 0)})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := table.Cohorts[0]
	fmt.Println(c.Month.Format(time.RFC3339), c.Size, c.Retained[:4])
	// Output:
	// 2024-03-01T00:00:00-05:00 2 [2 2 2 1]
}

// Accumulators filled apart merge into the one of all their customers, also
// across processes with MarshalBinary and UnmarshalBinary.
func ExampleCohorts_Merge() {
	var jan, feb crm.Cohorts
	_ = jan.Add(crm.Customer{Start: at("2024-01-05T00:00:00Z")})
	_ = feb.Add(crm.Customer{Start: at("2024-02-05T00:00:00Z"), End: at("2024-03-10T00:00:00Z")})
	data, err := feb.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	var received crm.Cohorts
	if err := received.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	if err := jan.Merge(&received); err != nil {
		fmt.Println(err)
		return
	}
	table, _ := jan.Retention(metrics.Period{Start: at("2024-01-01T00:00:00Z"), End: at("2024-04-01T00:00:00Z")})
	for _, o := range table.Overall {
		fmt.Print(o.Retained, " of ", o.Customers, "; ")
	}
	fmt.Println()
	// Output:
	// 2 of 2; 2 of 2; 1 of 2; 1 of 1;
}

// The JSON form keeps each customer's start and end, in UTC.
func ExampleCohorts_MarshalJSON() {
	var cohorts crm.Cohorts
	_ = cohorts.Add(crm.Customer{ID: "A", Start: at("2024-01-05T10:00:00+01:00")})
	b, err := json.Marshal(cohorts)
	fmt.Println(string(b), err)
	// Output:
	// {"customers":[{"start":"2024-01-05T09:00:00Z"}]} <nil>
}

// pcts returns the percentages of whole points.
func pcts(points ...int64) []metrics.Percent {
	ps := make([]metrics.Percent, len(points))
	for i, p := range points {
		ps[i] = metrics.PercentInt(p)
	}
	return ps
}

// month returns the first instant of a month in UTC.
func month(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

// single returns the table of one cohort.
func single(m time.Time, size int, retained []int, rates []metrics.Percent) crm.CohortTable {
	t := crm.CohortTable{Cohorts: []crm.Cohort{{Month: m, Size: size, Retained: retained, Rates: rates}}}
	for k, r := range retained {
		t.Overall = append(t.Overall, crm.CohortMonth{Month: k, Cohorts: 1, Customers: size, Retained: r, Rate: rates[k]})
	}
	return t
}

// cohortsOf fills an accumulator, failing t on an error.
func cohortsOf(t testkit.TB, customers []crm.Customer) *crm.Cohorts {
	t.Helper()
	var c crm.Cohorts
	for i, cu := range customers {
		if err := c.Add(cu); err != nil {
			t.Fatalf("customer %d: %v", i, err)
		}
	}
	return &c
}

// period returns [start, end) from RFC 3339 texts.
func period(start, end string) metrics.Period { return metrics.Period{Start: at(start), End: at(end)} }

func TestCohortsRetention(t *testing.T) {
	jan, feb, mar, apr := month(2024, 1), month(2024, 2), month(2024, 3), month(2024, 4)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	one := func(start, end string) []crm.Customer {
		c := crm.Customer{Start: at(start)}
		if end != "" {
			c.End = at(end)
		}
		return []crm.Customer{c}
	}
	var weighted []crm.Customer
	for i := range 10 {
		c := crm.Customer{Start: at("2024-01-10T00:00:00Z")}
		if i%2 == 0 {
			c.End = at("2024-01-20T00:00:00Z")
		}
		weighted = append(weighted, c)
	}
	weighted = append(weighted, crm.Customer{Start: at("2024-02-10T00:00:00Z")}, crm.Customer{Start: at("2024-02-11T00:00:00Z")})
	y2024 := metrics.Year(2024, nil)

	tests := []struct {
		name      string
		customers []crm.Customer
		period    metrics.Period
		want      crm.CohortTable
	}{
		{"this month only", one("2024-04-02T00:00:00Z", ""), period("2024-04-01T00:00:00Z", "2024-04-15T00:00:00Z"),
			single(apr, 1, []int{1}, pcts(100))},
		{"end at the month's first instant is not retained", one("2024-01-10T00:00:00Z", "2024-02-01T00:00:00Z"),
			period("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"), single(jan, 1, []int{1, 0, 0}, pcts(100, 0, 0))},
		{"end a nanosecond later is", one("2024-01-10T00:00:00Z", "2024-02-01T00:00:00.000000001Z"),
			period("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"), single(jan, 1, []int{1, 1, 0}, pcts(100, 100, 0))},
		{"end in another zone at the month's first instant", one("2024-01-10T00:00:00Z", "2024-02-01T01:00:00+01:00"),
			period("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"), single(jan, 1, []int{1, 0, 0}, pcts(100, 0, 0))},
		{"month not begun by the period's end is not reported", one("2024-01-10T00:00:00Z", ""),
			period("2024-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z"), single(jan, 1, []int{1, 1}, pcts(100, 100))},
		{"UTC period: March 31 in New York is April", one("2024-03-31T22:00:00-05:00", ""),
			period("2024-01-01T00:00:00Z", "2024-04-15T00:00:00Z"), single(apr, 1, []int{1}, pcts(100))},
		{"New York period: March 31 in New York is March", one("2024-03-31T22:00:00-04:00", ""),
			metrics.Period{Start: time.Date(2024, 3, 1, 0, 0, 0, 0, ny), End: time.Date(2024, 4, 15, 0, 0, 0, 0, ny)},
			single(time.Date(2024, 3, 1, 0, 0, 0, 0, ny), 1, []int{1, 1}, pcts(100, 100))},
		{"UTC period: April in Paris is March", one("2024-04-01T01:00:00+02:00", ""),
			period("2024-03-01T00:00:00Z", "2024-04-15T00:00:00Z"), single(mar, 1, []int{1, 1}, pcts(100, 100))},
		{"year rollover", one("2023-12-15T00:00:00Z", "2024-01-15T00:00:00Z"),
			period("2023-12-01T00:00:00Z", "2024-02-10T00:00:00Z"), single(month(2023, 12), 1, []int{1, 1, 0}, pcts(100, 100, 0))},
		{"a year's cohorts, followed to the year's end", one("2024-01-01T00:00:00Z", ""), y2024,
			single(jan, 1, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, pcts(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100))},
		{"customers outside the period are left out",
			append(one("2023-12-31T23:59:59Z", ""), append(one("2024-03-01T00:00:00Z", ""), one("2024-01-01T00:00:00Z", "")...)...),
			period("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"), single(jan, 1, []int{1, 1, 1}, pcts(100, 100, 100))},
		{"end after the period's end is active", one("2024-01-10T00:00:00Z", "2025-01-01T00:00:00Z"),
			period("2024-01-01T00:00:00Z", "2024-03-15T00:00:00Z"), single(jan, 1, []int{1, 1, 1}, pcts(100, 100, 100))},
		{"never active", one("2024-01-10T00:00:00Z", "2024-01-10T00:00:00Z"),
			period("2024-01-01T00:00:00Z", "2024-02-15T00:00:00Z"), single(jan, 1, []int{1, 0}, pcts(100, 0))},
		{"start at the period's start", one("2024-02-15T00:00:00Z", ""),
			period("2024-02-15T00:00:00Z", "2024-02-15T00:00:01Z"), single(feb, 1, []int{1}, pcts(100))},
		{"no customer in the period", one("2024-02-15T00:00:00Z", ""), metrics.Year(2025, nil), crm.CohortTable{}},
		// 5 of 10 and 2 of 2: overall 7 of 12, not the mean of 50% and 100%.
		{"overall weighted by cohort size", weighted, period("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"),
			crm.CohortTable{
				Cohorts: []crm.Cohort{
					{Month: jan, Size: 10, Retained: []int{10, 5, 5}, Rates: pcts(100, 50, 50)},
					{Month: feb, Size: 2, Retained: []int{2, 2}, Rates: pcts(100, 100)},
				},
				Overall: []crm.CohortMonth{
					{Month: 0, Cohorts: 2, Customers: 12, Retained: 12, Rate: metrics.PercentInt(100)},
					{Month: 1, Cohorts: 2, Customers: 12, Retained: 7, Rate: metrics.MustParsePercent("58.3333333333")},
					{Month: 2, Cohorts: 1, Customers: 10, Retained: 5, Rate: metrics.PercentInt(50)},
				},
			}},
		{"cohorts sorted, empty months skipped",
			[]crm.Customer{
				{Start: at("2024-03-02T00:00:00Z")},
				{Start: at("2024-01-02T00:00:00Z"), End: at("2024-03-10T00:00:00Z")},
				{Start: at("2024-01-03T00:00:00Z"), End: at("2024-02-10T00:00:00Z")},
			}, period("2024-01-01T00:00:00Z", "2024-03-20T00:00:00Z"),
			crm.CohortTable{
				Cohorts: []crm.Cohort{
					{Month: jan, Size: 2, Retained: []int{2, 2, 1}, Rates: pcts(100, 100, 50)},
					{Month: mar, Size: 1, Retained: []int{1}, Rates: pcts(100)},
				},
				Overall: []crm.CohortMonth{
					{Month: 0, Cohorts: 2, Customers: 3, Retained: 3, Rate: metrics.PercentInt(100)},
					{Month: 1, Cohorts: 1, Customers: 2, Retained: 2, Rate: metrics.PercentInt(100)},
					{Month: 2, Cohorts: 1, Customers: 2, Retained: 1, Rate: metrics.PercentInt(50)},
				},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cohortsOf(t, tt.customers).Retention(tt.period)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Retention (-want +got):\n%s", diff)
			}
			checkCohortOracle(t, tt.customers, tt.period, got)
		})
	}
}

func TestCohortsAddErrors(t *testing.T) {
	start := at("2024-04-01T00:00:00Z")
	tests := []struct {
		name     string
		customer crm.Customer
		want     error
		field    string
		message  string
	}{
		{"zero Start", crm.Customer{End: start}, metrics.ErrInvalid, "Customer.Start", "crm.Cohorts.Add: Customer.Start is zero: invalid value"},
		{"End before Start", crm.Customer{Start: start, End: start.Add(-1)}, metrics.ErrInconsistent, "Customer.End",
			"crm.Cohorts.Add: Customer.End 2024-03-31T23:59:59.999999999Z is before Start 2024-04-01T00:00:00Z: inconsistent input"},
		{"Start before year 1", crm.Customer{Start: time.Date(-1, 3, 5, 0, 0, 0, 0, time.UTC)}, metrics.ErrOutOfRange, "Customer.Start",
			"crm.Cohorts.Add: Customer.Start -0001-03-05T00:00:00Z is outside the years 1..9999: out of range"},
		{"End after year 9999", crm.Customer{Start: start, End: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, metrics.ErrOutOfRange, "Customer.End",
			"crm.Cohorts.Add: Customer.End 10000-01-01T00:00:00Z is outside the years 1..9999: out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cohortsOf(t, []crm.Customer{{Start: start}})
			before, _ := c.MarshalBinary()
			err := c.Add(tt.customer)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct{ Customer crm.Customer }{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.message, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if after, _ := c.MarshalBinary(); !slices.Equal(before, after) {
				t.Error("the accumulator changed on an error")
			}
		})
	}
}

func TestCohortsRetentionErrors(t *testing.T) {
	c := cohortsOf(t, []crm.Customer{{Start: at("2024-01-01T00:00:00Z")}})
	tests := []struct {
		name    string
		period  metrics.Period
		want    error
		message string
	}{
		{"zero period", metrics.Period{}, metrics.ErrInvalid,
			"crm.Cohorts.Retention: Period.End 0001-01-01T00:00:00Z is not after Period.Start 0001-01-01T00:00:00Z: invalid value"},
		{"reversed", period("2024-04-01T00:00:00Z", "2024-01-01T00:00:00Z"), metrics.ErrInvalid,
			"crm.Cohorts.Retention: Period.End 2024-01-01T00:00:00Z is not after Period.Start 2024-04-01T00:00:00Z: invalid value"},
		{"more than 1200 months", period("2024-01-01T00:00:00Z", "2124-02-01T00:00:00Z"), metrics.ErrOutOfRange,
			"crm.Cohorts.Retention: Period.End 2124-02-01T00:00:00Z is more than 1200 months after Period.Start 2024-01-01T00:00:00Z: out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Retention(tt.period)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct{ Period metrics.Period }{})
			if diff := cmp.Diff(tt.message, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(crm.CohortTable{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
	// 1,200 months after the first is accepted.
	if _, err := c.Retention(period("2024-01-01T00:00:00Z", "2124-01-31T00:00:00Z")); err != nil {
		t.Errorf("1200 months: %v", err)
	}
}

// oracleCohorts recomputes the table from the definitions, customer by
// customer and month by month: the customers who started in p, months in
// p.Start's location, Tₖ = time.Date(y, m+k, 1) there, reported while
// Tₖ ≤ p.End, retained when k = 0 or End is zero or after Tₖ. It returns
// the cohorts' months, sizes and retained counts.
func oracleCohorts(customers []crm.Customer, p metrics.Period) (months []time.Time, sizes []int, retained [][]int) {
	loc := p.Start.Location()
	byMonth := map[time.Time][]crm.Customer{}
	for _, c := range customers {
		if c.Start.Before(p.Start) || !c.Start.Before(p.End) {
			continue
		}
		u := c.Start.In(loc)
		m := time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, loc)
		byMonth[m] = append(byMonth[m], c)
	}
	for m := range byMonth {
		months = append(months, m)
	}
	slices.SortFunc(months, time.Time.Compare)
	for _, m := range months {
		cs := byMonth[m]
		sizes = append(sizes, len(cs))
		var row []int
		for k := 0; ; k++ {
			tk := time.Date(m.Year(), m.Month()+time.Month(k), 1, 0, 0, 0, 0, loc)
			if tk.After(p.End) {
				break
			}
			n := 0
			for _, c := range cs {
				if k == 0 || c.End.IsZero() || c.End.After(tk) {
					n++
				}
			}
			row = append(row, n)
		}
		retained = append(retained, row)
	}
	return months, sizes, retained
}

// checkCohortOracle fails t unless got matches oracleCohorts, with every rate
// checked against the big.Rat oracle.
func checkCohortOracle(t testkit.TB, customers []crm.Customer, p metrics.Period, got crm.CohortTable) {
	t.Helper()
	months, sizes, retained := oracleCohorts(customers, p)
	if len(got.Cohorts) != len(months) {
		t.Fatalf("%d cohorts, oracle %d", len(got.Cohorts), len(months))
	}
	var overallCustomers, overallRetained, overallCohorts []int
	for i, c := range got.Cohorts {
		if !c.Month.Equal(months[i]) || c.Size != sizes[i] || !slices.Equal(c.Retained, retained[i]) || len(c.Rates) != len(c.Retained) {
			t.Fatalf("cohort %d: %v %d %v, oracle %v %d %v", i, c.Month, c.Size, c.Retained, months[i], sizes[i], retained[i])
		}
		for k, r := range retained[i] {
			testkit.RequireRat(t, c.Rates[k].Points(), big.NewRat(int64(r)*100, int64(sizes[i])))
			if k == len(overallCustomers) {
				overallCustomers, overallRetained, overallCohorts = append(overallCustomers, 0), append(overallRetained, 0), append(overallCohorts, 0)
			}
			overallCustomers[k] += sizes[i]
			overallRetained[k] += r
			overallCohorts[k]++
		}
	}
	if len(got.Overall) != len(overallCustomers) {
		t.Fatalf("%d overall months, oracle %d", len(got.Overall), len(overallCustomers))
	}
	for k, o := range got.Overall {
		if o.Month != k || o.Customers != overallCustomers[k] || o.Retained != overallRetained[k] || o.Cohorts != overallCohorts[k] {
			t.Fatalf("overall %d: %+v, oracle %d of %d in %d cohorts", k, o, overallRetained[k], overallCustomers[k], overallCohorts[k])
		}
		testkit.RequireRat(t, o.Rate.Points(), big.NewRat(int64(o.Retained)*100, int64(o.Customers)))
	}
}

// customerGen generates customers who start in 2022–2024 (some at a month's
// first instant, some in other zones) and leave, if they do, some time later,
// often exactly at a month's first instant.
func customerGen() *rapid.Generator[crm.Customer] {
	zones := []*time.Location{time.UTC, time.FixedZone("-05", -5*3600), time.FixedZone("+14", 14*3600)}
	return rapid.Custom(func(t *rapid.T) crm.Customer {
		var start time.Time
		if rapid.Bool().Draw(t, "month start") {
			start = month(2022, time.Month(1+rapid.IntRange(0, 35).Draw(t, "start month")))
		} else {
			start = month(2022, 1).Add(time.Duration(rapid.Int64Range(0, int64(3*365*24*time.Hour)).Draw(t, "start")))
		}
		c := crm.Customer{Start: start.In(rapid.SampledFrom(zones).Draw(t, "zone"))}
		switch rapid.IntRange(0, 2).Draw(t, "end") {
		case 1:
			c.End = start.Add(time.Duration(rapid.Int64Range(0, int64(2*365*24*time.Hour)).Draw(t, "stay")))
		case 2:
			u := start.UTC()
			c.End = time.Date(u.Year(), u.Month()+time.Month(rapid.IntRange(1, 24).Draw(t, "months")), 1, 0, 0, 0, 0, time.UTC)
		}
		return c
	})
}

// cohortPeriodGen draws a period over 2022–2026 in one of a few zones.
func cohortPeriodGen(t *rapid.T) metrics.Period {
	zones := []*time.Location{time.UTC, time.FixedZone("-05", -5*3600), time.FixedZone("+14", 14*3600)}
	loc := rapid.SampledFrom(zones).Draw(t, "period zone")
	if rapid.Bool().Draw(t, "whole months") {
		first := rapid.IntRange(0, 36).Draw(t, "first month")
		n := rapid.IntRange(1, 24).Draw(t, "months")
		start := time.Date(2022, time.Month(1+first), 1, 0, 0, 0, 0, loc)
		return metrics.Period{Start: start, End: start.AddDate(0, n, 0)}
	}
	start := month(2022, 1).Add(time.Duration(rapid.Int64Range(0, int64(3*365*24*time.Hour)).Draw(t, "start"))).In(loc)
	return metrics.Period{Start: start, End: start.Add(time.Duration(rapid.Int64Range(1, int64(2*365*24*time.Hour)).Draw(t, "length")))}
}

func TestCohortsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		customers := rapid.SliceOfN(customerGen(), 0, 60).Draw(t, "customers")
		p := cohortPeriodGen(t)
		c := cohortsOf(t, customers)
		got, err := c.Retention(p)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: month by month from the definition, rates with big.Rat.
		checkCohortOracle(t, customers, p, got)
		// Identities and ranges.
		total, inPeriod := 0, 0
		for _, cu := range customers {
			if p.Contains(cu.Start) {
				inPeriod++
			}
		}
		for _, co := range got.Cohorts {
			total += co.Size
			if co.Retained[0] != co.Size {
				t.Fatalf("month 0 of %v: %d of %d", co.Month, co.Retained[0], co.Size)
			}
			for k := 1; k < len(co.Retained); k++ {
				if co.Retained[k] > co.Retained[k-1] {
					t.Fatalf("retention rose in %v: %v", co.Month, co.Retained)
				}
			}
		}
		if total != inPeriod || inPeriod > 0 && got.Overall[0].Customers != total {
			t.Fatalf("%d customers in the period, cohorts hold %d", inPeriod, total)
		}
		// A later end never shortens or changes a cohort's row, with the
		// customers who start in the added time left out.
		var kept []crm.Customer
		for _, cu := range customers {
			if cu.Start.Before(p.End) {
				kept = append(kept, cu)
			}
		}
		later, err := cohortsOf(t, kept).Retention(metrics.Period{Start: p.Start, End: p.End.AddDate(0, 1, 0)})
		if err != nil {
			t.Fatal(err)
		}
		for i, co := range got.Cohorts {
			if lc := later.Cohorts[i]; len(lc.Retained) < len(co.Retained) || !slices.Equal(lc.Retained[:len(co.Retained)], co.Retained) {
				t.Fatalf("later end changed %v: %v -> %v", co.Month, co.Retained, lc.Retained)
			}
		}
	})
}

// TestCohortsShards is the accumulator property: customers split into
// random shards, each filled, serialised in binary or JSON, read back and
// merged in a random order, give the accumulator of one pass: the same
// table and the same binary form.
func TestCohortsShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		customers := rapid.SliceOfN(customerGen(), 0, 40).Draw(t, "customers")
		p := cohortPeriodGen(t)
		one := cohortsOf(t, customers)
		k := rapid.IntRange(1, 5).Draw(t, "shards")
		shards := make([][]crm.Customer, k)
		for _, cu := range customers {
			i := rapid.IntRange(0, k-1).Draw(t, "shard")
			shards[i] = append(shards[i], cu)
		}
		var merged crm.Cohorts
		for _, i := range rapid.Permutation(seq(k)).Draw(t, "order") {
			c := cohortsOf(t, shards[i])
			var back crm.Cohorts
			if rapid.Bool().Draw(t, "json") {
				b, err := json.Marshal(c)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, &back); err != nil {
					t.Fatal(err)
				}
			} else {
				b, err := c.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatal(err)
				}
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		want, err1 := one.Retention(p)
		got, err2 := merged.Retention(p)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("merged (-one pass +merged):\n%s", diff)
		}
		a, _ := one.MarshalBinary()
		b, _ := merged.MarshalBinary()
		if !slices.Equal(a, b) {
			t.Fatalf("binary forms differ")
		}
	})
}

func TestCohortsMergeNil(t *testing.T) {
	c := cohortsOf(t, []crm.Customer{{Start: at("2024-01-05T00:00:00Z")}})
	if err := c.Merge(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Merge(c); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Retention(period("2024-01-01T00:00:00Z", "2024-01-06T00:00:00Z"))
	if diff := cmp.Diff(single(month(2024, 1), 2, []int{2}, pcts(100)), got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// fuzzCustomers decodes 17 bytes per customer: Start in seconds, End as an
// offset in nanoseconds from Start, and flags (bit 0: End set, bit 1: Start
// zero, bit 2: End at the first instant of Start's month plus the offset's
// low byte in months).
func fuzzCustomers(data []byte) []crm.Customer {
	var cs []crm.Customer
	for len(data) >= 17 {
		sec := int64(binary.LittleEndian.Uint64(data)) % (1 << 40)
		off := int64(binary.LittleEndian.Uint64(data[8:]))
		flags := data[16]
		data = data[17:]
		c := crm.Customer{Start: time.Unix(sec, 0)}
		if flags&1 != 0 {
			c.End = c.Start.Add(time.Duration(off))
			if flags&4 != 0 {
				u := c.Start.UTC()
				c.End = time.Date(u.Year(), u.Month()+time.Month(off&0xff), 1, 0, 0, 0, 0, time.UTC)
			}
		}
		if flags&2 != 0 {
			c.Start = time.Time{}
		}
		cs = append(cs, c)
	}
	return cs
}

// FuzzCohorts adds fuzzed customers and reads a fuzzed period: every error is
// a kpikit error, the customers accepted give the oracle's table, and the
// accumulator survives binary and JSON round trips.
func FuzzCohorts(f *testing.F) {
	customer := func(sec, off int64, flags byte) []byte {
		out := binary.LittleEndian.AppendUint64(nil, uint64(sec))
		out = binary.LittleEndian.AppendUint64(out, uint64(off))
		return append(out, flags)
	}
	f.Add([]byte{}, int64(1.6e9), int64(1.7e9))
	f.Add(customer(1.7e9, 40*24*3600e9, 1), int64(1.69e9), int64(1.72e9))
	f.Add(append(customer(1.7e9, 2, 1|4), customer(1.69e9, 0, 0)...), int64(1.6e9), int64(1.75e9))
	f.Add(customer(1.7e9, -5, 1), int64(1.7e9), int64(1.7e9))
	f.Add(customer(1.7e9, 0, 2), int64(0), int64(-1))
	f.Fuzz(func(t *testing.T, data []byte, from, to int64) {
		var c crm.Cohorts
		var accepted []crm.Customer
		for _, cu := range fuzzCustomers(data) {
			if err := c.Add(cu); err != nil {
				testkit.RequireKpikitError(t, err)
				testkit.RequireFieldOf(t, err, struct{ Customer crm.Customer }{})
				continue
			}
			accepted = append(accepted, cu)
		}
		p := metrics.Period{Start: time.Unix(from%(1<<40), 0), End: time.Unix(to%(1<<40), 0)}
		got, err := c.Retention(p)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, struct{ Period metrics.Period }{})
			return
		}
		checkCohortOracle(t, accepted, p, got)
		b, _ := c.MarshalBinary()
		var back crm.Cohorts
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(c)
		var fromJSON crm.Cohorts
		if err := json.Unmarshal(j, &fromJSON); err != nil {
			t.Fatal(err)
		}
		b2, _ := back.MarshalBinary()
		b3, _ := fromJSON.MarshalBinary()
		if !slices.Equal(b, b2) || !slices.Equal(b, b3) {
			t.Fatal("a round trip changed the accumulator")
		}
	})
}

func TestCohortsGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		c := cohortsOf(t, []crm.Customer{
			{Start: at("2024-01-05T00:00:00Z")},
			{Start: at("2024-01-06T00:00:00Z"), End: at("2024-02-06T00:00:00Z")},
			{Start: at("2024-01-07T00:00:00Z"), End: at("2024-03-06T00:00:00Z")},
		})
		table, err := c.Retention(period("2024-01-01T00:00:00Z", "2024-04-01T00:00:00Z"))
		fmt.Fprintf(&b, "%+v %v\n", table, err)
		j, err := json.Marshal(table)
		fmt.Fprintf(&b, "%s %v\n", j, err)
		return b.String()
	})
}
