package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// renderers format a computed report, one per --format value. Each prints
// the whole report: every section, table, row, note and n/a.
var renderers = map[string]func(*Report) []byte{
	"text":     renderText,
	"json":     renderJSON,
	"markdown": renderMarkdown,
}

// title returns the report's first line.
func (r *Report) title() string { return r.Company + ": CRM and sales report" }

// intro returns the sentences that name the data's months, the periods,
// the currency and the missing files.
func (r *Report) intro() string {
	parts := []string{"Data up to " + r.AsOf.AddDate(0, -1, 0).Format("2006-01") + "."}
	for _, p := range r.Periods {
		parts = append(parts, capitalize(p.Label)+": "+p.Span()+".")
	}
	parts = append(parts, "Amounts in "+r.Currency+".")
	if len(r.Missing) > 0 {
		parts = append(parts, "Not in the data, so no records of their kind: "+strings.Join(r.Missing, ", ")+".")
	}
	return strings.Join(parts, " ")
}

// notes explains how the report counts, for every format.
func (r *Report) notes() []string {
	return []string{
		"A record counts in the period in which it happened: a won or lost deal when it closed, " +
			"an opportunity, lead or ticket when it was created or opened, a resolution when it was resolved, " +
			"a survey answer when it was given, a campaign when it started. A rate over a cohort (lead conversion, close rate, " +
			"proposal win rate, campaign returns) follows the leads, opportunities, proposals or campaigns of the period " +
			"for a fixed time, and is shown once that time has passed.",
		"Amounts in another currency are converted to " + r.Currency + " at the rate of their month " +
			"(a deal's close, a campaign's start, the last month for open deals); MRR at the rate of the period's " +
			"last month at both instants, so that exchange rates do not show as expansion or contraction.",
		"Intervals are 95% confidence intervals: Wilson's score interval for a rate counted from records, " +
			"the adjusted Wald interval for the NPS.",
		"A value is rated only against a benchmark whose figures describe the same length of period. " +
			"The built-in churn and MRR growth figures are read as yearly, so a month's or a quarter's rate is " +
			"compounded to a year first (benchmark.Value.CompoundLoss, CompoundGrowth), and the rating says so. " +
			"The benchmarks come from the article \"Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM " +
			"de gestion de la relation client?\" (\"What are the 7 main KPIs of a CRM software company?\", in French, " +
			"dated 2024-10-03); `go doc ./benchmark` quotes it and says how each figure became a band.",
		"Each metric names the kpikit function or method that computed it.",
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// rowTitle returns "Customer churn rate [churn_rate], lower is better; crm.ChurnRate".
func rowTitle(row Row) string {
	m := row.Metric
	return m.Name + " [" + m.ID + "], " + m.Better.String() + "; " + row.Call
}

// cellText returns a table cell for reading: the value with its interval,
// "n/a", or "" for a blank cell.
func cellText(c Cell) string {
	switch {
	case c.NA != "":
		return "n/a"
	case c.Interval != nil:
		return c.Display + " (" + c.Interval.Display + ")"
	}
	return c.Display
}

// tableNA returns the reasons for the n/a cells of t, once each.
func tableNA(t Table) []string {
	var out []string
	seen := map[string]bool{}
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			if c.NA != "" && !seen[c.NA] {
				seen[c.NA] = true
				out = append(out, c.NA)
			}
		}
	}
	return out
}

