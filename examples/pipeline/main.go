// Command pipeline prints a quarter's sales pipeline review, rep by rep and
// for the team: revenue won, deals won, lost and open, win rate, average deal
// size, sales cycle length and pipeline velocity, and how far the team's win
// rate can be trusted with so few deals (its 95% Wilson interval).
//
//	go run ./examples/pipeline                     # the embedded sample, 2025-Q1
//	go run ./examples/pipeline deals.csv 2025-Q2   # your own export and quarter
//
// The CSV has one row per deal, amounts in one currency, times in RFC 3339,
// and an empty closed_at while the deal is open:
//
//	id,owner,stage,amount,created_at,closed_at
//	D-004,Amelia Hart,won,4800.00,2025-01-13T09:00:00Z,2025-03-04T09:00:00Z
//	D-007,Amelia Hart,open,9000.00,2025-02-17T09:00:00Z,
//
// A won or lost deal counts in the quarter it closed in; a deal is open if it
// was open when the quarter ended, so a deal won in April was still open at
// the end of March, and the review of a past quarter does not change as its
// deals close later.
//
// A bad cell stops the program with file:line:column and exit status 1,
// before anything is printed.
package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

//go:embed deals.csv
var sampleExport string

func main() {
	name, text, quarter := "deals.csv", sampleExport, "2025-Q1"
	if len(os.Args) > 1 {
		b, err := os.ReadFile(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "pipeline:", err)
			os.Exit(1)
		}
		name, text = os.Args[1], string(b)
	}
	if len(os.Args) > 2 {
		quarter = os.Args[2]
	}
	if err := run(os.Stdout, name, text, quarter); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		os.Exit(1)
	}
}

// run reads the export text (named name in errors) and prints the review of
// quarter (such as 2025-Q1). It prints nothing when it returns an error.
func run(w io.Writer, name, text, quarter string) error {
	p, err := quarterPeriod(quarter)
	if err != nil {
		return err
	}
	deals, lines, err := parse(name, text)
	if err != nil {
		return err
	}
	// DealStatsByOwner validates every deal and reports the first bad one
	// by its index, which atCell turns back into a line of the file. The
	// reps' figures merge into the team's, without a second pass.
	byRep, err := sales.DealStatsByOwner(deals, p)
	if err != nil {
		return atCell(name, lines, err)
	}
	team := &sales.DealStats{Period: p}
	for _, s := range byRep {
		if err := team.Merge(s); err != nil {
			return err
		}
	}

	reps := make([]string, 0, len(byRep))
	width := len("team")
	for rep := range byRep {
		reps = append(reps, rep)
		width = max(width, utf8.RuneCountInString(repName(rep)))
	}
	sort.Strings(reps)

	// Everything goes to a buffer first: an error half way prints nothing.
	var out strings.Builder
	last := p.End.AddDate(0, 0, -1)
	fmt.Fprintf(&out, "Pipeline review %s (%s to %s)\n\n", quarter, p.Start.Format(time.DateOnly), last.Format(time.DateOnly))
	fmt.Fprintf(&out, "%-*s  %11s  %3s  %4s  %4s  %8s  %9s  %11s  %12s\n",
		width, "rep", "won revenue", "won", "lost", "open", "win rate", "avg deal", "cycle, days", "velocity/day")
	for _, rep := range reps {
		if err := printRow(&out, width, repName(rep), byRep[rep]); err != nil {
			return err
		}
	}
	// The team's velocity is not the sum of the reps': it multiplies the
	// team's open deals by its own win rate, deal size and cycle.
	if err := printRow(&out, width, "team", team); err != nil {
		return err
	}
	if err := printWinRateInterval(&out, team); err != nil {
		return err
	}
	_, err = io.WriteString(w, out.String())
	return err
}

// repName labels the deals without an owner.
func repName(owner string) string {
	if owner == "" {
		return "(no owner)"
	}
	return owner
}

// printRow prints one line of the review. A rep who won no deal in the
// quarter has no average deal size, cycle length or velocity, and one who
// closed none has no win rate: those cells read n/a.
func printRow(out io.Writer, width int, name string, s *sales.DealStats) error {
	winRate, err := s.WinRate()
	winRateText, err := orNA(winRate.StringFixed(1), err)
	if err != nil {
		return err
	}
	avgDeal, err := s.AverageDealSize()
	avgDealText, err := orNA(avgDeal.StringFixed(2), err)
	if err != nil {
		return err
	}
	cycle, err := s.SalesCycleLength()
	cycleText, err := orNA(cycle.StringFixed(1), err)
	if err != nil {
		return err
	}
	velocity, err := s.PipelineVelocity()
	velocityText, err := orNA(velocity.StringFixed(2), err)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%-*s  %11s  %3d  %4d  %4d  %8s  %9s  %11s  %12s\n", width, name,
		s.SalesRevenue().StringFixed(2), s.Won(), s.Lost(), s.OpenOpportunities(),
		winRateText, avgDealText, cycleText, velocityText)
	return nil
}

