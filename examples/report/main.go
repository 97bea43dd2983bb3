// Command report prints the CRM and sales report of one company from its CSV
// exports: survey answers, support tickets, subscriptions, deals, leads,
// campaigns and a few monthly figures.
//
// Usage:
//
//	go run ./examples/report [--data DIR] [--format text|json|markdown]
//
// Without --data it reads the data set embedded in the program: twelve months
// of Larkspur Software, a fictional company, written by the generator in
// ./gen. With --data it reads the same files from DIR instead; DATA.md
// documents them (columns, RFC 3339 timestamps in UTC, decimals with a dot,
// an empty cell for an absent value).
//
// The files are read and checked in full before anything is printed. A
// problem in them is reported as file:line:column and the program exits
// with status 1, printing nothing else; a wrong flag exits with status 2.
//
// For now the program prints a one-line summary of what it read; the
// metrics follow once the crm, sales and benchmark packages are complete.
package main

//go:generate go run ./gen -out data

import (
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kpikit/kpikit/examples/report/internal/dataset"
)

//go:embed data/*.csv
var embedded embed.FS

// embeddedData is the embedded data directory. (fs.Sub fails only for an
// invalid path, and "data" is valid.)
var embeddedData, _ = fs.Sub(embedded, "data")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the program with the command-line arguments args and returns its
// exit status: 0 on success, 1 when the data cannot be read, 2 for a usage
// error. It writes to stdout only on success, all at once.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("report", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: report [--data DIR] [--format text|json|markdown]")
		flags.PrintDefaults()
	}
	dir := flags.String("data", "", "read the CSV files from `DIR` (layout in DATA.md) instead of the embedded data set")
	format := flags.String("format", "text", "output `format`: text, json or markdown")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "report: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	render, ok := renderers[*format]
	if !ok {
		fmt.Fprintf(stderr, "report: --format %q: want text, json or markdown\n", *format)
		return 2
	}

	fsys := embeddedData
	if *dir != "" {
		info, err := os.Stat(*dir)
		if err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "report: --data %s: not a directory\n", *dir)
			return 1
		}
		fsys = os.DirFS(*dir)
	}

	d, err := dataset.Load(fsys)
	if err != nil {
		var list *dataset.Errors
		if *dir != "" && errors.As(err, &list) {
			// Name the files as the user does, so that an editor can jump to them.
			for _, e := range list.List {
				e.File = filepath.Join(*dir, e.File)
			}
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, err := stdout.Write(render(d)); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	return 0
}

// renderers format the report, one per --format value.
var renderers = map[string]func(*dataset.Dataset) []byte{
	"text":     renderText,
	"json":     renderJSON,
	"markdown": renderMarkdown,
}

// labels name each file's rows in the summary, singular and plural.
var labels = map[string][2]string{
	"company.csv":       {"company", "companies"},
	"fx_rates.csv":      {"exchange rate", "exchange rates"},
	"surveys.csv":       {"survey answer", "survey answers"},
	"tickets.csv":       {"ticket", "tickets"},
	"subscriptions.csv": {"subscription row", "subscription rows"},
	"deals.csv":         {"deal", "deals"},
	"projects.csv":      {"project", "projects"},
	"leads.csv":         {"lead", "leads"},
	"campaigns.csv":     {"campaign", "campaigns"},
	"website.csv":       {"website month", "website months"},
	"operations.csv":    {"operations month", "operations months"},
	"reps.csv":          {"rep month", "rep months"},
}

// counts lists "863 tickets", ... for every file but company.csv.
func counts(d *dataset.Dataset) []string {
	var out []string
	for _, c := range d.Counts() {
		if c.File == "company.csv" {
			continue
		}
		l := labels[c.File]
		word := l[1]
		if c.Rows == 1 {
			word = l[0]
		}
		out = append(out, strconv.Itoa(c.Rows)+" "+word)
	}
	return out
}

// period returns "2025-01 to 2025-12".
func period(c dataset.Company) string {
	return c.FirstMonth.Format("2006-01") + " to " + c.LastMonth.Format("2006-01")
}

func renderText(d *dataset.Dataset) []byte {
	c := d.Company
	return fmt.Appendf(nil, "%s, %s, in %s: %s.\n", c.Name, period(c), c.Currency, strings.Join(counts(d), ", "))
}

func renderMarkdown(d *dataset.Dataset) []byte {
	c := d.Company
	return fmt.Appendf(nil, "**%s** · %s · %s · %s\n", markdownEscape(c.Name), period(c), c.Currency, strings.Join(counts(d), " · "))
}

// markdownEscape escapes the characters that Markdown would read as markup.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// summaryJSON is the JSON form of the summary.
type summaryJSON struct {
	Company    string         `json:"company"`
	Currency   string         `json:"currency"`
	FirstMonth string         `json:"first_month"`
	LastMonth  string         `json:"last_month"`
	Rows       map[string]int `json:"rows"` // rows per file name
}

func renderJSON(d *dataset.Dataset) []byte {
	c := d.Company
	s := summaryJSON{
		Company:    c.Name,
		Currency:   c.Currency,
		FirstMonth: c.FirstMonth.Format("2006-01"),
		LastMonth:  c.LastMonth.Format("2006-01"),
		Rows:       map[string]int{},
	}
	for _, fc := range d.Counts() {
		s.Rows[fc.File] = fc.Rows
	}
	out, _ := json.Marshal(s) // strings and a map of ints always marshal
	return append(out, '\n')
}
