package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// renderers format a computed report, one per --format value.
var renderers = map[string]func(*Report) []byte{
	"text":     renderText,
	"json":     renderJSON,
	"markdown": renderMarkdown,
}

// title returns the report's first line.
func (r *Report) title() string { return r.Company + ": CRM and sales report" }

// intro returns the sentence that names the periods and the currency.
func (r *Report) intro() string {
	var parts []string
	for _, p := range r.Periods {
		parts = append(parts, capitalize(p.Label)+": "+p.Span()+".")
	}
	return strings.Join(parts, " ") + " Amounts in " + r.Currency + "."
}

// notes explains how the report counts, for every format.
func (r *Report) notes() []string {
	return []string{
		"A record counts in the period in which it happened: a won or lost deal when it closed, " +
			"an opportunity, lead or ticket when it was created or opened, a resolution when it was resolved, " +
			"a survey answer when it was given, a campaign when it started. " +
			"A rate over a cohort (leads, opportunities, proposals) counts what happened to it before the period's end.",
		"Customers and MRR are counted at two instants, the period's first and the first after it, by the rule of " +
			"crm.MRRLedger.Movements: a customer who joins and leaves in between counts in neither; " +
			"a former customer who comes back is returning, and counts as acquired.",
		"Amounts in another currency are converted to " + r.Currency + " at the rate of their month " +
			"(a deal's close, a campaign's start, the last month for open deals); MRR at the rate of the period's " +
			"last month at both instants, so that exchange rates do not show as expansion or contraction.",
		"Intervals are 95% confidence intervals: Wilson's score interval for a rate counted from records, " +
			"the adjusted Wald interval for the NPS.",
		"Benchmarks are those of the article \"Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM " +
			"de gestion de la relation client?\" (in French, 2024-10-03). It states no period for its churn and " +
			"MRR growth rates; kpikit reads them as yearly, so a month's or a quarter's rate is not rated against them. " +
			"Its other figures do not depend on the period.",
	}
}

