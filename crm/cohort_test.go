package crm_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
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

func ExampleCohortRetention() {
	customers := []crm.Customer{
		{ID: "A", Start: at("2024-01-05T10:00:00Z")},
		{ID: "B", Start: at("2024-01-10T10:00:00Z"), End: at("2024-02-20T00:00:00Z")},
		{ID: "C", Start: at("2024-01-20T10:00:00Z"), End: at("2024-01-25T00:00:00Z")},
		// Left at the first instant of March: not active at the start of March.
		{ID: "D", Start: at("2024-01-31T23:00:00Z"), End: at("2024-03-01T00:00:00Z")},
		{ID: "E", Start: at("2024-02-03T10:00:00Z")},
		{ID: "F", Start: at("2024-02-14T10:00:00Z"), End: at("2024-03-31T00:00:00Z")},
		{ID: "G", Start: at("2024-03-10T10:00:00Z")},
		// March 31 in New York, April 1 in UTC: the April cohort.
		{ID: "H", Start: at("2024-03-31T22:00:00-05:00")},
	}
	table, err := crm.CohortRetention(crm.CohortInput{
		Customers: customers,
		AsOf:      at("2024-04-15T12:00:00Z"),
		Months:    3,
	})
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

func ExampleCohortRetention_error() {
	_, err := crm.CohortRetention(crm.CohortInput{
		Customers: []crm.Customer{{Start: at("2024-02-01T00:00:00Z"), End: at("2024-01-01T00:00:00Z")}},
		AsOf:      at("2024-04-01T00:00:00Z"),
		Months:    12,
	})
	fmt.Println(err)
	// Output:
	// crm.CohortRetention: Customers[0].End 2024-01-01T00:00:00Z is before Start 2024-02-01T00:00:00Z: inconsistent input
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

func TestCohortRetention(t *testing.T) {
	jan, feb, mar, apr := month(2024, 1), month(2024, 2), month(2024, 3), month(2024, 4)
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

	tests := []struct {
		name string
		in   crm.CohortInput
		want crm.CohortTable
	}{
		{"this month only", crm.CohortInput{Customers: one("2024-04-02T00:00:00Z", ""), AsOf: at("2024-04-15T00:00:00Z"), Months: 12},
			single(apr, 1, []int{1}, pcts(100))},
		{"end at the month's first instant is not retained",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", "2024-02-01T00:00:00Z"), AsOf: at("2024-03-01T00:00:00Z"), Months: 6},
			single(jan, 1, []int{1, 0, 0}, pcts(100, 0, 0))},
		{"end a nanosecond later is",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", "2024-02-01T00:00:00.000000001Z"), AsOf: at("2024-03-01T00:00:00Z"), Months: 6},
			single(jan, 1, []int{1, 1, 0}, pcts(100, 100, 0))},
		{"end in another zone at the month's first instant",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", "2024-02-01T01:00:00+01:00"), AsOf: at("2024-03-01T00:00:00Z"), Months: 6},
			single(jan, 1, []int{1, 0, 0}, pcts(100, 0, 0))},
		{"month not begun by AsOf is not reported",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", ""), AsOf: at("2024-02-29T23:59:59.999999999Z"), Months: 6},
			single(jan, 1, []int{1, 1}, pcts(100, 100))},
		{"cohort month in UTC: March in New York is April",
			crm.CohortInput{Customers: one("2024-03-31T22:00:00-05:00", ""), AsOf: at("2024-04-15T00:00:00Z"), Months: 6},
			single(apr, 1, []int{1}, pcts(100))},
		{"cohort month in UTC: April in Paris is March",
			crm.CohortInput{Customers: one("2024-04-01T01:00:00+02:00", ""), AsOf: at("2024-04-15T00:00:00Z"), Months: 6},
			single(mar, 1, []int{1, 1}, pcts(100, 100))},
		{"year rollover",
			crm.CohortInput{Customers: one("2023-12-15T00:00:00Z", "2024-01-15T00:00:00Z"), AsOf: at("2024-02-10T00:00:00Z"), Months: 6},
			single(month(2023, 12), 1, []int{1, 1, 0}, pcts(100, 100, 0))},
		{"before year 1",
			crm.CohortInput{Customers: []crm.Customer{{Start: time.Date(-1, time.March, 5, 0, 0, 0, 0, time.UTC)}}, AsOf: time.Date(-1, time.May, 2, 0, 0, 0, 0, time.UTC), Months: 6},
			single(month(-1, time.March), 1, []int{1, 1, 1}, pcts(100, 100, 100))},
		{"Months caps the table",
			crm.CohortInput{Customers: one("2023-01-01T00:00:00Z", ""), AsOf: at("2024-06-01T00:00:00Z"), Months: 2},
			single(month(2023, 1), 1, []int{1, 1, 1}, pcts(100, 100, 100))},
		{"Months zero",
			crm.CohortInput{Customers: one("2023-01-01T00:00:00Z", "2023-01-02T00:00:00Z"), AsOf: at("2024-06-01T00:00:00Z")},
			single(month(2023, 1), 1, []int{1}, pcts(100))},
		{"end after AsOf is active",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", "2025-01-01T00:00:00Z"), AsOf: at("2024-03-15T00:00:00Z"), Months: 6},
			single(jan, 1, []int{1, 1, 1}, pcts(100, 100, 100))},
		{"never active",
			crm.CohortInput{Customers: one("2024-01-10T00:00:00Z", "2024-01-10T00:00:00Z"), AsOf: at("2024-02-15T00:00:00Z"), Months: 6},
			single(jan, 1, []int{1, 0}, pcts(100, 0))},
		{"start at AsOf",
			crm.CohortInput{Customers: one("2024-02-15T00:00:00Z", ""), AsOf: at("2024-02-15T00:00:00Z"), Months: 6},
			single(feb, 1, []int{1}, pcts(100))},
		// 5 of 10 and 2 of 2: overall 7 of 12, not the mean of 50% and 100%.
		{"overall weighted by cohort size",
			crm.CohortInput{Customers: weighted, AsOf: at("2024-03-15T00:00:00Z"), Months: 1},
			crm.CohortTable{
				Cohorts: []crm.Cohort{
					{Month: jan, Size: 10, Retained: []int{10, 5}, Rates: pcts(100, 50)},
					{Month: feb, Size: 2, Retained: []int{2, 2}, Rates: pcts(100, 100)},
				},
				Overall: []crm.CohortMonth{
					{Month: 0, Cohorts: 2, Customers: 12, Retained: 12, Rate: metrics.PercentInt(100)},
					{Month: 1, Cohorts: 2, Customers: 12, Retained: 7, Rate: metrics.MustParsePercent("58.3333333333")},
				},
			}},
		{"cohorts sorted, empty months skipped",
			crm.CohortInput{Customers: []crm.Customer{
				{Start: at("2024-03-02T00:00:00Z")},
				{Start: at("2024-01-02T00:00:00Z"), End: at("2024-03-10T00:00:00Z")},
				{Start: at("2024-01-03T00:00:00Z"), End: at("2024-02-10T00:00:00Z")},
			}, AsOf: at("2024-03-20T00:00:00Z"), Months: 12},
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
			got, err := crm.CohortRetention(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CohortRetention (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCohortRetentionErrors(t *testing.T) {
	asOf := at("2024-04-01T00:00:00Z")
	ok := crm.Customer{Start: at("2024-01-01T00:00:00Z")}
	tests := []struct {
		name    string
		in      crm.CohortInput
		want    error
		field   string
		index   int
		message string
	}{
		{"zero value", crm.CohortInput{}, metrics.ErrEmpty, "Customers", -1, "crm.CohortRetention: Customers is empty: no data"},
		{"zero AsOf", crm.CohortInput{Customers: []crm.Customer{ok}, Months: 3}, metrics.ErrInvalid, "AsOf", -1, "crm.CohortRetention: AsOf is zero: invalid value"},
		{"negative Months", crm.CohortInput{Customers: []crm.Customer{ok}, AsOf: asOf, Months: -1}, metrics.ErrNegative, "Months", -1, ""},
		{"too many Months", crm.CohortInput{Customers: []crm.Customer{ok}, AsOf: asOf, Months: crm.MaxCohortMonths + 1}, metrics.ErrOutOfRange, "Months", -1,
			"crm.CohortRetention: Months 1201 is above MaxCohortMonths 1200: out of range"},
		{"zero Start", crm.CohortInput{Customers: []crm.Customer{ok, {End: asOf}}, AsOf: asOf, Months: 3}, metrics.ErrInvalid, "Customers.Start", 1,
			"crm.CohortRetention: Customers[1].Start is zero: invalid value"},
		{"End before Start", crm.CohortInput{Customers: []crm.Customer{ok, ok, {Start: asOf, End: asOf.Add(-1)}}, AsOf: asOf, Months: 3}, metrics.ErrInconsistent, "Customers.End", 2,
			"crm.CohortRetention: Customers[2].End 2024-03-31T23:59:59.999999999Z is before Start 2024-04-01T00:00:00Z: inconsistent input"},
		{"Start after AsOf", crm.CohortInput{Customers: []crm.Customer{{Start: asOf.Add(1)}}, AsOf: asOf, Months: 3}, metrics.ErrInconsistent, "Customers.Start", 0,
			"crm.CohortRetention: Customers[0].Start 2024-04-01T00:00:00.000000001Z is after AsOf 2024-04-01T00:00:00Z: inconsistent input"},
		{"first bad customer is named", crm.CohortInput{Customers: []crm.Customer{ok, {Start: asOf.Add(1)}, {}}, AsOf: asOf, Months: 3}, metrics.ErrInconsistent, "Customers.Start", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CohortRetention(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.index, e.Index); diff != "" {
				t.Errorf("index (-want +got):\n%s", diff)
			}
			if tt.message != "" {
				if diff := cmp.Diff(tt.message, err.Error()); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(crm.CohortTable{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// oracleCohorts recomputes the table from the definitions, customer by
// customer and month by month: Tₖ = time.Date(y, m+k, 1) in UTC, reported
// while Tₖ ≤ AsOf and k ≤ Months, retained when k = 0 or End is zero or after
// Tₖ. It returns the cohorts' months, sizes and retained counts.
func oracleCohorts(in crm.CohortInput) (months []time.Time, sizes []int, retained [][]int) {
	type ym struct {
		y int
		m time.Month
	}
	byMonth := map[ym][]crm.Customer{}
	for _, c := range in.Customers {
		u := c.Start.UTC()
		byMonth[ym{u.Year(), u.Month()}] = append(byMonth[ym{u.Year(), u.Month()}], c)
	}
	keys := make([]ym, 0, len(byMonth))
	for k := range byMonth {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b ym) int {
		return time.Date(a.y, a.m, 1, 0, 0, 0, 0, time.UTC).Compare(time.Date(b.y, b.m, 1, 0, 0, 0, 0, time.UTC))
	})
	for _, key := range keys {
		cs := byMonth[key]
		months = append(months, time.Date(key.y, key.m, 1, 0, 0, 0, 0, time.UTC))
		sizes = append(sizes, len(cs))
		var row []int
		for k := 0; k <= in.Months; k++ {
			tk := time.Date(key.y, key.m+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
			if tk.After(in.AsOf) {
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
func checkCohortOracle(t testkit.TB, in crm.CohortInput, got crm.CohortTable) {
	t.Helper()
	months, sizes, retained := oracleCohorts(in)
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

func TestCohortRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		customers := rapid.SliceOfN(customerGen(), 1, 60).Draw(t, "customers")
		latest := customers[0].Start
		for _, c := range customers {
			if c.Start.After(latest) {
				latest = c.Start
			}
		}
		asOf := latest.Add(time.Duration(rapid.Int64Range(0, int64(2*365*24*time.Hour)).Draw(t, "after")))
		if rapid.Bool().Draw(t, "AsOf at a month start") {
			u := latest.UTC()
			asOf = time.Date(u.Year(), u.Month()+1+time.Month(rapid.IntRange(0, 12).Draw(t, "AsOf months")), 1, 0, 0, 0, 0, time.UTC)
		}
		in := crm.CohortInput{Customers: customers, AsOf: asOf, Months: rapid.IntRange(0, 40).Draw(t, "Months")}
		got, err := crm.CohortRetention(in)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: month by month from the definition, rates with big.Rat.
		checkCohortOracle(t, in, got)
		// Identities and ranges.
		total := 0
		for _, c := range got.Cohorts {
			total += c.Size
			if c.Retained[0] != c.Size {
				t.Fatalf("month 0 of %v: %d of %d", c.Month, c.Retained[0], c.Size)
			}
			for k := 1; k < len(c.Retained); k++ {
				if c.Retained[k] > c.Retained[k-1] {
					t.Fatalf("retention rose in %v: %v", c.Month, c.Retained)
				}
			}
			for _, r := range c.Rates {
				if r.Sign() < 0 || r.Cmp(metrics.PercentInt(100)) > 0 {
					t.Fatalf("rate %v outside 0..100", r)
				}
			}
		}
		if total != len(customers) || got.Overall[0].Customers != total || !got.Overall[0].Rate.Equal(metrics.PercentInt(100)) {
			t.Fatalf("%d customers, cohorts hold %d, overall month 0 %+v", len(customers), total, got.Overall[0])
		}
		// The order of the customers does not matter.
		shuffled := slices.Clone(customers)
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 6))
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := crm.CohortRetention(crm.CohortInput{Customers: shuffled, AsOf: in.AsOf, Months: in.Months})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, again); diff != "" {
			t.Fatalf("shuffled (-want +got):\n%s", diff)
		}
		// Monotone: a later AsOf never shortens a cohort's row.
		later, err := crm.CohortRetention(crm.CohortInput{Customers: customers, AsOf: in.AsOf.AddDate(0, 1, 0), Months: in.Months})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range got.Cohorts {
			if lc := later.Cohorts[i]; len(lc.Retained) < len(c.Retained) || !slices.Equal(lc.Retained[:len(c.Retained)], c.Retained) {
				t.Fatalf("later AsOf changed %v: %v -> %v", c.Month, c.Retained, lc.Retained)
			}
		}
	})
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

func FuzzCohortRetention(f *testing.F) {
	customer := func(sec, off int64, flags byte) []byte {
		out := binary.LittleEndian.AppendUint64(nil, uint64(sec))
		out = binary.LittleEndian.AppendUint64(out, uint64(off))
		return append(out, flags)
	}
	f.Add([]byte{}, int64(1.7e9), 12)
	f.Add(customer(1.7e9, 40*24*3600e9, 1), int64(1.72e9), 12)
	f.Add(append(customer(1.7e9, 2, 1|4), customer(1.69e9, 0, 0)...), int64(1.75e9), 24)
	f.Add(customer(1.7e9, -5, 1), int64(1.7e9), 3)
	f.Add(customer(1.7e9, 0, 2), int64(0), -1)
	f.Fuzz(func(t *testing.T, data []byte, asOf int64, months int) {
		in := crm.CohortInput{Customers: fuzzCustomers(data), AsOf: time.Unix(asOf%(1<<40), 0), Months: months}
		if asOf == 0 {
			in.AsOf = time.Time{}
		}
		got, err := crm.CohortRetention(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if diff := cmp.Diff(crm.CohortTable{}, got); diff != "" {
				t.Fatalf("result with an error (-want +got):\n%s", diff)
			}
			return
		}
		checkCohortOracle(t, in, got)
	})
}

func TestCohortGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		table, err := crm.CohortRetention(crm.CohortInput{
			Customers: []crm.Customer{
				{Start: at("2024-01-05T00:00:00Z")},
				{Start: at("2024-01-06T00:00:00Z"), End: at("2024-02-06T00:00:00Z")},
				{Start: at("2024-01-07T00:00:00Z"), End: at("2024-03-06T00:00:00Z")},
			},
			AsOf:   at("2024-04-01T00:00:00Z"),
			Months: 6,
		})
		fmt.Fprintf(&b, "%+v %v\n", table, err)
		_, err = crm.CohortRetention(crm.CohortInput{Customers: []crm.Customer{{}}, AsOf: at("2024-04-01T00:00:00Z")})
		fmt.Fprintln(&b, err)
		return b.String()
	})
}

func TestCohortDescriptor(t *testing.T) {
	d, ok := crm.Describe(crm.CohortRetentionRateID)
	if !ok {
		t.Fatalf("Describe(%q) found nothing", crm.CohortRetentionRateID)
	}
	want := metrics.Descriptor{
		ID:       "cohort_retention_rate",
		Name:     "Cohort retention rate",
		Category: metrics.CategoryCRM,
		Class:    metrics.ClassCustomerPerception,
		Unit:     metrics.UnitPercent,
		Better:   metrics.HigherIsBetter,
		Formula:  "customers of the cohort active at the start of month k / customers in the cohort × 100",
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("descriptor (-want +got):\n%s", diff)
	}
}
