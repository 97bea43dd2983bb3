package crm_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// benchPeriod is the month the benchmark measures: October 2026.
var benchPeriod = metrics.Month(2026, time.October, nil)

// benchTo is the first instant after it.
var benchTo = benchPeriod.End

// benchSubscriptions returns n subscription records such as a billing
// system exports them: one to three subscriptions per customer (plan
// changes, add-ons), started over three years, a quarter of them ended,
// mostly monthly with some yearly, quarterly and weekly plans, amounts in
// cents, one currency, sorted by start so that customers interleave. The
// records are built in that order, each with its own CustomerID string and
// Amount, as rows parsed from a file or a query are.
func benchSubscriptions(n int) []crm.Subscription {
	type row struct {
		id         string
		cents      int64
		interval   crm.BillingInterval
		start, end time.Time
	}
	r := rand.New(rand.NewPCG(5, uint64(n)))
	intervals := []crm.BillingInterval{crm.BillingMonthly, crm.BillingMonthly, crm.BillingMonthly,
		crm.BillingMonthly, crm.BillingMonthly, crm.BillingMonthly, crm.BillingMonthly,
		crm.BillingYearly, crm.BillingYearly, crm.BillingQuarterly, crm.BillingWeekly}
	span := int64(3 * 365 * 24 * time.Hour)
	rows := make([]row, 0, n)
	for len(rows) < n {
		id := "cus_" + strconv.FormatUint(r.Uint64()>>20, 36)
		start := benchTo.Add(-time.Duration(r.Int64N(span)))
		for k := 1 + r.IntN(3); k > 0 && len(rows) < n; k-- {
			w := row{id: id, cents: 900 + r.Int64N(99000), interval: intervals[r.IntN(len(intervals))], start: start}
			if r.IntN(4) == 0 {
				w.end = start.Add(time.Duration(r.Int64N(span / 2)))
			}
			rows = append(rows, w)
			start = start.Add(time.Duration(r.Int64N(span / 4)))
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return a.start.Compare(b.start) })
	subs := make([]crm.Subscription, n)
	for i, w := range rows {
		subs[i] = crm.Subscription{
			CustomerID: strings.Clone(w.id),
			Amount:     decimal.New(w.cents, -2),
			Interval:   w.interval,
			Start:      w.start,
			End:        w.end,
			Currency:   "EUR",
		}
	}
	return subs
}

// BenchmarkMRRMovements measures one pass over subscription records, per
// record (the ns/sub metric), at 100,000 and 1,000,000 records: a fresh
// MRRLedger, Add of every record, and Movements of one month. Beside it at
// 100,000, the naive way: a map from customer ID to decimal sums, with each
// subscription's MRR from Subscription.MRR. The naive way is left out at
// 1,000,000 to keep the run short.
func BenchmarkMRRMovements(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		subs := benchSubscriptions(n)
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := benchOnePass(subs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sub")
		})
		if n > 100_000 {
			continue
		}
		b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := naiveMRRMovements(subs, benchPeriod); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sub")
		})
	}
}

// benchOnePass fills a ledger with subs and reads the benchmark's month.
func benchOnePass(subs []crm.Subscription) (crm.SubscriptionMovements, error) {
	var l crm.MRRLedger
	for _, s := range subs {
		if err := l.Add(s); err != nil {
			return crm.SubscriptionMovements{}, err
		}
	}
	return l.Movements(benchPeriod)
}

// naiveMRRMovements is the obvious implementation, for one currency: sum
// each customer's Subscription.MRR at the period's start and end in a map,
// then classify.
func naiveMRRMovements(subs []crm.Subscription, p metrics.Period) (crm.MRRMovements, error) {
	type sums struct {
		a, b   decimal.Decimal
		before bool
	}
	customers := map[string]*sums{}
	for _, s := range subs {
		v, err := s.MRR()
		if err != nil {
			return crm.MRRMovements{}, err
		}
		c := customers[s.CustomerID]
		if c == nil {
			c = &sums{}
			customers[s.CustomerID] = c
		}
		active := func(t time.Time) bool { return !t.Before(s.Start) && (s.End.IsZero() || t.Before(s.End)) }
		if active(p.Start) {
			c.a = c.a.Add(v)
		}
		if active(p.End) {
			c.b = c.b.Add(v)
		}
		c.before = c.before || (v.Sign() > 0 && s.Start.Before(p.Start) && (s.End.IsZero() || s.End.After(s.Start)))
	}
	var m crm.MRRMovements
	for _, c := range customers {
		m.StartMRR = m.StartMRR.Add(c.a)
		switch d := c.b.Sub(c.a); {
		case d.IsZero():
		case c.a.IsZero() && c.before:
			m.ReactivationMRR = m.ReactivationMRR.Add(c.b)
		case c.a.IsZero():
			m.NewMRR = m.NewMRR.Add(c.b)
		case c.b.IsZero():
			m.ChurnedMRR = m.ChurnedMRR.Add(c.a)
		case d.Sign() > 0:
			m.ExpansionMRR = m.ExpansionMRR.Add(d)
		default:
			m.ContractionMRR = m.ContractionMRR.Sub(d)
		}
	}
	return m, nil
}
