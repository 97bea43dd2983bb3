package benchmark_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var (
	higher = metrics.HigherIsBetter
	lower  = metrics.LowerIsBetter
	in     = benchmark.Inclusive
	out    = benchmark.Exclusive
)

func descriptor(id string, u metrics.Unit, d metrics.Direction) metrics.Descriptor {
	return metrics.Descriptor{ID: id, Unit: u, Better: d}
}

// lastYear is a user's own churn benchmark: last year's quarters ranged from
// 6% to 9%.
func lastYear() benchmark.Spec {
	return benchmark.Spec{
		Metric:  descriptor("churn_rate", metrics.UnitPercent, lower),
		Segment: benchmark.Segment{Industry: "Acme", Region: "EU"},
		Source:  benchmark.Source{Name: "our 2024 quarters"},
		Bands: []benchmark.Band{
			{Tier: benchmark.WorseThanTypical, Min: out(pct("9"))},
			{Tier: benchmark.Typical, Min: in(pct("6")), Max: in(pct("9"))},
			{Tier: benchmark.Exceptional, Max: out(pct("6"))},
		},
	}
}

// A company rates its monthly churn against its own last year, taking the
// metric's descriptor (and so its direction) from package crm.
func ExampleNew() {
	churnRate, _ := crm.Describe("churn_rate")
	b, err := benchmark.New(benchmark.Spec{
		Metric:  churnRate,
		Segment: benchmark.Segment{Industry: "Acme", Region: "EU"},
		Source:  benchmark.Source{Name: "our 2024 quarters"},
		Bands: []benchmark.Band{ // from the worst tier to the best
			{Tier: benchmark.WorseThanTypical, Min: benchmark.Exclusive(pct("9"))},
			{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct("6")), Max: benchmark.Inclusive(pct("9"))},
			{Tier: benchmark.Exceptional, Max: benchmark.Exclusive(pct("6"))},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	churn, _ := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	r, _ := b.Classify(benchmark.Percent(churn))
	fmt.Println(churn, "—", r)
	r, _ = b.Classify(pct("9"))
	fmt.Println(r.Value, "—", r)
	// Output:
	// 5% — exceptional (below 6%; Acme, EU; our 2024 quarters)
	// 9% — typical (6% to 9%; Acme, EU; our 2024 quarters)
}

// Bands that improve upward for a metric where lower is better are refused.
func ExampleNew_error() {
	spec := lastYear()
	spec.Bands = []benchmark.Band{
		{Tier: benchmark.WorseThanTypical, Max: benchmark.Exclusive(pct("6"))},
		{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct("6")), Max: benchmark.Inclusive(pct("9"))},
		{Tier: benchmark.Exceptional, Min: benchmark.Exclusive(pct("9"))},
	}
	_, err := benchmark.New(spec)
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// benchmark.New: Bands[0] (worse than typical: below 6%) has Max 6%, but the worst band must have no Max (lower is better): list the bands from worst to best: inconsistent input
	// true
}

// A package-level table of the company's own benchmarks.
var ownNPS = benchmark.MustNew(benchmark.Spec{
	Metric:  metrics.Descriptor{ID: "nps", Unit: metrics.UnitScore, Better: metrics.HigherIsBetter},
	Segment: benchmark.Segment{Industry: "Acme"},
	Source:  benchmark.Source{Name: "2024 survey"},
	Bands: []benchmark.Band{
		{Tier: benchmark.WorseThanTypical, Max: benchmark.Exclusive(score("20"))},
		{Tier: benchmark.Typical, Min: benchmark.Inclusive(score("20"))},
	},
})

func ExampleMustNew() {
	r, _ := ownNPS.Classify(scoreOf(decimal.NewFromInt(10)))
	fmt.Println(r)
	// Output: worse than typical (below 20; Acme; 2024 survey)
}

func ExampleBenchmark_Classify() {
	b, _ := benchmark.Lookup("cltv", benchmark.Segment{Industry: "software", Region: "United States"})
	for _, cltv := range []int64{400, 1600, 2500, 5000, 5001} {
		r, err := b.Classify(benchmark.Money(decimal.NewFromInt(cltv), "USD"))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v: %v (%v)\n", r.Value, r.Tier, r.Band)
	}
	// Output:
	// 400 USD: worse than typical (below 500 USD)
	// 1600 USD: typical (at least 500 USD and below 2500 USD)
	// 2500 USD: better than typical (2500 USD to 5000 USD)
	// 5000 USD: better than typical (2500 USD to 5000 USD)
	// 5001 USD: exceptional (above 5000 USD)
}

// A value of another kind than the benchmark's is an error, not a comparison.
func ExampleBenchmark_Classify_mismatch() {
	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	_, err := b.Classify(benchmark.Money(decimal.NewFromInt(650), "EUR"))
	fmt.Println(err)
	_, err = b.Classify(benchmark.Percent(metrics.PercentInt(5)))
	fmt.Println(errors.Is(err, metrics.ErrMismatch))
	// Output:
	// benchmark.Benchmark.Classify: v 650 EUR is money in EUR, but the cac benchmark rates money in USD: mismatched kinds
	// true
}

func ExampleBenchmark_Spec() {
	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	spec := b.Spec()
	fmt.Println(spec.Metric.ID, "—", spec.Metric.Better)
	fmt.Println(spec.Source.Quote)
	fmt.Println(spec.Note)
	// Output:
	// churn_rate — lower is better
	// le taux de désabonnement moyen pour les fournisseurs de logiciels CRM aux États-Unis va de 10% à 15%, avec des artistes exceptionnels maintenant des taux inférieurs à 5%.
	// A bound the source states strictly ("below", "under", "exceeding") is exclusive; a range end or an "or more" is inclusive. The source's average (10% to 15%) is typical; churn from 5% to below 10%, which it does not name, is better than typical (5% itself included, exceptional being strictly below 5%); above 15%, which it does not name either, is worse than typical.
}

func ExampleBenchmark_String() {
	b, _ := benchmark.Lookup("nps", benchmark.Segment{Industry: "CRM software"})
	fmt.Println(b)
	b, _ = benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	fmt.Println(b)
	// Output:
	// nps (CRM software; Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French))
	// churn_rate a year (CRM software, United States; Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French))
}

func TestNew(t *testing.T) {
	h := func(n time.Duration) benchmark.Value { return benchmark.Duration(n * time.Hour) }
	eur := func(s string) benchmark.Value { return benchmark.Money(dec(s), "EUR") }
	ratio := func(s string) benchmark.Value { return benchmark.Number(metrics.UnitRatio, dec(s)) }
	seg := benchmark.Segment{Industry: "Acme"}
	src := benchmark.Source{Name: "own"}
	tests := []struct {
		name string
		spec benchmark.Spec
		// rated maps values to the tiers they must get.
		rated []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}
	}{
		{"last year's churn", lastYear(), []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{pct("9.0001"), bt}, {pct("9"), ty}, {pct("6"), ty}, {pct("5.9999"), ex}, {pct("-1"), ex}}},
		{"a one-point band", benchmark.Spec{Metric: descriptor("m", metrics.UnitScore, higher), Segment: seg, Source: src,
			Bands: []benchmark.Band{
				{Tier: bt, Max: out(score("7"))},
				{Tier: ty, Min: in(score("7")), Max: in(score("7"))},
				{Tier: ex, Min: out(score("7"))},
			}}, []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{score("6.99"), bt}, {score("7"), ty}, {score("7.00"), ty}, {score("7.01"), ex}}},
		{"money in EUR, tiers skipped", benchmark.Spec{Metric: descriptor("cac", metrics.UnitMoney, lower), Currency: "EUR",
			Segment: seg, Source: src, Note: "our own",
			Bands: []benchmark.Band{
				{Tier: ty, Min: in(eur("100"))},
				{Tier: ex, Max: out(eur("100"))},
			}}, []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{eur("100"), ty}, {eur("99.99"), ex}}},
		{"durations, higher is better", benchmark.Spec{Metric: descriptor("time_on_site", metrics.UnitDuration, higher),
			Segment: seg, Source: src,
			Bands: []benchmark.Band{
				{Tier: bt, Max: in(h(1))},
				{Tier: aa, Min: out(h(1)), Max: out(h(2))},
				{Tier: ex, Min: in(h(2))},
			}}, []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{h(1), bt}, {benchmark.Duration(time.Hour + 1), aa}, {h(2), ex}}},
		{"a ratio", benchmark.Spec{Metric: descriptor("ltv_to_cac", metrics.UnitRatio, higher), Segment: seg, Source: src,
			Bands: []benchmark.Band{
				{Tier: bt, Max: out(ratio("1"))},
				{Tier: ty, Min: in(ratio("1")), Max: out(ratio("3"))},
				{Tier: aa, Min: in(ratio("3")), Max: in(ratio("5"))},
				{Tier: ex, Min: out(ratio("5"))},
			}}, []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{ratio("0.5"), bt}, {ratio("1"), ty}, {ratio("3"), aa}, {ratio("5"), aa}, {ratio("5.1"), ex}}},
		{"bound flags of unbounded ends are ignored", benchmark.Spec{Metric: descriptor("m", metrics.UnitPercent, higher),
			Segment: seg, Source: src,
			Bands: []benchmark.Band{
				{Tier: bt, Min: benchmark.Bound{Inclusive: true}, Max: out(pct("1"))},
				{Tier: ex, Min: in(pct("1")), Max: benchmark.Bound{Inclusive: true}},
			}}, []struct {
			v    benchmark.Value
			tier benchmark.Tier
		}{{pct("0"), bt}, {pct("1"), ex}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := benchmark.New(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.spec, b.Spec()); diff != "" {
				t.Errorf("Spec() (-want +got):\n%s", diff)
			}
			again, err := benchmark.New(b.Spec())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(b.Spec(), again.Spec()); diff != "" {
				t.Errorf("New(b.Spec()) (-want +got):\n%s", diff)
			}
			for _, r := range tt.rated {
				got, err := b.Classify(r.v)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(r.tier, got.Tier); diff != "" {
					t.Errorf("tier of %v (-want +got):\n%s", r.v, diff)
				}
			}
		})
	}
	// New copies the bands: changing the caller's slice changes nothing.
	spec := lastYear()
	b, _ := benchmark.New(spec)
	spec.Bands[0].Tier = benchmark.Exceptional
	if diff := cmp.Diff(lastYear(), b.Spec()); diff != "" {
		t.Errorf("New kept the caller's slice (-want +got):\n%s", diff)
	}
}

