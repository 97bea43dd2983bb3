package kpibeam_test

import (
	"context"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func init() {
	register.DoFn1x2[int, string, int](&fromTable[int]{})
	register.DoFn1x2[int, string, decimal.Decimal](&fromTable[decimal.Decimal]{})
	register.DoFn1x2[int, string, crm.Ticket](&fromTable[crm.Ticket]{})
	register.DoFn1x2[int, string, sales.Deal](&fromTable[sales.Deal]{})
	register.DoFn1x2[int, string, sales.Lead](&fromTable[sales.Lead]{})
	register.DoFn1x2[int, string, crm.Subscription](&fromTable[crm.Subscription]{})
	register.DoFn1x2[int, string, crm.Customer](&fromTable[crm.Customer]{})
	register.Function2x1(movementsLine)
	register.Function1x1(binaryLine)
	register.Function2x1(keyedBinaryLine)
	register.Function1x1(npsLine)
}

func TestMain(m *testing.M) {
	// Beam's default schema coder drops unexported fields silently; with
	// this it refuses such a type instead, so a missing coder cannot hide.
	coder.RequireAllFieldsExported(true)
	beam.Init()
	os.Exit(m.Run())
}

// run executes p on the in-process prism runner. No test here runs under
// t.Parallel: prism's first Execute in a process has a data race.
func run(p *beam.Pipeline) error {
	_, err := prism.Execute(context.Background(), p)
	return err
}

// binaryLine is an accumulator's binary form in hex: equal lines are equal
// accumulators, to the last digit, since the forms are canonical.
func binaryLine(a beam.T) string {
	b, err := a.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return "error: " + err.Error()
	}
	return hex.EncodeToString(b)
}

func keyedBinaryLine(k string, a beam.T) string { return k + " " + binaryLine(a) }

// npsLine is the NPS a pipeline read from its tally.
func npsLine(t *crm.NPSTally) string {
	n, err := t.NPS()
	return fmt.Sprint(n, " ", err)
}

// keyed is one record with its key.
type keyed[R any] struct {
	Key    string
	Record R
}

// tables holds the keyed records of the running test, by name. Prism runs
// the pipeline's DoFns in this process (loopback), so fromTable reads them.
var tables sync.Map

// fromTable turns an index into the keyed record at that index of the
// table named Name: a KV<string, R> PCollection from a PCollection of ints.
type fromTable[R any] struct{ Name string }

// ProcessElement returns the key and record at index i.
func (f *fromTable[R]) ProcessElement(i int) (string, R) {
	t, _ := tables.Load(f.Name)
	kr := t.([]keyed[R])[i]
	return kr.Key, kr.Record
}

// checkPipeline runs fn globally over records and per key over keyedRecords
// on prism, and compares each result with the accumulator one process
// fills with the same records, by its binary form.
func checkPipeline[R any](t *testing.T, fn kpibeam.Combiner, one func(t *testing.T, records []R) encoding.BinaryMarshaler, keyedRecords []keyed[R]) {
	t.Helper()
	var records []R
	perKey := map[string][]R{}
	indices := make([]int, len(keyedRecords))
	for i, kr := range keyedRecords {
		records = append(records, kr.Record)
		perKey[kr.Key] = append(perKey[kr.Key], kr.Record)
		indices[i] = i
	}
	var wantPerKey []any
	for k, rs := range perKey {
		wantPerKey = append(wantPerKey, k+" "+binaryLine(one(t, rs)))
	}
	tables.Store(t.Name(), keyedRecords)
	defer tables.Delete(t.Name())

	p, s := beam.NewPipelineWithRoot()
	global, err := kpibeam.Globally(s, fn, beam.CreateList(s, records))
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, beam.ParDo(s, binaryLine, global), binaryLine(one(t, records)))
	kvs := beam.ParDo(s, &fromTable[R]{Name: t.Name()}, beam.CreateList(s, indices))
	each, err := kpibeam.PerKey(s, fn, kvs)
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, beam.ParDo(s, keyedBinaryLine, each), wantPerKey...)
	if err := run(p); err != nil {
		t.Fatal(err)
	}
}

