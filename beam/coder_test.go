package kpibeam_test

import (
	"bytes"
	"encoding"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// beamRoundTrip encodes v with the coder Beam infers for its type (the
// coder a runner uses between workers) and decodes it.
func beamRoundTrip(t *testing.T, v any) any {
	t.Helper()
	typ := reflect.TypeOf(v)
	var buf bytes.Buffer
	if err := beam.NewElementEncoder(typ).Encode(v, &buf); err != nil {
		t.Fatalf("%v: encode: %v", typ, err)
	}
	got, err := beam.NewElementDecoder(typ).Decode(&buf)
	if err != nil {
		t.Fatalf("%v: decode: %v", typ, err)
	}
	return got
}

// binaryOf is an accumulator's binary form.
func binaryOf(t *testing.T, a any) []byte {
	t.Helper()
	b, err := a.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// samples holds a non-empty accumulator of every type a combiner of the
// package outputs, filled by the library.
func samples(t *testing.T) map[reflect.Type]any {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	nps := new(crm.NPSTally)
	must(nps.AddAll([]int{10, 9, 8, 6, 10, 3, 9}))
	answers := &crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 7}}
	must(answers.AddAll([]int{1, 7, 7, 4, 5}))
	total := new(metrics.Total)
	total.Add(decimal.RequireFromString("12.50"), decimal.RequireFromString("-0.001"))
	tickets := &crm.TicketStats{Period: metrics.Month(2026, time.March, time.UTC)}
	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	must(tickets.Add(crm.Ticket{Opened: opened, FirstResponse: opened.Add(time.Hour), Resolved: opened.Add(26 * time.Hour)}))
	must(tickets.Add(crm.Ticket{Opened: opened.Add(time.Minute)}))
	q1 := metrics.Quarter(2026, 1, time.UTC)
	deals := &sales.DealStats{Period: q1}
	must(deals.Add(sales.Deal{ID: "D-1", Amount: decimal.RequireFromString("1200.50"), Stage: sales.StageWon,
		Created: opened.AddDate(0, -2, 0), Closed: opened}))
	must(deals.Add(sales.Deal{ID: "D-2", Amount: decimal.RequireFromString("300"), Stage: sales.StageOpen, Created: opened}))
	leads := &sales.LeadStats{Period: q1}
	must(leads.Add(sales.Lead{ID: "L-1", Created: opened, Qualified: opened.Add(time.Hour), Converted: opened.Add(48 * time.Hour)}))
	must(leads.Add(sales.Lead{ID: "L-2", Created: opened.Add(time.Minute)}))
	ledger := &crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.920")}}
	must(ledger.Add(crm.Subscription{CustomerID: "C1", Amount: decimal.RequireFromString("99.00"), Interval: crm.BillingMonthly,
		Start: opened, Currency: "USD"}))
	must(ledger.Add(crm.Subscription{CustomerID: "C2", Amount: decimal.RequireFromString("990"), Interval: crm.BillingYearly,
		Start: opened.AddDate(0, -3, 0), End: opened, Currency: "EUR"}))
	cohorts := new(crm.Cohorts)
	must(cohorts.Add(crm.Customer{ID: "C1", Start: opened}))
	must(cohorts.Add(crm.Customer{ID: "C2", Start: opened.AddDate(0, -3, 0), End: opened}))
	m := map[reflect.Type]any{}
	for _, a := range []any{nps, answers, total, tickets, deals, leads, ledger, cohorts} {
		m[reflect.TypeOf(a)] = a
	}
	return m
}

// TestCoderRoundTrip: every accumulator type a combiner outputs has a
// coder, and Beam's element coder carries a non-empty accumulator exactly.
// A combiner registered without a sample here fails the test; a type whose
// coder is missing fails it too, since TestMain makes Beam refuse to build
// a schema coder that would drop unexported fields.
func TestCoderRoundTrip(t *testing.T) {
	s := samples(t)
	for _, typ := range kpibeam.Registered() {
		t.Run(typ.String(), func(t *testing.T) {
			a, ok := s[typ]
			if !ok {
				t.Fatalf("no sample of %v: add one to samples", typ)
			}
			if coder.LookupCustomCoder(typ) == nil {
				t.Fatalf("no coder registered for %v", typ)
			}
			want := binaryOf(t, a)
			got := binaryOf(t, beamRoundTrip(t, a))
			if !bytes.Equal(got, want) {
				t.Errorf("binary form after Beam's coder %x, want %x", got, want)
			}
		})
	}
}

