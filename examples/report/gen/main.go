// Command gen writes the data set of the report example: the CSV files of
// Larkspur Software, a fictional company that sells CRM subscriptions and
// consulting, over the twelve months of 2025.
//
// The data is simulated from a fixed seed with math/rand/v2, so every run
// writes the same bytes. From the repository's root:
//
//	go run ./examples/report/gen -out examples/report/data
//
// or, from examples/report, go generate. A test checks that the files
// committed under examples/report/data are what this program writes; after
// changing it, run it again and commit the data with it.
//
// The simulation is a month-by-month model of a customer base: customers
// sign up through won deals (each with the lead that led to it), churn more
// often when they are unhappy (monthly subscribers any month, quarterly and
// yearly ones at their renewal dates), expand and contract, and some former
// customers come back. Around it: support tickets with fast and slow
// answers, survey answers that follow each customer's satisfaction,
// marketing campaigns with their costs and counts, lost and open deals,
// consulting projects delivered on time or late, and the monthly figures of
// the website, the CRM's own use and the sales team.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kpikit/kpikit/examples/report/internal/dataset"
)

func main() {
	out := flag.String("out", "examples/report/data", "directory to write the CSV files into (created if needed)")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// write generates the data set, writes its files into dir and reads them
// back with dataset.Load, so that it never leaves data the report refuses.
func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range dataset.Encode(generate()) {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	if _, err := dataset.Load(os.DirFS(dir)); err != nil {
		return fmt.Errorf("the generated data does not load:\n%w", err)
	}
	return nil
}
