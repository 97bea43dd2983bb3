package sales_test

import (
	"errors"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Shared test equipment: times on a day grid, decimal shorthands, the error
// assertion, rapid generators for records, a reference tally written from
// the documented rules, and builders that turn fuzz bytes into records.

const day = 24 * time.Hour

// t0 is midnight UTC on 1 January 2024; at(n) is n days later.
var t0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func at(days int) time.Time { return t0.Add(time.Duration(days) * day) }

// january is [1 Jan 2024, 1 Feb 2024).
var january = metrics.Period{Start: at(0), End: at(31)}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func pct(s string) metrics.Percent { return metrics.MustParsePercent(s) }

// requireError asserts a documented error: the sentinel, the field, the index
// (−1 when not about a record), that the field names a field of in, the
// input (see testkit.RequireFieldOf), and a zero-value result.
func requireError(t *testing.T, in any, got any, err, sentinel error, field string, index int) {
	t.Helper()
	testkit.RequireSentinel(t, err, sentinel)
	testkit.RequireFieldOf(t, err, in)
	var e *metrics.Error
	errors.As(err, &e)
	if diff := cmp.Diff(field, e.Field); diff != "" {
		t.Errorf("field (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(index, e.Index); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
	if v := reflect.ValueOf(got); v.IsValid() && !v.IsZero() {
		t.Errorf("got %v with an error, want the zero value", got)
	}
}

// requirePercentRange fails unless lo ≤ p ≤ hi points.
func requirePercentRange(t testkit.TB, p metrics.Percent, lo, hi int64) {
	t.Helper()
	if p.Cmp(metrics.PercentInt(lo)) < 0 || p.Cmp(metrics.PercentInt(hi)) > 0 {
		t.Fatalf("%v outside %d..%d", p, lo, hi)
	}
}

// rat is the exact rational of a decimal.
func rat(d decimal.Decimal) *big.Rat { return testkit.Rat(d) }

// quo is a / b in exact rationals.
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

// mul is the product of its arguments in exact rationals.
func mul(xs ...*big.Rat) *big.Rat {
	r := big.NewRat(1, 1)
	for _, x := range xs {
		r.Mul(r, x)
	}
	return r
}

var (
	stages = []sales.Stage{sales.StageOpen, sales.StageWon, sales.StageLost}
	owners = []string{"", "ann", "bob"}
)

// dealGen generates valid deals on a six-hour grid around January 2024, so
// that their times often fall exactly on a period's bounds.
func dealGen() *rapid.Generator[sales.Deal] {
	return rapid.Custom(func(t *rapid.T) sales.Deal {
		created := at(rapid.IntRange(-20, 60).Draw(t, "createdDay")).Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "createdQuarter")) * 6 * time.Hour)
		d := sales.Deal{
			ID:      "D",
			Amount:  testkit.Money().Draw(t, "amount"),
			Stage:   rapid.SampledFrom(stages).Draw(t, "stage"),
			Created: created,
			Owner:   rapid.SampledFrom(owners).Draw(t, "owner"),
		}
		if d.Stage != sales.StageOpen {
			d.Closed = created.Add(time.Duration(rapid.IntRange(0, 160).Draw(t, "cycleQuarters")) * 6 * time.Hour)
		}
		return d
	})
}

// leadGen generates valid leads on the same grid.
func leadGen() *rapid.Generator[sales.Lead] {
	return rapid.Custom(func(t *rapid.T) sales.Lead {
		created := at(rapid.IntRange(-20, 60).Draw(t, "createdDay")).Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "createdQuarter")) * 6 * time.Hour)
		later := func(label string) time.Time {
			if rapid.Bool().Draw(t, label+"Set") {
				return created.Add(time.Duration(rapid.IntRange(0, 160).Draw(t, label+"Quarters")) * 6 * time.Hour)
			}
			return time.Time{}
		}
		return sales.Lead{ID: "L", Created: created, Qualified: later("qualified"), Converted: later("converted")}
	})
}

// periodGen generates valid periods on the day grid.
func periodGen() *rapid.Generator[metrics.Period] {
	return rapid.Custom(func(t *rapid.T) metrics.Period {
		start := at(rapid.IntRange(-10, 50).Draw(t, "startDay"))
		return metrics.Period{Start: start, End: start.Add(time.Duration(rapid.IntRange(1, 40).Draw(t, "days")) * day)}
	})
}

// settingGen generates the Period setting of an accumulator: the zero
// Period (all time) one time in four, otherwise a valid period.
func settingGen() *rapid.Generator[metrics.Period] {
	return rapid.Custom(func(t *rapid.T) metrics.Period {
		if rapid.IntRange(0, 3).Draw(t, "allTime") == 0 {
			return metrics.Period{}
		}
		return periodGen().Draw(t, "period")
	})
}

// span is the references' reading of an accumulator's Period: the zero
// Period, all time, is a period that begins before every test record and
// ends after every one (the generators and fuzz builders stay within a
// year of January 2024).
func span(p metrics.Period) metrics.Period {
	if p == (metrics.Period{}) {
		return metrics.Period{Start: at(-1000), End: at(1000)}
	}
	return p
}

// within is the half-open rule restated: start ≤ t < end.
func within(t time.Time, p metrics.Period) bool {
	return (t.Equal(p.Start) || t.After(p.Start)) && t.Before(p.End)
}

// dealRef tallies valid deals by the rules of the Deal documentation, in
// exact rationals, independently of the package's code.
type dealRef struct {
	won, lost, open       int
	created, createdWon   int
	wonRevenue, openValue *big.Rat
	cycleNanos            *big.Rat
	revenueByOwner        map[string]*big.Rat
}