// renderText formats the report as plain text.
func renderText(r *Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s\n", r.title(), r.intro())
	width := 0
	for _, s := range r.Sections {
		for _, row := range s.Rows {
			for _, res := range row.Results {
				width = max(width, utf8.RuneCountInString(res.Period.Label))
			}
		}
	}
	indent := strings.Repeat(" ", 2+width+2)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n%s\n%s\n%s\n", s.Title, strings.Repeat("=", utf8.RuneCountInString(s.Title)), s.Intro)
		for _, t := range s.Tables {
			textTable(&b, t)
		}
		for _, row := range s.Rows {
			fmt.Fprintf(&b, "\n%s\n", rowTitle(row))
			if row.About != "" {
				fmt.Fprintf(&b, "  %s\n", row.About)
			}
			for _, res := range row.Results {
				fmt.Fprintf(&b, "  %s  ", pad(res.Period.Label, width))
				if res.NA != "" {
					fmt.Fprintf(&b, "n/a: %s\n", res.NA)
					continue
				}
				b.WriteString(res.Display)
				if res.Interval != nil {
					fmt.Fprintf(&b, "  (95%% CI %s)", res.Interval.Display)
				}
				b.WriteByte('\n')
				if res.Note != "" {
					fmt.Fprintf(&b, "%s%s\n", indent, res.Note)
				}
				if res.Rating != nil {
					fmt.Fprintf(&b, "%sbenchmark: %s\n", indent, res.Rating)
				}
				if res.NotRated != "" {
					fmt.Fprintf(&b, "%s%s\n", indent, res.NotRated)
				}
			}
		}
	}
	b.WriteString("\nNotes\n=====\n")
	for _, n := range r.notes() {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	return b.Bytes()
}

// pad pads s with spaces to width runes.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

