package benchmark_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var (
	bt = benchmark.WorseThanTypical
	ty = benchmark.Typical
	aa = benchmark.BetterThanTypical
	ex = benchmark.Exceptional
)

// builtinCase is one built-in benchmark as the tests know it, written from
// the article's words independently of the package's table.
type builtinCase struct {
	metric  string
	segment benchmark.Segment
	unit    metrics.Unit
	better  metrics.Direction
	per     benchmark.Basis // the period the figures describe, as kpikit reads it
	// oracle rates a value (Value.Decimal: points, USD, score or
	// nanoseconds) by direct comparison with the article's figures.
	oracle func(x decimal.Decimal) benchmark.Tier
	// cuts are the boundaries, in the oracle's units.
	cuts []string
	// values are checked one by one: one in each tier, and each boundary
	// with its neighbours. Text as the unit's parser reads it.
	values []tierCase
}

type tierCase struct {
	value string
	tier  benchmark.Tier
}

func dec(s string) decimal.Decimal        { return decimal.RequireFromString(s) }
func ge(x decimal.Decimal, s string) bool { return x.Cmp(dec(s)) >= 0 }
func gt(x decimal.Decimal, s string) bool { return x.Cmp(dec(s)) > 0 }
func le(x decimal.Decimal, s string) bool { return x.Cmp(dec(s)) <= 0 }
func lt(x decimal.Decimal, s string) bool { return x.Cmp(dec(s)) < 0 }

func hoursNS(h int64) string { return decimal.NewFromInt(h * int64(time.Hour)).String() }