func refDeals(deals []sales.Deal, p metrics.Period) dealRef {
	p = span(p)
	r := dealRef{wonRevenue: new(big.Rat), openValue: new(big.Rat), cycleNanos: new(big.Rat), revenueByOwner: map[string]*big.Rat{}}
	for _, d := range deals {
		amount := rat(d.Amount)
		switch {
		case d.Stage == sales.StageWon && within(d.Closed, p):
			r.won++
			r.wonRevenue.Add(r.wonRevenue, amount)
			r.cycleNanos.Add(r.cycleNanos, new(big.Rat).SetInt64(d.Closed.UnixNano()-d.Created.UnixNano()))
			if r.revenueByOwner[d.Owner] == nil {
				r.revenueByOwner[d.Owner] = new(big.Rat)
			}
			r.revenueByOwner[d.Owner].Add(r.revenueByOwner[d.Owner], amount)
		case d.Stage == sales.StageLost && within(d.Closed, p):
			r.lost++
		}
		if d.Created.Before(p.End) && (d.Closed.IsZero() || !d.Closed.Before(p.End)) {
			r.open++
			r.openValue.Add(r.openValue, amount)
		}
		if within(d.Created, p) {
			r.created++
			if d.Stage == sales.StageWon && d.Closed.Before(p.End) {
				r.createdWon++
			}
		}
	}
	return r
}

// leadRef counts valid leads by the rules of the Lead documentation.
type leadRef struct{ generated, qualified, converted, convertedIn int }

func refLeads(leads []sales.Lead, p metrics.Period) leadRef {
	p = span(p)
	var r leadRef
	for _, l := range leads {
		if within(l.Created, p) {
			r.generated++
			if !l.Qualified.IsZero() && l.Qualified.Before(p.End) {
				r.qualified++
			}
			if !l.Converted.IsZero() && l.Converted.Before(p.End) {
				r.converted++
			}
		}
		if !l.Converted.IsZero() && within(l.Converted, p) {
			r.convertedIn++
		}
	}
	return r
}

// fuzzPeriod turns two fuzzed day offsets into an accumulator's Period:
// the zero Period (all time) for a start day of −128, otherwise a period
// from that day, valid or not.
func fuzzPeriod(startDay, days int8) metrics.Period {
	if startDay == -128 {
		return metrics.Period{}
	}
	start := at(int(startDay))
	return metrics.Period{Start: start, End: start.Add(time.Duration(days) * day)}
}

// checkSetting is the error an accumulator reports for its Period setting
// p: none for the zero Period (all time), p.Validate's otherwise.
func checkSetting(p metrics.Period) error {
	if p == (metrics.Period{}) {
		return nil
	}
	return p.Validate()
}

// fuzzDeals turns fuzz bytes into deals, six bytes each, valid or not:
// stage (0 is invalid), a signed amount, its scale, the creation day (0x80:
// unset), and the close time in six-hour steps from creation (0: unset,
// negative: before creation, 0x7f: three centuries later).
func fuzzDeals(data []byte) []sales.Deal {
	var deals []sales.Deal
	for ; len(data) >= 6; data = data[6:] {
		b := data[:6]
		d := sales.Deal{
			Stage:  sales.Stage(b[0] % 4),
			Amount: decimal.New(int64(int8(b[1]))*int64(b[2]), -int32(b[3]%5)),
			Owner:  owners[int(b[0]/4)%len(owners)],
		}
		if b[4] != 0x80 {
			d.Created = at(int(int8(b[4])))
		}
		switch {
		case b[5] == 0x7f:
			d.Closed = d.Created.AddDate(300, 0, 0)
		case b[5] != 0:
			d.Closed = d.Created.Add(time.Duration(int8(b[5])) * 6 * time.Hour)
		}
		deals = append(deals, d)
	}
	return deals
}

// fuzzLeads turns fuzz bytes into leads, three bytes each, valid or not: the
// creation day (0x80: unset), and the qualification and conversion times in
// six-hour steps from creation (0: unset, negative: before creation).
func fuzzLeads(data []byte) []sales.Lead {
	var leads []sales.Lead
	for ; len(data) >= 3; data = data[3:] {
		var l sales.Lead
		if data[0] != 0x80 {
			l.Created = at(int(int8(data[0])))
		}
		if data[1] != 0 {
			l.Qualified = l.Created.Add(time.Duration(int8(data[1])) * 6 * time.Hour)
		}
		if data[2] != 0 {
			l.Converted = l.Created.Add(time.Duration(int8(data[2])) * 6 * time.Hour)
		}
		leads = append(leads, l)
	}
	return leads
}

// Seeds for the record fuzz targets: a valid won, lost and open deal; and
// invalid ones.
var (
	fuzzDealSeeds = [][]byte{
		{2, 10, 10, 0, 3, 8, 3, 5, 5, 1, 4, 4, 1, 7, 7, 2, 10, 0},
		{0, 1, 1, 0, 1, 1},
		{2, 0xff, 1, 0, 1, 1},
		{2, 1, 1, 0, 0x80, 1},
		{2, 1, 1, 0, 1, 0},
		{1, 1, 1, 0, 1, 1},
		{2, 1, 1, 0, 1, 0xf0},
		{2, 1, 1, 0, 1, 0x7f},
		{},
	}
	fuzzLeadSeeds = [][]byte{
		{3, 4, 8, 5, 0, 0, 40, 1, 1},
		{0x80, 0, 0},
		{3, 0xf0, 0},
		{3, 0, 0xf0},
		{},
	}
)