func TestNewErrors(t *testing.T) {
	with := func(f func(*benchmark.Spec)) benchmark.Spec {
		s := lastYear()
		f(&s)
		return s
	}
	bands := func(b ...benchmark.Band) func(*benchmark.Spec) {
		return func(s *benchmark.Spec) { s.Bands = b }
	}
	up := func(b ...benchmark.Band) benchmark.Spec { // a higher-is-better spec
		s := lastYear()
		s.Metric.Better = higher
		s.Bands = b
		return s
	}
	const none = -1
	tests := []struct {
		name  string
		spec  benchmark.Spec
		want  error
		field string
		index int
	}{
		{"zero value", benchmark.Spec{}, metrics.ErrInvalid, "Metric.ID", none},
		{"no unit", with(func(s *benchmark.Spec) { s.Metric.Unit = 0 }), metrics.ErrInvalid, "Metric.Unit", none},
		{"money per day", with(func(s *benchmark.Spec) { s.Metric.Unit = metrics.UnitMoneyPerDay }), metrics.ErrInvalid, "Metric.Unit", none},
		{"unknown unit", with(func(s *benchmark.Spec) { s.Metric.Unit = 99 }), metrics.ErrInvalid, "Metric.Unit", none},
		{"no direction", with(func(s *benchmark.Spec) { s.Metric.Better = 0 }), metrics.ErrInvalid, "Metric.Better", none},
		{"unknown direction", with(func(s *benchmark.Spec) { s.Metric.Better = 3 }), metrics.ErrInvalid, "Metric.Better", none},
		{"money without currency", with(func(s *benchmark.Spec) { s.Metric.Unit = metrics.UnitMoney }), metrics.ErrInvalid, "Currency", none},
		{"percent with currency", with(func(s *benchmark.Spec) { s.Currency = "USD" }), metrics.ErrInvalid, "Currency", none},
		{"no industry", with(func(s *benchmark.Spec) { s.Segment = benchmark.Segment{Region: "EU"} }), metrics.ErrInvalid, "Segment.Industry", none},
		{"no source", with(func(s *benchmark.Spec) { s.Source = benchmark.Source{Section: "Q1"} }), metrics.ErrInvalid, "Source.Name", none},
		{"no bands", with(bands()), metrics.ErrInvalid, "Bands", 0},
		{"one band", with(bands(benchmark.Band{Tier: ty})), metrics.ErrInvalid, "Bands", 1},
		{"unknown basis", with(func(s *benchmark.Spec) { s.Per = 4 }), metrics.ErrInvalid, "Per", none},
		{"negative basis", with(func(s *benchmark.Spec) { s.Per = -1 }), metrics.ErrInvalid, "Per", none},
		{"bound of another basis", with(func(s *benchmark.Spec) {
			s.Per = benchmark.Year
			s.Bands[1].Max = in(pct("9").Per(benchmark.Month))
		}), metrics.ErrMismatch, "Bands.Max", 1},
		{"bound with a basis in a spec without", with(func(s *benchmark.Spec) {
			s.Bands[0].Min = out(pct("9").Per(benchmark.Year))
		}), metrics.ErrMismatch, "Bands.Min", 0},
		{"no tier", with(func(s *benchmark.Spec) { s.Bands[1].Tier = 0 }), metrics.ErrInvalid, "Bands.Tier", 1},
		{"unknown tier", with(func(s *benchmark.Spec) { s.Bands[2].Tier = 5 }), metrics.ErrInvalid, "Bands.Tier", 2},
		{"Number of a unit it does not take", with(func(s *benchmark.Spec) {
			s.Bands[1].Max = in(benchmark.Number(metrics.UnitPercent, dec("9")))
		}), metrics.ErrInvalid, "Bands.Max", 1},
		{"score bound in a percent benchmark", with(func(s *benchmark.Spec) { s.Bands[1].Min = in(score("6")) }), metrics.ErrMismatch, "Bands.Min", 1},
		{"money bound in a percent benchmark", with(func(s *benchmark.Spec) { s.Bands[0].Min = out(usd("9")) }), metrics.ErrMismatch, "Bands.Min", 0},
		{"bound in another currency", benchmark.Spec{Metric: descriptor("cac", metrics.UnitMoney, lower), Currency: "USD",
			Segment: benchmark.Segment{Industry: "x"}, Source: benchmark.Source{Name: "x"},
			Bands: []benchmark.Band{{Tier: ty, Min: in(usd("1"))}, {Tier: ex, Max: out(benchmark.Money(dec("1"), "EUR"))}}},
			metrics.ErrMismatch, "Bands.Max", 1},
		{"tier twice", with(func(s *benchmark.Spec) { s.Bands[2].Tier = ty }), metrics.ErrInconsistent, "Bands.Tier", 2},
		{"tiers from best to worst", with(func(s *benchmark.Spec) {
			s.Bands[0].Tier, s.Bands[2].Tier = ex, bt
		}), metrics.ErrInconsistent, "Bands.Tier", 1},
		{"Min above Max", with(func(s *benchmark.Spec) { s.Bands[1].Min = in(pct("10")) }), metrics.ErrInconsistent, "Bands.Min", 1},
		{"empty point band", with(func(s *benchmark.Spec) {
			s.Bands[1].Min, s.Bands[1].Max = in(pct("9")), out(pct("9"))
		}), metrics.ErrInconsistent, "Bands", 1},
		{"against the direction", with(bands(
			benchmark.Band{Tier: bt, Max: out(pct("6"))},
			benchmark.Band{Tier: ty, Min: in(pct("6")), Max: in(pct("9"))},
			benchmark.Band{Tier: ex, Min: out(pct("9"))},
		)), metrics.ErrInconsistent, "Bands", 0},
		{"best band bounded", with(func(s *benchmark.Spec) { s.Bands[2].Min = in(pct("0")) }), metrics.ErrInconsistent, "Bands", 2},
		{"worst band bounded, higher is better", up(
			benchmark.Band{Tier: bt, Min: in(pct("0")), Max: out(pct("5"))},
			benchmark.Band{Tier: ex, Min: in(pct("5"))},
		), metrics.ErrInconsistent, "Bands", 0},
		{"previous band has no better end", up(
			benchmark.Band{Tier: bt, Max: out(pct("5"))},
			benchmark.Band{Tier: ty, Min: in(pct("5"))},
			benchmark.Band{Tier: ex, Min: in(pct("10"))},
		), metrics.ErrInconsistent, "Bands", 2},
		{"band has no worse end", up(
			benchmark.Band{Tier: bt, Max: out(pct("5"))},
			benchmark.Band{Tier: ty, Max: in(pct("10"))},
			benchmark.Band{Tier: ex, Min: out(pct("10"))},
		), metrics.ErrInconsistent, "Bands", 1},
		{"overlap, higher is better", up(
			benchmark.Band{Tier: bt, Max: out(pct("5"))},
			benchmark.Band{Tier: ex, Min: in(pct("4"))},
		), metrics.ErrInconsistent, "Bands", 1},
		{"gap, higher is better", up(
			benchmark.Band{Tier: bt, Max: out(pct("5"))},
			benchmark.Band{Tier: ex, Min: in(pct("6"))},
		), metrics.ErrInconsistent, "Bands", 1},
		{"both include the meeting value, higher is better", up(
			benchmark.Band{Tier: bt, Max: in(pct("5"))},
			benchmark.Band{Tier: ex, Min: in(pct("5"))},
		), metrics.ErrInconsistent, "Bands", 1},
		{"neither includes the meeting value, higher is better", up(
			benchmark.Band{Tier: bt, Max: out(pct("5"))},
			benchmark.Band{Tier: ex, Min: out(pct("5"))},
		), metrics.ErrInconsistent, "Bands", 1},
		{"overlap, lower is better", with(func(s *benchmark.Spec) { s.Bands[1].Max = in(pct("9.5")) }), metrics.ErrInconsistent, "Bands", 1},
		{"gap, lower is better", with(func(s *benchmark.Spec) { s.Bands[2].Max = out(pct("5")) }), metrics.ErrInconsistent, "Bands", 2},
		{"both include the meeting value, lower is better", with(func(s *benchmark.Spec) { s.Bands[2].Max = in(pct("6")) }), metrics.ErrInconsistent, "Bands", 2},
		{"neither includes the meeting value, lower is better", with(func(s *benchmark.Spec) { s.Bands[1].Max = out(pct("9")) }), metrics.ErrInconsistent, "Bands", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := benchmark.New(tt.spec)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, benchmark.Spec{})
			var e *metrics.Error
			errors.As(err, &e)
			type where struct {
				Metric, Field string
				Index         int
			}
			if diff := cmp.Diff(where{"benchmark.New", tt.field, tt.index}, where{e.Metric, e.Field, e.Index}); diff != "" {
				t.Errorf("%v (-want +got):\n%s", err, diff)
			}
			if diff := cmp.Diff(benchmark.Spec{}, got.Spec(), cmp.Comparer(func(a, b []benchmark.Band) bool { return len(a) == 0 && len(b) == 0 })); diff != "" {
				t.Errorf("got a benchmark with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// The messages name the problem and the bands involved.
func TestNewErrorMessages(t *testing.T) {
	spec := lastYear()
	spec.Bands[1].Max = in(pct("9.5"))
	_, err := benchmark.New(spec)
	want := "benchmark.New: Bands[1] Max 9.5% overlaps Bands[0] (worse than typical: above 9%): " +
		"where two bands meet, exactly one bound is inclusive: inconsistent input"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	spec = lastYear()
	spec.Bands[1].Min = in(score("6"))
	_, err = benchmark.New(spec)
	want = "benchmark.New: Bands[1].Min 6 is score, but the benchmark rates percent: mismatched kinds"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMustNew(t *testing.T) {
	if diff := cmp.Diff(lastYear(), benchmark.MustNew(lastYear()).Spec()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	defer func() {
		err, _ := recover().(error)
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
	}()
	benchmark.MustNew(benchmark.Spec{})
	t.Error("MustNew of an invalid spec did not panic")
}

func TestClassify(t *testing.T) {
	b := benchmark.MustNew(lastYear())
	tests := []struct {
		v    benchmark.Value
		want benchmark.Rating
	}{
		{pct("12"), benchmark.Rating{Value: pct("12"), Tier: bt, Band: lastYear().Bands[0]}},
		{pct("7.5"), benchmark.Rating{Value: pct("7.5"), Tier: ty, Band: lastYear().Bands[1]}},
		{pct("0"), benchmark.Rating{Value: pct("0"), Tier: ex, Band: lastYear().Bands[2]}},
		// A benchmark without a basis rates values of any basis.
		{pct("7.5").Per(benchmark.Month), benchmark.Rating{Value: pct("7.5").Per(benchmark.Month), Tier: ty, Band: lastYear().Bands[1]}},
		{pct("7.5").Per(benchmark.Year), benchmark.Rating{Value: pct("7.5").Per(benchmark.Year), Tier: ty, Band: lastYear().Bands[1]}},
	}
	for _, tt := range tests {
		t.Run(tt.v.String(), func(t *testing.T) {
			tt.want.Metric, tt.want.Segment, tt.want.Source = "churn_rate", benchmark.Segment{Industry: "Acme", Region: "EU"}, benchmark.Source{Name: "our 2024 quarters"}
			got, err := b.Classify(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// A benchmark with a basis rates values of that basis, and says so.
func TestClassifyPer(t *testing.T) {
	spec := lastYear()
	spec.Per = benchmark.Quarter
	b := benchmark.MustNew(spec)
	got, err := b.Classify(pct("7").Per(benchmark.Quarter))
	if err != nil {
		t.Fatal(err)
	}
	want := benchmark.Rating{Value: pct("7").Per(benchmark.Quarter), Tier: ty, Band: spec.Bands[1], Per: benchmark.Quarter,
		Metric: "churn_rate", Segment: spec.Segment, Source: spec.Source}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("typical (6% to 9% a quarter; Acme, EU; our 2024 quarters)", got.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Bounds given with the spec's basis are kept without it.
	spec.Bands[1].Min = in(pct("6").Per(benchmark.Quarter))
	if diff := cmp.Diff(b.Spec(), benchmark.MustNew(spec).Spec()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestClassifyErrors(t *testing.T) {
	churn := benchmark.MustNew(lastYear())
	monthly := lastYear()
	monthly.Per = benchmark.Month
	churnMonthly := benchmark.MustNew(monthly)
	churnYearly, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	cac, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	tests := []struct {
		name string
		b    benchmark.Benchmark
		v    benchmark.Value
		want error
		// field is the error's field, msg its text.
		field, msg string
	}{
		{"zero benchmark", benchmark.Benchmark{}, pct("5"), metrics.ErrInvalid, "Benchmark",
			"benchmark.Benchmark.Classify: Benchmark is the zero value; build it with New or take a built-in: invalid value"},
		{"zero value", churn, benchmark.Value{}, metrics.ErrInvalid, "v",
			"benchmark.Benchmark.Classify: v is the zero Value: invalid value"},
		{"Number of a unit it does not take", churn, benchmark.Number(metrics.UnitPercent, dec("5")), metrics.ErrInvalid, "v",
			"benchmark.Benchmark.Classify: v 5 is a Number of unit percent, which Number does not take: invalid value"},
		{"score against a percent benchmark", churn, score("5"), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5 is score, but the churn_rate benchmark rates percent: mismatched kinds"},
		{"duration against a percent benchmark", churn, benchmark.Duration(time.Hour), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 1h is duration, but the churn_rate benchmark rates percent: mismatched kinds"},
		{"percent against a money benchmark", cac, pct("5"), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5% is percent, but the cac benchmark rates money in USD: mismatched kinds"},
		{"another currency", cac, benchmark.Money(dec("650"), "usd"), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 650 usd is money in usd, but the cac benchmark rates money in USD: mismatched kinds"},
		{"money without a currency", cac, benchmark.Money(dec("650"), ""), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 650 is money without a currency, but the cac benchmark rates money in USD: mismatched kinds"},
		{"ratio against a money benchmark", cac, benchmark.Number(metrics.UnitRatio, dec("3")), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 3 is ratio, but the cac benchmark rates money in USD: mismatched kinds"},
		{"no basis against a yearly benchmark", churnYearly, pct("5"), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5% has no basis, but the churn_rate benchmark rates yearly values: " +
				"say which period v was measured over with Value.Per: mismatched kinds"},
		{"monthly against yearly", churnYearly, pct("5").Per(benchmark.Month), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5% a month is monthly: a monthly churn_rate cannot be rated against a yearly band; " +
				"convert it to its yearly compound with Value.CompoundLoss (a loss rate) or Value.CompoundGrowth (a growth rate): mismatched kinds"},
		{"quarterly against yearly", churnYearly, pct("5").Per(benchmark.Quarter), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5% a quarter is quarterly: a quarterly churn_rate cannot be rated against a yearly band; " +
				"convert it to its yearly compound with Value.CompoundLoss (a loss rate) or Value.CompoundGrowth (a growth rate): mismatched kinds"},
		{"yearly against monthly", churnMonthly, pct("5").Per(benchmark.Year), metrics.ErrMismatch, "v",
			"benchmark.Benchmark.Classify: v 5% a year is yearly: a yearly churn_rate cannot be rated against a monthly band; " +
				"measure it over a month: mismatched kinds"},
		{"unknown basis", churn, pct("5").Per(7), metrics.ErrInvalid, "v",
			"benchmark.Benchmark.Classify: v 5% a Basis(7) has a basis that is not a Basis: invalid value"},
		{"unknown basis against a yearly benchmark", churnYearly, pct("5").Per(-1), metrics.ErrInvalid, "v",
			"benchmark.Benchmark.Classify: v 5% a Basis(-1) has a basis that is not a Basis: invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.b.Classify(tt.v)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct {
				Benchmark benchmark.Benchmark // the receiver
				v         benchmark.Value
			}{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.msg, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(benchmark.Rating{}, got); diff != "" {
				t.Errorf("got a rating with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// randomSpec draws a valid spec: 2 to 4 tiers in order, ascending distinct
// cuts between them, each cut given to the better or the worse side. It
// returns the oracle that rates a value by counting the cuts it passes.
func randomSpec(t *rapid.T) (benchmark.Spec, func(x decimal.Decimal) benchmark.Tier, []decimal.Decimal) {
	better := rapid.SampledFrom([]metrics.Direction{higher, lower}).Draw(t, "better")
	unit := rapid.SampledFrom([]metrics.Unit{metrics.UnitPercent, metrics.UnitMoney, metrics.UnitScore, metrics.UnitDuration, metrics.UnitDays}).Draw(t, "unit")
	tiers := rapid.SliceOfNDistinct(rapid.SampledFrom([]benchmark.Tier{bt, ty, aa, ex}), 2, 4, rapid.ID[benchmark.Tier]).Draw(t, "tiers")
	slices.Sort(tiers)
	k := len(tiers)
	places := int32(0)
	if unit != metrics.UnitDuration {
		places = int32(rapid.IntRange(0, 4).Draw(t, "places"))
	}
	coefs := rapid.SliceOfNDistinct(rapid.Int64Range(-1e6, 1e6), k-1, k-1, rapid.ID[int64]).Draw(t, "cuts")
	slices.Sort(coefs)
	cuts := make([]decimal.Decimal, k-1)
	for i, c := range coefs {
		cuts[i] = decimal.New(c, -places)
	}
	toBetter := rapid.SliceOfN(rapid.Bool(), k-1, k-1).Draw(t, "cut goes to the better band")
	mk := valueMaker(unit)

	// Bands in ascending value order first.
	pos := make([]benchmark.Band, k)
	for p := range pos {
		if p > 0 {
			pos[p].Min = out(mk(cuts[p-1]))
		}
		if p < k-1 {
			pos[p].Max = out(mk(cuts[p]))
		}
	}
	for m := range cuts {
		if toBetter[m] == (better == higher) {
			pos[m+1].Min.Inclusive = true
		} else {
			pos[m].Max.Inclusive = true
		}
	}
	if better == lower {
		slices.Reverse(pos)
	}
	for j := range pos {
		pos[j].Tier = tiers[j]
	}
	cur := ""
	if unit == metrics.UnitMoney {
		cur = "USD"
	}
	spec := benchmark.Spec{
		Metric:   descriptor("m", unit, better),
		Currency: cur,
		Segment:  benchmark.Segment{Industry: "random"},
		Source:   benchmark.Source{Name: "rapid"},
		Bands:    pos,
	}
	oracle := func(x decimal.Decimal) benchmark.Tier {
		passed := 0
		for m, c := range cuts {
			d := x.Cmp(c)
			if better == lower {
				d = -d
			}
			if d > 0 || (d == 0 && toBetter[m]) {
				passed++
			}
		}
		return tiers[passed]
	}
	return spec, oracle, cuts
}

func valueMaker(unit metrics.Unit) func(decimal.Decimal) benchmark.Value {
	return func(x decimal.Decimal) benchmark.Value {
		switch unit {
		case metrics.UnitPercent:
			return benchmark.Percent(metrics.NewPercent(x))
		case metrics.UnitMoney:
			return benchmark.Money(x, "USD")
		case metrics.UnitDuration:
			return benchmark.Duration(time.Duration(x.IntPart()))
		}
		return benchmark.Number(unit, x)
	}
}

// Random valid benchmarks: every value gets exactly one tier, the one a
// direct comparison with the cuts gives; a better value never gets a worse
// tier; and the direction is enforced.
func TestNewProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spec, oracle, cuts := randomSpec(t)
		b, err := benchmark.New(spec)
		if err != nil {
			t.Fatalf("valid spec refused: %v", err)
		}
		mk := valueMaker(spec.Metric.Unit)
		draw := func(label string) benchmark.Value {
			x := rapid.SampledFrom(cuts).Draw(t, label+" near")
			delta := decimal.New(rapid.Int64Range(-1000, 1000).Draw(t, label+" delta"), -int32(rapid.IntRange(0, 6).Draw(t, label+" places")))
			if spec.Metric.Unit == metrics.UnitDuration {
				delta = delta.Truncate(0)
			}
			return mk(x.Add(delta))
		}
		x, y := draw("x"), draw("y")
		rx, err := b.Classify(x)
		if err != nil {
			t.Fatal(err)
		}
		ry, err := b.Classify(y)
		if err != nil {
			t.Fatal(err)
		}
		if want := oracle(x.Decimal()); rx.Tier != want {
			t.Fatalf("%v rated %v, oracle %v", x, rx.Tier, want)
		}
		holders := 0
		for _, band := range spec.Bands {
			if inBand(band, x.Decimal()) {
				holders++
				if diff := cmp.Diff(band, rx.Band); diff != "" || band.Tier != rx.Tier {
					t.Fatalf("%v lies in %v, rated in %v", x, band, rx.Band)
				}
			}
		}
		if holders != 1 {
			t.Fatalf("%v lies in %d bands", x, holders)
		}
		requireMonotone(t, spec.Metric.Better, x, rx.Tier, y, ry.Tier)

		// The other direction makes the same bands inconsistent.
		flipped := b.Spec()
		flipped.Metric.Better = metrics.Direction(3 - int(flipped.Metric.Better))
		_, err = benchmark.New(flipped)
		testkit.RequireSentinel(t, err, metrics.ErrInconsistent)
		// Without a middle band, the bands leave a gap.
		if len(spec.Bands) > 2 {
			gap := b.Spec()
			i := rapid.IntRange(1, len(gap.Bands)-2).Draw(t, "dropped band")
			gap.Bands = slices.Delete(gap.Bands, i, i+1)
			_, err = benchmark.New(gap)
			testkit.RequireSentinel(t, err, metrics.ErrInconsistent)
		}
	})
}

// fuzzValue builds a value of the kind selected by kind from fuzz input.
// The value's basis is none, a month, a quarter, a year or an invalid one,
// from the fifth bit of coef upward.
func fuzzValue(kind uint8, coef int64, exp int8, cur string) benchmark.Value {
	return fuzzValueOf(kind, coef, exp, cur).Per(benchmark.Basis(uint64(coef) >> 4 % 5))
}

func fuzzValueOf(kind uint8, coef int64, exp int8, cur string) benchmark.Value {
	d := testkit.FuzzDecimal(coef, exp)
	switch kind % 8 {
	case 0:
		return benchmark.Percent(metrics.NewPercent(d))
	case 1:
		return benchmark.Money(d, cur)
	case 2:
		return scoreOf(d)
	case 3:
		return benchmark.Duration(time.Duration(coef))
	case 4:
		return benchmark.Number(metrics.Unit(kind/8%14), d) // any unit, valid or not
	case 5:
		return benchmark.Money(d, "USD")
	case 6:
		return benchmark.Value{}
	}
	return benchmark.Number(metrics.UnitRatio, d)
}

func FuzzNew(f *testing.F) {
	f.Add(uint8(1), uint8(0), uint32(0x0ba9), int64(5), int64(10), int64(15), int8(0), uint8(0), "USD", int64(7))
	f.Add(uint8(2), uint8(5), uint32(0x1234), int64(-1), int64(0), int64(1), int8(-2), uint8(1), "", int64(0))
	f.Add(uint8(0), uint8(3), uint32(0xffff), int64(1), int64(1), int64(1), int8(3), uint8(2), "EUR", int64(1))
	// Valid: worse than typical below 5%, exceptional from 5% (higher is better).
	f.Add(uint8(1), uint8(0), uint32(3|0x1c<<6), int64(5), int64(10), int64(15), int8(0), uint8(12), "", int64(5))
	// Valid: worse than typical above 700 USD, exceptional up to 700 USD (lower is better).
	f.Add(uint8(2), uint8(1), uint32(24|35<<6), int64(700), int64(0), int64(0), int8(0), uint8(12), "USD", int64(700))
	f.Fuzz(func(t *testing.T, better, unitSel uint8, flags uint32, c0, c1, c2 int64, exp int8, tiers uint8, cur string, x int64) {
		kinds := []uint8{0, 1, 2, 3, 7}
		kind := kinds[int(unitSel)%len(kinds)]
		var unit metrics.Unit
		switch kind {
		case 0:
			unit = metrics.UnitPercent
		case 1:
			unit = metrics.UnitMoney
		case 2:
			unit = metrics.UnitScore
		case 3:
			unit = metrics.UnitDuration
		default:
			unit = metrics.UnitRatio
		}
		cuts := []int64{c0, c1, c2}
		// Each band: 2 bits pick its Min (none or a cut), 1 bit inclusive,
		// the same for Max; a tier from 2 bits of tiers.
		n := 2 + int(flags>>30)%3
		bands := make([]benchmark.Band, n)
		bound := func(bits uint32, alien bool) benchmark.Bound {
			if bits&3 == 3 {
				return benchmark.Bound{}
			}
			k := kind
			if alien {
				k = uint8(unitSel >> 4)
			}
			return benchmark.Bound{Value: fuzzValueOf(k, cuts[bits&3], exp, cur), Inclusive: bits&4 != 0}
		}
		for i := range bands {
			bits := flags >> (6 * i)
			bands[i] = benchmark.Band{
				Tier: benchmark.Tier(int(tiers>>(2*i))&3 + 1),
				Min:  bound(bits, unitSel&8 != 0 && i == 0),
				Max:  bound(bits>>3, false),
			}
		}
		spec := benchmark.Spec{
			Metric:   descriptor("m", unit, metrics.Direction(better%4)),
			Currency: cur,
			Segment:  benchmark.Segment{Industry: "fuzz"},
			Source:   benchmark.Source{Name: "fuzz"},
			Bands:    bands,
		}
		b, err := benchmark.New(spec)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		// A valid benchmark rates every value of its kind in exactly one band.
		for _, c := range append(cuts, x) {
			v := fuzzValueOf(kind, c, exp, cur)
			r, err := b.Classify(v)
			if err != nil {
				t.Fatalf("%v against %v: %v", v, spec.Bands, err)
			}
			holders := 0
			for _, band := range spec.Bands {
				if inBand(band, v.Decimal()) {
					holders++
				}
			}
			if holders != 1 || !inBand(r.Band, v.Decimal()) || r.Band.Tier != r.Tier {
				t.Fatalf("%v lies in %d bands of %v, rated %v", v, holders, spec.Bands, r)
			}
		}
	})
}

func FuzzClassify(f *testing.F) {
	f.Add(uint8(1), uint8(5), int64(650), int8(0), "USD")
	f.Add(uint8(4), uint8(0), int64(5), int8(0), "")
	f.Add(uint8(8), uint8(3), int64(2*time.Hour), int8(0), "")
	f.Add(uint8(0), uint8(6), int64(0), int8(0), "")
	f.Add(uint8(6), uint8(12), int64(-1), int8(-20), "x")
	f.Fuzz(func(t *testing.T, idx, kind uint8, coef int64, exp int8, cur string) {
		all := benchmark.Builtins()
		b := benchmark.Benchmark{}
		if int(idx) < 4*len(all) {
			b = all[int(idx)%len(all)]
		}
		v := fuzzValue(kind, coef, exp, cur)
		r, err := b.Classify(v)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if diff := cmp.Diff(benchmark.Rating{}, r); diff != "" {
				t.Fatalf("rating with an error: %s", diff)
			}
			return
		}
		if !inBand(r.Band, v.Decimal()) || r.Band.Tier != r.Tier || r.Tier < bt || r.Tier > ex {
			t.Fatalf("%v rated %v by %v", v, r, b)
		}
		if !strings.Contains(r.String(), r.Source.Name) || r.Source.Name == "" {
			t.Fatalf("rating %q does not name its source", r)
		}
	})
}

// No result depends on shopspring/decimal's globals.
func TestGlobalsIgnored(t *testing.T) {
	values := map[string][]benchmark.Value{
		"mrr_growth_rate":         {pct("19.99").Per(benchmark.Year), pct("33.3333333333").Per(benchmark.Year), pct("20.00")},
		"cac":                     {usd("699.995"), usd("1000.00"), usd("1500.5")},
		"cltv":                    {usd("2500.000"), usd("5000.0001")},
		"churn_rate":              {pct("4.99999").Per(benchmark.Year), pct("5.0").Per(benchmark.Year)},
		"nps":                     {score("49.5"), score("50.00")},
		"lead_conversion_rate":    {pct("5.00000001")},
		"average_resolution_time": {benchmark.Duration(4*time.Hour - 1), benchmark.Duration(150 * time.Minute)},
	}
	testkit.RequireGlobalsIgnored(t, func() string {
		var s strings.Builder
		for _, b := range benchmark.Builtins() {
			for _, v := range values[b.Spec().Metric.ID] {
				r, err := b.Classify(v)
				fmt.Fprintf(&s, "%v %v %v|", v, r, err)
			}
		}
		spec := lastYear()
		spec.Bands[1].Max = in(pct("9.50"))
		_, err := benchmark.New(spec)
		fmt.Fprintf(&s, "%v", err)
		return s.String()
	})
}
