package main

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/metrics"
)

// metric is one metric row of a section: the metric's descriptor ID, the
// kpikit call that computes it (shown beside it in the report), the data
// files it needs, and the function that computes it for one period.
type metric struct {
	id    string
	call  string
	needs []string
	f     func(x *periodData) (figure, error)
	about string // a sentence shown with the row, if it needs one
}

// segments names, for each metric with built-in benchmarks, the segment
// that fits Larkspur, a company selling CRM software as a service in the
// United States.
var segments = map[string]benchmark.Segment{
	"mrr_growth_rate":         {Industry: "SaaS", Region: "United States"},
	"cac":                     {Industry: "SaaS", Region: "United States"},
	"cltv":                    {Industry: "software", Region: "United States"},
	"churn_rate":              {Industry: "CRM software", Region: "United States"},
	"lead_conversion_rate":    {Industry: "all industries"},
	"nps":                     {Industry: "CRM software"},
	"average_resolution_time": {Industry: "CRM software", Region: "United States"},
}

// compounding converts a rate measured over one period to the rate of a
// longer one, for the metrics where that conversion is exact: a churn rate
// compounds as a loss (1 − (1 − c)^n), a growth rate as growth
// ((1 + g)^n − 1). No other rate is converted: a value of another basis
// than its benchmark's is then not rated.
var compounding = map[string]func(benchmark.Value, benchmark.Basis) (benchmark.Value, error){
	"churn_rate":      benchmark.Value.CompoundLoss,
	"mrr_growth_rate": benchmark.Value.CompoundGrowth,
}

// maturityDays is, for each metric over a cohort (of leads, opportunities,
// proposals or campaigns), how many days the cohort needs after its
// period's end before the metric is shown: the time in which nearly every
// lead that converts has converted, and every deal or proposal has closed,
// in the embedded data (99% of lead conversions within 83 days, of deals
// closed within 77 days, of proposals decided within 59 days). Until then
// the report says "not mature yet", never a value and never a rating. A
// cohort's rate counts what happened within that many days of each
// record's start, so that a mature cohort's rate does not change later.
var maturityDays = map[string]int{
	"lead_conversion_rate":         90,
	"close_rate":                   90,
	"proposal_win_rate":            60,
	"campaign_roi":                 90,
	"average_revenue_per_campaign": 90,
}

// row computes metric m for the report's periods. For a metric over a
// cohort it adds the latest month and quarter that have matured.
func (r *reporter) row(m metric) (Row, error) {
	d := describe(m.id)
	row := Row{Metric: d, Call: m.call, About: m.about}
	periods := r.main
	if days, ok := maturityDays[m.id]; ok {
		if month, ok := r.latestMature(days); ok {
			for _, p := range []Period{month, quarterEnding(month.FirstMonth, r.in.d.Company.FirstMonth)} {
				x, err := r.period(p)
				if err != nil {
					return Row{}, err
				}
				periods = append(periods, x)
			}
		}
	}
	for _, x := range periods {
		row.Results = append(row.Results, r.result(m, d, x))
	}
	return row, nil
}

// latestMature returns the latest month of the data whose cohort has had
// days days after the month's end, if there is one.
func (r *reporter) latestMature(days int) (Period, bool) {
	c := r.in.d.Company
	for m := c.LastMonth; !m.Before(c.FirstMonth); m = m.AddDate(0, -1, 0) {
		p := monthPeriod(m)
		if daysBetween(p.End(), r.in.asOf) >= days {
			return p, true
		}
	}
	return Period{}, false
}

// daysBetween returns the whole days from a to b.
func daysBetween(a, b time.Time) int { return int(b.Sub(a) / (24 * time.Hour)) }

// result computes metric m, described by d, for the period of x, and rates
// it.
func (r *reporter) result(m metric, d metrics.Descriptor, x *periodData) Result {
	res := Result{Period: x.p}
	for _, f := range m.needs {
		if !r.in.d.Has(f) {
			res.NA = "no " + f
			return res
		}
	}
	if days, ok := maturityDays[d.ID]; ok {
		if passed := daysBetween(x.p.End(), r.in.asOf); passed < days {
			ends := "with it"
			if passed > 0 {
				ends = plural(passed, "day", "days") + " after it"
			}
			res.NA = "not mature yet (needs " + strconv.Itoa(days) + " days after the period's end; the data ends " + ends + ")"
			return res
		}
	}
	fig, err := m.f(x)
	if err != nil {
		var na *notAvailable
		if errors.As(err, &na) {
			res.NA = na.reason
			return res
		}
		res.NA = "error: " + err.Error()
		return res
	}
	res.Note = fig.note
	res.Value, res.Unit = exactValue(d.Unit, fig)
	res.Display = display(d.Unit, fig, x.currency)
	if fig.ival != nil {
		res.Interval = &Interval{Method: fig.ival.Method, Low: fig.ival.Low, High: fig.ival.High,
			Display: intervalText(d.Unit, fig.ival)}
	}
	res.Rating, res.NotRated = rate(d, fig, x.currency, x.p)
	return res
}

