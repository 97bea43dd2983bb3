package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runReport runs the program with args and returns its exit status and
// outputs.
func runReport(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// copyData copies the embedded data set into a new directory, with the
// files of replace written over it, and returns the directory.
func copyData(t *testing.T, replace map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := fs.ReadDir(embedded, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(embedded, "data/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := replace[e.Name()]; ok {
			data = []byte(r)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunDataDir(t *testing.T) {
	tests := []struct {
		name    string
		company string
		want    string // the second line of the text report
	}{
		{"six months", "My Shop,USD,2025-01,2025-06,70,8",
			"Data up to 2025-06. Last month: 2025-06. Last quarter: 2025-04 to 2025-06. Amounts in USD."},
		{"two months", "My Shop,USD,2025-05,2025-06,70,8",
			"Data up to 2025-06. Last month: 2025-06. Last 2 months: 2025-05 to 2025-06. Amounts in USD."},
		{"one month", "My Shop,USD,2025-06,2025-06,70,8",
			"Data up to 2025-06. Last month: 2025-06. Amounts in USD."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyData(t, map[string]string{
				"company.csv": "name,currency,first_month,last_month,gross_margin,discount_rate\n" + tt.company + "\n",
			})
			code, stdout, stderr := runReport("--data", dir)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			lines := strings.SplitN(stdout, "\n", 3)
			if len(lines) < 3 || lines[0] != "My Shop: CRM and sales report" || lines[1] != tt.want {
				t.Errorf("report starts %q, want %q and %q", lines[:2], "My Shop: CRM and sales report", tt.want)
			}
		})
	}
}

func TestRunBadData(t *testing.T) {
	deals, err := fs.ReadFile(embedded, "data/deals.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Line 3 is the second deal; its fifth column is the amount.
	lines := strings.SplitN(string(deals), "\n", 4)
	cells := strings.Split(lines[2], ",")
	cells[4] = `"12,5"`
	lines[2] = strings.Join(cells, ",")
	dir := copyData(t, map[string]string{"deals.csv": strings.Join(lines, "\n")})

	want := filepath.Join(dir, "deals.csv") + `:3:5: amount "12,5": not a decimal (write 12.5)` + "\n"
	for _, format := range []string{"text", "json", "markdown"} {
		code, stdout, stderr := runReport("--data", dir, "--format", format)
		if code != 1 || stdout != "" {
			t.Errorf("--format %s: exit %d, stdout %q; want 1 and nothing", format, code, stdout)
		}
		if stderr != want {
			t.Errorf("--format %s: stderr = %q, want %q", format, stderr, want)
		}
	}
}

func TestRunMissingCompanyFile(t *testing.T) {
	dir := copyData(t, nil)
	if err := os.Remove(filepath.Join(dir, "company.csv")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runReport("--data", dir)
	want := filepath.Join(dir, "company.csv") + ": missing file (it is required; see DATA.md for its columns)\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, %d bytes out, stderr %q; want 1, nothing, %q", code, len(stdout), stderr, want)
	}
}

// TestRunOnlySubscriptions runs the report on a folder with the company
// and subscriptions files alone: the MRR bridge, the trend's MRR columns
// and the cohort triangle have figures, every other metric says which file
// it lacks, and the exit status is 0.
func TestRunOnlySubscriptions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"company.csv": "name,currency,first_month,last_month,gross_margin,discount_rate\nSolo,USD,2025-01,2025-03,80,10\n",
		"subscriptions.csv": "id,customer_id,plan,billing,amount,started_at,ended_at\n" +
			"S-1,C-1,Team,monthly,100.00,2024-11-05T10:00:00Z,\n" +
			"S-2,C-2,Team,yearly,1200.00,2024-12-15T10:00:00Z,2025-03-10T00:00:00Z\n" +
			"S-3,C-3,Pro,monthly,250.00,2025-02-01T00:00:00Z,\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runReport("--data", dir, "--format", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep reportJSON
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	subscriptionMetrics := map[string]bool{"net_revenue_retention": true, "gross_revenue_retention": true, "mrr_growth_rate": true, "net_mrr_churn_rate": true,
		"gross_mrr_churn_rate": true, "quick_ratio": true, "arr": true, "arpa": true, "cohort_retention": true,
		"churn_rate": true, "retention_rate": true, "renewal_rate": true, "new_customers_acquired": true,
		"cltv": true, "ltv": true, "discounted_cltv": true}
	for _, s := range rep.Sections {
		for _, m := range s.Metrics {
			for _, r := range m.Results {
				if subscriptionMetrics[m.ID] {
					if strings.HasPrefix(r.NA, "no ") && strings.HasSuffix(r.NA, ".csv") {
						t.Errorf("%s, %s: n/a %q", m.ID, r.Period.Label, r.NA)
					}
				} else if !strings.HasPrefix(r.NA, "no ") || !strings.HasSuffix(r.NA, ".csv") {
					t.Errorf("%s, %s: value %q, n/a %q; want n/a naming a missing file", m.ID, r.Period.Label, r.Value, r.NA)
				}
			}
		}
		for _, tab := range s.Tables {
			if tab.Key == "nps_by_quarter" {
				if tab.NA != "no surveys.csv" {
					t.Errorf("NPS by quarter: n/a %q", tab.NA)
				}
				continue
			}
			if tab.NA != "" || len(tab.Rows) == 0 {
				t.Errorf("%s: n/a %q, %d rows", tab.Key, tab.NA, len(tab.Rows))
			}
		}
	}
	bridge := rep.Sections[0].Tables[0]
	// March: C-1's 100, C-2's 1200 a year (100 a month) and C-3's 250 at
	// the start; C-2 leaves on March 10.
	if bridge.Rows[0].Cells[1].Value != "450" || bridge.Rows[len(bridge.Rows)-1].Cells[1].Value != "350" {
		t.Errorf("March's bridge starts at %s and ends at %s; want 450 and 350",
			bridge.Rows[0].Cells[1].Value, bridge.Rows[len(bridge.Rows)-1].Cells[1].Value)
	}
	if len(rep.Missing) != 10 {
		t.Errorf("missing files %v, want the ten other files", rep.Missing)
	}
}

// TestRunMissingEndedAt checks that subscriptions.csv without its ended_at
// column is refused, naming the file and the column, rather than read as
// subscriptions that never end.
func TestRunMissingEndedAt(t *testing.T) {
	subs, err := fs.ReadFile(embedded, "data/subscriptions.csv")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(subs), "\n"), "\n") {
		lines = append(lines, l[:strings.LastIndexByte(l, ',')]) // drop the last column, ended_at
	}
	dir := copyData(t, map[string]string{"subscriptions.csv": strings.Join(lines, "\n") + "\n"})
	code, stdout, stderr := runReport("--data", dir)
	want := filepath.Join(dir, "subscriptions.csv") + `:1:8: missing column "ended_at" (required even if every cell is empty: ` +
		"without it every subscription would count as active to this day)\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, %d bytes out, stderr %q; want 1, nothing, %q", code, len(stdout), stderr, want)
	}
}

func TestRunUsageErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file.csv")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		wantStderr string
	}{
		{"unknown format", []string{"--format", "xml"}, 2, "report: --format \"xml\": want text, json or markdown\n"},
		{"unknown flag", []string{"--colour"}, 2, "flag provided but not defined: -colour\nusage: report"},
		{"argument", []string{"data"}, 2, "report: unexpected argument \"data\"\nusage: report"},
		{"no such directory", []string{"--data", filepath.Join(file, "nope")}, 1, "report: --data " + filepath.Join(file, "nope") + ": not a directory\n"},
		{"a file, not a directory", []string{"--data", file}, 1, "report: --data " + file + ": not a directory\n"},
		{"help", []string{"-h"}, 0, "usage: report [--data DIR] [--format text|json|markdown]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runReport(tt.args...)
			if code != tt.code || stdout != "" || !strings.HasPrefix(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing, %q...", code, stdout, stderr, tt.code, tt.wantStderr)
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRunWriteError(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(nil, failWriter{}, &stderr); code != 1 || !strings.HasPrefix(stderr.String(), "report: ") {
		t.Errorf("exit %d, stderr %q; want 1 and the error", code, stderr.String())
	}
}