// textTable writes table t with its columns aligned: labels to the left,
// figures to the right.
func textTable(b *bytes.Buffer, t Table) {
	fmt.Fprintf(b, "\n%s\n", t.Title)
	if calls := tableCalls(t); calls != "" {
		fmt.Fprintf(b, "  computed by %s\n", calls)
	}
	if t.NA != "" {
		fmt.Fprintf(b, "  n/a: %s\n", t.NA)
		return
	}
	cells := [][]string{append([]string{""}, columnTitles(t)...)}
	for _, row := range t.Rows {
		line := []string{row.Label}
		for _, c := range row.Cells {
			line = append(line, cellText(c))
		}
		cells = append(cells, line)
	}
	widths := make([]int, len(cells[0]))
	for _, line := range cells {
		for i, c := range line {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, line := range cells {
		var l strings.Builder
		l.WriteString("  " + pad(line[0], widths[0]))
		for i, c := range line[1:] {
			l.WriteString("  " + strings.Repeat(" ", widths[i+1]-utf8.RuneCountInString(c)) + c)
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	for _, n := range tableNA(t) {
		fmt.Fprintf(b, "  n/a: %s\n", n)
	}
	for _, n := range t.Notes {
		fmt.Fprintf(b, "  %s\n", n)
	}
}

// tableCalls returns the kpikit calls that computed table t's columns,
// once each: "crm.ChurnRate, crm.NetRevenueRetention".
func tableCalls(t Table) string {
	var calls []string
	for _, c := range t.Columns {
		for _, call := range strings.Split(c.Call, ", ") {
			if call != "" && !slices.Contains(calls, call) {
				calls = append(calls, call)
			}
		}
	}
	return strings.Join(calls, ", ")
}

func columnTitles(t Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Title
	}
	return out
}

// renderMarkdown formats the report as Markdown: a heading per section, a
// table per table, and a table of the section's metric rows.
func renderMarkdown(r *Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n%s\n", cell(r.title()), cell(r.intro()))
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", cell(s.Title), cell(s.Intro))
		for _, t := range s.Tables {
			fmt.Fprintf(&b, "\n### %s\n\n", cell(t.Title))
			if calls := tableCalls(t); calls != "" {
				fmt.Fprintf(&b, "Computed by `%s`.\n\n", strings.ReplaceAll(calls, ", ", "`, `"))
			}
			if t.NA != "" {
				fmt.Fprintf(&b, "n/a: %s\n", cell(t.NA))
				continue
			}
			b.WriteString("| |")
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", cell(c.Title))
			}
			b.WriteString("\n|---|" + strings.Repeat("---:|", len(t.Columns)) + "\n")
			for _, row := range t.Rows {
				fmt.Fprintf(&b, "| %s |", cell(row.Label))
				for _, c := range row.Cells {
					fmt.Fprintf(&b, " %s |", cell(cellText(c)))
				}
				b.WriteByte('\n')
			}
			var notes []string
			for _, n := range tableNA(t) {
				notes = append(notes, "n/a: "+n)
			}
			notes = append(notes, t.Notes...)
			if len(notes) > 0 {
				b.WriteByte('\n')
				for _, n := range notes {
					fmt.Fprintf(&b, "%s\n\n", cell(n))
				}
				b.Truncate(b.Len() - 1)
			}
		}
		if len(s.Rows) == 0 {
			continue
		}
		b.WriteString("\n| Metric | Period | Value | 95% CI | Benchmark | Note |\n|---|---|---|---|---|---|\n")
		for _, row := range s.Rows {
			for i, res := range row.Results {
				name := ""
				if i == 0 {
					name = cell(row.Metric.Name) + " `" + row.Metric.ID + "`, `" + row.Call + "`"
					if row.About != "" {
						name += ": " + cell(row.About)
					}
				}
				var value, ci, rating, note string
				if res.NA != "" {
					value = "n/a"
					note = cell(res.NA)
				} else {
					value = cell(res.Display)
					note = cell(res.Note)
					if res.Interval != nil {
						ci = cell(res.Interval.Display)
					}
					if res.Rating != nil {
						rating = cell(res.Rating.String())
					}
					if res.NotRated != "" {
						rating = cell(res.NotRated)
					}
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", name, cell(res.Period.Label), value, ci, rating, note)
			}
		}
	}
	b.WriteString("\n## Notes\n\n")
	for _, n := range r.notes() {
		fmt.Fprintf(&b, "- %s\n", cell(n))
	}
	return b.Bytes()
}

// cell escapes the characters that Markdown reads as markup or as the end
// of a table cell, and turns line breaks into spaces.
func cell(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte(' ')
			continue
		case strings.ContainsRune("\\`*_[]<>|#", r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// The JSON form of the report. Every number is a JSON string: exact values
// in full ("126736.45"), interval ends rounded at 4 decimals. A value's
// "unit" names its unit as "units" at the top defines it, once.
type (
	reportJSON struct {
		Company  string            `json:"company"`
		Currency string            `json:"currency"`
		Units    map[string]string `json:"units"`
		DataTo   string            `json:"data_to"` // the last month of the data
		Periods  []periodJSON      `json:"periods"`
		Missing  []string          `json:"missing_files"`
		Sections []sectionJSON     `json:"sections"`
		Notes    []string          `json:"notes"`
	}
	periodJSON struct {
		Key   string `json:"key"`   // "last_month"
		Label string `json:"label"` // "last month"
		Start string `json:"start"` // RFC 3339, included
		End   string `json:"end"`   // RFC 3339, excluded
	}
	sectionJSON struct {
		Key     string       `json:"key"`
		Title   string       `json:"title"`
		Intro   string       `json:"intro"`
		Tables  []tableJSON  `json:"tables"`
		Metrics []metricJSON `json:"metrics"`
	}
	tableJSON struct {
		Key     string         `json:"key"`
		Title   string         `json:"title"`
		Columns []columnJSON   `json:"columns"`
		Rows    []tableRowJSON `json:"rows"`
		Notes   []string       `json:"notes"`
		NA      string         `json:"na,omitempty"`
	}
	columnJSON struct {
		Key   string `json:"key"`
		Title string `json:"title"`
		Unit  string `json:"unit"`
		Call  string `json:"call,omitempty"`
	}
	tableRowJSON struct {
		Label string     `json:"label"`
		Cells []cellJSON `json:"cells"`
	}
	cellJSON struct {
		Value    string        `json:"value,omitempty"`
		Display  string        `json:"display,omitempty"`
		Interval *intervalJSON `json:"interval,omitempty"`
		NA       string        `json:"na,omitempty"`
	}
	metricJSON struct {
		ID      string       `json:"id"`
		Name    string       `json:"name"`
		Call    string       `json:"call"`
		Unit    string       `json:"unit"`
		Better  string       `json:"better"`
		Formula string       `json:"formula"`
		About   string       `json:"about,omitempty"`
		Results []resultJSON `json:"results"`
	}
	resultJSON struct {
		Period    periodJSON    `json:"period"`
		Value     string        `json:"value,omitempty"`   // exact, in the metric's unit
		Display   string        `json:"display,omitempty"` // rounded, for reading
		Interval  *intervalJSON `json:"interval,omitempty"`
		NA        string        `json:"na,omitempty"` // why there is no value
		Benchmark *ratingJSON   `json:"benchmark,omitempty"`
		NotRated  string        `json:"not_rated,omitempty"`
		Note      string        `json:"note,omitempty"`
	}
	intervalJSON struct {
		Confidence string `json:"confidence"`
		Method     string `json:"method"`
		Low        string `json:"low"`
		High       string `json:"high"`
	}
	ratingJSON struct {
		Tier      string `json:"tier"`
		Band      string `json:"band"`
		Converted string `json:"converted,omitempty"`
		Segment   string `json:"segment"`
		Source    string `json:"source"`
	}
)

// units names the report's units, once: what a value in each of them
// counts.
func units(currency string) map[string]string {
	return map[string]string{
		"percent":          "points: 5 means 5%",
		"money":            currency,
		"money_per_day":    currency + " per day",
		"duration":         "seconds",
		"count":            "a whole number",
		"score":            "points on the metric's scale",
		"ratio":            "a plain number",
		"months":           "months",
		"days":             "days",
		"count_per_day":    "a number per day",
		"count_per_person": "a number per person",
	}
}

func periodToJSON(p Period) periodJSON {
	const rfc3339 = "2006-01-02T15:04:05Z07:00"
	return periodJSON{Key: p.Key, Label: p.Label, Start: p.Start().Format(rfc3339), End: p.End().Format(rfc3339)}
}

func intervalToJSON(i *Interval) *intervalJSON {
	if i == nil {
		return nil
	}
	return &intervalJSON{Confidence: "0.95", Method: i.Method,
		Low: strconv.FormatFloat(i.Low, 'f', 4, 64), High: strconv.FormatFloat(i.High, 'f', 4, 64)}
}

// renderJSON formats the report as one indented JSON object.
func renderJSON(r *Report) []byte {
	out := reportJSON{Company: r.Company, Currency: r.Currency, Units: units(r.Currency),
		DataTo: r.AsOf.AddDate(0, -1, 0).Format("2006-01"), Missing: r.Missing, Notes: r.notes()}
	if out.Missing == nil {
		out.Missing = []string{}
	}
	for _, p := range r.Periods {
		out.Periods = append(out.Periods, periodToJSON(p))
	}
	for _, s := range r.Sections {
		sj := sectionJSON{Key: s.Key, Title: s.Title, Intro: s.Intro, Tables: []tableJSON{}, Metrics: []metricJSON{}}
		for _, t := range s.Tables {
			tj := tableJSON{Key: t.Key, Title: t.Title, Notes: t.Notes, NA: t.NA, Rows: []tableRowJSON{}}
			if tj.Notes == nil {
				tj.Notes = []string{}
			}
			for _, c := range t.Columns {
				tj.Columns = append(tj.Columns, columnJSON(c))
			}
			for _, row := range t.Rows {
				rj := tableRowJSON{Label: row.Label}
				for _, c := range row.Cells {
					rj.Cells = append(rj.Cells, cellJSON{Value: c.Value, Display: c.Display, Interval: intervalToJSON(c.Interval), NA: c.NA})
				}
				tj.Rows = append(tj.Rows, rj)
			}
			sj.Tables = append(sj.Tables, tj)
		}
		for _, row := range s.Rows {
			m := row.Metric
			mj := metricJSON{ID: m.ID, Name: m.Name, Call: row.Call, Unit: unitName(m.Unit), Better: m.Better.String(),
				Formula: m.Formula, About: row.About}
			for _, res := range row.Results {
				rj := resultJSON{Period: periodToJSON(res.Period), Value: res.Value, Display: res.Display,
					Interval: intervalToJSON(res.Interval), NA: res.NA, NotRated: res.NotRated, Note: res.Note}
				if g := res.Rating; g != nil {
					rj.Benchmark = &ratingJSON{Tier: g.Tier, Band: g.Band, Converted: g.Converted, Segment: g.Segment, Source: g.Source}
				}
				mj.Results = append(mj.Results, rj)
			}
			sj.Metrics = append(sj.Metrics, mj)
		}
		out.Sections = append(out.Sections, sj)
	}
	// Strings, slices and maps of strings always marshal.
	data, _ := json.MarshalIndent(out, "", "  ")
	return append(data, '\n')
}
