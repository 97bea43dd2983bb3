package crm_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// subsDay returns midnight UTC of a day in 2026.
func subsDay(month time.Month, day int) time.Time {
	return time.Date(2026, month, day, 0, 0, 0, 0, time.UTC)
}

// subsRec is a subscription record in euros.
func subsRec(id, amount string, interval crm.BillingInterval, start, end time.Time) crm.Subscription {
	return crm.Subscription{CustomerID: id, Amount: decimal.RequireFromString(amount), Interval: interval,
		Start: start, End: end, Currency: "EUR"}
}

// subsOctober is October 2026, the period of the examples and tables.
var subsOctober = metrics.Month(2026, time.October, nil)

// subsFrom and subsTo are its first instant and the first after it.
var subsFrom, subsTo = subsOctober.Start, subsOctober.End

// subsSeedMonth holds the records of a month that takes MRR from 50,000 to
// 60,000, the 20% MRR growth of the French article on the seven KPIs of a CRM software company, with every kind of movement.
func subsSeedMonth() []crm.Subscription {
	never := time.Time{}
	return []crm.Subscription{
		// acme: 30,000 a month, and an add-on of 5,000 from 15 October.
		subsRec("acme", "30000", crm.BillingMonthly, subsDay(1, 1), never),
		subsRec("acme", "5000", crm.BillingMonthly, subsDay(10, 15), never),
		// globex: a yearly plan of 120,000 (10,000 a month) replaced on
		// 20 October by a monthly plan of 9,000.
		subsRec("globex", "120000", crm.BillingYearly, subsDay(1, 1), subsDay(10, 20)),
		subsRec("globex", "9000", crm.BillingMonthly, subsDay(10, 20), never),
		// initech: 3,000 a month, cancelled on 31 October.
		subsRec("initech", "3000", crm.BillingMonthly, subsDay(6, 1), subsDay(10, 31)),
		// umbrella: a new customer from 10 October, 22,500 a quarter.
		subsRec("umbrella", "22500", crm.BillingQuarterly, subsDay(10, 10), never),
		// hooli: paid 1,500 a month in 2025, came back on 5 October.
		subsRec("hooli", "1500", crm.BillingMonthly, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), subsDay(1, 1)),
		subsRec("hooli", "1500", crm.BillingMonthly, subsDay(10, 5), never),
		// stark: 7,000 a month, unchanged.
		subsRec("stark", "7000", crm.BillingMonthly, subsDay(3, 1), never),
	}
}

