// Command mrrmovements explains how monthly recurring revenue (MRR) moved in
// one month: the MRR at the start, what new, expanding, contracting, churned
// and returning customers added or took away, the MRR at the end, and the
// revenue retention metrics that follow (MRR churn, NRR, GRR, quick ratio,
// MRR growth).
//
//	go run ./examples/mrrmovements                            # the embedded sample, March 2025
//	go run ./examples/mrrmovements subscriptions.csv 2025-03  # your own export and month
//
// The CSV has one row per span of time a customer pays one price:
//
//	customer,billing,amount,currency,started_at,ended_at
//	C-09,monthly,300.00,USD,2024-07-01T00:00:00Z,2025-03-12T16:20:00Z
//	C-09,monthly,450.00,USD,2025-03-12T16:20:00Z,
//
// billing is weekly, monthly, quarterly or yearly; amount is the price per
// billing period; times are RFC 3339; an empty ended_at means the row is still
// in force. An upgrade or a downgrade ends one row and starts the next at the
// same instant; an add-on is a second row that runs alongside.
//
// Movements compare two snapshots, the MRR at the first instant of the month
// and at the first instant of the next, customer by customer. So a customer
// who pays from March 4 to March 24 moves nothing, one whose row ends at
// midnight on April 1 churned in March, and one who moves from a free plan to
// a paid one is new (they never paid before). The sample has each case.
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
	"strings"
	"time"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

//go:embed subscriptions.csv
var sampleExport string

// reporting is the currency of the report, and rates converts the other
// currencies of the export to it: one euro is worth 1.08 US dollars. Use the
// rates of the month you report on, one line per currency; a row in a
// currency without a rate is an error, not a sum of unlike amounts.
const reporting = "USD"

var rates = map[string]decimal.Decimal{
	"EUR": decimal.RequireFromString("1.08"),
}

func main() {
	name, text, month := "subscriptions.csv", sampleExport, "2025-03"
	if len(os.Args) > 1 {
		b, err := os.ReadFile(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "mrrmovements:", err)
			os.Exit(1)
		}
		name, text = os.Args[1], string(b)
	}
	if len(os.Args) > 2 {
		month = os.Args[2]
	}
	if err := run(os.Stdout, name, text, month); err != nil {
		fmt.Fprintln(os.Stderr, "mrrmovements:", err)
		os.Exit(1)
	}
}

// run reads the export text (named name in errors) and prints the MRR
// movements of month (YYYY-MM) and their retention metrics. It prints
// nothing when it returns an error.
func run(w io.Writer, name, text, month string) error {
	// A calendar month in UTC: from its first instant to the first instant
	// of the next, so that a row ending at midnight on the 1st counts as
	// churned in the month before.
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return fmt.Errorf("month %q: want YYYY-MM", month)
	}
	period := metrics.Month(first.Year(), first.Month(), time.UTC)
	to := period.End

	subs, lines, err := parse(name, text)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		return fmt.Errorf("%s: no subscriptions after the header", name)
	}
	ledger := crm.MRRLedger{Currency: reporting, Rates: rates}
	for i, s := range subs {
		if err := ledger.Add(s); err != nil {
			return atCell(name, lines[i], err)
		}
	}
	mv, err := ledger.Movements(period)
	if err != nil {
		return err
	}
	retention, err := summarize(mv.MRR)
	if err != nil {
		// Most likely no MRR at the start of the month, so no rate.
		return fmt.Errorf("%s: %w", month, err)
	}

	// Everything goes to a buffer first: an error half way prints nothing.
	var out strings.Builder
	fmt.Fprintf(&out, "MRR movements in %s, in %s (%s)\n\n", month, mv.Currency, rateList())
	printMovements(&out, mv)
	if err := printCheck(&out, mv.MRR, subs, to); err != nil {
		return err
	}
	if err := printRetention(&out, retention); err != nil {
		return err
	}
	_, err = io.WriteString(w, out.String())
	return err
}

// rateList lists the conversion rates: "1 EUR = 1.08 USD".
func rateList() string {
	var list []string
	for currency, rate := range rates {
		list = append(list, fmt.Sprintf("1 %s = %s %s", currency, rate, reporting))
	}
	sort.Strings(list)
	return strings.Join(list, ", ")
}