// TestRecordCoders: records with decimal or time fields keep them exactly
// through Beam's element coder.
func TestRecordCoders(t *testing.T) {
	for _, d := range []string{"0", "-12.50", "0.0000000001", "123456789012345678901234567890.123"} {
		v := decimal.RequireFromString(d)
		got := beamRoundTrip(t, v).(decimal.Decimal)
		if got.String() != v.String() || got.Exponent() != v.Exponent() {
			t.Errorf("decimal %s: got %s (exponent %d)", d, got, got.Exponent())
		}
	}
	paris := time.FixedZone("CET", 3600)
	tk := crm.Ticket{ID: "T-1", Opened: time.Date(2026, 3, 2, 9, 0, 0, 123456789, paris),
		Resolved: time.Date(2026, 3, 4, 9, 0, 0, 1, time.UTC)}
	got := beamRoundTrip(t, tk).(crm.Ticket)
	if got.ID != tk.ID || !got.Opened.Equal(tk.Opened) || !got.FirstResponse.IsZero() || !got.Resolved.Equal(tk.Resolved) ||
		offset(got.Opened) != offset(tk.Opened) {
		t.Errorf("ticket %+v, want %+v", got, tk)
	}
	d := sales.Deal{ID: "D-7", Amount: decimal.RequireFromString("1200.50"), Stage: sales.StageLost,
		Created: tk.Opened, Closed: tk.Resolved, Owner: "Ada"}
	gotDeal := beamRoundTrip(t, d).(sales.Deal)
	if gotDeal.Amount.String() != d.Amount.String() || gotDeal.Amount.Exponent() != -2 || gotDeal.Stage != d.Stage ||
		gotDeal.Owner != d.Owner || gotDeal.ID != d.ID || !gotDeal.Created.Equal(d.Created) || !gotDeal.Closed.Equal(d.Closed) {
		t.Errorf("deal %+v, want %+v", gotDeal, d)
	}
	l := sales.Lead{ID: "L-3", Created: tk.Opened, Converted: tk.Resolved}
	gotLead := beamRoundTrip(t, l).(sales.Lead)
	if gotLead.ID != l.ID || !gotLead.Created.Equal(l.Created) || !gotLead.Qualified.IsZero() || !gotLead.Converted.Equal(l.Converted) {
		t.Errorf("lead %+v, want %+v", gotLead, l)
	}
}

// hidden has an unexported field, like every kpikit accumulator.
type hidden struct {
	N int
	n int
}

// TestMissingCoderFails: a type with unexported fields and no coder is
// refused, so a combiner whose coder was forgotten cannot run with zeroed
// accumulators.
func TestMissingCoderFails(t *testing.T) {
	defer func() {
		if r := recover(); r != nil && !strings.Contains(strings.ToLower(fmtAny(r)), "unexported") {
			t.Fatalf("panic %v, want one about an unexported field", r)
		}
	}()
	var buf bytes.Buffer
	err := beam.NewElementEncoder(reflect.TypeOf(hidden{})).Encode(hidden{N: 1, n: 2}, &buf)
	if err == nil {
		t.Fatal("Beam encoded a type with an unexported field without a coder")
	}
}

func fmtAny(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return reflect.TypeOf(v).String()
}

// combineFn is the CombineFn shape of the package's combiners.
type combineFn[A, R any] interface {
	CreateAccumulator() *A
	AddInput(*A, R) (*A, error)
	MergeAccumulators(*A, *A) (*A, error)
	ExtractOutput(*A) *A
}