// A month of subscription records, from 50,000 to 60,000 of MRR: acme adds
// 5,000, globex moves from 10,000 to 9,000, initech leaves, umbrella joins at
// 22,500 a quarter, hooli comes back.
func ExampleMRRLedger() {
	var ledger crm.MRRLedger // the zero value is ready; the records set the currency
	for _, s := range subsSeedMonth() {
		if err := ledger.Add(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	res, err := ledger.Movements(metrics.Month(2026, time.October, nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	m := res.MRR
	fmt.Println("currency    ", res.Currency)
	fmt.Println("start       ", m.StartMRR, res.CustomersAtStart)
	fmt.Println("new         ", m.NewMRR, res.NewCustomers)
	fmt.Println("expansion   ", m.ExpansionMRR, res.ExpandedCustomers)
	fmt.Println("contraction ", m.ContractionMRR, res.ContractedCustomers)
	fmt.Println("churned     ", m.ChurnedMRR, res.ChurnedCustomers)
	fmt.Println("reactivation", m.ReactivationMRR, res.ReactivatedCustomers)
	fmt.Println("end         ", m.EndMRR(), res.CustomersAtEnd)
	// Output:
	// currency     EUR
	// start        50000 4
	// new          7500 1
	// expansion    5000 1
	// contraction  1000 1
	// churned      3000 1
	// reactivation 1500 1
	// end          60000 5
}

// Records in dollars and pounds reported in euros: 100 dollars a month at
// 0.92 is 92 euros, 1,200 pounds a year at 1.17 is 117 euros a month, 50
// euros need no rate. A record in a currency without a rate is an error
// that names the record's field, and leaves the ledger as it was.
func ExampleMRRLedger_Add() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ledger := crm.MRRLedger{
		Currency: "EUR",
		Rates:    map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.92"), "GBP": decimal.RequireFromString("1.17")},
	}
	for _, s := range []crm.Subscription{
		{CustomerID: "a", Amount: decimal.NewFromInt(100), Interval: crm.BillingMonthly, Start: start, Currency: "USD"},
		{CustomerID: "b", Amount: decimal.NewFromInt(1200), Interval: crm.BillingYearly, Start: start, Currency: "GBP"},
		{CustomerID: "c", Amount: decimal.NewFromInt(50), Interval: crm.BillingMonthly, Start: start, Currency: "EUR"},
		{CustomerID: "d", Amount: decimal.NewFromInt(80), Interval: crm.BillingMonthly, Start: start, Currency: "CHF"},
	} {
		if err := ledger.Add(s); err != nil {
			fmt.Println(err)
			fmt.Println(errors.Is(err, metrics.ErrMismatch))
		}
	}
	res, _ := ledger.Movements(metrics.Month(2026, time.October, nil))
	fmt.Println(res.MRR.StartMRR, res.Currency)
	// Output:
	// crm.MRRLedger.Add: Subscription.Currency CHF has no rate to EUR in Rates: mismatched kinds
	// true
	// 259 EUR
}

// One ledger gives every month of a trend: here the customers of the
// October example, month by month.
func ExampleMRRLedger_Movements() {
	var ledger crm.MRRLedger
	for _, s := range subsSeedMonth() {
		if err := ledger.Add(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	for month := time.September; month <= time.November; month++ {
		res, err := ledger.Movements(metrics.Month(2026, month, nil))
		if err != nil {
			fmt.Println(err)
			return
		}
		growth, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: res.MRR.StartMRR, CurrentMRR: res.MRR.EndMRR()})
		fmt.Printf("%-9s %6s → %6s  %6s  churned %d of %d\n", month, res.MRR.StartMRR, res.MRR.EndMRR(),
			growth.StringFixed(1), res.ChurnedCustomers, res.CustomersAtStart)
	}
	// Output:
	// September  50000 →  50000    0.0%  churned 0 of 4
	// October    50000 →  60000   20.0%  churned 1 of 4
	// November   60000 →  60000    0.0%  churned 0 of 5
}

// Ledgers filled apart, here one per half of the records, with acme's two
// subscriptions in different halves, merge into the ledger of all of them.
// Between processes, MarshalBinary and UnmarshalBinary carry a ledger.
func ExampleMRRLedger_Merge() {
	subs := subsSeedMonth()
	var left, right crm.MRRLedger
	for i, s := range subs {
		half := &left
		if i%2 == 1 {
			half = &right
		}
		if err := half.Add(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	data, err := right.MarshalBinary() // in the process that filled right
	if err != nil {
		fmt.Println(err)
		return
	}
	var received crm.MRRLedger // in the process that combines them
	if err := received.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	if err := left.Merge(&received); err != nil {
		fmt.Println(err)
		return
	}
	res, _ := left.Movements(metrics.Month(2026, time.October, nil))
	fmt.Println(res.MRR.StartMRR, res.MRR.EndMRR(), res.ExpandedCustomers)

	usd := crm.MRRLedger{Currency: "USD"}
	err = left.Merge(&usd)
	fmt.Println(err)
	// Output:
	// 50000 60000 1
	// crm.MRRLedger.Merge: other.Currency "USD" differs from the reporting Currency "EUR": mismatched kinds
}

// The JSON form keeps each subscription's MRR in the ledger's currency.
func ExampleMRRLedger_MarshalJSON() {
	var ledger crm.MRRLedger
	_ = ledger.Add(crm.Subscription{CustomerID: "acme", Amount: decimal.RequireFromString("1200"),
		Interval: crm.BillingYearly, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "EUR"})
	b, err := json.Marshal(ledger)
	fmt.Println(string(b), err)
	// Output:
	// {"currency":"EUR","subscriptions":[{"customer_id":"acme","mrr":"100","start":"2026-01-01T00:00:00Z"}]} <nil>
}

// subsCounts are the seven customer counts of a result, short.
type subsCounts struct{ Start, New, Expanded, Contracted, Churned, Reactivated, End int }

// subsResult returns the result of the amounts m and the counts n.
func subsResult(currency string, m crm.MRRMovements, n subsCounts) crm.SubscriptionMovements {
	return crm.SubscriptionMovements{Currency: currency, MRR: m, CustomersAtStart: n.Start, NewCustomers: n.New,
		ExpandedCustomers: n.Expanded, ContractedCustomers: n.Contracted, ChurnedCustomers: n.Churned,
		ReactivatedCustomers: n.Reactivated, CustomersAtEnd: n.End}
}

// subsWant is an expected result: the six amounts and the seven counts.
func subsWant(currency, start, added, expansion, contraction, churned, reactivation string, n subsCounts) crm.SubscriptionMovements {
	return subsResult(currency, mrr(start, added, expansion, contraction, churned, reactivation), n)
}

// subsCountsOf returns the counts of a result.
func subsCountsOf(r crm.SubscriptionMovements) subsCounts {
	return subsCounts{r.CustomersAtStart, r.NewCustomers, r.ExpandedCustomers, r.ContractedCustomers,
		r.ChurnedCustomers, r.ReactivatedCustomers, r.CustomersAtEnd}
}

// requireSubsValid fails t unless m is possible: no negative amount and no
// more lost than there was at the start.
func requireSubsValid(t testkit.TB, m crm.MRRMovements) {
	t.Helper()
	for _, d := range []decimal.Decimal{m.StartMRR, m.NewMRR, m.ExpansionMRR, m.ContractionMRR, m.ChurnedMRR, m.ReactivationMRR} {
		if d.Sign() < 0 {
			t.Fatalf("negative amount in %+v", m)
		}
	}
	if m.ContractionMRR.Add(m.ChurnedMRR).Cmp(m.StartMRR) > 0 {
		t.Fatalf("more lost than at the start in %+v", m)
	}
}

// subsInput is what a ledger is filled with and read over.
type subsInput struct {
	subs     []crm.Subscription
	period   metrics.Period
	currency string
	rates    map[string]decimal.Decimal
}

// subsLedger fills a ledger with in's records, failing t on an error.
func subsLedger(t testkit.TB, in subsInput) *crm.MRRLedger {
	t.Helper()
	l := &crm.MRRLedger{Currency: in.currency, Rates: in.rates}
	for i, s := range in.subs {
		if err := l.Add(s); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	return l
}

// subsMovements fills a ledger with in's records and reads in.period.
func subsMovements(t testkit.TB, in subsInput) crm.SubscriptionMovements {
	t.Helper()
	got, err := subsLedger(t, in).Movements(in.period)
	if err != nil {
		t.Fatalf("Movements: %v", err)
	}
	return got
}

func TestMRRLedgerMovements(t *testing.T) {
	never := time.Time{}
	before := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	long := strings.Repeat("customer-", 3) // 27 bytes: compared in full
	tests := []struct {
		name     string
		subs     []crm.Subscription
		from, to time.Time
		currency string
		rates    map[string]decimal.Decimal
		want     crm.SubscriptionMovements
	}{
		{
			name: "seed month", subs: subsSeedMonth(),
			want: subsWant("EUR", "50000", "7500", "5000", "1000", "3000", "1500",
				subsCounts{Start: 4, New: 1, Expanded: 1, Contracted: 1, Churned: 1, Reactivated: 1, End: 5}),
		},
		{
			// Active on [Start, End): starting at From counts at From,
			// ending at To does not count at To.
			name: "instants at the boundaries",
			subs: []crm.Subscription{
				subsRec("starts at From", "10", crm.BillingMonthly, subsFrom, never),
				subsRec("ends at To", "20", crm.BillingMonthly, subsDay(9, 1), subsTo),
				subsRec("starts at To", "30", crm.BillingMonthly, subsTo, never),
				subsRec("ends at From", "40", crm.BillingMonthly, subsDay(9, 1), subsFrom),
			},
			want: subsWant("EUR", "30", "30", "0", "0", "20", "0",
				subsCounts{Start: 2, New: 1, Churned: 1, End: 2}),
		},
		{
			name: "joins and leaves between the snapshots: no movement",
			subs: []crm.Subscription{
				subsRec("stays", "100", crm.BillingMonthly, before, never),
				subsRec("passing", "999", crm.BillingMonthly, subsDay(10, 3), subsDay(10, 25)),
				subsRec("up and down", "100", crm.BillingMonthly, before, never),
				subsRec("up and down", "500", crm.BillingMonthly, subsDay(10, 3), subsDay(10, 25)),
			},
			want: subsWant("EUR", "200", "0", "0", "0", "0", "0", subsCounts{Start: 2, End: 2}),
		},
		{
			// A free plan is no MRR: moving from free to paid is new, and
			// a free plan before From does not make a reactivation.
			name: "free plans",
			subs: []crm.Subscription{
				subsRec("trial", "0", crm.BillingMonthly, subsDay(9, 1), subsDay(10, 10)),
				subsRec("trial", "49", crm.BillingMonthly, subsDay(10, 10), never),
				subsRec("downgraded to free", "49", crm.BillingMonthly, before, subsDay(10, 10)),
				subsRec("downgraded to free", "0", crm.BillingMonthly, subsDay(10, 10), never),
				subsRec("free at both", "0", crm.BillingYearly, before, never),
			},
			want: subsWant("EUR", "49", "49", "0", "0", "49", "0", subsCounts{Start: 1, New: 1, Churned: 1, End: 1}),
		},
		{
			// A record with End = Start was never active, so it is no MRR
			// before From.
			name: "never active record is not a reactivation",
			subs: []crm.Subscription{
				subsRec("x", "100", crm.BillingMonthly, before, before),
				subsRec("x", "100", crm.BillingMonthly, subsDay(10, 2), never),
				subsRec("y", "100", crm.BillingMonthly, before, before.Add(time.Nanosecond)),
				subsRec("y", "100", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "0", "100", "0", "0", "0", "100", subsCounts{New: 1, Reactivated: 1, End: 2}),
		},
		{
			// Each subscription is rounded on its own: three weekly plans of
			// 10 are 3 × 43.3333333333, not 130.
			name: "weekly rounded per subscription",
			subs: []crm.Subscription{
				subsRec("w", "10", crm.BillingWeekly, before, never),
				subsRec("w", "10", crm.BillingWeekly, before, never),
				subsRec("w", "10", crm.BillingWeekly, subsDay(10, 2), never),
				subsRec("q", "100", crm.BillingQuarterly, before, subsDay(10, 9)),
			},
			want: subsWant("EUR", "119.9999999999", "0", "43.3333333333", "0", "33.3333333333", "0",
				subsCounts{Start: 2, Expanded: 1, Churned: 1, End: 1}),
		},
		{
			name: "a period of one nanosecond: nothing moves",
			subs: subsSeedMonth(), from: subsDay(10, 18), to: subsDay(10, 18).Add(time.Nanosecond),
			want: subsWant("EUR", "64000", "0", "0", "0", "0", "0", subsCounts{Start: 6, End: 6}),
		},
		{
			// 100 USD at 0.92 and 1,200 GBP a year at 1.17: conversion
			// before the division, so 1,200 × 1.17 / 12 = 117 exactly.
			name: "converted to the reporting currency",
			subs: []crm.Subscription{
				{CustomerID: "a", Amount: decimal.NewFromInt(100), Interval: crm.BillingMonthly, Start: before, Currency: "USD"},
				{CustomerID: "a", Amount: decimal.NewFromInt(10), Interval: crm.BillingMonthly, Start: subsDay(10, 2), Currency: "EUR"},
				{CustomerID: "b", Amount: decimal.NewFromInt(1200), Interval: crm.BillingYearly, Start: subsDay(10, 2), Currency: "GBP"},
				{CustomerID: "c", Amount: decimal.NewFromInt(7), Interval: crm.BillingWeekly, Start: before, End: subsDay(10, 2), Currency: "CHF"},
			},
			currency: "EUR",
			rates: map[string]decimal.Decimal{"USD": dec("0.92"), "GBP": dec("1.17"), "CHF": dec("1.0625"),
				"EUR": dec("1"), "JPY": dec("0")}, // unused entries are not checked
			want: subsWant("EUR", "124.2291666667", "117", "10", "0", "32.2291666667", "0",
				subsCounts{Start: 2, New: 1, Expanded: 1, Churned: 1, End: 2}),
		},
		{
			name: "reporting currency taken from the records",
			subs: []crm.Subscription{
				{CustomerID: "a", Amount: decimal.NewFromInt(100), Interval: crm.BillingMonthly, Start: before, Currency: "JPY"},
			},
			want: subsWant("JPY", "100", "0", "0", "0", "0", "0", subsCounts{Start: 1, End: 1}),
		},
		{
			// IDs that share their first 22 bytes, or differ only in a NUL,
			// are different customers.
			name: "customer IDs compared in full",
			subs: []crm.Subscription{
				subsRec(long+"1", "1", crm.BillingMonthly, before, never),
				subsRec(long+"2", "2", crm.BillingMonthly, before, never),
				subsRec(long+"1", "4", crm.BillingMonthly, subsDay(10, 2), never),
				subsRec("abc", "8", crm.BillingMonthly, before, never),
				subsRec("abc\x00", "16", crm.BillingMonthly, before, subsDay(10, 2)),
				subsRec(strings.Repeat("z", 22), "32", crm.BillingMonthly, before, never),
				subsRec(strings.Repeat("z", 23), "64", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "59", "64", "4", "0", "16", "0",
				subsCounts{Start: 5, New: 1, Expanded: 1, Churned: 1, End: 5}),
		},
		{
			// Amounts that the fast path cannot hold are computed exactly.
			name: "more than 10 digits after the point",
			subs: []crm.Subscription{
				subsRec("a", "0.000000000001", crm.BillingMonthly, before, never),
				subsRec("b", "0.000000003", crm.BillingYearly, subsDay(10, 2), never),
				subsRec("c", "1", crm.BillingMonthly, before, never),
			},
			want: subsWant("EUR", "1.000000000001", "0.00000000025", "0", "0", "0", "0",
				subsCounts{Start: 2, New: 1, End: 3}),
		},
		{
			name: "amounts beyond 64 bits",
			subs: []crm.Subscription{
				subsRec("a", "123456789012345678901234567890", crm.BillingMonthly, before, never),
				subsRec("a", "1", crm.BillingYearly, subsDay(10, 2), never),
				subsRec("b", "2e30", crm.BillingQuarterly, before, subsDay(10, 2)),
			},
			want: subsWant("EUR", "790123455679012345567901234556.6666666667", "0", "0.0833333333", "0",
				"666666666666666666666666666666.6666666667", "0", subsCounts{Start: 2, Expanded: 1, Churned: 1, End: 1}),
		},
		{
			// 2 × 9 × 10^8 a month overflows 63 bits of 10^−10 units in the
			// sum, not in any customer; 2 × 10^9 for one customer
			// overflows 64 bits.
			name: "large sums",
			subs: []crm.Subscription{
				subsRec("a", "900000000", crm.BillingMonthly, before, never),
				subsRec("b", "900000000", crm.BillingMonthly, before, never),
			},
			want: subsWant("EUR", "1800000000", "0", "0", "0", "0", "0", subsCounts{Start: 2, End: 2}),
		},
		{
			name: "one customer beyond 64 bits at To",
			subs: []crm.Subscription{
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "1000000000", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "1000000000", "0", "1000000000", "0", "0", "0", subsCounts{Start: 1, Expanded: 1, End: 1}),
		},
		{
			// 99999999.9999999999 × 52 / 12 fits the fast path
			// (433333333.3333333329 exactly); at a rate of 2 the coefficient
			// 1999999999999999998 × 13 overflows 64 bits.
			name: "weekly coefficient beyond 64 bits",
			subs: []crm.Subscription{
				subsRec("a", "99999999.9999999999", crm.BillingWeekly, before, never),
				{CustomerID: "b", Amount: dec("99999999.9999999999"), Interval: crm.BillingWeekly, Start: before, Currency: "USD"},
			},
			currency: "EUR", rates: map[string]decimal.Decimal{"USD": dec("2")},
			want: subsWant("EUR", "1299999999.9999999987", "0", "0", "0", "0", "0", subsCounts{Start: 2, End: 2}),
		},
		{
			name: "one customer beyond 64 bits",
			subs: []crm.Subscription{
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "0.5", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "2000000000", "0", "0.5", "0", "0", "0", subsCounts{Start: 1, Expanded: 1, End: 1}),
		},
		{
			// An Amount whose MRR rounds to zero is no MRR: not before
			// From, not at To.
			name: "MRR that rounds to zero",
			subs: []crm.Subscription{
				subsRec("a", "0.00000000001", crm.BillingYearly, before, subsDay(9, 1)),
				subsRec("a", "0.0000000001", crm.BillingMonthly, subsDay(10, 2), never),
				subsRec("b", "0.00000000001", crm.BillingYearly, before, never),
			},
			want: subsWant("EUR", "0", "0.0000000001", "0", "0", "0", "0", subsCounts{New: 1, End: 1}),
		},
		{
			name: "rate with many digits",
			subs: []crm.Subscription{
				{CustomerID: "a", Amount: dec("100.01"), Interval: crm.BillingMonthly, Start: before, Currency: "USD"},
			},
			currency: "EUR", rates: map[string]decimal.Decimal{"USD": dec("0.91234567891")},
			want: subsWant("EUR", "91.2436913477891", "0", "0", "0", "0", "0", subsCounts{Start: 1, End: 1}),
		},
	}
	for _, collide := range []bool{false, true} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/colliding=%t", tt.name, collide), func(t *testing.T) {
				if collide {
					defer crm.CollideMRRHashes()()
				}
				in := subsInput{subs: tt.subs, period: subsOctober, currency: tt.currency, rates: tt.rates}
				if !tt.from.IsZero() {
					in.period = metrics.Period{Start: tt.from, End: tt.to}
				}
				got := subsMovements(t, in)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Movements (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(subsOracle(in), got); diff != "" {
					t.Errorf("oracle (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// subsAddInput describes the inputs of MRRLedger.Add for RequireFieldOf:
// the receiver's settings and the record.
type subsAddInput struct {
	Currency     string
	Rates        map[string]decimal.Decimal
	Subscription crm.Subscription
}

func TestMRRLedgerAddErrors(t *testing.T) {
	start := subsDay(1, 1)
	good := subsRec("a", "10", crm.BillingMonthly, start, time.Time{})
	with := func(f func(*crm.Subscription)) crm.Subscription {
		s := good
		f(&s)
		return s
	}
	usd := with(func(s *crm.Subscription) { s.Currency = "USD" })
	tests := []struct {
		name     string
		ledger   crm.MRRLedger
		first    []crm.Subscription // added before, without an error
		sub      crm.Subscription
		want     error
		field    string
		detailed string // the message
	}{
		{"empty CustomerID", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.CustomerID = "" }), metrics.ErrInvalid,
			"Subscription.CustomerID", "crm.MRRLedger.Add: Subscription.CustomerID is empty: invalid value"},
		{"negative Amount", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Amount = dec("-1.50") }), metrics.ErrNegative,
			"Subscription.Amount", "crm.MRRLedger.Add: Subscription.Amount -1.5 is negative: negative value"},
		{"zero Interval", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Interval = 0 }), metrics.ErrInvalid,
			"Subscription.Interval", "crm.MRRLedger.Add: Subscription.Interval BillingInterval(0) is not a billing interval: invalid value"},
		{"Interval too large", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Interval = 5 }), metrics.ErrInvalid,
			"Subscription.Interval", "crm.MRRLedger.Add: Subscription.Interval BillingInterval(5) is not a billing interval: invalid value"},
		{"zero Start", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Start = time.Time{} }), metrics.ErrInvalid,
			"Subscription.Start", "crm.MRRLedger.Add: Subscription.Start is the zero time: invalid value"},
		{"End before Start", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.End = start.Add(-time.Second) }), metrics.ErrInconsistent,
			"Subscription.End", "crm.MRRLedger.Add: Subscription.End 2025-12-31T23:59:59Z is before Start 2026-01-01T00:00:00Z: inconsistent input"},
		{"Start before year 1", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Start = time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC) }),
			metrics.ErrOutOfRange, "Subscription.Start", "crm.MRRLedger.Add: Subscription.Start 0000-12-31T00:00:00Z is outside the years 1..9999: out of range"},
		{"End after year 9999", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }),
			metrics.ErrOutOfRange, "Subscription.End", "crm.MRRLedger.Add: Subscription.End 10000-01-01T00:00:00Z is outside the years 1..9999: out of range"},
		{"huge exponent", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Amount = decimal.New(1, 300) }), metrics.ErrOutOfRange,
			"Subscription.Amount", "crm.MRRLedger.Add: Subscription.Amount 1" + strings.Repeat("0", 300) + " gives an MRR of more than 200 digits or with an exponent beyond ±200: out of range"},
		{"lower-case currency", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Currency = "usd" }), metrics.ErrInvalid,
			"Subscription.Currency", `crm.MRRLedger.Add: Subscription.Currency "usd" is not an ISO 4217 code (three capital letters): invalid value`},
		{"empty currency", crm.MRRLedger{}, nil, with(func(s *crm.Subscription) { s.Currency = "" }), metrics.ErrInvalid,
			"Subscription.Currency", `crm.MRRLedger.Add: Subscription.Currency "" is not an ISO 4217 code (three capital letters): invalid value`},
		{"reporting currency not a code", crm.MRRLedger{Currency: "eur"}, nil, good, metrics.ErrInvalid,
			"Currency", `crm.MRRLedger.Add: Currency "eur" is not an ISO 4217 code (three capital letters): invalid value`},
		{"rates without a currency", crm.MRRLedger{Rates: map[string]decimal.Decimal{"USD": dec("0.9")}}, nil, good, metrics.ErrInvalid,
			"Currency", "crm.MRRLedger.Add: Currency is empty but Rates is set: name the currency Rates converts to: invalid value"},
		{"rate of the reporting currency", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"EUR": dec("1.1")}}, nil, good,
			metrics.ErrInconsistent, "Rates", "crm.MRRLedger.Add: Rates 1.1 for the reporting currency EUR is not 1: inconsistent input"},
		{"two currencies, no rates", crm.MRRLedger{}, []crm.Subscription{good}, usd, metrics.ErrMismatch,
			"Subscription.Currency", "crm.MRRLedger.Add: Subscription.Currency USD differs from the reporting Currency EUR and Rates is empty: mismatched kinds"},
		{"reporting currency differs", crm.MRRLedger{Currency: "USD"}, nil, good, metrics.ErrMismatch,
			"Subscription.Currency", "crm.MRRLedger.Add: Subscription.Currency EUR differs from the reporting Currency USD and Rates is empty: mismatched kinds"},
		{"missing rate", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"GBP": dec("1.17")}}, []crm.Subscription{good}, usd,
			metrics.ErrMismatch, "Subscription.Currency", "crm.MRRLedger.Add: Subscription.Currency USD has no rate to EUR in Rates: mismatched kinds"},
		{"zero rate", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.000")}}, nil, usd, metrics.ErrOutOfRange,
			"Rates", "crm.MRRLedger.Add: Rates 0 for USD is not positive: out of range"},
		{"negative rate", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("-0.9")}}, nil, usd, metrics.ErrOutOfRange,
			"Rates", "crm.MRRLedger.Add: Rates -0.9 for USD is not positive: out of range"},
		{"rate out of bounds", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.New(1, -300)}}, nil, usd, metrics.ErrOutOfRange,
			"Rates", `for "USD" has more than 200 digits or an exponent beyond ±200: out of range`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.ledger
			for _, s := range tt.first {
				if err := l.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := l.MarshalBinary()
			err := l.Add(tt.sub)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, subsAddInput{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !strings.Contains(err.Error(), tt.detailed) {
				t.Errorf("error %q does not contain %q", err, tt.detailed)
			}
			if after, _ := l.MarshalBinary(); !slices.Equal(before, after) || l.Currency != tt.ledger.Currency && len(tt.first) == 0 {
				t.Errorf("the ledger changed on an error")
			}
		})
	}
}