// sectionTitle returns "CRM: business performance".
func sectionTitle(s Section) string { return s.Category.String() + ": " + s.Class.String() }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// renderText formats the report as plain text: a block per metric, a line
// per period, with the interval, the rating and the note below the value.
func renderText(r *Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s\n", r.title(), r.intro())
	width := 0
	for _, p := range r.Periods {
		width = max(width, len(p.Label))
	}
	indent := strings.Repeat(" ", 2+width+2)
	for _, s := range r.Sections {
		t := sectionTitle(s)
		fmt.Fprintf(&b, "\n%s\n%s\n", t, strings.Repeat("=", len(t)))
		for _, row := range s.Rows {
			m := row.Metric
			fmt.Fprintf(&b, "\n%s [%s], %s\n", m.Name, m.ID, m.Better)
			for i, res := range row.Results {
				fmt.Fprintf(&b, "  %-*s  ", width, r.Periods[i].Label)
				if res.NA != "" {
					fmt.Fprintf(&b, "n/a: %s\n", res.NA)
					continue
				}
				b.WriteString(res.Display)
				if res.Interval != nil {
					fmt.Fprintf(&b, "  (95%% CI %s)", res.Interval.Display)
				}
				b.WriteByte('\n')
				if res.Rating != nil {
					fmt.Fprintf(&b, "%sbenchmark: %s\n", indent, res.Rating)
				}
				if res.Note != "" {
					fmt.Fprintf(&b, "%s%s\n", indent, res.Note)
				}
			}
		}
	}
	b.WriteString("\nNotes\n=====\n\n")
	for _, n := range r.notes() {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	return b.Bytes()
}

// renderMarkdown formats the report as Markdown: a table per section, a
// row per metric and period.
func renderMarkdown(r *Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n%s\n", cell(r.title()), cell(r.intro()))
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", cell(sectionTitle(s)))
		b.WriteString("| Metric | Period | Value | 95% CI | Benchmark | Note |\n|---|---|---|---|---|---|\n")
		for _, row := range s.Rows {
			for i, res := range row.Results {
				name := ""
				if i == 0 {
					name = cell(row.Metric.Name) + " `" + row.Metric.ID + "`"
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
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", name, r.Periods[i].Label, value, ci, rating, note)
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
// of a table cell.
func cell(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// The JSON form of the report.
type (
	reportJSON struct {
		Company  string        `json:"company"`
		Currency string        `json:"currency"`
		Periods  []periodJSON  `json:"periods"`
		Sections []sectionJSON `json:"sections"`
		Notes    []string      `json:"notes"`
	}
	periodJSON struct {
		Key        string `json:"key"`   // "last_month"
		Label      string `json:"label"` // "last month"
		FirstMonth string `json:"first_month"`
		LastMonth  string `json:"last_month"`
		Start      string `json:"start"` // RFC 3339, included
		End        string `json:"end"`   // RFC 3339, excluded
	}
	sectionJSON struct {
		Category string       `json:"category"`
		Class    string       `json:"class"`
		Metrics  []metricJSON `json:"metrics"`
	}
	metricJSON struct {
		ID      string       `json:"id"`
		Name    string       `json:"name"`
		Unit    string       `json:"unit"`
		Better  string       `json:"better"`
		Formula string       `json:"formula"`
		Results []resultJSON `json:"results"`
	}
	resultJSON struct {
		Period    string        `json:"period"`             // the period's key
		Value     string        `json:"value,omitempty"`    // exact, in unit
		Unit      string        `json:"unit,omitempty"`     // "percent", "USD", "seconds", ...
		Display   string        `json:"display,omitempty"`  // rounded, for reading
		NA        string        `json:"na,omitempty"`       // why there is no value
		Interval  *intervalJSON `json:"interval,omitempty"` // 95% confidence interval
		Benchmark *Rating       `json:"benchmark,omitempty"`
		Note      string        `json:"note,omitempty"`
	}
	intervalJSON struct {
		Confidence float64 `json:"confidence"`
		Method     string  `json:"method"`
		Low        float64 `json:"low"`
		High       float64 `json:"high"`
	}
)

// MarshalJSON writes a rating's fields in lower case.
func (r Rating) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"tier": r.Tier, "band": r.Band, "segment": r.Segment, "source": r.Source})
}

// renderJSON formats the report as one indented JSON object.
func renderJSON(r *Report) []byte {
	out := reportJSON{Company: r.Company, Currency: r.Currency, Notes: r.notes(), Periods: []periodJSON{}, Sections: []sectionJSON{}}
	const rfc3339 = "2006-01-02T15:04:05Z07:00"
	for _, p := range r.Periods {
		out.Periods = append(out.Periods, periodJSON{Key: p.Key, Label: p.Label,
			FirstMonth: p.FirstMonth.Format("2006-01"), LastMonth: p.LastMonth.Format("2006-01"),
			Start: p.Start().Format(rfc3339), End: p.End().Format(rfc3339)})
	}
	for _, s := range r.Sections {
		sj := sectionJSON{Category: s.Category.String(), Class: s.Class.String()}
		for _, row := range s.Rows {
			m := row.Metric
			mj := metricJSON{ID: m.ID, Name: m.Name, Unit: m.Unit.String(), Better: m.Better.String(), Formula: m.Formula}
			for i, res := range row.Results {
				rj := resultJSON{Period: r.Periods[i].Key, Value: res.Value, Unit: res.Unit, Display: res.Display,
					NA: res.NA, Benchmark: res.Rating, Note: res.Note}
				if res.Interval != nil {
					rj.Interval = &intervalJSON{Confidence: confidence, Method: res.Interval.Method, Low: res.Interval.Low, High: res.Interval.High}
				}
				mj.Results = append(mj.Results, rj)
			}
			sj.Metrics = append(sj.Metrics, mj)
		}
		out.Sections = append(out.Sections, sj)
	}
	// Strings, numbers from finite floats and maps of strings always marshal.
	data, _ := json.MarshalIndent(out, "", "  ")
	return append(data, '\n')
}