// TestPipelineManyKeys: a per-key combine over 2,500 keys, more than the
// SDK's combiner lifting keeps in memory per bundle, so that partial
// accumulators are encoded, sent and merged before the result.
func TestPipelineManyKeys(t *testing.T) {
	var rs []keyed[int]
	for i := range 10_000 {
		rs = append(rs, keyed[int]{Key: fmt.Sprint("k", (i*7919)%2500), Record: (i * 31) % 11})
	}
	checkPipeline(t, kpibeam.NPS{}, oneNPS, rs)
}

// TestPipelines: each combiner, globally and per key, on prism, equals the
// library in one process.
func TestPipelines(t *testing.T) {
	t.Run("NPS", func(t *testing.T) {
		var rs []keyed[int]
		for i := range 60 {
			rs = append(rs, keyed[int]{Key: fmt.Sprint("q", i%3), Record: (i * 7) % 11})
		}
		checkPipeline(t, kpibeam.NPS{}, oneNPS, rs)
	})
	t.Run("Answers", func(t *testing.T) {
		var rs []keyed[int]
		for i := range 60 {
			rs = append(rs, keyed[int]{Key: fmt.Sprint("team", i%4), Record: 1 + (i*5)%7})
		}
		scale := crm.SurveyScale{Min: 1, Max: 7}
		checkPipeline(t, kpibeam.Answers{Scale: scale}, oneAnswers(scale), rs)
	})
	t.Run("Sum", func(t *testing.T) {
		var rs []keyed[decimal.Decimal]
		for i := range 60 {
			rs = append(rs, keyed[decimal.Decimal]{Key: fmt.Sprint("region", i%5),
				Record: decimal.New(int64(i*i*37+1), int32(-(i % 4)))})
		}
		checkPipeline(t, kpibeam.Sum{}, oneSum, rs)
	})
	t.Run("Tickets", func(t *testing.T) {
		q := metrics.Quarter(2026, 1, time.UTC)
		var rs []keyed[crm.Ticket]
		for i := range 60 {
			opened := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Hour)
			tk := crm.Ticket{ID: fmt.Sprint(i), Opened: opened}
			if i%3 != 0 {
				tk.FirstResponse = opened.Add(time.Duration(i) * time.Minute)
			}
			if i%4 != 0 {
				tk.Resolved = opened.Add(time.Duration(i*i) * time.Minute)
			}
			rs = append(rs, keyed[crm.Ticket]{Key: fmt.Sprint("desk", i%3), Record: tk})
		}
		checkPipeline(t, kpibeam.Tickets{Period: q}, oneTickets(q), rs)
	})
	t.Run("Deals", func(t *testing.T) {
		q := metrics.Quarter(2026, 1, time.FixedZone("CET", 3600))
		var rs []keyed[sales.Deal]
		for i := range 60 {
			created := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 29 * time.Hour)
			d := sales.Deal{ID: fmt.Sprint(i), Amount: decimal.New(int64(1000+i*i*13), -2), Stage: sales.Stage(1 + i%3),
				Created: created, Owner: fmt.Sprint("rep", i%4)}
			if d.Stage != sales.StageOpen {
				d.Closed = created.Add(time.Duration(i*i) * time.Hour)
			}
			rs = append(rs, keyed[sales.Deal]{Key: d.Owner, Record: d})
		}
		checkPipeline(t, kpibeam.Deals{Period: q}, oneStats[sales.DealStats](func(s *sales.DealStats, d sales.Deal) error {
			s.Period = q
			return s.Add(d)
		}), rs)
	})
	t.Run("Leads", func(t *testing.T) {
		q := metrics.Quarter(2026, 1, time.UTC)
		var rs []keyed[sales.Lead]
		for i := range 60 {
			created := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 29 * time.Hour)
			l := sales.Lead{ID: fmt.Sprint(i), Created: created}
			if i%2 == 0 {
				l.Qualified = created.Add(time.Duration(i) * time.Hour)
			}
			if i%3 == 0 {
				l.Converted = created.Add(time.Duration(i*i) * time.Hour)
			}
			rs = append(rs, keyed[sales.Lead]{Key: fmt.Sprint("source", i%3), Record: l})
		}
		checkPipeline(t, kpibeam.Leads{Period: q}, oneStats[sales.LeadStats](func(s *sales.LeadStats, l sales.Lead) error {
			s.Period = q
			return s.Add(l)
		}), rs)
	})
	t.Run("MRR", func(t *testing.T) {
		fn := kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.920")}}
		var rs []keyed[crm.Subscription]
		for i, s := range sampleSubscriptions(90) {
			rs = append(rs, keyed[crm.Subscription]{Key: fmt.Sprint("unit", i%3), Record: s})
		}
		checkPipeline(t, fn, oneStats[crm.MRRLedger](func(l *crm.MRRLedger, s crm.Subscription) error {
			l.Currency, l.Rates = fn.Currency, fn.Rates
			return l.Add(s)
		}), rs)
	})
	t.Run("Cohorts", func(t *testing.T) {
		var rs []keyed[crm.Customer]
		for i, s := range sampleSubscriptions(90) {
			rs = append(rs, keyed[crm.Customer]{Key: fmt.Sprint("unit", i%3), Record: crm.Customer{ID: s.CustomerID, Start: s.Start, End: s.End}})
		}
		checkPipeline(t, kpibeam.Cohorts{}, oneStats[crm.Cohorts](func(c *crm.Cohorts, cu crm.Customer) error {
			return c.Add(cu)
		}), rs)
	})
}