func TestMRRLedgerMovementsErrors(t *testing.T) {
	var l crm.MRRLedger
	tests := []struct {
		name   string
		period metrics.Period
		want   string
	}{
		{"zero period", metrics.Period{}, "crm.MRRLedger.Movements: Period.End 0001-01-01T00:00:00Z is not after Period.Start 0001-01-01T00:00:00Z: invalid value"},
		{"reversed", metrics.Period{Start: subsTo, End: subsFrom}, "crm.MRRLedger.Movements: Period.End 2026-10-01T00:00:00Z is not after Period.Start 2026-11-01T00:00:00Z: invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := l.Movements(tt.period)
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ Period metrics.Period }{})
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(crm.SubscriptionMovements{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// An empty ledger is no error: every movement and count is zero.
func TestMRRLedgerEmpty(t *testing.T) {
	var l crm.MRRLedger
	got, err := l.Movements(subsOctober)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(crm.SubscriptionMovements{MRR: mrr("0", "0", "0", "0", "0", "0")}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMRRLedgerMerge(t *testing.T) {
	eur := subsRec("a", "10", crm.BillingMonthly, subsDay(1, 1), time.Time{})
	rates := map[string]decimal.Decimal{"USD": dec("0.9")}
	filled := func(l crm.MRRLedger) *crm.MRRLedger {
		if err := l.Add(eur); err != nil {
			t.Fatal(err)
		}
		return &l
	}
	t.Run("success", func(t *testing.T) {
		tests := []struct {
			name         string
			l, other     *crm.MRRLedger
			wantCurrency string
			wantStart    string
		}{
			{"nil other", filled(crm.MRRLedger{}), nil, "EUR", "10"},
			{"into a zero ledger", &crm.MRRLedger{}, filled(crm.MRRLedger{Currency: "EUR", Rates: rates}), "EUR", "10"},
			{"a zero ledger", filled(crm.MRRLedger{}), &crm.MRRLedger{}, "EUR", "10"},
			{"inferred and set currencies", filled(crm.MRRLedger{}), filled(crm.MRRLedger{Currency: "EUR"}), "EUR", "20"},
			{"same rates", filled(crm.MRRLedger{Currency: "EUR", Rates: rates}), filled(crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.90")}}), "EUR", "20"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.l.Merge(tt.other); err != nil {
					t.Fatal(err)
				}
				got, err := tt.l.Movements(subsOctober)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.wantCurrency, got.Currency); diff != "" {
					t.Errorf("currency (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(dec(tt.wantStart), got.MRR.StartMRR); diff != "" {
					t.Errorf("start MRR (-want +got):\n%s", diff)
				}
			})
		}
	})
	t.Run("self", func(t *testing.T) {
		l := filled(crm.MRRLedger{})
		if err := l.Merge(l); err != nil {
			t.Fatal(err)
		}
		got, _ := l.Movements(subsOctober)
		if diff := cmp.Diff(dec("20"), got.MRR.StartMRR); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name     string
			l, other *crm.MRRLedger
			field    string
			want     string
		}{
			{"currencies", filled(crm.MRRLedger{}), &crm.MRRLedger{Currency: "USD"}, "other.Currency",
				`crm.MRRLedger.Merge: other.Currency "USD" differs from the reporting Currency "EUR": mismatched kinds`},
			{"set and unset currency", &crm.MRRLedger{Currency: "EUR", Rates: rates}, &crm.MRRLedger{Rates: rates}, "other.Currency",
				`crm.MRRLedger.Merge: other.Currency "" differs from the reporting Currency "EUR": mismatched kinds`},
			{"rates", filled(crm.MRRLedger{Currency: "EUR", Rates: rates}), filled(crm.MRRLedger{Currency: "EUR"}), "other.Rates",
				"crm.MRRLedger.Merge: other.Rates differ from the ledger's Rates: mismatched kinds"},
			{"rate values", filled(crm.MRRLedger{Currency: "EUR", Rates: rates}), filled(crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.91")}}),
				"other.Rates", "crm.MRRLedger.Merge: other.Rates differ from the ledger's Rates: mismatched kinds"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := tt.l.MarshalBinary()
				err := tt.l.Merge(tt.other)
				testkit.RequireSentinel(t, err, metrics.ErrMismatch)
				testkit.RequireFieldOf(t, err, struct{ other crm.MRRLedger }{})
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if after, _ := tt.l.MarshalBinary(); !slices.Equal(before, after) {
					t.Error("the ledger changed on an error")
				}
			})
		}
	})
}

// subsOracle recomputes the movements of a valid input with math/big,
// customer by customer, from the documented rules: each subscription's MRR
// is Amount × rate × factor rounded once by the oracle's rule, a customer's
// MRR at an instant sums the subscriptions active then ([Start, End)), and
// "MRR before the start" is a subscription with MRR above zero that starts
// before it and is not empty.
func subsOracle(in subsInput) crm.SubscriptionMovements {
	reporting := in.currency
	if reporting == "" && len(in.subs) > 0 {
		reporting = in.subs[0].Currency
	}
	type customer struct {
		a, b   *big.Rat
		before bool
	}
	from, to := in.period.Start, in.period.End
	customers := map[string]*customer{}
	for _, s := range in.subs {
		rate := big.NewRat(1, 1)
		if s.Currency != reporting {
			rate = in.rates[s.Currency].Rat()
		}
		v := testkit.Round(new(big.Rat).Mul(new(big.Rat).Mul(s.Amount.Rat(), rate), subsMonthlyFactor(s.Interval))).Rat()
		c := customers[s.CustomerID]
		if c == nil {
			c = &customer{a: new(big.Rat), b: new(big.Rat)}
			customers[s.CustomerID] = c
		}
		active := func(t time.Time) bool { return !t.Before(s.Start) && (s.End.IsZero() || t.Before(s.End)) }
		if active(from) {
			c.a.Add(c.a, v)
		}
		if active(to) {
			c.b.Add(c.b, v)
		}
		if v.Sign() > 0 && s.Start.Before(from) && (s.End.IsZero() || s.End.After(s.Start)) {
			c.before = true
		}
	}
	var sums [6]big.Rat // start, new, expansion, contraction, churned, reactivation
	var n subsCounts
	for _, c := range customers {
		a, b := c.a, c.b
		if a.Sign() > 0 {
			n.Start++
			sums[0].Add(&sums[0], a)
		}
		if b.Sign() > 0 {
			n.End++
		}
		switch {
		case a.Cmp(b) == 0:
		case a.Sign() == 0 && c.before:
			n.Reactivated++
			sums[5].Add(&sums[5], b)
		case a.Sign() == 0:
			n.New++
			sums[1].Add(&sums[1], b)
		case b.Sign() == 0:
			n.Churned++
			sums[4].Add(&sums[4], a)
		case b.Cmp(a) > 0:
			n.Expanded++
			sums[2].Add(&sums[2], new(big.Rat).Sub(b, a))
		default:
			n.Contracted++
			sums[3].Add(&sums[3], new(big.Rat).Sub(a, b))
		}
	}
	d := func(i int) decimal.Decimal { return testkit.Round(&sums[i]) }
	return subsResult(reporting, crm.MRRMovements{StartMRR: d(0), NewMRR: d(1), ExpansionMRR: d(2), ContractionMRR: d(3),
		ChurnedMRR: d(4), ReactivationMRR: d(5)}, n)
}

// subsOracleEnd returns the MRR at the period's end by the oracle: Σ over
// the subscriptions active then of their MRR.
func subsOracleEnd(in subsInput, reporting string) decimal.Decimal {
	sum := new(big.Rat)
	to := in.period.End
	for _, s := range in.subs {
		if to.Before(s.Start) || (!s.End.IsZero() && !to.Before(s.End)) {
			continue
		}
		rate := big.NewRat(1, 1)
		if s.Currency != reporting {
			rate = in.rates[s.Currency].Rat()
		}
		sum.Add(sum, testkit.Round(new(big.Rat).Mul(new(big.Rat).Mul(s.Amount.Rat(), rate), subsMonthlyFactor(s.Interval))).Rat())
	}
	return testkit.Round(sum)
}

// subsIDs holds customer IDs that exercise the grouping: short ones, one a
// prefix of another, IDs that differ after their 22nd byte, and a NUL.
var subsIDs = []string{"a", "b", "c", "ab", "abc", "abc\x00",
	strings.Repeat("k", 22), strings.Repeat("k", 22) + "1", strings.Repeat("k", 22) + "2"}

// subsGen draws a valid input: up to 40 records over two months, a period on
// a grid that hits the records' boundaries, in up to three currencies.
func subsGen(t *rapid.T, amount *rapid.Generator[decimal.Decimal]) subsInput {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(label string, lo, hi int) time.Time {
		return base.Add(time.Duration(rapid.IntRange(lo, hi).Draw(t, label)) * 24 * time.Hour)
	}
	var in subsInput
	in.period.Start = day("from", 5, 40)
	in.period.End = in.period.Start.Add(time.Duration(rapid.IntRange(1, 20*24).Draw(t, "hours")) * time.Hour)
	currencies := []string{"EUR"}
	if rapid.Bool().Draw(t, "converted") {
		currencies = []string{"EUR", "USD", "GBP"}
		in.currency = "EUR"
		in.rates = map[string]decimal.Decimal{
			"USD": decimal.New(rapid.Int64Range(1, 3_000_000).Draw(t, "usd"), -6),
			"GBP": decimal.New(rapid.Int64Range(1, 3_000).Draw(t, "gbp"), -3),
		}
	}
	n := rapid.IntRange(0, 40).Draw(t, "n")
	for range n {
		s := crm.Subscription{
			CustomerID: rapid.SampledFrom(subsIDs).Draw(t, "id"),
			Amount:     amount.Draw(t, "amount"),
			Interval:   crm.BillingInterval(rapid.IntRange(1, 4).Draw(t, "interval")),
			Start:      day("start", 0, 60),
			Currency:   rapid.SampledFrom(currencies).Draw(t, "currency"),
		}
		if rapid.Bool().Draw(t, "ended") {
			s.End = s.Start.Add(time.Duration(rapid.IntRange(0, 30).Draw(t, "length")) * 24 * time.Hour)
		}
		in.subs = append(in.subs, s)
	}
	return in
}

// subsAmount draws ordinary amounts: up to 10^8 with up to 4 decimals.
var subsAmount = rapid.Custom(func(t *rapid.T) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "coef"), -int32(rapid.IntRange(0, 4).Draw(t, "places")))
})

