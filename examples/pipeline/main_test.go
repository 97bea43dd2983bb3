package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/metrics"
)

// The figures were counted from deals.csv by hand (and again with a few
// lines of Python over exact fractions). Amelia Hart won D-001, D-002, D-004
// and D-006 in the quarter: 12000 + 8500 + 4800 + 22000 = 47300, an average
// of 11825, after 72 + 70 + 50 + 81 = 273 days, 68.25 days each (68.3 rounded
// half away from zero). She lost D-003 and D-005, so 4/6 = 66.7%, and D-007,
// D-009 and D-008 (won on April 14) were open on March 31: her velocity is
// 3 × 4/6 × 11825 / 68.25 = 346.52 a day. D-018 (won in December) counts for
// nobody, nor does D-037 (created in April). The team closed 12 + 11 = 23
// deals; with p = 12/23 and z = 1.96 the Wilson interval is
// (p + z²/46 ± z √(p(1 − p)/23 + z²/2116)) / (1 + z²/23) = 33.0% to 70.8%.
func TestPipelineOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out, "deals.csv", sampleExport, "2025-Q1"); err != nil {
		t.Fatal(err)
	}
	want := `Pipeline review 2025-Q1 (2025-01-01 to 2025-03-31)

rep          won revenue  won  lost  open  win rate   avg deal  cycle, days  velocity/day
Amelia Hart     47300.00    4     2     3     66.7%   11825.00         68.3        346.52
Chen Wei        15000.00    3     3     2     50.0%    5000.00         42.0        119.05
Dara Okafor     44000.00    5     4     4     55.6%    8800.00         51.4        380.46
Elin Berg           0.00    0     2     3      0.0%        n/a          n/a           n/a
team           106300.00   12    11    12     52.2%    8858.33         54.7       1014.53

team win rate 52.2%, 12 won of 23 closed: 95% Wilson interval 33.0% to 70.8%
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// A quarter in which nothing closed has no win rate, and deals without an
// owner get a row of their own. D-1 was created in the first quarter and won
// in the third, so it was open at the end of the second; D-2 was still open.
func TestPipelineNothingClosed(t *testing.T) {
	csv := header + "\nD-1,,won,100,2025-01-10T00:00:00Z,2025-07-01T00:00:00Z\nD-2,Ann,open,50,2025-05-10T00:00:00Z,\n"
	var out strings.Builder
	if err := run(&out, "my.csv", csv, "2025-Q2"); err != nil {
		t.Fatal(err)
	}
	want := `Pipeline review 2025-Q2 (2025-04-01 to 2025-06-30)

rep         won revenue  won  lost  open  win rate   avg deal  cycle, days  velocity/day
(no owner)         0.00    0     0     1       n/a        n/a          n/a           n/a
Ann                0.00    0     0     1       n/a        n/a          n/a           n/a
team               0.00    0     0     2       n/a        n/a          n/a           n/a

team win rate n/a: no deal won or lost in the quarter
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestPipelineBadExport(t *testing.T) {
	const row = "D-1,Ann,won,100,2025-01-10T09:00:00Z,2025-02-10T09:00:00Z\n"
	tests := []struct {
		name, text, quarter string
		want                string
		sentinel            error // nil for the CSV's own errors
	}{
		{"stage", header + "\n" + row + "D-2,Ann,wonn,100,2025-01-10T09:00:00Z,2025-02-10T09:00:00Z\n", "2025-Q1",
			`my.csv:3:3: stage "wonn": want open, won or lost`, nil},
		{"amount", header + "\nD-1,Ann,won,12k,2025-01-10T09:00:00Z,2025-02-10T09:00:00Z\n", "2025-Q1",
			`my.csv:2:4: amount "12k" is not a decimal number`, nil},
		{"date", header + "\nD-1,Ann,won,100,10/01/2025,2025-02-10T09:00:00Z\n", "2025-Q1",
			`my.csv:2:5: created_at "10/01/2025": want an RFC 3339 time such as 2025-03-01T09:00:00Z`, nil},
		{"closed before created", header + "\n" + row + "D-2,Ann,lost,100,2025-02-01T09:00:00Z,2025-01-01T09:00:00Z\n", "2025-Q1",
			"my.csv:3:6: sales.DealStatsByOwner: Deals[1].Closed 2025-01-01T09:00:00Z is before Created 2025-02-01T09:00:00Z: inconsistent input",
			metrics.ErrInconsistent},
		{"open deal closed", header + "\n" + row + "D-2,Ann,open,100,2025-02-01T09:00:00Z,2025-03-01T09:00:00Z\n", "2025-Q1",
			"my.csv:3:6: sales.DealStatsByOwner: Deals[1].Closed 2025-03-01T09:00:00Z is set for an open deal: inconsistent input",
			metrics.ErrInconsistent},
		{"won deal not closed", header + "\nD-1,Ann,won,100,2025-01-10T09:00:00Z,\n", "2025-Q1",
			"my.csv:2:6: sales.DealStatsByOwner: Deals[0].Closed is not set for a won deal: inconsistent input",
			metrics.ErrInconsistent},
		{"negative amount", header + "\n" + row + row + "D-3,Ann,open,-100,2025-02-01T09:00:00Z,\n", "2025-Q1",
			"my.csv:4:4: sales.DealStatsByOwner: Deals[2].Amount -100 is negative: negative value",
			metrics.ErrNegative},
		{"no created", header + "\nD-1,Ann,open,100,,\n", "2025-Q1",
			"my.csv:2:5: sales.DealStatsByOwner: Deals[0].Created is not set: invalid value",
			metrics.ErrInvalid},
		{"header", "id;owner\n", "2025-Q1", `my.csv:1:1: header "id;owner", want id,owner,stage,amount,created_at,closed_at`, nil},
		{"fields", header + "\n" + row + "D-2,Ann,won\n", "2025-Q1", "my.csv:3:1: wrong number of fields", nil},
		{"empty file", "", "2025-Q1", "my.csv: empty file, want the header id,owner,stage,amount,created_at,closed_at", nil},
		{"empty", header + "\n", "2025-Q1", "my.csv: no deals", nil},
		{"quarter", header + "\n" + row, "2025-Q5", `quarter "2025-Q5": want YYYY-Qn, such as 2025-Q1`, nil},
		{"quarter format", header + "\n" + row, "Q1 2025", `quarter "Q1 2025": want YYYY-Qn, such as 2025-Q1`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(&out, "my.csv", tt.text, tt.quarter)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v\nwant  %s", err, tt.want)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error does not wrap %v", tt.sentinel)
			}
			if out.Len() != 0 {
				t.Errorf("printed %q with an error", out.String())
			}
		})
	}
}