// shardProperty: records split into random shards, each accumulated by fn,
// carried by Beam's element coder and merged in a random order, give the
// binary form of one pass of the library over all the records.
func shardProperty[A, R any](t *rapid.T, fn combineFn[A, R], one encoding.BinaryMarshaler, records []R) {
	nShards := rapid.IntRange(1, 8).Draw(t, "shards")
	shards := make([]*A, nShards)
	for i := range shards {
		shards[i] = fn.CreateAccumulator()
	}
	for _, r := range records {
		i := rapid.IntRange(0, nShards-1).Draw(t, "shard")
		a, err := fn.AddInput(shards[i], r)
		if err != nil {
			t.Fatal(err)
		}
		shards[i] = a
	}
	typ := reflect.TypeFor[*A]()
	enc, dec := beam.NewElementEncoder(typ), beam.NewElementDecoder(typ)
	for i, a := range shards {
		var buf bytes.Buffer
		if err := enc.Encode(a, &buf); err != nil {
			t.Fatal(err)
		}
		d, err := dec.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		shards[i] = d.(*A)
	}
	order := rapid.Permutation(shards).Draw(t, "order")
	acc := fn.CreateAccumulator()
	for _, a := range order {
		var err error
		if acc, err = fn.MergeAccumulators(acc, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := any(fn.ExtractOutput(acc)).(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want, err := one.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("merged shards %x, one pass %x", got, want)
	}
}

func TestShardsNPS(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOf(rapid.IntRange(0, 10)).Draw(t, "scores")
		var one crm.NPSTally
		if err := one.AddAll(scores); err != nil {
			t.Fatal(err)
		}
		shardProperty(t, kpibeam.NPS{}, &one, scores)
	})
}

func TestShardsAnswers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.IntRange(0, 3).Draw(t, "min")
		scale := crm.SurveyScale{Min: lo, Max: lo + rapid.IntRange(1, 10).Draw(t, "span")}
		answers := rapid.SliceOf(rapid.IntRange(scale.Min, scale.Max)).Draw(t, "answers")
		one := crm.AnswerTally{Scale: scale}
		if err := one.AddAll(answers); err != nil {
			t.Fatal(err)
		}
		shardProperty(t, kpibeam.Answers{Scale: scale}, &one, answers)
	})
}

func TestShardsSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := rapid.Custom(func(t *rapid.T) decimal.Decimal {
			return decimal.New(rapid.Int64().Draw(t, "coefficient"), int32(rapid.IntRange(-12, 3).Draw(t, "exponent")))
		})
		amounts := rapid.SliceOf(amount).Draw(t, "amounts")
		var one metrics.Total
		one.Add(amounts...)
		shardProperty(t, kpibeam.Sum{}, &one, amounts)
	})
}

func TestShardsTickets(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var period metrics.Period
		if rapid.Bool().Draw(t, "with period") {
			period = metrics.Month(2026, time.Month(rapid.IntRange(1, 3).Draw(t, "month")), time.UTC)
		}
		ticket := rapid.Custom(func(t *rapid.T) crm.Ticket {
			opened := base.Add(time.Duration(rapid.Int64Range(0, 90*24*3600).Draw(t, "opened")) * time.Second)
			tk := crm.Ticket{Opened: opened}
			if rapid.Bool().Draw(t, "answered") {
				tk.FirstResponse = opened.Add(time.Duration(rapid.Int64Range(0, 1e15).Draw(t, "response")))
			}
			if rapid.Bool().Draw(t, "resolved") {
				tk.Resolved = opened.Add(time.Duration(rapid.Int64Range(0, 1e15).Draw(t, "resolution")))
			}
			return tk
		})
		tickets := rapid.SliceOf(ticket).Draw(t, "tickets")
		one := crm.TicketStats{Period: period}
		for _, tk := range tickets {
			if err := one.Add(tk); err != nil {
				t.Fatal(err)
			}
		}
		shardProperty(t, kpibeam.Tickets{Period: period}, &one, tickets)
	})
}

// dealGen draws deals around the first quarter of 2026.
var dealGen = rapid.Custom(func(t *rapid.T) sales.Deal {
	base := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	created := base.Add(time.Duration(rapid.Int64Range(0, 200*24*3600).Draw(t, "created")) * time.Second)
	d := sales.Deal{
		Amount:  decimal.New(rapid.Int64Range(0, 1e9).Draw(t, "amount"), int32(-rapid.IntRange(0, 3).Draw(t, "decimals"))),
		Stage:   rapid.SampledFrom([]sales.Stage{sales.StageOpen, sales.StageWon, sales.StageLost}).Draw(t, "stage"),
		Created: created,
	}
	if d.Stage != sales.StageOpen {
		d.Closed = created.Add(time.Duration(rapid.Int64Range(0, 90*24*3600).Draw(t, "cycle")) * time.Second)
	}
	return d
})