// subsOddAmount draws amounts the fast path cannot always hold: up to 14
// decimals, up to 10^24.
var subsOddAmount = rapid.Custom(func(t *rapid.T) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 1e16).Draw(t, "coef"), int32(rapid.IntRange(-14, 8).Draw(t, "exp")))
})

func TestMRRLedgerProperties(t *testing.T) {
	for name, amount := range map[string]*rapid.Generator[decimal.Decimal]{"ordinary": subsAmount, "odd": subsOddAmount} {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) { subsCheckProperties(t, subsGen(t, amount)) })
		})
	}
	// With every customer hash equal, customers are told apart by their IDs
	// alone.
	t.Run("colliding hashes", func(t *testing.T) {
		defer crm.CollideMRRHashes()()
		rapid.Check(t, func(t *rapid.T) { subsCheckProperties(t, subsGen(t, subsAmount)) })
	})
}

func subsCheckProperties(t *rapid.T, in subsInput) {
	l := subsLedger(t, in)
	got, err := l.Movements(in.period)
	if err != nil {
		t.Fatal(err)
	}
	// Equal to the big.Rat recomputation.
	if diff := cmp.Diff(subsOracle(in), got); diff != "" {
		t.Fatalf("oracle (-want +got):\n%s", diff)
	}
	// The bridge is exact: EndMRR is the MRR at the end to the last digit.
	m := got.MRR
	if end := subsOracleEnd(in, got.Currency); !m.EndMRR().Equal(end) {
		t.Fatalf("EndMRR %s, MRR at the end %s", m.EndMRR().String(), end.String())
	}
	if sum := m.StartMRR.Add(m.NewMRR).Add(m.ExpansionMRR).Sub(m.ContractionMRR).Sub(m.ChurnedMRR).Add(m.ReactivationMRR); !sum.Equal(m.EndMRR()) {
		t.Fatalf("start + movements %s, EndMRR %s", sum.String(), m.EndMRR().String())
	}
	requireSubsValid(t, m)
	// The counts agree with each other and with the amounts.
	n := subsCountsOf(got)
	if n.End != n.Start+n.New+n.Reactivated-n.Churned || n.Expanded+n.Contracted+n.Churned > n.Start {
		t.Fatalf("inconsistent counts %+v", n)
	}
	for _, c := range []struct {
		count  int
		amount decimal.Decimal
	}{{n.Start, m.StartMRR}, {n.New, m.NewMRR}, {n.Expanded, m.ExpansionMRR}, {n.Contracted, m.ContractionMRR},
		{n.Churned, m.ChurnedMRR}, {n.Reactivated, m.ReactivationMRR}} {
		if (c.count == 0) != c.amount.IsZero() {
			t.Fatalf("count %d for amount %s in %+v", c.count, c.amount.String(), got)
		}
	}
	// The fast and the exact path agree (when the fast path can hold the
	// amounts).
	if diff := cmp.Diff(crm.MovementsExact(l, in.period), got); diff != "" {
		t.Fatalf("exact path (-want +got):\n%s", diff)
	}
	if fast, ok := crm.MovementsFast(l, in.period); ok && !cmp.Equal(fast, got) {
		t.Fatalf("fast path %+v", fast)
	}
	// Converting the amounts first gives the same result.
	if in.rates != nil {
		conv := in
		conv.subs = slices.Clone(in.subs)
		for i := range conv.subs {
			s := &conv.subs[i]
			if s.Currency != in.currency {
				s.Amount = s.Amount.Mul(in.rates[s.Currency])
				s.Currency = in.currency
			}
		}
		conv.rates = nil
		if diff := cmp.Diff(subsMovements(t, conv), got); diff != "" {
			t.Fatalf("converted first (-want +got):\n%s", diff)
		}
	}
}