// basis returns the benchmark basis of period p: a month or a quarter, and
// none for a period of another length.
func basis(p Period) benchmark.Basis {
	switch p.Months {
	case 1:
		return benchmark.Month
	case 3:
		return benchmark.Quarter
	case 12:
		return benchmark.Year
	}
	return 0
}

// rate rates fig, the value of metric m over period p, against the
// built-in benchmark of m for its segment (see segments), if there is one.
// It returns the rating, or why there is none. A value is rated only
// against figures of its own period basis: a benchmark of yearly figures
// rates a month's churn or growth after compounding it to a year (and the
// rating says so), and no other value of another basis.
func rate(m metrics.Descriptor, fig figure, currency string, p Period) (*Rating, string) {
	seg, ok := segments[m.ID]
	if !ok {
		return nil, ""
	}
	b, err := benchmark.Lookup(m.ID, seg)
	if err != nil {
		return nil, ""
	}
	return rateWith(b, m, fig, currency, p)
}

// rateWith rates fig, the value of metric m over period p, against
// benchmark b, as rate does.
func rateWith(b benchmark.Benchmark, m metrics.Descriptor, fig figure, currency string, p Period) (*Rating, string) {
	spec := b.Spec()
	v := benchmarkValue(m.Unit, fig, currency)
	converted := ""
	if spec.Per != 0 {
		per := basis(p)
		if per == 0 {
			return nil, "not rated: the benchmark's figures are per " + spec.Per.String() + ", and " +
				strconv.Itoa(p.Months) + " months are neither a month nor a quarter"
		}
		v = v.Per(per)
		if per != spec.Per {
			convert, ok := compounding[m.ID]
			if !ok {
				return nil, "not rated: the benchmark's figures are per " + spec.Per.String() + ", and a " + per.String() +
					"'s value has no exact " + spec.Per.String() + "ly equivalent"
			}
			w, err := convert(v, spec.Per)
			if err != nil {
				return nil, "not rated: " + err.Error()
			}
			converted = "a " + per.String() + "'s " + percentText(v) + " compounds to " + percentText(w) +
				" a " + spec.Per.String() + ", which is rated"
			v = w
		}
	}
	rt, err := b.Classify(v)
	if err != nil {
		if errors.Is(err, metrics.ErrMismatch) && spec.Currency != "" && currency != spec.Currency {
			return nil, "not rated: the benchmark is in " + spec.Currency + ", the report in " + currency
		}
		return nil, "not rated: " + err.Error()
	}
	band := rt.Band.String()
	if rt.Per != 0 {
		band += " a " + rt.Per.String()
	}
	return &Rating{Tier: rt.Tier.String(), Band: band, Converted: converted, Segment: rt.Segment.String(),
		Source: rt.Source.String()}, ""
}

// percentText returns a percent value rounded for reading, with two
// decimals so that a value just past a band's edge does not read as the
// edge: "15.01%".
func percentText(v benchmark.Value) string {
	return metrics.NewPercent(v.Decimal()).StringFixed(2)
}

// Rating is a benchmark's verdict on a value.
type Rating struct {
	Tier string // "better than typical"
	Band string // "at least 5% and below 10% a year"
	// Converted says how the value was converted to the benchmark's period
	// basis, when it was: "a month's 1.3% compounds to 14.6% a year, which
	// is rated".
	Converted string
	Segment   string // "CRM software, United States"
	Source    string // the article's title, date and language
}

// String returns "tier (band; segment; source)", as benchmark.Rating does,
// with the conversion first when there was one.
func (r Rating) String() string {
	s := r.Tier + " (" + r.Band + "; " + r.Segment + "; " + r.Source + ")"
	if r.Converted != "" {
		s = r.Converted + ": " + s
	}
	return s
}

// notAvailable is the error of a metric that is undefined for a period:
// its message says why, for a reader ("no NPS answers in the period").
type notAvailable struct{ reason string }

func (e *notAvailable) Error() string { return e.reason }

// undefined returns err as a notAvailable with the reason given when err
// says that the metric is undefined for the input (metrics.ErrUndefined),
// and err itself otherwise.
func undefined(err error, reason string) error {
	if errors.Is(err, metrics.ErrUndefined) {
		return &notAvailable{reason}
	}
	return err
}

// unitName returns the name the report gives unit u everywhere: its name
// in snake_case, "percent", "money", "count_per_day".
func unitName(u metrics.Unit) string { return strings.ReplaceAll(u.String(), " ", "_") }