// leadGen draws leads around the first quarter of 2026.
var leadGen = rapid.Custom(func(t *rapid.T) sales.Lead {
	base := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	created := base.Add(time.Duration(rapid.Int64Range(0, 200*24*3600).Draw(t, "created")) * time.Second)
	l := sales.Lead{Created: created}
	if rapid.Bool().Draw(t, "qualified") {
		l.Qualified = created.Add(time.Duration(rapid.Int64Range(0, 60*24*3600).Draw(t, "to qualified")) * time.Second)
	}
	if rapid.Bool().Draw(t, "converted") {
		l.Converted = created.Add(time.Duration(rapid.Int64Range(0, 60*24*3600).Draw(t, "to converted")) * time.Second)
	}
	return l
})

func TestShardsDeals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := metrics.Quarter(2026, 1, time.UTC)
		deals := rapid.SliceOf(dealGen).Draw(t, "deals")
		one := sales.DealStats{Period: q}
		for _, d := range deals {
			if err := one.Add(d); err != nil {
				t.Fatal(err)
			}
		}
		shardProperty(t, kpibeam.Deals{Period: q}, &one, deals)
	})
}

func TestShardsLeads(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := metrics.Quarter(2026, 1, time.UTC)
		leads := rapid.SliceOf(leadGen).Draw(t, "leads")
		one := sales.LeadStats{Period: q}
		for _, l := range leads {
			if err := one.Add(l); err != nil {
				t.Fatal(err)
			}
		}
		shardProperty(t, kpibeam.Leads{Period: q}, &one, leads)
	})
}

// offset is t's offset from UTC in seconds, which a record coder keeps
// (the zone's name it does not).
func offset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// subscriptionGen draws subscriptions of a few customers in EUR and USD
// over 2025 and 2026, some ended, some free.
var subscriptionGen = rapid.Custom(func(t *rapid.T) crm.Subscription {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	start := base.Add(time.Duration(rapid.Int64Range(0, 700*24*3600).Draw(t, "start")) * time.Second)
	s := crm.Subscription{
		CustomerID: rapid.SampledFrom([]string{"C1", "C2", "C3", "C4", "C5", "C6"}).Draw(t, "customer"),
		Amount:     decimal.New(rapid.Int64Range(0, 1e7).Draw(t, "amount"), int32(-rapid.IntRange(0, 3).Draw(t, "decimals"))),
		Interval:   rapid.SampledFrom([]crm.BillingInterval{crm.BillingWeekly, crm.BillingMonthly, crm.BillingQuarterly, crm.BillingYearly}).Draw(t, "interval"),
		Start:      start,
		Currency:   rapid.SampledFrom([]string{"EUR", "USD"}).Draw(t, "currency"),
	}
	if rapid.Bool().Draw(t, "ended") {
		s.End = start.Add(time.Duration(rapid.Int64Range(0, 400*24*3600).Draw(t, "length")) * time.Second)
	}
	return s
})

// rates are the conversion rates of the subscription properties.
var rates = map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.9200")}

func TestShardsMRR(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		subs := rapid.SliceOf(subscriptionGen).Draw(t, "subscriptions")
		one := crm.MRRLedger{Currency: "EUR", Rates: rates}
		for _, s := range subs {
			if err := one.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		shardProperty(t, kpibeam.MRR{Currency: "EUR", Rates: rates}, &one, subs)
	})
}

func TestShardsCohorts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		customer := rapid.Custom(func(t *rapid.T) crm.Customer {
			s := subscriptionGen.Draw(t, "span")
			return crm.Customer{ID: s.CustomerID, Start: s.Start, End: s.End}
		})
		customers := rapid.SliceOf(customer).Draw(t, "customers")
		var one crm.Cohorts
		for _, c := range customers {
			if err := one.Add(c); err != nil {
				t.Fatal(err)
			}
		}
		shardProperty(t, kpibeam.Cohorts{}, &one, customers)
	})
}