// TestMRRLedgerShards is the accumulator property: records split into
// random shards (one customer's subscriptions in several of them), each
// shard filled, serialised in binary or JSON, read back and merged in a
// random order, give the ledger of one pass: the same movements over any
// period and the same binary form.
func TestMRRLedgerShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := subsAmount
		if rapid.Bool().Draw(t, "odd") {
			amount = subsOddAmount
		}
		in := subsGen(t, amount)
		one := subsLedger(t, in)
		k := rapid.IntRange(1, 6).Draw(t, "shards")
		shards := make([]subsInput, k)
		for i := range shards {
			shards[i] = subsInput{currency: in.currency, rates: in.rates}
		}
		for _, s := range in.subs {
			i := rapid.IntRange(0, k-1).Draw(t, "shard")
			shards[i].subs = append(shards[i].subs, s)
		}
		var merged crm.MRRLedger
		order := rapid.Permutation(seq(k)).Draw(t, "order")
		for _, i := range order {
			l := subsLedger(t, shards[i])
			var back crm.MRRLedger
			if rapid.Bool().Draw(t, "json") {
				b, err := json.Marshal(l)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, &back); err != nil {
					t.Fatalf("%v in %s", err, b)
				}
			} else {
				b, err := l.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatal(err)
				}
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		if len(in.subs) > 0 && in.currency == "" {
			// Shards without records have no currency; the merge takes it
			// from the others.
			if merged.Currency != one.Currency {
				t.Fatalf("currency %q, one pass %q", merged.Currency, one.Currency)
			}
		}
		for _, p := range []metrics.Period{in.period, {Start: in.period.Start.AddDate(0, -1, 0), End: in.period.End.AddDate(0, 1, 0)}} {
			want, err1 := one.Movements(p)
			got, err2 := merged.Movements(p)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("merged movements over %v (-one pass +merged):\n%s", p, diff)
			}
		}
		a, _ := one.MarshalBinary()
		b, _ := merged.MarshalBinary()
		if !slices.Equal(a, b) {
			t.Fatalf("binary forms differ:\n%x\n%x", a, b)
		}
	})
}

