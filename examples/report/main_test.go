package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runReport runs the program with args and returns its exit status and
// outputs.
func runReport(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// embeddedRows counts the data lines of each embedded file independently
// of the loader: its lines, less the header. (The generated files have no
// quoted line breaks.)
func embeddedRows(t *testing.T) map[string]int {
	t.Helper()
	rows := map[string]int{}
	err := fs.WalkDir(embedded, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(embedded, path)
		if err != nil {
			return err
		}
		rows[filepath.Base(path)] = bytes.Count(data, []byte("\n")) - 1
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 12 {
		t.Fatalf("embedded files: %v, want 12", rows)
	}
	return rows
}

func TestRunText(t *testing.T) {
	rows := embeddedRows(t)
	code, stdout, stderr := runReport()
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	n := func(file string) string { return strconv.Itoa(rows[file]) }
	want := "Larkspur Software, 2025-01 to 2025-12, in USD: " +
		n("fx_rates.csv") + " exchange rates, " + n("surveys.csv") + " survey answers, " +
		n("tickets.csv") + " tickets, " + n("subscriptions.csv") + " subscription rows, " +
		n("deals.csv") + " deals, " + n("projects.csv") + " projects, " + n("leads.csv") + " leads, " +
		n("campaigns.csv") + " campaigns, 12 website months, 12 operations months, 60 rep months.\n"
	if diff := cmp.Diff(want, stdout); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	// The same with the flag given explicitly.
	if _, again, _ := runReport("--format", "text"); again != stdout {
		t.Errorf("--format text printed %q, want %q", again, stdout)
	}
}

func TestRunJSON(t *testing.T) {
	code, stdout, stderr := runReport("--format=json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.Count(stdout, "\n") != 1 {
		t.Errorf("output is not one line: %q", stdout)
	}
	var got summaryJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	want := summaryJSON{Company: "Larkspur Software", Currency: "USD", FirstMonth: "2025-01", LastMonth: "2025-12", Rows: embeddedRows(t)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func TestRunMarkdown(t *testing.T) {
	rows := embeddedRows(t)
	code, stdout, stderr := runReport("-format", "markdown")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	wantPrefix := "**Larkspur Software** · 2025-01 to 2025-12 · USD · " + strconv.Itoa(rows["fx_rates.csv"]) + " exchange rates · "
	if !strings.HasPrefix(stdout, wantPrefix) || !strings.HasSuffix(stdout, " · 60 rep months\n") {
		t.Errorf("stdout = %q, want %q...%q", stdout, wantPrefix, " · 60 rep months\n")
	}
}

func TestMarkdownEscape(t *testing.T) {
	if got, want := markdownEscape("A*B_C [x](y) #1"), `A\*B\_C \[x\]\(y\) \#1`; got != want {
		t.Errorf("markdownEscape = %q, want %q", got, want)
	}
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
	_, embeddedOut, _ := runReport()
	dir := copyData(t, map[string]string{
		"company.csv": "name,currency,first_month,last_month,gross_margin,discount_rate\nMy Shop,USD,2025-01,2025-06,70,8\n",
		"website.csv": "month,visits,visits_with_purchase,time_on_site_seconds\n2025-01,100,2,9000\n",
	})
	code, stdout, stderr := runReport("--data", dir)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := strings.NewReplacer("Larkspur Software, 2025-01 to 2025-12", "My Shop, 2025-01 to 2025-06",
		" 12 website months,", " 1 website month,").Replace(embeddedOut)
	if stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
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

	code, stdout, stderr := runReport("--data", dir, "--format", "json")
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	want := filepath.Join(dir, "deals.csv") + `:3:5: amount "12,5": not a decimal (write 12.5)` + "\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestRunMissingFile(t *testing.T) {
	dir := copyData(t, nil)
	if err := os.Remove(filepath.Join(dir, "leads.csv")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runReport("--data", dir)
	want := filepath.Join(dir, "leads.csv") + ": missing file (see DATA.md for the files and their columns)\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, nothing, %q", code, stdout, stderr, want)
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
