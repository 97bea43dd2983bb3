// Command report prints the CRM and sales report of one company from its CSV
// exports: subscriptions, survey answers, support tickets, deals, leads,
// campaigns and a few monthly figures. It is kpikit's main example: every
// figure comes from a kpikit function or method, and the report names it
// beside the figure, so a reader goes from any line to the code.
//
// Usage:
//
//	go run ./examples/report [--data DIR] [--format text|json|markdown]
//
// Without --data it reads the data set embedded in the program: twelve months
// of Larkspur Software, a fictional company, written by the generator in
// ./gen. With --data it reads the same files from DIR instead; DATA.md
// documents them. Only company.csv is required: a missing file means no
// records of its kind, and the metrics that need it say "n/a: no
// tickets.csv".
//
// The files are read and checked in full before anything is printed. A
// problem in them is reported as file:line:column and the program exits
// with status 1, printing nothing else; a wrong flag exits with status 2.
//
// The report, in the order a subscription business reads it: the MRR bridge
// of the last month and the last quarter (each movement's amount and
// customers, the identity that ties them, NRR and GRR); the trend over every
// month of the data; the cohort retention triangle; then the metrics of
// packages crm and sales by subject. Each value comes with its unit, a 95%
// confidence interval where it is a rate or a score counted from records,
// and a rating where package benchmark has a built-in benchmark of the same
// period basis (a month's churn is compounded to a year for a yearly
// benchmark, and the rating says so). A rate over a cohort (lead conversion,
// close rate, proposal win rate, campaign returns) is shown only once its
// cohort has had time to mature. Text, Markdown and JSON carry the same
// content. The whole report is computed before any of it is printed.
package main

//go:generate go run ./gen -out data

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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
	rep, err := build(d)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, err := stdout.Write(render(rep)); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	return 0
}