// seq returns 0, 1, ..., n−1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestMRRLedgerLarge checks the partitioned grouping (thousands of records,
// many buckets) against the oracle.
func TestMRRLedgerLarge(t *testing.T) {
	in := subsInput{subs: benchSubscriptions(20_000), period: benchPeriod}
	l := subsLedger(t, in)
	got, err := l.Movements(in.period)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(subsOracle(in), got); diff != "" {
		t.Fatalf("oracle (-want +got):\n%s", diff)
	}
	if _, ok := crm.MovementsFast(l, in.period); !ok {
		t.Fatal("the benchmark's records took the exact path")
	}
	if n := subsCountsOf(got); n.Start < 1000 || n.New == 0 || n.Churned == 0 || n.Expanded == 0 || n.Contracted == 0 || n.Reactivated == 0 {
		t.Fatalf("the records miss a kind of movement: %+v", n)
	}
}

// TestMRRLedgerAllocs checks the documented allocation bounds: Add
// allocates nothing per record beyond the growth of its list, and Movements
// a fixed number of times, whatever the number of records.
func TestMRRLedgerAllocs(t *testing.T) {
	var counts []float64
	for _, n := range []int{1_000, 30_000} {
		l := subsLedger(t, subsInput{subs: benchSubscriptions(n)})
		counts = append(counts, testing.AllocsPerRun(5, func() { _, _ = l.Movements(benchPeriod) }))
	}
	if counts[0] > 30 || counts[1] > 30 {
		t.Errorf("allocations of Movements for 1,000 and 30,000 records: %v, want a fixed number ≤ 30", counts)
	}
	subs := benchSubscriptions(1000)
	l := crm.MRRLedger{}
	_ = l.Add(subs[0])
	for _, s := range subs { // grow the list once
		_ = l.Add(s)
	}
	l2 := l
	allocs := testing.AllocsPerRun(1, func() {
		l = l2
		for _, s := range subs[:100] {
			_ = l.Add(s)
		}
	})
	if allocs > 1 {
		t.Errorf("Add allocates %v times for 100 records, want at most one growth of the list", allocs)
	}
}