func TestPipelineNPS(t *testing.T) {
	scores := []int{10, 9, 8, 6, 10, 3, 9}
	var want crm.NPSTally
	if err := want.AddAll(scores); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	out, err := kpibeam.Globally(s, kpibeam.NPS{}, beam.CreateList(s, scores))
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, beam.ParDo(s, npsLine, out), npsLine(&want))
	passert.Equals(s, beam.ParDo(s, binaryLine, out), binaryLine(&want))
	if err := run(p); err != nil {
		t.Fatal(err)
	}
}

// TestPipelineRecordError: a record Add refuses fails the pipeline with
// Add's error.
func TestPipelineRecordError(t *testing.T) {
	p, s := beam.NewPipelineWithRoot()
	if _, err := kpibeam.Globally(s, kpibeam.NPS{}, beam.Create(s, 9, 11, 3)); err != nil {
		t.Fatal(err)
	}
	err := run(p)
	if err == nil || !strings.Contains(err.Error(), "crm.NPSTally.Add") {
		t.Fatalf("got %v, want the pipeline to fail with crm.NPSTally.Add's error", err)
	}
	_ = errors.Is
	_ = metrics.ErrInvalid
}

// The accumulators of the library in one process, one pass over records.

func oneNPS(t *testing.T, scores []int) encoding.BinaryMarshaler {
	var a crm.NPSTally
	for _, x := range scores {
		if err := a.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	return &a
}

func oneAnswers(scale crm.SurveyScale) func(*testing.T, []int) encoding.BinaryMarshaler {
	return func(t *testing.T, answers []int) encoding.BinaryMarshaler {
		a := crm.AnswerTally{Scale: scale}
		for _, x := range answers {
			if err := a.Add(x); err != nil {
				t.Fatal(err)
			}
		}
		return &a
	}
}

func oneSum(t *testing.T, amounts []decimal.Decimal) encoding.BinaryMarshaler {
	var a metrics.Total
	a.Add(amounts...)
	return &a
}

func oneTickets(p metrics.Period) func(*testing.T, []crm.Ticket) encoding.BinaryMarshaler {
	return func(t *testing.T, tickets []crm.Ticket) encoding.BinaryMarshaler {
		a := crm.TicketStats{Period: p}
		for _, x := range tickets {
			if err := a.Add(x); err != nil {
				t.Fatal(err)
			}
		}
		return &a
	}
}

// sampleSubscriptions returns n subscriptions of n/3 customers in EUR and
// USD over 2025 and 2026: upgrades, downgrades, churn, reactivation, free
// plans, amounts with up to 4 decimals.
func sampleSubscriptions(n int) []crm.Subscription {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	intervals := []crm.BillingInterval{crm.BillingWeekly, crm.BillingMonthly, crm.BillingQuarterly, crm.BillingYearly}
	var subs []crm.Subscription
	for i := range n {
		start := base.Add(time.Duration((i*7919)%(700*24)) * time.Hour)
		s := crm.Subscription{
			CustomerID: fmt.Sprint("C", i%(n/3+1)),
			Amount:     decimal.New(int64((i*104729)%1_000_000), -int32(i%5)),
			Interval:   intervals[i%4],
			Start:      start,
			Currency:   []string{"EUR", "USD"}[i%2],
		}
		if i%3 != 0 {
			s.End = start.Add(time.Duration((i*31)%(400*24)) * time.Hour)
		}
		subs = append(subs, s)
	}
	return subs
}

// movementsLine is a period's movements as text, every amount with all
// its digits.
func movementsLine(p metrics.Period, m crm.SubscriptionMovements) string {
	return p.String() + " " + movementsText(m)
}

func movementsText(m crm.SubscriptionMovements) string {
	r := m.MRR
	return fmt.Sprintf("%s start=%s new=%s expansion=%s contraction=%s churned=%s reactivation=%s end=%s customers=%d,%d,%d,%d,%d,%d,%d",
		m.Currency, r.StartMRR, r.NewMRR, r.ExpansionMRR, r.ContractionMRR, r.ChurnedMRR, r.ReactivationMRR, r.EndMRR(),
		m.CustomersAtStart, m.NewCustomers, m.ExpandedCustomers, m.ContractedCustomers, m.ChurnedCustomers,
		m.ReactivatedCustomers, m.CustomersAtEnd)
}

// TestPipelineMRRMovements: the movements of every month of 2025 and 2026
// from MRRMovements on prism equal those of one ledger of every
// subscription, read in one process.
func TestPipelineMRRMovements(t *testing.T) {
	subs := sampleSubscriptions(900)
	fn := kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.9215")}}
	ledger := crm.MRRLedger{Currency: fn.Currency, Rates: fn.Rates}
	for _, s := range subs {
		if err := ledger.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	var periods []metrics.Period
	var want []any
	for y := 2025; y <= 2026; y++ {
		for m := time.January; m <= time.December; m++ {
			p := metrics.Month(y, m, time.UTC)
			mv, err := ledger.Movements(p)
			if err != nil {
				t.Fatal(err)
			}
			periods = append(periods, p)
			want = append(want, movementsLine(p, mv))
		}
	}
	// A period before every subscription: no customer, zero movements.
	early := metrics.Year(2020, time.UTC)
	mv, err := ledger.Movements(early)
	if err != nil {
		t.Fatal(err)
	}
	periods = append(periods, early)
	want = append(want, movementsLine(early, mv))

	p, s := beam.NewPipelineWithRoot()
	out, err := kpibeam.MRRMovements(s, fn, beam.CreateList(s, subs), periods...)
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, beam.ParDo(s, movementsLine, out), want...)
	if err := run(p); err != nil {
		t.Fatal(err)
	}
}

// oneStats adds the records to one accumulator with add, which sets its
// settings.
func oneStats[A any, R any](add func(*A, R) error) func(*testing.T, []R) encoding.BinaryMarshaler {
	return func(t *testing.T, records []R) encoding.BinaryMarshaler {
		a := new(A)
		for _, r := range records {
			if err := add(a, r); err != nil {
				t.Fatal(err)
			}
		}
		return any(a).(encoding.BinaryMarshaler)
	}
}
