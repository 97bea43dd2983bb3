// Command surveys is a Beam pipeline over a company's survey answers and
// subscriptions, read from CSV files: it writes the Net Promoter Score of
// each quarter and the MRR movements of each month, computed with kpikit's
// combiners, exactly as the library computes them in one process.
//
// From the beam directory of a clone, on Beam's local prism runner:
//
//	go run ./examples/surveys
//
// reads testdata/answers.csv and testdata/subscriptions.csv beside this
// file and writes nps-per-quarter.csv and mrr-movements-per-month.csv (the
// months --from to --to) into --output (a new temporary directory by
// default), then prints them. The same program runs on Dataflow or Flink with
// Beam's --runner flag and its options (see the module's README): the
// inputs and the output may then be gs:// paths.
//
// answers.csv has a header line and the columns respondent, answered_at
// (a date, 2026-01-31, in UTC) and score (0–10). subscriptions.csv has a
// header line and the columns customer_id, amount, currency, interval
// (weekly, monthly, quarterly or yearly), start and end (RFC 3339 instants;
// end empty while the subscription is active). Amounts in another currency
// than --currency need a rate: --rates USD=0.92,GBP=1.17.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

var (
	answers = flag.String("answers", filepath.Join("examples", "surveys", "testdata", "answers.csv"),
		"survey answers: a CSV file or glob (respondent,answered_at,score)")
	subscriptions = flag.String("subscriptions", filepath.Join("examples", "surveys", "testdata", "subscriptions.csv"),
		"subscriptions: a CSV file or glob (customer_id,amount,currency,interval,start,end)")
	currency = flag.String("currency", "EUR", "reporting currency of the MRR movements")
	rates    = flag.String("rates", "", "conversion rates to the reporting currency: USD=0.92,GBP=1.17")
	from     = flag.String("from", "2025-01", "first month of the MRR movements (YYYY-MM, UTC)")
	to       = flag.String("to", "2026-06", "last month of the MRR movements (YYYY-MM, UTC)")
	output   = flag.String("output", "", "directory the results are written to (default: a new temporary directory)")
)

func init() {
	register.Function2x1(parseAnswer)
	register.Emitter2[string, int]()
	register.Function2x1(formatNPS)
	register.Function2x1(parseSubscription)
	register.Emitter1[crm.Subscription]()
	register.Function2x1(formatMovements)
}

// parseSubscription reads one line of subscriptions.csv; the header is
// skipped.
func parseSubscription(line string, emit func(crm.Subscription)) error {
	line = strings.TrimSpace(line)
	f := strings.Split(line, ",")
	if line == "" || f[0] == "customer_id" {
		return nil
	}
	if len(f) != 6 {
		return fmt.Errorf("subscriptions: %q: want 6 columns", line)
	}
	s := crm.Subscription{CustomerID: f[0], Currency: f[2]}
	var err error
	if s.Amount, err = decimal.NewFromString(f[1]); err != nil {
		return fmt.Errorf("subscriptions: %q: amount: %w", line, err)
	}
	if err := s.Interval.UnmarshalText([]byte(f[3])); err != nil {
		return fmt.Errorf("subscriptions: %q: interval: %w", line, err)
	}
	if s.Start, err = time.Parse(time.RFC3339, f[4]); err != nil {
		return fmt.Errorf("subscriptions: %q: start: %w", line, err)
	}
	if f[5] != "" {
		if s.End, err = time.Parse(time.RFC3339, f[5]); err != nil {
			return fmt.Errorf("subscriptions: %q: end: %w", line, err)
		}
	}
	emit(s)
	return nil
}

// formatMovements writes one month's line of mrr-movements-per-month.csv.
func formatMovements(p metrics.Period, m crm.SubscriptionMovements) string {
	r := m.MRR
	return fmt.Sprintf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d,%d",
		p.Start.Format("2006-01"), m.Currency, r.StartMRR, r.NewMRR, r.ExpansionMRR, r.ContractionMRR,
		r.ChurnedMRR, r.ReactivationMRR, r.EndMRR(), m.CustomersAtStart, m.NewCustomers, m.ExpandedCustomers,
		m.ContractedCustomers, m.ChurnedCustomers, m.ReactivatedCustomers, m.CustomersAtEnd)
}

// movementsHeader is the header of mrr-movements-per-month.csv.
const movementsHeader = "month,currency,start_mrr,new_mrr,expansion_mrr,contraction_mrr,churned_mrr,reactivation_mrr,end_mrr," +
	"customers_at_start,new_customers,expanded_customers,contracted_customers,churned_customers,reactivated_customers,customers_at_end"