// subsFuzzInput turns fuzz bytes into records: seven bytes a record.
func subsFuzzInput(data []byte, from, days uint8, converted bool) subsInput {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dayOf := func(b byte) time.Time { return base.Add(time.Duration(b%64) * 24 * time.Hour) }
	in := subsInput{period: metrics.Period{Start: dayOf(from), End: dayOf(from).Add(time.Duration(int(days)-8) * 24 * time.Hour)}}
	if converted {
		in.currency = "EUR"
		in.rates = map[string]decimal.Decimal{"USD": dec("0.92"), "GBP": dec("1.171"), "CHF": dec("0")}
	}
	currencies := []string{"EUR", "USD", "GBP", "CHF", "eur", ""}
	// Customer, amount coefficient and exponent, interval, start, length,
	// currency.
	for ; len(data) >= 7; data = data[7:] {
		s := crm.Subscription{
			CustomerID: subsIDs[int(data[0])%len(subsIDs)],
			Amount:     testkit.FuzzDecimal(int64(int8(data[1]))*7919, int8(data[2])),
			Interval:   crm.BillingInterval(data[3] % 6),
			Start:      dayOf(data[4]),
			Currency:   currencies[int(data[6])%len(currencies)],
		}
		if data[0] > 200 {
			s.CustomerID = ""
		}
		if data[4] == 0 {
			s.Start = time.Time{}
		}
		if data[5] != 0 {
			s.End = s.Start.Add(time.Duration(int(data[5]%64)-4) * 24 * time.Hour)
		}
		in.subs = append(in.subs, s)
	}
	return in
}

