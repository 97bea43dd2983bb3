package main

import (
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// embeddedReport computes the report of the embedded data set.
func embeddedReport(t testing.TB) *Report {
	t.Helper()
	d, err := dataset.Load(embeddedData)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := build(d)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestEveryMetric checks that the report has every metric kpikit
// describes, once, and that each has a value or says why not for every
// period: a metric added to crm or sales fails this test until the report
// computes it.
func TestEveryMetric(t *testing.T) {
	rep := embeddedReport(t)
	var want, got []string
	for _, m := range descriptors() {
		want = append(want, m.ID)
	}
	for _, s := range rep.Sections {
		for _, row := range s.Rows {
			m := row.Metric
			got = append(got, m.ID)
			if row.Call == "" || !strings.Contains(row.Call, ".") {
				t.Errorf("%s: call %q does not name a kpikit function", m.ID, row.Call)
			}
			if len(row.Results) < len(rep.Periods) {
				t.Fatalf("%s: %d results for %d periods", m.ID, len(row.Results), len(rep.Periods))
			}
			for _, r := range row.Results {
				p := r.Period.Label
				switch {
				case (r.Value == "") == (r.NA == ""):
					t.Errorf("%s, %s: value %q and n/a %q: want exactly one", m.ID, p, r.Value, r.NA)
				case strings.HasPrefix(r.NA, "error: "):
					t.Errorf("%s, %s: n/a: %s", m.ID, p, r.NA)
				case r.Value != "" && r.Display == "":
					t.Errorf("%s, %s: value %s without its display", m.ID, p, r.Value)
				}
			}
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("metric IDs in the report (-want +got):\n%s", diff)
	}
}

// TestRatedOnlyOnTheSameBasis checks every rating of the embedded report:
// a value measured over a month or a quarter is rated against a benchmark
// of yearly figures only after compounding to a year, and says so; a
// metric with a built-in benchmark is rated or says why not.
func TestRatedOnlyOnTheSameBasis(t *testing.T) {
	per := map[string]benchmark.Basis{}
	for _, b := range benchmark.Builtins() {
		per[b.Spec().Metric.ID] = b.Spec().Per
	}
	rated := 0
	for _, s := range embeddedReport(t).Sections {
		for _, row := range s.Rows {
			id := row.Metric.ID
			for _, r := range row.Results {
				switch {
				case r.Rating == nil && r.Value != "" && segments[id] != (benchmark.Segment{}) && r.NotRated == "":
					if _, err := benchmark.Lookup(id, segments[id]); err == nil {
						t.Errorf("%s, %s = %s: neither rated nor said why", id, r.Period.Label, r.Display)
					}
				case r.Rating == nil:
				case per[id] == 0 && r.Rating.Converted != "":
					t.Errorf("%s, %s: converted %q for a benchmark without a basis", id, r.Period.Label, r.Rating.Converted)
				case per[id] != 0 && basis(r.Period) != per[id]:
					rated++
					want := "a " + basis(r.Period).String() + "'s "
					if !strings.HasPrefix(r.Rating.Converted, want) || !strings.HasSuffix(r.Rating.Band, " a "+per[id].String()) {
						t.Errorf("%s, %s: a %s's value rated against %s figures as %q (converted %q)", id, r.Period.Label,
							basis(r.Period), per[id], r.Rating.Band, r.Rating.Converted)
					}
				default:
					rated++
				}
			}
		}
	}
	if rated == 0 {
		t.Error("no value is rated")
	}
}

// TestRateWith checks the verdict rules against benchmarks of yearly
// figures: a month's or a quarter's rate is never classified against them
// unless it compounds exactly to a year (churn, growth), and then the
// rating says so; a period of neither length is not rated.
func TestRateWith(t *testing.T) {
	nrr, _ := crm.Describe("net_revenue_retention")
	pct := func(n int64) benchmark.Value { return benchmark.Percent(metrics.PercentInt(n)) }
	yearlyNRR, err := benchmark.New(benchmark.Spec{Metric: nrr, Per: benchmark.Year,
		Segment: benchmark.Segment{Industry: "test"}, Source: benchmark.Source{Name: "a test"},
		Bands: []benchmark.Band{
			{Tier: benchmark.WorseThanTypical, Max: benchmark.Exclusive(pct(100))},
			{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct(100))},
		}})
	if err != nil {
		t.Fatal(err)
	}
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	month := monthPeriod(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	quarter := quarterEnding(month.FirstMonth, jan)
	twoMonths := quarterEnding(month.FirstMonth, month.FirstMonth.AddDate(0, -1, 0))
	year := Period{Key: "year", Label: "2025", FirstMonth: jan, LastMonth: month.FirstMonth, Months: 12}
	fig := figure{num: decimal.NewFromInt(101)}
	for _, p := range []Period{month, quarter} {
		if r, why := rateWith(yearlyNRR, nrr, fig, "USD", p); r != nil || !strings.HasPrefix(why, "not rated: the benchmark's figures are per year, and a "+basis(p).String()) {
			t.Errorf("NRR of %s: rating %v, %q", p.Label, r, why)
		}
	}
	if r, why := rateWith(yearlyNRR, nrr, fig, "USD", twoMonths); r != nil || !strings.Contains(why, "2 months are neither a month nor a quarter") {
		t.Errorf("NRR of two months: rating %v, %q", r, why)
	}
	if r, why := rateWith(yearlyNRR, nrr, fig, "USD", year); r == nil || r.Tier != "typical" || r.Converted != "" || why != "" {
		t.Errorf("NRR of a year: rating %v, %q", r, why)
	}

	// A month's churn of 1% compounds to 1 − 0.99^12 = 11.36% a year.
	churn, _ := crm.Describe("churn_rate")
	r, why := rate(churn, figure{num: decimal.NewFromInt(1)}, "USD", month)
	if r == nil || why != "" || r.Converted != "a month's 1.00% compounds to 11.36% a year, which is rated" ||
		r.Tier != "typical" || r.Band != "10% to 15% a year" {
		t.Errorf("a month's 1%% churn: %+v, %q", r, why)
	}
}

// TestRateOtherCurrency checks that money in another currency than the
// benchmark's is not rated, and that the reason says why.
func TestRateOtherCurrency(t *testing.T) {
	cac, _ := crm.Describe("cac")
	month := monthPeriod(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	r, why := rate(cac, figure{num: decimal.NewFromInt(500)}, "EUR", month)
	if r != nil || why != "not rated: the benchmark is in USD, the report in EUR" {
		t.Errorf("rate(500 EUR) = %v, %q", r, why)
	}
	r, why = rate(cac, figure{num: decimal.NewFromInt(500)}, "USD", month)
	if r == nil || r.Tier != "exceptional" || why != "" || r.Converted != "" {
		t.Errorf("rate(500 USD) = %v, %q; want exceptional", r, why)
	}
}

// TestImmatureNeverRated checks that a metric over a cohort has no value
// and no rating for a period whose cohort has not had its time, and that
// the report shows the latest month and quarter that have.
func TestImmatureNeverRated(t *testing.T) {
	rep := embeddedReport(t)
	seen := map[string]bool{}
	for _, s := range rep.Sections {
		for _, row := range s.Rows {
			days, ok := maturityDays[row.Metric.ID]
			if !ok {
				continue
			}
			seen[row.Metric.ID] = true
			mature := 0
			for _, r := range row.Results {
				immature := r.Period.End().AddDate(0, 0, days).After(rep.AsOf)
				switch {
				case immature && (r.Value != "" || r.Rating != nil || !strings.HasPrefix(r.NA, "not mature yet (needs "+itoa(days)+" days")):
					t.Errorf("%s, %s: immature cohort shown as value %q, rating %v, n/a %q", row.Metric.ID, r.Period.Label, r.Value, r.Rating, r.NA)
				case !immature:
					mature++
				}
			}
			if mature != 2 {
				t.Errorf("%s: %d mature periods shown, want the latest month and quarter", row.Metric.ID, mature)
			}
		}
	}
	if len(seen) != len(maturityDays) {
		t.Errorf("cohort metrics in the report: %v, want those of maturityDays", seen)
	}
}

// TestBridgeIdentity checks, for every month of the embedded data and the
// report's quarter, that the movements add up to the MRR measured on its
// own at the end of the period, to the last digit (so to the cent), and
// that the bridge tables say so.
func TestBridgeIdentity(t *testing.T) {
	d, err := dataset.Load(embeddedData)
	if err != nil {
		t.Fatal(err)
	}
	in, err := newInputs(d)
	if err != nil {
		t.Fatal(err)
	}
	periods := append(months(d.Company), reportPeriods(d.Company)...)
	for _, p := range periods {
		rates, err := in.fxRates(p.LastMonth)
		if err != nil {
			t.Fatal(err)
		}
		moves, err := in.movements(p.metrics(), rates)
		if err != nil {
			t.Fatal(err)
		}
		at, err := in.movements(metrics.Period{Start: p.End(), End: p.End().AddDate(0, 1, 0)}, rates)
		if err != nil {
			t.Fatal(err)
		}
		m, c := moves.MRR, moves
		sum := m.StartMRR.Add(m.NewMRR).Add(m.ExpansionMRR).Sub(m.ContractionMRR).Sub(m.ChurnedMRR).Add(m.ReactivationMRR)
		if !sum.Equal(at.MRR.StartMRR) {
			t.Errorf("%s: movements add up to %s, the MRR at the end is %s", p.Span(), sum, at.MRR.StartMRR)
		}
		if c.CustomersAtStart+c.NewCustomers+c.ReactivatedCustomers-c.ChurnedCustomers != c.CustomersAtEnd {
			t.Errorf("%s: customers %+v do not add up", p.Span(), c)
		}
	}
	rep := embeddedReport(t)
	for _, tab := range rep.Sections[0].Tables {
		sum := decimal.Zero
		for i, row := range tab.Rows[:len(tab.Rows)-1] {
			v := decimal.RequireFromString(row.Cells[1].Value)
			if strings.HasPrefix(row.Label, "−") {
				v = v.Neg()
			}
			if i == 0 || !strings.HasPrefix(row.Label, "MRR") {
				sum = sum.Add(v)
			}
		}
		end := decimal.RequireFromString(tab.Rows[len(tab.Rows)-1].Cells[1].Value)
		if !sum.Equal(end) || !strings.Contains(tab.Notes[0], "the same to the last digit") {
			t.Errorf("%s: rows add up to %s, end %s; note %q", tab.Title, sum, end, tab.Notes[0])
		}
	}
}

// TestHandChecked checks figures of the embedded report that were worked
// out by hand from the CSV files, independently of the program (a short
// script over the raw rows): December's customers and churn, the fourth
// quarter's NPS answers, December's deals and email counts, December's
// resolution times (mean, median of the 39th and 40th of 78, nearest-rank
// p90 and p99), and the MRR at the start and end of December (each
// subscription's amount × periods per year / 12, EUR at December's 1.171).
func TestHandChecked(t *testing.T) {
	rep := embeddedReport(t)
	want := []struct {
		id, period, display, note string
	}{
		{"churn_rate", "last_month", "1.3%", "4 customers lost of 297"},
		{"churn_rate", "last_quarter", "5.2%", "15 customers lost of 286"},
		{"nps", "last_quarter", "35.3", "119 answers: 61 promoters, 39 passives, 19 detractors"},
		{"csat", "last_month", "79.4%", "27 of 34 answers scored 4 or 5 of 5"},
		{"win_rate", "last_month", "45.3%", "24 won, 29 lost"},
		{"sales_revenue", "last_month", "210,332.44 USD", "24 deals won in the period"},
		{"email_open_rate", "last_month", "24.4%", "1,527 of 6,258 emails delivered opened"},
		{"average_resolution_time", "last_month", "10h 2m", "mean of 78 tickets resolved in the period; median 4h 20m, p90 16h 52m, p99 181h 12m"},
		{"mrr_growth_rate", "last_month", "6.0%", "from 126,736.45 USD to 134,284.54 USD"},
		{"arpa", "last_month", "440.28 USD", "per month: the MRR at the end over 305 paying accounts"},
	}
	for _, w := range want {
		r := find(t, rep, w.id, w.period)
		if r.Display != w.display || r.Note != w.note {
			t.Errorf("%s, %s = %q (%q), want %q (%q)", w.id, w.period, r.Display, r.Note, w.display, w.note)
		}
	}
	// December has no NPS survey wave (they are in February, May, August
	// and November) and no webinar.
	for _, id := range []string{"nps", "campaign_response_rate"} {
		if r := find(t, rep, id, "last_month"); r.NA == "" {
			t.Errorf("%s, last month = %q, want n/a", id, r.Display)
		}
	}
}

// find returns the result of metric id for the period with the given key.
func find(t *testing.T, rep *Report, id, period string) Result {
	t.Helper()
	for _, s := range rep.Sections {
		for _, row := range s.Rows {
			if row.Metric.ID != id {
				continue
			}
			for _, r := range row.Results {
				if r.Period.Key == period {
					return r
				}
			}
		}
	}
	t.Fatalf("no result for %s, %s", id, period)
	return Result{}
}

// TestGolden compares the text and Markdown reports of the embedded data
// set with testdata; go test -update rewrites them. Review a diff before
// committing it.
func TestGolden(t *testing.T) {
	for _, tt := range []struct{ format, file string }{
		{"text", "report.txt"},
		{"markdown", "report.md"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			code, stdout, stderr := runReport("--format", tt.format)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("--format %s differs from %s (-want +got; go test -update rewrites it):\n%s", tt.format, path, diff)
			}
		})
	}
	// Without --format the report is text.
	_, text, _ := runReport()
	_, explicit, _ := runReport("--format", "text")
	if text != explicit {
		t.Error("the default format is not text")
	}
}

// TestJSON checks that --format json prints one JSON object with every
// metric, each result an exact decimal string or an n/a, and every number
// a string.
func TestJSON(t *testing.T) {
	code, stdout, stderr := runReport("--format", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got reportJSON
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("output is not the report's JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("more after the JSON object: %v", err)
	}
	if got.Company != "Larkspur Software" || got.Currency != "USD" || got.Units["money"] != "USD" || len(got.Notes) == 0 {
		t.Errorf("company %q, currency %q, units %v, %d notes", got.Company, got.Currency, got.Units, len(got.Notes))
	}
	wantPeriods := []periodJSON{
		{Key: "last_month", Label: "last month", Start: "2025-12-01T00:00:00Z", End: "2026-01-01T00:00:00Z"},
		{Key: "last_quarter", Label: "last quarter", Start: "2025-10-01T00:00:00Z", End: "2026-01-01T00:00:00Z"},
	}
	if diff := cmp.Diff(wantPeriods, got.Periods); diff != "" {
		t.Errorf("periods (-want +got):\n%s", diff)
	}
	ids := map[string]bool{}
	for _, s := range got.Sections {
		for _, m := range s.Metrics {
			ids[m.ID] = true
			if _, ok := got.Units[m.Unit]; !ok {
				t.Errorf("%s: unit %q not in units", m.ID, m.Unit)
			}
			for _, r := range m.Results {
				if r.NA != "" {
					continue
				}
				if _, err := decimal.NewFromString(r.Value); err != nil {
					t.Errorf("%s, %s: value %q", m.ID, r.Period.Key, r.Value)
				}
			}
		}
		for _, tab := range s.Tables {
			for _, c := range tab.Columns {
				if _, ok := got.Units[c.Unit]; !ok {
					t.Errorf("%s: column %s: unit %q not in units", tab.Key, c.Key, c.Unit)
				}
			}
			for _, row := range tab.Rows {
				for _, c := range row.Cells {
					if c.Value == "" {
						continue
					}
					if _, err := decimal.NewFromString(c.Value); err != nil {
						t.Errorf("%s, %s: value %q", tab.Key, row.Label, c.Value)
					}
				}
			}
		}
	}
	for _, m := range descriptors() {
		if !ids[m.ID] {
			t.Errorf("%s is not in the JSON report", m.ID)
		}
	}
	// No number outside a string, anywhere.
	var raw any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case float64:
			t.Errorf("%s: a JSON number, %v", path, v)
		case map[string]any:
			for k, x := range v {
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(path+"["+itoa(i)+"]", x)
			}
		}
	}
	walk("", raw)
	// One value checked in full: December's churn, 4 of 297 customers,
	// compounded to a year for the yearly benchmark.
	var churn resultJSON
	for _, s := range got.Sections {
		for _, m := range s.Metrics {
			if m.ID == "churn_rate" {
				churn = m.Results[0]
			}
		}
	}
	if churn.Value != "1.3468013468" || churn.Benchmark == nil || churn.Benchmark.Converted != "a month's 1.35% compounds to 15.02% a year, which is rated" ||
		churn.Interval == nil || churn.Interval.Method != "Wilson" || churn.Interval.Confidence != "0.95" {
		t.Errorf("December's churn rate: %+v", churn)
	}
}

// TestPeriods checks the periods of data sets of twelve, three, two and
// one months.
func TestPeriods(t *testing.T) {
	month := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		first, last time.Month
		want        []string // Label: Span, days
	}{
		{time.January, time.December, []string{"last month: 2025-12, 31 days", "last quarter: 2025-10 to 2025-12, 92 days"}},
		{time.April, time.June, []string{"last month: 2025-06, 30 days", "last quarter: 2025-04 to 2025-06, 91 days"}},
		{time.January, time.February, []string{"last month: 2025-02, 28 days", "last 2 months: 2025-01 to 2025-02, 59 days"}},
		{time.March, time.March, []string{"last month: 2025-03, 31 days"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range reportPeriods(dataset.Company{FirstMonth: month(tt.first), LastMonth: month(tt.last)}) {
			got = append(got, p.Label+": "+p.Span()+", "+itoa(p.Days())+" days")
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v to %v (-want +got):\n%s", tt.first, tt.last, diff)
		}
	}
}

func TestFormat(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct{ got, want string }{
		{thousands("0"), "0"},
		{thousands("999.5"), "999.5"},
		{thousands("1234567.891"), "1,234,567.891"},
		{thousands("-123456"), "-123,456"},
		{exactText(d("5.2500")), "5.25"},
		{exactText(d("120")), "120"},
		{exactText(d("-0.0000000001")), "-0.0000000001"},
		{durationText(4*time.Hour + 12*time.Minute + 29*time.Second), "4h 12m"},
		{durationText(59*time.Minute + 31*time.Second), "1h 0m"},
		{durationText(2*time.Minute + 58*time.Second), "2m 58s"},
		{durationText(1500 * time.Millisecond), "2s"},
		{oneDecimal(-0.04), "0.0"},
		{oneDecimal(12.25), "12.2"},
		{display(metrics.UnitMoney, figure{num: d("-1234.565")}, "USD"), "-1,234.57 USD"},
		{display(metrics.UnitScore, figure{num: d("35.2941176471")}, "USD"), "35.3"},
		{display(metrics.UnitCountPerDay, figure{num: d("2.5161290323")}, "USD"), "2.5 a day"},
		{display(metrics.UnitCountPerDay, figure{num: d("0.0322580645")}, "USD"), "1 every 31 days"},
		{display(metrics.UnitCountPerDay, figure{num: d("0")}, "USD"), "none"},
		{display(metrics.UnitMoneyPerDay, figure{num: d("2623.525")}, "USD"), "2,623.53 USD a day"},
		{cell("a|b *c* `d` x_y"), `a\|b \*c\* \` + "`d\\`" + ` x\_y`},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// BenchmarkReport measures the program's whole run on the embedded data
// set: loading and checking the CSV files, computing every metric for both
// periods, and printing the text report.
func BenchmarkReport(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run(nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// headersOnly returns the embedded files with their header row alone, so
// that a test adds the rows it needs.
func headersOnly(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, c := range (&dataset.Dataset{}).Counts() {
		data, err := embedded.ReadFile("data/" + c.File)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(data), "\n")
		files[c.File] = header + "\n"
	}
	return files
}

// TestSparseData runs the report on data sets with few or no records: every
// metric has a value or says why it has none, and none fails with an error.
func TestSparseData(t *testing.T) {
	company := "name,currency,first_month,last_month,gross_margin,discount_rate\nTiny,USD,2025-01,2025-03,80,0\n"
	tests := []struct {
		name  string
		files map[string]string
		na    map[string]string // metric ID → its n/a in the last month
	}{
		{"no records", map[string]string{"company.csv": company}, map[string]string{
			"mrr_growth_rate":         "no MRR at the start of the period",
			"churn_rate":              "no paying customer at the start of the period",
			"arpa":                    "no paying account at the end of the period",
			"cohort_retention":        "no customer started in 2024-12",
			"duplicate_record_rate":   "no row in operations.csv for 2025-03",
			"average_resolution_time": "no ticket resolved in the period",
			"first_response_time":     "no ticket opened in the period",
			"nps":                     "no NPS answers in the period",
			"win_rate":                "no deal won or lost in the period",
			"pipeline_coverage":       "no quota in reps.csv for the period",
			"revenue_per_consultant":  "no row in operations.csv for 2025-03",
		}},
		{"one customer who stays", map[string]string{
			"company.csv":       company,
			"subscriptions.csv": "id,customer_id,plan,billing,amount,started_at,ended_at\nS-1,C-1,Team,yearly,1200,2024-12-15T10:00:00Z,\n",
			"tickets.csv":       "id,customer_id,opened_at,first_response_at,resolved_at\nT-1,C-1,2025-03-02T10:00:00Z,,\n",
			"operations.csv": "month,licensed_users,active_users,records,duplicate_records,required_fields,filled_fields,sales_cost,retention_spend,consultants\n" +
				"2025-03,0,0,0,0,0,0,500.00,0.00,0\n",
		}, map[string]string{
			"cltv":                   "no customer left in the period, so the lifespan has no bound",
			"ltv":                    "no customer left in the period, so the lifetime has no bound",
			"discounted_cltv":        "every customer stayed and the discount rate is zero, so the sum has no bound",
			"cac":                    "no new customer in the period",
			"quick_ratio":            "no MRR lost in the period",
			"renewal_rate":           "no quarterly or yearly term ended in the period",
			"first_response_time":    "no ticket opened in the period was answered",
			"crm_adoption_rate":      "no CRM seats in operations.csv for the period",
			"duplicate_record_rate":  "no CRM records at the end of the period",
			"record_completeness":    "no required fields at the end of the period",
			"revenue_per_consultant": "no consultant on staff",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := headersOnly(t)
			for name, content := range tt.files {
				files[name] = content
			}
			dir := copyData(t, files)
			d, err := dataset.Load(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := build(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range rep.Sections {
				for _, row := range s.Rows {
					for _, r := range row.Results {
						if strings.HasPrefix(r.NA, "error: ") || (r.NA == "") == (r.Value == "") {
							t.Errorf("%s, %s: value %q, n/a %q", row.Metric.ID, r.Period.Label, r.Value, r.NA)
						}
					}
				}
			}
			for id, want := range tt.na {
				if got := find(t, rep, id, "last_month"); got.NA != want {
					t.Errorf("%s: n/a %q (value %q), want %q", id, got.NA, got.Value, want)
				}
			}
			// Every format renders it.
			for _, render := range renderers {
				if len(render(rep)) == 0 {
					t.Error("empty output")
				}
			}
		})
	}
}

// TestFormatsCarryTheSameContent checks that the text, Markdown and JSON
// reports each hold every figure and sentence of the report: each result's
// display, interval, note, n/a, rating and reason for no rating, each
// table cell and note, and each section's introduction.
func TestFormatsCarryTheSameContent(t *testing.T) {
	rep := embeddedReport(t)
	outputs := map[string]string{}
	for name, render := range renderers {
		outputs[name] = string(render(rep))
	}
	var jsonText strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			jsonText.WriteString(v + "\n")
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var raw any
	if err := json.Unmarshal([]byte(outputs["json"]), &raw); err != nil {
		t.Fatal(err)
	}
	walk(raw)
	outputs["json"] = jsonText.String()

	var want []string
	for _, s := range rep.Sections {
		want = append(want, s.Title, s.Intro)
		for _, tab := range s.Tables {
			want = append(want, tab.Title)
			want = append(want, tab.Notes...)
			for _, c := range tab.Columns {
				want = append(want, c.Title)
				want = append(want, strings.Split(c.Call, ", ")...)
			}
			for _, row := range tab.Rows {
				want = append(want, row.Label)
				for _, c := range row.Cells {
					want = append(want, c.Display, c.NA)
				}
			}
		}
		for _, row := range s.Rows {
			want = append(want, row.Metric.Name, row.Call, row.About)
			for _, r := range row.Results {
				want = append(want, r.Period.Label, r.Display, r.Note, r.NA, r.NotRated)
				if r.Interval != nil {
					want = append(want, r.Interval.Method)
				}
				if r.Rating != nil {
					want = append(want, r.Rating.Tier, r.Rating.Band, r.Rating.Converted, r.Rating.Segment, r.Rating.Source)
				}
			}
		}
	}
	for name, out := range outputs {
		missing := 0
		for _, w := range want {
			if w == "" {
				continue
			}
			if name == "markdown" {
				w = cell(w)
			}
			if !strings.Contains(out, w) {
				if missing++; missing <= 5 {
					t.Errorf("--format %s lacks %q", name, w)
				}
			}
		}
	}
}