var articleCases = []builtinCase{
	{
		metric: "mrr_growth_rate", segment: benchmark.Segment{Industry: "SaaS", Region: "United States"},
		unit: metrics.UnitPercent, better: metrics.HigherIsBetter, per: benchmark.Year,
		// "environ 18 à 20%, ... exceptionnels atteignant 30% ou plus"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case ge(x, "30"):
				return ex
			case gt(x, "20"):
				return aa
			case ge(x, "18"):
				return ty
			}
			return bt
		},
		cuts: []string{"18", "20", "30"},
		values: []tierCase{{"-5", bt}, {"0", bt}, {"17.9999", bt}, {"18", ty}, {"19", ty},
			{"20", ty}, // the article's worked example: 50 000 $ → 60 000 $ is 20%
			{"20.0001", aa}, {"25", aa}, {"29.9999", aa}, {"30", ex}, {"45", ex}, {"150", ex}},
	},
	{
		metric: "cac", segment: benchmark.Segment{Industry: "SaaS", Region: "United States"},
		unit: metrics.UnitMoney, better: metrics.LowerIsBetter,
		// "1 000 $ à 1 500 $ ... 700 $ à 1 000 $ ... inférieur à 700 $"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case lt(x, "700"):
				return ex
			case le(x, "1000"):
				return aa
			case le(x, "1500"):
				return ty
			}
			return bt
		},
		cuts: []string{"700", "1000", "1500"},
		values: []tierCase{{"2000", bt}, {"1500.01", bt}, {"1500", ty}, {"1200", ty}, {"1000.01", ty},
			{"1000", aa}, {"850", aa}, {"700", aa}, {"699.99", ex}, {"650", ex},
			{"200", ex}, // the article's worked example: 100 000 $ / 500 customers
			{"0", ex}},
	},
	{
		metric: "cac", segment: benchmark.Segment{Industry: "e-commerce"},
		unit: metrics.UnitMoney, better: metrics.LowerIsBetter,
		// "entre 10 $ et 30, ... de 5 $ à 10 $ ... inférieures à 5 $"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case lt(x, "5"):
				return ex
			case le(x, "10"):
				return aa
			case le(x, "30"):
				return ty
			}
			return bt
		},
		cuts: []string{"5", "10", "30"},
		values: []tierCase{{"200", bt}, {"31", bt}, {"30.01", bt}, {"30", ty}, {"20", ty}, {"10.01", ty},
			{"10", aa}, {"7.5", aa}, {"5", aa}, {"4.99", ex}, {"1", ex}},
	},
	{
		metric: "cltv", segment: benchmark.Segment{Industry: "software", Region: "United States"},
		unit: metrics.UnitMoney, better: metrics.HigherIsBetter,
		// "500 $ à 2 500 $, ... 2 500 $ à 5 000 $ ... dépassant 5 000 $"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case gt(x, "5000"):
				return ex
			case ge(x, "2500"):
				return aa
			case ge(x, "500"):
				return ty
			}
			return bt
		},
		cuts: []string{"500", "2500", "5000"},
		values: []tierCase{{"0", bt}, {"499.99", bt}, {"500", ty},
			{"1600", ty}, // the article's worked example: (100 × 4) × 5 × 0.80
			{"2499.99", ty}, {"2500", aa}, {"4000", aa}, {"5000", aa}, {"5000.01", ex}, {"10000", ex}},
	},
	{
		metric: "churn_rate", segment: benchmark.Segment{Industry: "CRM software", Region: "United States"},
		unit: metrics.UnitPercent, better: metrics.LowerIsBetter, per: benchmark.Year,
		// "de 10% à 15%, ... des taux inférieurs à 5%"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case lt(x, "5"):
				return ex
			case lt(x, "10"):
				return aa
			case le(x, "15"):
				return ty
			}
			return bt
		},
		cuts: []string{"5", "10", "15"},
		values: []tierCase{{"100", bt}, {"20", bt}, {"15.0001", bt}, {"15", ty}, {"12", ty}, {"10", ty},
			{"9.9999", aa}, {"7", aa},
			{"5", aa}, // the article's worked example: 25 of 500 customers lost
			{"4.9999", ex}, {"2", ex}, {"0", ex}},
	},
	{
		metric: "lead_conversion_rate", segment: benchmark.Segment{Industry: "all industries"},
		unit: metrics.UnitPercent, better: metrics.HigherIsBetter,
		// "entre 2% et 5%. ... 10% ou plus"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case ge(x, "10"):
				return ex
			case gt(x, "5"):
				return aa
			case ge(x, "2"):
				return ty
			}
			return bt
		},
		cuts: []string{"2", "5", "10"},
		values: []tierCase{{"0", bt}, {"1.9999", bt}, {"2", ty}, {"3", ty}, {"5", ty}, {"5.0001", aa},
			{"7", aa}, {"9.9999", aa}, {"10", ex},
			{"20", ex}, // the article's worked example: 20 of 100 leads
			{"100", ex}},
	},
	{
		metric: "nps", segment: benchmark.Segment{Industry: "all industries"},
		unit: metrics.UnitScore, better: metrics.HigherIsBetter,
		// "50 ou plus est considéré comme excellent"; nothing said below 50.
		oracle: func(x decimal.Decimal) benchmark.Tier {
			if ge(x, "50") {
				return ex
			}
			return ty
		},
		cuts: []string{"50"},
		values: []tierCase{{"-100", ty},
			{"10", ty}, // the article's worked example: 200 promoters, 150 detractors of 500
			{"49.99", ty}, {"50", ex}, {"75", ex}, {"100", ex}},
	},
	{
		metric: "nps", segment: benchmark.Segment{Industry: "CRM software"},
		unit: metrics.UnitScore, better: metrics.HigherIsBetter,
		// "le NPS moyen va de 30 à 40, ... 50 ou plus"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case ge(x, "50"):
				return ex
			case gt(x, "40"):
				return aa
			case ge(x, "30"):
				return ty
			}
			return bt
		},
		cuts: []string{"30", "40", "50"},
		values: []tierCase{{"-100", bt}, {"10", bt}, {"29.99", bt}, {"30", ty}, {"35", ty}, {"40", ty},
			{"40.01", aa}, {"45", aa}, {"49.99", aa}, {"50", ex}, {"100", ex}},
	},
	{
		metric: "average_resolution_time", segment: benchmark.Segment{Industry: "CRM software", Region: "United States"},
		unit: metrics.UnitDuration, better: metrics.LowerIsBetter,
		// "de 4 à 8 heures. ... en moins de 4 heures, ... en moins de 2 heures"
		oracle: func(x decimal.Decimal) benchmark.Tier {
			switch {
			case lt(x, hoursNS(2)):
				return ex
			case lt(x, hoursNS(4)):
				return aa
			case le(x, hoursNS(8)):
				return ty
			}
			return bt
		},
		cuts: []string{hoursNS(2), hoursNS(4), hoursNS(8)},
		values: []tierCase{{"72h", bt}, {"8h1ns", bt}, {"8h", ty},
			{"5h", ty}, // the article's worked example: 500 hours over 100 tickets
			{"4h", ty}, {"3h59m59.999999999s", aa}, {"3h", aa}, {"2h", aa}, {"1h59m59.999999999s", ex},
			{"30m", ex}, {"0s", ex}},
	},
}