// FuzzMRRLedger adds fuzzed records: every error is a kpikit error and
// leaves the ledger as it was; the records accepted give the oracle's
// movements by both paths, and the ledger survives a binary and a JSON
// round trip.
func FuzzMRRLedger(f *testing.F) {
	f.Add([]byte{0, 10, 0, 2, 1, 0, 0, 1, 20, 1, 4, 3, 9, 1}, uint8(5), uint8(10), false)
	f.Add([]byte{2, 255, 250, 1, 0, 3, 2}, uint8(0), uint8(0), true)
	f.Add([]byte{}, uint8(1), uint8(0), false)
	f.Fuzz(func(t *testing.T, data []byte, from, days uint8, converted bool) {
		in := subsFuzzInput(data, from, days, converted)
		l := crm.MRRLedger{Currency: in.currency, Rates: in.rates}
		accepted := in
		accepted.subs = nil
		for _, s := range in.subs {
			before, _ := l.MarshalBinary()
			if err := l.Add(s); err != nil {
				testkit.RequireKpikitError(t, err)
				testkit.RequireFieldOf(t, err, subsAddInput{})
				if after, _ := l.MarshalBinary(); !slices.Equal(before, after) {
					t.Fatalf("the ledger changed on error %v", err)
				}
				continue
			}
			accepted.subs = append(accepted.subs, s)
		}
		got, err := l.Movements(in.period)
		if err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		if diff := cmp.Diff(subsOracle(accepted), got); len(accepted.subs) > 0 && diff != "" {
			t.Fatalf("oracle (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(crm.MovementsExact(&l, in.period), got); diff != "" {
			t.Fatalf("exact path (-want +got):\n%s", diff)
		}
		requireSubsValid(t, got.MRR)
		b, _ := l.MarshalBinary()
		var back crm.MRRLedger
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if b2, _ := back.MarshalBinary(); !slices.Equal(b, b2) {
			t.Fatal("binary round trip changed the ledger")
		}
		j, _ := json.Marshal(l)
		var fromJSON crm.MRRLedger
		if err := json.Unmarshal(j, &fromJSON); err != nil {
			t.Fatal(err)
		}
		if b3, _ := fromJSON.MarshalBinary(); !slices.Equal(b, b3) {
			t.Fatal("JSON round trip changed the ledger")
		}
	})
}

// TestMRRLedgerGlobalsIgnored checks that subscription MRR, the ledger and
// its JSON do not read shopspring/decimal's globals: the records need
// repeating quotients and a conversion, and the error messages print
// decimals.
func TestMRRLedgerGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(s string, err error) {
			b.WriteString(s)
			if err != nil {
				b.WriteString(err.Error())
			}
			b.WriteByte('|')
		}
		weekly := crm.Subscription{Amount: dec("10.50"), Interval: crm.BillingWeekly}
		v, err := weekly.MRR()
		add(v.StringFixed(12), err)
		before := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		l := crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.9137"), "GBP": dec("-1.5")}}
		for _, s := range []crm.Subscription{
			subsRec("a", "10.50", crm.BillingWeekly, before, time.Time{}),
			subsRec("a", "100", crm.BillingQuarterly, subsDay(10, 2), time.Time{}),
			subsRec("b", "7", crm.BillingYearly, before, subsDay(10, 2)),
			{CustomerID: "c", Amount: dec("99.99"), Interval: crm.BillingYearly, Start: before, Currency: "USD"},
			subsRec("d", "0.000000000001", crm.BillingQuarterly, before, time.Time{}),
			subsRec("e", "-1.50", crm.BillingQuarterly, before, time.Time{}),
			{CustomerID: "f", Amount: dec("1"), Interval: crm.BillingYearly, Start: before, Currency: "GBP"},
		} {
			add("", l.Add(s))
		}
		res, err := l.Movements(subsOctober)
		m := res.MRR
		for _, d := range []decimal.Decimal{m.StartMRR, m.NewMRR, m.ExpansionMRR, m.ContractionMRR, m.ChurnedMRR, m.ReactivationMRR} {
			add(d.StringFixed(14), nil)
		}
		add(fmt.Sprint(subsCountsOf(res)), err)
		j, err := json.Marshal(l)
		add(string(j), err)
		return b.String()
	})
}

// TestNaiveMRRMovements checks the benchmark's baseline against the library,
// so that the benchmark compares two ways of computing the same thing.
func TestNaiveMRRMovements(t *testing.T) {
	in := subsInput{subs: benchSubscriptions(5_000), period: benchPeriod}
	got := subsMovements(t, in)
	naive, err := naiveMRRMovements(in.subs, in.period)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(naive, got.MRR); diff != "" {
		t.Errorf("(-naive +kpikit):\n%s", diff)
	}
}