// orNA returns text, or "n/a" when err says the metric is undefined (a
// division by a count of zero deals); it returns any other error.
func orNA(text string, err error) (string, error) {
	if errors.Is(err, metrics.ErrUndefined) {
		return "n/a", nil
	}
	return text, err
}

// printWinRateInterval prints the team's win rate with its 95% Wilson
// interval: with a few dozen closed deals the interval is tens of points
// wide, and a change of a few points from one quarter to the next may be
// nothing but chance.
func printWinRateInterval(out io.Writer, team *sales.DealStats) error {
	closed := team.Won() + team.Lost()
	if closed == 0 {
		fmt.Fprintln(out, "\nteam win rate n/a: no deal won or lost in the quarter")
		return nil
	}
	rate, err := team.WinRate()
	if err != nil {
		return err
	}
	ci, err := metrics.WilsonInterval(metrics.RateCounts{Part: team.Won(), Whole: closed}, 0.95)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nteam win rate %s, %d won of %d closed: 95%% Wilson interval %.1f%% to %.1f%%\n",
		rate.StringFixed(1), team.Won(), closed, ci.Low, ci.High)
	return nil
}

// quarterPeriod returns the half-open period of a quarter written "2025-Q1",
// in UTC: from the first instant of its first month to the first instant of
// the next quarter.
func quarterPeriod(quarter string) (metrics.Period, error) {
	year, q, ok := strings.Cut(quarter, "-Q")
	y, yErr := strconv.Atoi(year)
	n, qErr := strconv.Atoi(q)
	if !ok || yErr != nil || qErr != nil || y < 1 || n < 1 || n > 4 {
		return metrics.Period{}, fmt.Errorf("quarter %q: want YYYY-Qn, such as 2025-Q1", quarter)
	}
	return metrics.Quarter(y, n, time.UTC), nil
}

const header = "id,owner,stage,amount,created_at,closed_at"

// columns maps the fields of sales.Deal that sales checks to the CSV's
// columns (1 is the first), to point at the cell an error is about.
var columns = map[string]int{"Stage": 3, "Amount": 4, "Created": 5, "Closed": 6}

// parse reads the rows into deals, with the line of each. It checks only
// that each cell reads as its type, naming the file, line and column of the
// first that does not; what the values mean (a negative amount, a deal
// closed before it was created, an open deal with a closed_at) sales checks,
// and atCell points at the cell.
func parse(name, text string) (deals []sales.Deal, lines []int, err error) {
	r := csv.NewReader(strings.NewReader(text))
	rec, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("%s: empty file, want the header %s", name, header)
	}
	if err != nil {
		return nil, nil, csvError(name, err)
	}
	if got := strings.Join(rec, ","); got != header {
		return nil, nil, fmt.Errorf("%s:1:1: header %q, want %s", name, got, header)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, csvError(name, err)
		}
		// cellErr names the cell in column col (1 is the first).
		cellErr := func(col int, format string, args ...any) error {
			line, _ := r.FieldPos(col - 1)
			return fmt.Errorf("%s:%d:%d: %s", name, line, col, fmt.Sprintf(format, args...))
		}
		d := sales.Deal{ID: rec[0], Owner: rec[1]}
		// A Stage reads its own text; the empty text is the unset stage.
		if d.Stage.UnmarshalText([]byte(rec[2])) != nil || rec[2] == "" {
			return nil, nil, cellErr(3, "stage %q: want open, won or lost", rec[2])
		}
		if d.Amount, err = decimal.NewFromString(rec[3]); err != nil {
			return nil, nil, cellErr(4, "amount %q is not a decimal number", rec[3])
		}
		if d.Created, err = parseTime(rec[4]); err != nil {
			return nil, nil, cellErr(5, "created_at %q: %v", rec[4], err)
		}
		if d.Closed, err = parseTime(rec[5]); err != nil {
			return nil, nil, cellErr(6, "closed_at %q: %v", rec[5], err)
		}
		line, _ := r.FieldPos(0)
		deals, lines = append(deals, d), append(lines, line)
	}
	if len(deals) == 0 {
		return nil, nil, fmt.Errorf("%s: no deals", name)
	}
	return deals, lines, nil
}

// parseTime reads an RFC 3339 time; an empty cell is the zero time, which
// sales reads as "not set" (not closed yet, for closed_at).
func parseTime(cell string) (time.Time, error) {
	if cell == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, cell)
	if err != nil {
		return time.Time{}, errors.New("want an RFC 3339 time such as 2025-03-01T09:00:00Z")
	}
	return t, nil
}

// csvError puts file:line:column in front of a CSV syntax error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %w", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// atCell puts file:line:column in front of a sales error about one deal,
// and the file's name in front of any other. An error about a deal has the
// deal's position in Index and the slice and the deal's field in Field
// ("Deals.Closed"): the part after the dot picks the column.
func atCell(name string, lines []int, err error) error {
	var e *metrics.Error
	if !errors.As(err, &e) || e.Index < 0 || e.Index >= len(lines) {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, field, _ := strings.Cut(e.Field, ".")
	col, ok := columns[field]
	if !ok {
		col = 1
	}
	return fmt.Errorf("%s:%d:%d: %w", name, lines[e.Index], col, err)
}