// printMovements prints the movements as a bridge from the start MRR to the
// end MRR, with how many customers made each.
func printMovements(out io.Writer, mv crm.SubscriptionMovements) {
	m := mv.MRR
	rows := []struct {
		label     string
		mrr       decimal.Decimal
		customers int
	}{
		{"start", m.StartMRR, mv.CustomersAtStart},
		{"+ new", m.NewMRR, mv.NewCustomers},
		{"+ expansion", m.ExpansionMRR, mv.ExpandedCustomers},
		{"- contraction", m.ContractionMRR, mv.ContractedCustomers},
		{"- churned", m.ChurnedMRR, mv.ChurnedCustomers},
		{"+ reactivation", m.ReactivationMRR, mv.ReactivatedCustomers},
		{"= end", m.EndMRR(), mv.CustomersAtEnd},
	}
	fmt.Fprintf(out, "%-15s %10s %10s\n", "", "MRR", "customers")
	for _, r := range rows {
		fmt.Fprintf(out, "%-15s %10s %10d\n", r.label, r.mrr.StringFixed(2), r.customers)
	}
	fmt.Fprintln(out)
}

// printCheck adds up the movements and checks the sum against the MRR of the
// rows in force at the end of the month, computed here from the rows
// themselves. The two agree to the last digit, because movements are
// measured between snapshots; a report that added up every change along the
// way would not.
func printCheck(out io.Writer, m crm.MRRMovements, subs []crm.Subscription, to time.Time) error {
	sum := m.StartMRR.Add(m.NewMRR).Add(m.ExpansionMRR).Sub(m.ContractionMRR).Sub(m.ChurnedMRR).Add(m.ReactivationMRR)
	end, err := mrrAt(subs, to)
	if err != nil {
		return err
	}
	if !sum.Equal(end) {
		return fmt.Errorf("the movements add up to %s, but the MRR at %s is %s",
			sum.StringFixed(2), to.Format(time.RFC3339), end.StringFixed(2))
	}
	fmt.Fprintf(out, "check: %s + %s + %s - %s - %s + %s = %s,\n       the MRR of the rows in force at %s\n\n",
		m.StartMRR.StringFixed(2), m.NewMRR.StringFixed(2), m.ExpansionMRR.StringFixed(2),
		m.ContractionMRR.StringFixed(2), m.ChurnedMRR.StringFixed(2), m.ReactivationMRR.StringFixed(2),
		end.StringFixed(2), to.Format(time.RFC3339))
	return nil
}

// mrrAt returns the MRR in the reporting currency of the rows in force at t
// (Start ≤ t < End). It converts each amount before crm's Subscription.MRR
// turns it into a monthly figure, as crm.MRRLedger.Add does.
func mrrAt(subs []crm.Subscription, t time.Time) (decimal.Decimal, error) {
	total := decimal.Zero
	for _, s := range subs {
		if t.Before(s.Start) || (!s.End.IsZero() && !t.Before(s.End)) {
			continue
		}
		if s.Currency != reporting {
			s.Amount, s.Currency = s.Amount.Mul(rates[s.Currency]), reporting
		}
		mrr, err := s.MRR()
		if err != nil {
			return decimal.Decimal{}, err
		}
		total = total.Add(mrr)
	}
	return total, nil
}

// retention holds the revenue retention metrics of a month. hasQuick is
// false when no MRR was lost, so that the quick ratio is undefined.
type retention struct {
	gross, net, nrr, grr, growth metrics.Percent
	quick                        decimal.Decimal
	hasQuick                     bool
}

// summarize computes the revenue retention metrics of the movements m. An
// undefined quick ratio (no MRR lost) is not an error: the report says
// "n/a"; otherwise the first error is returned.
func summarize(m crm.MRRMovements) (retention, error) {
	var r retention
	var errs [6]error
	r.gross, errs[0] = crm.GrossMRRChurnRate(m)
	r.net, errs[1] = crm.NetMRRChurnRate(m)
	r.nrr, errs[2] = crm.NetRevenueRetention(m)
	r.grr, errs[3] = crm.GrossRevenueRetention(m)
	r.growth, errs[4] = crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: m.StartMRR, CurrentMRR: m.EndMRR()})
	r.quick, errs[5] = crm.QuickRatio(m)
	r.hasQuick = errs[5] == nil
	if errors.Is(errs[5], metrics.ErrUndefined) {
		errs[5] = nil
	}
	for _, err := range errs {
		if err != nil {
			return retention{}, err
		}
	}
	return r, nil
}