// months returns the calendar months from first to last (YYYY-MM), in UTC.
func months(first, last string) ([]metrics.Period, error) {
	a, err := time.Parse("2006-01", first)
	if err != nil {
		return nil, fmt.Errorf("--from: %w", err)
	}
	b, err := time.Parse("2006-01", last)
	if err != nil {
		return nil, fmt.Errorf("--to: %w", err)
	}
	var ps []metrics.Period
	for m := a; !m.After(b); m = m.AddDate(0, 1, 0) {
		ps = append(ps, metrics.Month(m.Year(), m.Month(), time.UTC))
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("--to %s is before --from %s", last, first)
	}
	return ps, nil
}

// parseRates reads --rates: USD=0.92,GBP=1.17.
func parseRates(text string) (map[string]decimal.Decimal, error) {
	if text == "" {
		return nil, nil
	}
	out := map[string]decimal.Decimal{}
	for kv := range strings.SplitSeq(text, ",") {
		c, r, ok := strings.Cut(kv, "=")
		d, err := decimal.NewFromString(r)
		if !ok || err != nil {
			return nil, fmt.Errorf("--rates: %q is not CUR=rate", kv)
		}
		out[c] = d
	}
	return out, nil
}

// parseAnswer reads one line of answers.csv as the quarter it belongs to
// ("2026-Q1") and its score; the header is skipped.
func parseAnswer(line string, emit func(string, int)) error {
	f := strings.Split(strings.TrimSpace(line), ",")
	if len(f) == 0 || f[0] == "respondent" || line == "" {
		return nil
	}
	if len(f) != 3 {
		return fmt.Errorf("answers: %q: want 3 columns", line)
	}
	day, err := time.Parse(time.DateOnly, f[1])
	if err != nil {
		return fmt.Errorf("answers: %q: answered_at: %w", line, err)
	}
	score, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("answers: %q: score: %w", line, err)
	}
	emit(quarterOf(day), score)
	return nil
}

// quarterOf names the calendar quarter of t: "2026-Q1".
func quarterOf(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3)
}

// formatNPS writes one quarter's line of nps-per-quarter.csv.
func formatNPS(quarter string, t *crm.NPSTally) string {
	c := t.Counts()
	nps, err := t.NPS()
	score := nps.String()
	if err != nil {
		score = "undefined"
	}
	return fmt.Sprintf("%s,%s,%d,%d,%d,%d", quarter, score, t.Total(), c.Promoters, c.Passives, c.Detractors)
}

// npsHeader is the header of nps-per-quarter.csv.
const npsHeader = "quarter,nps,answers,promoters,passives,detractors"

// config is what the pipeline reads and writes.
type config struct {
	answers, subscriptions string // CSV files or globs
	mrr                    kpibeam.MRR
	months                 []metrics.Period
	dir                    string // output directory
}

// build adds the pipeline's transforms to s: NPS per quarter and MRR
// movements per month, written to c.dir.
func build(s beam.Scope, c config) error {
	scores := beam.ParDo(s, parseAnswer, textio.Read(s.Scope("answers"), c.answers))
	perQuarter, err := kpibeam.PerKey(s.Scope("nps per quarter"), kpibeam.NPS{}, scores)
	if err != nil {
		return err
	}
	textio.Write(s, c.dir+"/nps-per-quarter.csv", beam.ParDo(s, formatNPS, perQuarter))

	subs := beam.ParDo(s, parseSubscription, textio.Read(s.Scope("subscriptions"), c.subscriptions))
	perMonth, err := kpibeam.MRRMovements(s, c.mrr, subs, c.months...)
	if err != nil {
		return err
	}
	textio.Write(s, c.dir+"/mrr-movements-per-month.csv", beam.ParDo(s, formatMovements, perMonth))
	return nil
}

func main() {
	flag.Parse()
	beam.Init()
	dir := *output
	if dir == "" {
		d, err := os.MkdirTemp("", "kpikit-beam-surveys-")
		if err != nil {
			log.Fatal(err)
		}
		dir = d
	}
	ms, err := months(*from, *to)
	if err != nil {
		log.Fatal(err)
	}
	rs, err := parseRates(*rates)
	if err != nil {
		log.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	c := config{answers: *answers, subscriptions: *subscriptions, mrr: kpibeam.MRR{Currency: *currency, Rates: rs}, months: ms, dir: dir}
	if err := build(s, c); err != nil {
		log.Fatal(err)
	}
	if err := beamx.Run(context.Background(), p); err != nil {
		log.Fatalf("pipeline failed: %v", err)
	}
	if strings.Contains(dir, "://") {
		fmt.Println("results written to", dir)
		return
	}
	for _, out := range []struct{ name, header string }{
		{"nps-per-quarter.csv", npsHeader},
		{"mrr-movements-per-month.csv", movementsHeader},
	} {
		name := out.name
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			log.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		slices.Sort(lines) // a runner writes lines in no particular order
		fmt.Printf("%s (%s)\n%s\n%s\n\n", name, filepath.Join(dir, name), out.header, strings.Join(lines, "\n"))
	}
}