// value parses text as a value of the case's unit and period.
func (c builtinCase) value(t testing.TB, text string) benchmark.Value {
	t.Helper()
	switch c.unit {
	case metrics.UnitPercent:
		return benchmark.Percent(metrics.MustParsePercent(text)).Per(c.per)
	case metrics.UnitMoney:
		return benchmark.Money(dec(text), "USD")
	case metrics.UnitDuration:
		d, err := time.ParseDuration(text)
		if err != nil {
			t.Fatal(err)
		}
		return benchmark.Duration(d)
	}
	return scoreOf(dec(text))
}

// fromDecimal builds a value of the case's unit and period from the
// oracle's units.
func (c builtinCase) fromDecimal(x decimal.Decimal) benchmark.Value {
	switch c.unit {
	case metrics.UnitPercent:
		return benchmark.Percent(metrics.NewPercent(x)).Per(c.per)
	case metrics.UnitMoney:
		return benchmark.Money(x, "USD")
	case metrics.UnitDuration:
		return benchmark.Duration(time.Duration(x.IntPart()))
	}
	return scoreOf(x)
}

func (c builtinCase) lookup(t testing.TB) benchmark.Benchmark {
	t.Helper()
	b, err := benchmark.Lookup(c.metric, c.segment)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// inBand reports by direct comparison whether x lies within band.
func inBand(band benchmark.Band, x decimal.Decimal) bool {
	if !band.Min.Unbounded() {
		c := x.Cmp(band.Min.Value.Decimal())
		if c < 0 || (c == 0 && !band.Min.Inclusive) {
			return false
		}
	}
	if !band.Max.Unbounded() {
		c := x.Cmp(band.Max.Value.Decimal())
		if c > 0 || (c == 0 && !band.Max.Inclusive) {
			return false
		}
	}
	return true
}

func ExampleBuiltins() {
	for _, b := range benchmark.Builtins() {
		spec := b.Spec()
		fmt.Printf("%s (%s): %s\n", spec.Metric.ID, spec.Segment, spec.Per)
	}
	fmt.Println(benchmark.Builtins()[0].Spec().Source)
	// Output:
	// mrr_growth_rate (SaaS, United States): year
	// cac (SaaS, United States): no period
	// cac (e-commerce): no period
	// cltv (software, United States): no period
	// churn_rate (CRM software, United States): year
	// lead_conversion_rate (all industries): no period
	// nps (all industries): no period
	// nps (CRM software): no period
	// average_resolution_time (CRM software, United States): no period
	// Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French)
}

// The article's worked examples, rated against its own benchmarks.
func ExampleLookup() {
	support, err := benchmark.Lookup("average_resolution_time", benchmark.Segment{Industry: "crm software", Region: "united states"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := support.Classify(benchmark.Duration(5 * time.Hour))
	fmt.Println("Resolution 5h —", r.Tier, "("+r.Band.String()+")")

	// The MRR growth figures are yearly: a month's 20% growth compounds
	// to 791.61% a year.
	mrr, _ := benchmark.Lookup("mrr_growth_rate", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	month := benchmark.Percent(metrics.PercentInt(20)).Per(benchmark.Month)
	year, _ := month.CompoundGrowth(benchmark.Year)
	r, _ = mrr.Classify(year)
	fmt.Println("MRR growth", month, "—", year.Decimal().Round(2), "% a year —", r.Tier)

	_, err = benchmark.Lookup("cac", benchmark.Segment{Industry: "e-commerce", Region: "United States"})
	fmt.Println(err)
	_, err = benchmark.Lookup("win_rate", benchmark.Segment{Industry: "SaaS"})
	fmt.Println(err)
	// Output:
	// Resolution 5h — typical (4h to 8h)
	// MRR growth 20% a month — 791.61 % a year — exceptional
	// benchmark.Lookup: segment "e-commerce, United States" has no built-in cac benchmark; its segments: "SaaS, United States", "e-commerce": invalid value
	// benchmark.Lookup: metric "win_rate" has no built-in benchmark; the metrics that have one: average_resolution_time, cac, churn_rate, cltv, lead_conversion_rate, mrr_growth_rate, nps: invalid value
}

func TestBuiltins(t *testing.T) {
	if diff := cmp.Diff(len(articleCases), len(benchmark.Builtins())); diff != "" {
		t.Errorf("number of built-ins (-want +got):\n%s", diff)
	}
	for _, c := range articleCases {
		b := c.lookup(t)
		spec := b.Spec()
		type head struct {
			Metric   string
			Unit     metrics.Unit
			Better   metrics.Direction
			Cur      string
			Per      benchmark.Basis
			Title    string
			Date     string
			Language string
		}
		wantCur := ""
		if c.unit == metrics.UnitMoney {
			wantCur = "USD"
		}
		want := head{c.metric, c.unit, c.better, wantCur, c.per, articleTitle, "2024-10-03", "French"}
		got := head{spec.Metric.ID, spec.Metric.Unit, spec.Metric.Better, spec.Currency, spec.Per,
			spec.Source.Name, spec.Source.Date, spec.Source.Language}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", b, diff)
		}
		requireCited(t, spec)
		for _, tc := range c.values {
			t.Run(c.metric+"/"+c.segment.String()+"/"+tc.value, func(t *testing.T) {
				v := c.value(t, tc.value)
				r, err := b.Classify(v)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.tier, r.Tier); diff != "" {
					t.Errorf("tier of %v (-want +got):\n%s", v, diff)
				}
				if diff := cmp.Diff(tc.tier, c.oracle(v.Decimal())); diff != "" {
					t.Errorf("the test's oracle disagrees with its table for %v (-want +got):\n%s", v, diff)
				}
				want := benchmark.Rating{Value: v, Tier: tc.tier, Band: r.Band, Per: c.per, Metric: c.metric,
					Segment: spec.Segment, Source: spec.Source}
				if diff := cmp.Diff(want, r); diff != "" {
					t.Errorf("rating (-want +got):\n%s", diff)
				}
				if r.Band.Tier != r.Tier || !inBand(r.Band, v.Decimal()) {
					t.Errorf("band %v (%v) does not explain %v", r.Band, r.Band.Tier, v)
				}
			})
		}
	}
}

// Every value gets the tier the article's figures give it, and the band that
// holds it; a better value never gets a worse tier.
func TestBuiltinsProperties(t *testing.T) {
	for _, c := range articleCases {
		b := c.lookup(t)
		t.Run(b.String(), func(t *testing.T) {
			draw := func(t *rapid.T, label string) benchmark.Value {
				cut := dec(rapid.SampledFrom(c.cuts).Draw(t, label+" near"))
				var delta decimal.Decimal
				if c.unit == metrics.UnitDuration {
					delta = decimal.NewFromInt(rapid.Int64Range(-10*int64(time.Hour), 10*int64(time.Hour)).Draw(t, label+" ns"))
				} else {
					delta = decimal.New(rapid.Int64Range(-1e7, 1e7).Draw(t, label+" delta"), -int32(rapid.IntRange(0, 5).Draw(t, label+" places")))
				}
				return c.fromDecimal(cut.Add(delta))
			}
			rapid.Check(t, func(t *rapid.T) {
				x, y := draw(t, "x"), draw(t, "y")
				rx, err := b.Classify(x)
				if err != nil {
					t.Fatal(err)
				}
				ry, err := b.Classify(y)
				if err != nil {
					t.Fatal(err)
				}
				// Agreement with a direct comparison against the article's bounds.
				if want := c.oracle(x.Decimal()); rx.Tier != want {
					t.Fatalf("%v: tier %v, oracle %v", x, rx.Tier, want)
				}
				// Exactly one band holds x, and it is the rating's band.
				holders := 0
				for _, band := range b.Spec().Bands {
					if inBand(band, x.Decimal()) {
						holders++
						if diff := cmp.Diff(band, rx.Band); diff != "" {
							t.Fatalf("%v is in %v, rated in %v", x, band, rx.Band)
						}
					}
				}
				if holders != 1 {
					t.Fatalf("%v lies in %d bands", x, holders)
				}
				// Monotone: along the better direction the tier never drops.
				requireMonotone(t, c.better, x, rx.Tier, y, ry.Tier)
			})
		})
	}
}

// requireMonotone fails t if the better of x and y has the worse tier.
func requireMonotone(t *rapid.T, better metrics.Direction, x benchmark.Value, tx benchmark.Tier, y benchmark.Value, ty benchmark.Tier) {
	t.Helper()
	c := y.Decimal().Cmp(x.Decimal())
	if better == metrics.LowerIsBetter {
		c = -c // c > 0: y is better than x
	}
	switch {
	case c == 0 && tx != ty:
		t.Fatalf("equal values %v and %v rated %v and %v", x, y, tx, ty)
	case c > 0 && ty < tx:
		t.Fatalf("%v is better than %v but rated %v < %v", y, x, ty, tx)
	case c < 0 && tx < ty:
		t.Fatalf("%v is better than %v but rated %v < %v", x, y, tx, ty)
	}
}

// describe returns the crm or sales descriptor of the metric with ID id.
func describe(id string) (metrics.Descriptor, bool) {
	for _, d := range append(crm.Descriptors(), sales.Descriptors()...) {
		if d.ID == id {
			return d, true
		}
	}
	return metrics.Descriptor{}, false
}

// Every built-in's metric ID is the ID of a metric of package crm or sales,
// and its direction and unit are that metric's.
func TestBuiltinsDirections(t *testing.T) {
	for _, b := range benchmark.Builtins() {
		spec := b.Spec()
		d, ok := describe(spec.Metric.ID)
		if !ok {
			t.Errorf("%v: no crm or sales metric has ID %q", b, spec.Metric.ID)
			continue
		}
		want := metrics.Descriptor{ID: d.ID, Unit: d.Unit, Better: d.Better}
		if diff := cmp.Diff(want, spec.Metric); diff != "" {
			t.Errorf("%v against its descriptor (-want +got):\n%s", b, diff)
		}
	}
}

// The metric IDs follow one rule: the Go function's name in snake_case, an
// initialism as one word.
func TestBuiltinsIDs(t *testing.T) {
	funcs := map[string]string{ // each built-in metric's function
		"mrr_growth_rate": "MRRGrowthRate", "cac": "CAC", "cltv": "CLTV", "churn_rate": "ChurnRate",
		"lead_conversion_rate": "LeadConversionRate", "nps": "NPS", "average_resolution_time": "AverageResolutionTime",
	}
	for _, b := range benchmark.Builtins() {
		id := b.Spec().Metric.ID
		fn, ok := funcs[id]
		if !ok {
			t.Errorf("%v: metric %q has no function in this test", b, id)
			continue
		}
		if diff := cmp.Diff(snake(fn), id); diff != "" {
			t.Errorf("ID of %s (-want +got):\n%s", fn, diff)
		}
	}
}

// snake returns a Go name in snake_case, a run of capitals (an initialism)
// as one word: MRRGrowthRate → mrr_growth_rate, LTVToCAC → ltv_to_cac.
func snake(name string) string {
	var b strings.Builder
	r := []rune(name)
	for i, c := range r {
		upper := unicode.IsUpper(c)
		if upper && i > 0 {
			prevLower := unicode.IsLower(r[i-1])
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func TestSnake(t *testing.T) {
	for name, want := range map[string]string{
		"ChurnRate": "churn_rate", "NPS": "nps", "MRRGrowthRate": "mrr_growth_rate", "LTVToCAC": "ltv_to_cac",
		"NetRevenueRetention": "net_revenue_retention", "AverageResolutionTime": "average_resolution_time",
		"CACPaybackMonths": "cac_payback_months", "CLTV": "cltv",
	} {
		if diff := cmp.Diff(want, snake(name)); diff != "" {
			t.Errorf("snake(%q) (-want +got):\n%s", name, diff)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, b := range benchmark.Builtins() {
		spec := b.Spec()
		for _, seg := range []benchmark.Segment{spec.Segment,
			{Industry: strings.ToUpper(spec.Segment.Industry), Region: strings.ToLower(spec.Segment.Region)}} {
			got, err := benchmark.Lookup(spec.Metric.ID, seg)
			if err != nil {
				t.Errorf("Lookup(%q, %v): %v", spec.Metric.ID, seg, err)
				continue
			}
			if diff := cmp.Diff(spec, got.Spec()); diff != "" {
				t.Errorf("Lookup(%q, %v) (-want +got):\n%s", spec.Metric.ID, seg, diff)
			}
		}
	}
	// Each (metric, segment) pair is there once.
	seen := map[string]bool{}
	for _, b := range benchmark.Builtins() {
		if seen[b.String()] {
			t.Errorf("%v twice", b)
		}
		seen[b.String()] = true
	}
}

func TestLookupErrors(t *testing.T) {
	us := "United States"
	metricsList := "the metrics that have one: average_resolution_time, cac, churn_rate, cltv, " +
		"lead_conversion_rate, mrr_growth_rate, nps"
	for _, tt := range []struct {
		metric string
		seg    benchmark.Segment
		field  string
		detail string
	}{
		{"", benchmark.Segment{}, "metric", metricsList},
		{"CAC", benchmark.Segment{Industry: "SaaS", Region: us}, "metric", metricsList}, // IDs are exact
		{"win_rate", benchmark.Segment{Industry: "all industries"}, "metric", metricsList},
		{"avg_ticket_resolution_time", benchmark.Segment{Industry: "CRM software", Region: us}, "metric", metricsList},
		{"cac", benchmark.Segment{Industry: "SaaS"}, "segment", `its segments: "SaaS, United States", "e-commerce"`},
		{"cac", benchmark.Segment{Industry: "e-commerce", Region: us}, "segment", `its segments: "SaaS, United States", "e-commerce"`},
		{"churn_rate", benchmark.Segment{Industry: "SaaS", Region: us}, "segment", `its segments: "CRM software, United States"`},
		{"nps", benchmark.Segment{}, "segment", `its segments: "all industries", "CRM software"`},
	} {
		t.Run(tt.metric+"/"+tt.seg.String(), func(t *testing.T) {
			b, err := benchmark.Lookup(tt.metric, tt.seg)
			if err == nil {
				t.Fatalf("Lookup(%q, %v) = %v, want an error", tt.metric, tt.seg, b)
			}
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct {
				metric  string
				segment benchmark.Segment
			}{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("Field (-want +got):\n%s", diff)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("error %q does not say %q", err, tt.detail)
			}
			if diff := cmp.Diff(benchmark.Benchmark{}.Spec(), b.Spec()); diff != "" {
				t.Errorf("benchmark returned with the error (-want +got):\n%s", diff)
			}
		})
	}
}

// Builtins and Spec hand out copies: changing them changes no built-in.
func TestBuiltinsCopies(t *testing.T) {
	all := benchmark.Builtins()
	first := all[0].Spec()
	all[0] = benchmark.Benchmark{}
	spec := benchmark.Builtins()[0].Spec()
	spec.Bands[0].Tier = benchmark.Exceptional
	spec.Bands = spec.Bands[:1]
	if diff := cmp.Diff(first, benchmark.Builtins()[0].Spec()); diff != "" {
		t.Errorf("built-in changed (-want +got):\n%s", diff)
	}
}

// articleTitle is the title of the article the built-ins cite.
const articleTitle = "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client?"

// requireCited checks that a built-in cites its article as a reader can
// find it, quotes it with a translation, says why its period is what it is,
// and that the quote holds every bound's figure as the article writes it
// (1500 USD as "1 500 $", 4h as "4 heures" or "4 à").
func requireCited(t *testing.T, spec benchmark.Spec) {
	t.Helper()
	src := spec.Source
	for name, text := range map[string]string{"Section": src.Section, "Quote": src.Quote,
		"Translation": src.Translation, "Note": spec.Note, "PerNote": spec.PerNote} {
		if text == "" {
			t.Errorf("%s %v: %s is empty", spec.Metric.ID, spec.Segment, name)
		}
		if strings.Contains(strings.ToLower(text), "seed") {
			t.Errorf("%s %v: %s says \"seed\": %q", spec.Metric.ID, spec.Segment, name, text)
		}
	}
	for _, band := range spec.Bands {
		for _, end := range []benchmark.Bound{band.Min, band.Max} {
			if end.Unbounded() {
				continue
			}
			v := end.Value.Decimal()
			if spec.Metric.Unit == metrics.UnitDuration {
				v = v.Div(decimal.NewFromInt(int64(time.Hour)))
			}
			figure := frenchInt(v.IntPart())
			if !strings.Contains(src.Quote, figure) || !strings.Contains(src.Translation, v.String()) &&
				!strings.Contains(src.Translation, englishInt(v.IntPart())) {
				t.Errorf("%s %v: bound %v (%q) is not in the quote or its translation", spec.Metric.ID, spec.Segment, end.Value, figure)
			}
		}
	}
}

// frenchInt writes n as the article does: "1 500", "700".
func frenchInt(n int64) string { return groupThousands(n, " ") }

// englishInt writes n with a comma between thousands: "1,500".
func englishInt(n int64) string { return groupThousands(n, ",") }

func groupThousands(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// The quotes are the article's words: when a copy of the article is at hand
// (../../shared/seeds, or the directory in KPIKIT_SEEDS), each quote is found
// in it verbatim, and so is the date, as the article writes it.
func TestBuiltinsQuoteTheArticle(t *testing.T) {
	dir := os.Getenv("KPIKIT_SEEDS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "seeds")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var text string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(strings.TrimSpace(string(raw)), articleTitle) {
			text = string(raw)
		}
	}
	if text == "" {
		t.Skipf("no copy of the article in %s (set KPIKIT_SEEDS to a directory that holds it)", dir)
	}
	if !strings.Contains(text, "3 oct. 2024") {
		t.Errorf("the article's date is not 3 oct. 2024")
	}
	for _, b := range benchmark.Builtins() {
		src := b.Spec().Source
		if !strings.Contains(text, src.Quote) {
			t.Errorf("%v: quote not in the article: %q", b, src.Quote)
		}
		heading, _, _ := strings.Cut(src.Section, " (")
		if !strings.Contains(text, "\n"+heading) {
			t.Errorf("%v: section heading %q not in the article", b, heading)
		}
	}
}