// printRetention prints the revenue retention metrics and rates the MRR
// growth against the built-in figures for SaaS companies in the United
// States, which kpikit reads as yearly: the month's growth is converted to
// its yearly compound first.
func printRetention(out io.Writer, r retention) error {
	quick, quickFormula := r.quick.StringFixed(2), "(new + expansion + reactivation) / (contraction + churned)"
	if !r.hasQuick {
		quick, quickFormula = "n/a", "no MRR lost, so nothing to divide by"
	}
	b, err := benchmark.Lookup("mrr_growth_rate", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	if err != nil {
		return err
	}
	yearly, err := benchmark.Percent(r.growth).Per(benchmark.Month).CompoundGrowth(benchmark.Year)
	if err != nil {
		return err
	}
	rating, err := b.Classify(yearly)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "gross MRR churn  %7s  (churned + contraction) / start\n", r.gross.StringFixed(2))
	fmt.Fprintf(out, "net MRR churn    %7s  (churned + contraction - expansion - reactivation) / start\n", r.net.StringFixed(2))
	fmt.Fprintf(out, "NRR              %7s  (start + expansion - contraction - churned) / start\n", r.nrr.StringFixed(2))
	fmt.Fprintf(out, "GRR              %7s  (start - contraction - churned) / start\n", r.grr.StringFixed(2))
	fmt.Fprintf(out, "quick ratio      %7s  %s\n", quick, quickFormula)
	fmt.Fprintf(out, "MRR growth       %7s  — %s%% a year compounded: %s (%s a year; %s)\n", r.growth.StringFixed(2),
		yearly.Decimal().StringFixed(2), rating.Tier, rating.Band, rating.Segment)
	return nil
}

// columns maps the fields of crm.Subscription to the CSV's columns (1 is the
// first), to point at the cell a crm error is about.
var columns = map[string]int{"CustomerID": 1, "Interval": 2, "Amount": 3, "Currency": 4, "Start": 5, "End": 6}

const header = "customer,billing,amount,currency,started_at,ended_at"

var intervals = map[string]crm.BillingInterval{
	"weekly": crm.BillingWeekly, "monthly": crm.BillingMonthly,
	"quarterly": crm.BillingQuarterly, "yearly": crm.BillingYearly,
}

// parse reads the rows into subscriptions, with the line of each. It checks
// only that each cell reads as its type, naming the file, line and column
// of the first that does not; what the values mean (a negative amount, a row
// that ends before it starts, an unknown currency) crm checks, and atCell
// points at the cell.
func parse(name, text string) (subs []crm.Subscription, lines []int, err error) {
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
		s := crm.Subscription{CustomerID: rec[0], Currency: rec[3]}
		var ok bool
		if s.Interval, ok = intervals[rec[1]]; !ok {
			return nil, nil, cellErr(2, "billing %q: want weekly, monthly, quarterly or yearly", rec[1])
		}
		if s.Amount, err = decimal.NewFromString(rec[2]); err != nil {
			return nil, nil, cellErr(3, "amount %q is not a decimal number", rec[2])
		}
		if s.Start, err = parseTime(rec[4]); err != nil {
			return nil, nil, cellErr(5, "started_at %q: %v", rec[4], err)
		}
		if s.End, err = parseTime(rec[5]); err != nil {
			return nil, nil, cellErr(6, "ended_at %q: %v", rec[5], err)
		}
		line, _ := r.FieldPos(0)
		subs, lines = append(subs, s), append(lines, line)
	}
	return subs, lines, nil
}

// parseTime reads an RFC 3339 time; an empty cell is the zero time, which
// crm reads as "not set" (still in force, for ended_at).
func parseTime(cell string) (time.Time, error) {
	if cell == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, cell)
	if err != nil {
		return time.Time{}, errors.New("want an RFC 3339 time such as 2025-03-01T00:00:00Z")
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

// atCell puts file:line:column in front of a crm error about the row on
// line, and the file's name in front of an error about the ledger's
// settings. An error about the row names the record's field in Field
// ("Subscription.End"): the part after the dot picks the column.
func atCell(name string, line int, err error) error {
	var e *metrics.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%s: %w", name, err)
	}
	record, field, ok := strings.Cut(e.Field, ".")
	if !ok || record != "Subscription" {
		return fmt.Errorf("%s: %w", name, err)
	}
	col, ok := columns[field]
	if !ok {
		col = 1
	}
	return fmt.Errorf("%s:%d:%d: %w", name, line, col, err)
}
