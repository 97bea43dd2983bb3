package crm_test

import (
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
var subsFrom, subsTo = subsDay(10, 1), subsDay(11, 1)

// subsSeedMonth holds the records of a month that takes MRR from 50,000 to
// 60,000, seed 004's 20% MRR growth, with every kind of movement.
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

// A month of subscription records, from 50,000 to 60,000 of MRR (seed 004's
// 20% MRR growth): acme adds 5,000, globex moves from 10,000 to 9,000,
// initech leaves, umbrella joins at 22,500 a quarter, hooli comes back.
func ExampleMRRMovementsFromSubscriptions() {
	october := crm.SubscriptionMovementsInput{
		Subscriptions: subsSeedMonth(),
		From:          time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		To:            time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
	}
	res, err := crm.MRRMovementsFromSubscriptions(october)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, n := res.MRR, res.Customers
	fmt.Println("currency    ", res.Currency)
	fmt.Println("start       ", m.StartMRR, n.Start)
	fmt.Println("new         ", m.NewMRR, n.New)
	fmt.Println("expansion   ", m.ExpansionMRR, n.Expanded)
	fmt.Println("contraction ", m.ContractionMRR, n.Contracted)
	fmt.Println("churned     ", m.ChurnedMRR, n.Churned)
	fmt.Println("reactivation", m.ReactivationMRR, n.Reactivated)
	fmt.Println("end         ", m.EndMRR(), n.End)
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
// euros need no rate.
func ExampleMRRMovementsFromSubscriptions_currencies() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := crm.SubscriptionMovementsInput{
		Subscriptions: []crm.Subscription{
			{CustomerID: "a", Amount: decimal.NewFromInt(100), Interval: crm.BillingMonthly, Start: start, Currency: "USD"},
			{CustomerID: "b", Amount: decimal.NewFromInt(1200), Interval: crm.BillingYearly, Start: start, Currency: "GBP"},
			{CustomerID: "c", Amount: decimal.NewFromInt(50), Interval: crm.BillingMonthly, Start: start, Currency: "EUR"},
		},
		From:     time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Currency: "EUR",
		Rates:    map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.92"), "GBP": decimal.RequireFromString("1.17")},
	}
	res, err := crm.MRRMovementsFromSubscriptions(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.MRR.StartMRR, res.Currency)

	// Without the rates, the dollars cannot be added to the euros.
	in.Rates = nil
	_, err = crm.MRRMovementsFromSubscriptions(in)
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrMismatch))
	// Output:
	// 259 EUR
	// crm.MRRMovementsFromSubscriptions: Subscriptions[0].Currency USD differs from the reporting Currency EUR and Rates is empty: mismatched kinds
	// true
}

// subsWant is an expected result: the six amounts and the seven counts.
func subsWant(currency, start, added, expansion, contraction, churned, reactivation string, n crm.MRRCustomerCounts) crm.SubscriptionMovements {
	return crm.SubscriptionMovements{Currency: currency, MRR: mrr(start, added, expansion, contraction, churned, reactivation), Customers: n}
}

func TestMRRMovementsFromSubscriptions(t *testing.T) {
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
				crm.MRRCustomerCounts{Start: 4, New: 1, Expanded: 1, Contracted: 1, Churned: 1, Reactivated: 1, End: 5}),
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
				crm.MRRCustomerCounts{Start: 2, New: 1, Churned: 1, End: 2}),
		},
		{
			name: "joins and leaves between the snapshots: no movement",
			subs: []crm.Subscription{
				subsRec("stays", "100", crm.BillingMonthly, before, never),
				subsRec("passing", "999", crm.BillingMonthly, subsDay(10, 3), subsDay(10, 25)),
				subsRec("up and down", "100", crm.BillingMonthly, before, never),
				subsRec("up and down", "500", crm.BillingMonthly, subsDay(10, 3), subsDay(10, 25)),
			},
			want: subsWant("EUR", "200", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 2, End: 2}),
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
			want: subsWant("EUR", "49", "49", "0", "0", "49", "0", crm.MRRCustomerCounts{Start: 1, New: 1, Churned: 1, End: 1}),
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
			want: subsWant("EUR", "0", "100", "0", "0", "0", "100", crm.MRRCustomerCounts{New: 1, Reactivated: 1, End: 2}),
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
				crm.MRRCustomerCounts{Start: 2, Expanded: 1, Churned: 1, End: 1}),
		},
		{
			name: "From equal to To: nothing moves",
			subs: subsSeedMonth(), from: subsDay(10, 18), to: subsDay(10, 18),
			want: subsWant("EUR", "64000", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 6, End: 6}),
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
				crm.MRRCustomerCounts{Start: 2, New: 1, Expanded: 1, Churned: 1, End: 2}),
		},
		{
			name: "reporting currency taken from the records",
			subs: []crm.Subscription{
				{CustomerID: "a", Amount: decimal.NewFromInt(100), Interval: crm.BillingMonthly, Start: before, Currency: "JPY"},
			},
			want: subsWant("JPY", "100", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 1, End: 1}),
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
				crm.MRRCustomerCounts{Start: 5, New: 1, Expanded: 1, Churned: 1, End: 5}),
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
				crm.MRRCustomerCounts{Start: 2, New: 1, End: 3}),
		},
		{
			name: "amounts beyond 64 bits",
			subs: []crm.Subscription{
				subsRec("a", "123456789012345678901234567890", crm.BillingMonthly, before, never),
				subsRec("a", "1", crm.BillingYearly, subsDay(10, 2), never),
				subsRec("b", "2e30", crm.BillingQuarterly, before, subsDay(10, 2)),
			},
			want: subsWant("EUR", "790123455679012345567901234556.6666666667", "0", "0.0833333333", "0",
				"666666666666666666666666666666.6666666667", "0", crm.MRRCustomerCounts{Start: 2, Expanded: 1, Churned: 1, End: 1}),
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
			want: subsWant("EUR", "1800000000", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 2, End: 2}),
		},
		{
			name: "one customer beyond 64 bits at To",
			subs: []crm.Subscription{
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "1000000000", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "1000000000", "0", "1000000000", "0", "0", "0", crm.MRRCustomerCounts{Start: 1, Expanded: 1, End: 1}),
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
			want: subsWant("EUR", "1299999999.9999999987", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 2, End: 2}),
		},
		{
			name: "one customer beyond 64 bits",
			subs: []crm.Subscription{
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "1000000000", crm.BillingMonthly, before, never),
				subsRec("a", "0.5", crm.BillingMonthly, subsDay(10, 2), never),
			},
			want: subsWant("EUR", "2000000000", "0", "0.5", "0", "0", "0", crm.MRRCustomerCounts{Start: 1, Expanded: 1, End: 1}),
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
			want: subsWant("EUR", "0", "0.0000000001", "0", "0", "0", "0", crm.MRRCustomerCounts{New: 1, End: 1}),
		},
		{
			name: "rate with many digits",
			subs: []crm.Subscription{
				{CustomerID: "a", Amount: dec("100.01"), Interval: crm.BillingMonthly, Start: before, Currency: "USD"},
			},
			currency: "EUR", rates: map[string]decimal.Decimal{"USD": dec("0.91234567891")},
			want: subsWant("EUR", "91.2436913477891", "0", "0", "0", "0", "0", crm.MRRCustomerCounts{Start: 1, End: 1}),
		},
	}
	for _, collide := range []bool{false, true} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/colliding=%t", tt.name, collide), func(t *testing.T) {
				if collide {
					defer crm.CollideMRRHashes()()
				}
				in := crm.SubscriptionMovementsInput{Subscriptions: tt.subs, From: subsFrom, To: subsTo, Currency: tt.currency, Rates: tt.rates}
				if !tt.from.IsZero() {
					in.From, in.To = tt.from, tt.to
				}
				got, err := crm.MRRMovementsFromSubscriptions(in)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("MRRMovementsFromSubscriptions (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(subsOracle(in), got); diff != "" {
					t.Errorf("oracle (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestMRRMovementsFromSubscriptionsErrors(t *testing.T) {
	start := subsDay(1, 1)
	good := subsRec("a", "10", crm.BillingMonthly, start, time.Time{})
	with := func(f func(*crm.Subscription)) []crm.Subscription {
		s := good
		f(&s)
		return []crm.Subscription{good, s}
	}
	usd := func(s *crm.Subscription) { s.Currency = "USD" }
	tests := []struct {
		name     string
		in       crm.SubscriptionMovementsInput
		want     error
		field    string
		index    int
		detailed string // a part of the message
	}{
		{"zero value", crm.SubscriptionMovementsInput{}, metrics.ErrEmpty, "Subscriptions", -1, "is empty"},
		{"zero From", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, To: subsTo},
			metrics.ErrInvalid, "From", -1, "zero time"},
		{"zero To", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, From: subsFrom},
			metrics.ErrInvalid, "To", -1, "zero time"},
		{"To before From", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, From: subsTo, To: subsFrom},
			metrics.ErrInconsistent, "To", -1, "is before From 2026-11-01T00:00:00Z"},
		{"reporting currency not a code", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, From: subsFrom, To: subsTo, Currency: "eur"},
			metrics.ErrInvalid, "Currency", -1, `"eur" is not an ISO 4217 code`},
		{"rates without a currency", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, From: subsFrom, To: subsTo,
			Rates: map[string]decimal.Decimal{"USD": dec("0.9")}}, metrics.ErrInvalid, "Currency", -1, "Rates is set"},
		{"rate of the reporting currency", crm.SubscriptionMovementsInput{Subscriptions: []crm.Subscription{good}, From: subsFrom, To: subsTo,
			Currency: "EUR", Rates: map[string]decimal.Decimal{"EUR": dec("1.1")}}, metrics.ErrInconsistent, "Rates", -1, "1.1 for the reporting currency EUR is not 1"},
		{"empty CustomerID", subsIn(with(func(s *crm.Subscription) { s.CustomerID = "" })), metrics.ErrInvalid, "Subscriptions.CustomerID", 1,
			"Subscriptions[1].CustomerID is empty: invalid value"},
		{"negative Amount", subsIn(with(func(s *crm.Subscription) { s.Amount = dec("-1.50") })), metrics.ErrNegative, "Subscriptions.Amount", 1,
			"Subscriptions[1].Amount -1.5 is negative: negative value"},
		{"zero Interval", subsIn(with(func(s *crm.Subscription) { s.Interval = 0 })), metrics.ErrInvalid, "Subscriptions.Interval", 1,
			"Subscriptions[1].Interval BillingInterval(0) is not a billing interval: invalid value"},
		{"Interval too large", subsIn(with(func(s *crm.Subscription) { s.Interval = 5 })), metrics.ErrInvalid, "Subscriptions.Interval", 1,
			"Subscriptions[1].Interval BillingInterval(5) is not a billing interval: invalid value"},
		{"zero Start", subsIn(with(func(s *crm.Subscription) { s.Start = time.Time{} })), metrics.ErrInvalid, "Subscriptions.Start", 1,
			"Subscriptions[1].Start is the zero time: invalid value"},
		{"End before Start", subsIn(with(func(s *crm.Subscription) { s.End = start.Add(-time.Second) })), metrics.ErrInconsistent, "Subscriptions.End", 1,
			"Subscriptions[1].End 2025-12-31T23:59:59Z is before Start 2026-01-01T00:00:00Z: inconsistent input"},
		{"lower-case currency", subsIn(with(func(s *crm.Subscription) { s.Currency = "usd" })), metrics.ErrInvalid, "Subscriptions.Currency", 1,
			`Subscriptions[1].Currency "usd" is not an ISO 4217 code (three capital letters): invalid value`},
		{"empty currency", subsIn(with(func(s *crm.Subscription) { s.Currency = "" })), metrics.ErrInvalid, "Subscriptions.Currency", 1,
			`Subscriptions[1].Currency "" is not an ISO 4217 code (three capital letters): invalid value`},
		{"two currencies, no rates", subsIn(with(usd)), metrics.ErrMismatch, "Subscriptions.Currency", 1,
			"Subscriptions[1].Currency USD differs from EUR, the Currency of Subscriptions[0]: set Currency and Rates to convert: mismatched kinds"},
		{"two currencies, reporting currency, no rates", subsInCur(with(usd), "EUR", nil), metrics.ErrMismatch, "Subscriptions.Currency", 1,
			"Subscriptions[1].Currency USD differs from the reporting Currency EUR and Rates is empty: mismatched kinds"},
		{"reporting currency differs from every record", subsInCur([]crm.Subscription{good}, "USD", nil), metrics.ErrMismatch, "Subscriptions.Currency", 0,
			"Subscriptions[0].Currency EUR differs from the reporting Currency USD and Rates is empty: mismatched kinds"},
		{"missing rate", subsInCur(with(usd), "EUR", map[string]decimal.Decimal{"GBP": dec("1.17")}), metrics.ErrMismatch, "Subscriptions.Currency", 1,
			"Subscriptions[1].Currency USD has no rate to EUR in Rates: mismatched kinds"},
		{"zero rate", subsInCur(with(usd), "EUR", map[string]decimal.Decimal{"USD": dec("0.000")}), metrics.ErrOutOfRange, "Rates", -1, "Rates 0 for USD is not positive"},
		{"negative rate", subsInCur(with(usd), "EUR", map[string]decimal.Decimal{"USD": dec("-0.9")}), metrics.ErrOutOfRange, "Rates", -1, "-0.9 for USD"},
		{"first error wins", subsIn([]crm.Subscription{good, {CustomerID: "b"}, {}}), metrics.ErrInvalid, "Subscriptions.Interval", 1,
			"Subscriptions[1].Interval BillingInterval(0) is not a billing interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.MRRMovementsFromSubscriptions(tt.in)
			subsRequireError(t, err, tt.want, tt.field, tt.index, tt.detailed)
			if diff := cmp.Diff(crm.SubscriptionMovements{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
			// The exact path reports the same error.
			_, exactErr := crm.MRRMovementsExact(tt.in)
			if diff := cmp.Diff(err.Error(), exactErr.Error()); diff != "" {
				t.Errorf("exact path error (-want +got):\n%s", diff)
			}
		})
	}
}

// An amount the fast path cannot hold sends the computation to the exact
// path, which finds the error of a later record all the same.
func TestMRRMovementsFromSubscriptionsErrorAfterExactAmount(t *testing.T) {
	subs := []crm.Subscription{
		subsRec("a", "1e-20", crm.BillingMonthly, subsDay(1, 1), time.Time{}),
		subsRec("b", "-1", crm.BillingMonthly, subsDay(1, 1), time.Time{}),
	}
	_, err := crm.MRRMovementsFromSubscriptions(subsIn(subs))
	subsRequireError(t, err, metrics.ErrNegative, "Subscriptions.Amount", 1, "Subscriptions[1].Amount -1 is negative: negative value")
}

func subsIn(subs []crm.Subscription) crm.SubscriptionMovementsInput {
	return crm.SubscriptionMovementsInput{Subscriptions: subs, From: subsFrom, To: subsTo}
}

func subsInCur(subs []crm.Subscription, currency string, rates map[string]decimal.Decimal) crm.SubscriptionMovementsInput {
	return crm.SubscriptionMovementsInput{Subscriptions: subs, From: subsFrom, To: subsTo, Currency: currency, Rates: rates}
}

// subsRequireError checks an error's sentinel, field, index and message.
func subsRequireError(t *testing.T, err, want error, field string, index int, detail string) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	var e *metrics.Error
	errors.As(err, &e)
	if diff := cmp.Diff(field, e.Field); diff != "" {
		t.Errorf("field (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(index, e.Index); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
	if e.Metric != "crm.MRRMovementsFromSubscriptions" {
		t.Errorf("metric %q", e.Metric)
	}
	if !strings.Contains(err.Error(), detail) {
		t.Errorf("error %q does not contain %q", err, detail)
	}
}

// subsOracle recomputes MRRMovementsFromSubscriptions for a valid input with
// math/big, customer by customer, from the documented rules: each
// subscription's MRR is Amount × rate × factor rounded once by the oracle's
// rule, a customer's MRR at an instant sums the subscriptions active then
// ([Start, End)), and "MRR before From" is a subscription with MRR above zero
// that starts before From and is not empty.
func subsOracle(in crm.SubscriptionMovementsInput) crm.SubscriptionMovements {
	reporting := in.Currency
	if reporting == "" {
		reporting = in.Subscriptions[0].Currency
	}
	type customer struct {
		a, b   *big.Rat
		before bool
	}
	customers := map[string]*customer{}
	for _, s := range in.Subscriptions {
		rate := big.NewRat(1, 1)
		if s.Currency != reporting {
			rate = in.Rates[s.Currency].Rat()
		}
		v := testkit.Round(new(big.Rat).Mul(new(big.Rat).Mul(s.Amount.Rat(), rate), subsMonthlyFactor(s.Interval))).Rat()
		c := customers[s.CustomerID]
		if c == nil {
			c = &customer{a: new(big.Rat), b: new(big.Rat)}
			customers[s.CustomerID] = c
		}
		active := func(t time.Time) bool { return !t.Before(s.Start) && (s.End.IsZero() || t.Before(s.End)) }
		if active(in.From) {
			c.a.Add(c.a, v)
		}
		if active(in.To) {
			c.b.Add(c.b, v)
		}
		if v.Sign() > 0 && s.Start.Before(in.From) && (s.End.IsZero() || s.End.After(s.Start)) {
			c.before = true
		}
	}
	var sums [6]big.Rat // start, new, expansion, contraction, churned, reactivation
	var n crm.MRRCustomerCounts
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
	return crm.SubscriptionMovements{
		Currency: reporting,
		MRR: crm.MRRMovements{StartMRR: d(0), NewMRR: d(1), ExpansionMRR: d(2), ContractionMRR: d(3),
			ChurnedMRR: d(4), ReactivationMRR: d(5)},
		Customers: n,
	}
}

// subsOracleEnd returns the MRR at To by the oracle: Σ over subscriptions
// active at To of their MRR.
func subsOracleEnd(in crm.SubscriptionMovementsInput, reporting string) decimal.Decimal {
	sum := new(big.Rat)
	for _, s := range in.Subscriptions {
		if in.To.Before(s.Start) || (!s.End.IsZero() && !in.To.Before(s.End)) {
			continue
		}
		rate := big.NewRat(1, 1)
		if s.Currency != reporting {
			rate = in.Rates[s.Currency].Rat()
		}
		sum.Add(sum, testkit.Round(new(big.Rat).Mul(new(big.Rat).Mul(s.Amount.Rat(), rate), subsMonthlyFactor(s.Interval))).Rat())
	}
	return testkit.Round(sum)
}

// subsIDs holds customer IDs that exercise the grouping: short ones, one a
// prefix of another, IDs that differ after their 22nd byte, and a NUL.
var subsIDs = []string{"a", "b", "c", "ab", "abc", "abc\x00",
	strings.Repeat("k", 22), strings.Repeat("k", 22) + "1", strings.Repeat("k", 22) + "2"}

// subsGen draws a valid input: up to 40 records over two months, From and
// To on a grid that hits the records' boundaries, in up to three currencies.
func subsGen(t *rapid.T, amount *rapid.Generator[decimal.Decimal]) crm.SubscriptionMovementsInput {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(label string, lo, hi int) time.Time {
		return base.Add(time.Duration(rapid.IntRange(lo, hi).Draw(t, label)) * 24 * time.Hour)
	}
	in := crm.SubscriptionMovementsInput{From: day("from", 5, 40)}
	in.To = in.From.Add(time.Duration(rapid.IntRange(0, 20).Draw(t, "days")) * 24 * time.Hour)
	currencies := []string{"EUR"}
	if rapid.Bool().Draw(t, "converted") {
		currencies = []string{"EUR", "USD", "GBP"}
		in.Currency = "EUR"
		in.Rates = map[string]decimal.Decimal{
			"USD": decimal.New(rapid.Int64Range(1, 3_000_000).Draw(t, "usd"), -6),
			"GBP": decimal.New(rapid.Int64Range(1, 3_000).Draw(t, "gbp"), -3),
		}
	}
	n := rapid.IntRange(1, 40).Draw(t, "n")
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
		in.Subscriptions = append(in.Subscriptions, s)
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

func TestMRRMovementsFromSubscriptionsProperties(t *testing.T) {
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

func subsCheckProperties(t *rapid.T, in crm.SubscriptionMovementsInput) {
	got, err := crm.MRRMovementsFromSubscriptions(in)
	if err != nil {
		t.Fatal(err)
	}
	// Equal to the big.Rat recomputation.
	if diff := cmp.Diff(subsOracle(in), got); diff != "" {
		t.Fatalf("oracle (-want +got):\n%s", diff)
	}
	// The identity is exact: EndMRR is the MRR at To to the last digit.
	if end := subsOracleEnd(in, got.Currency); !got.MRR.EndMRR().Equal(end) {
		t.Fatalf("EndMRR %s, MRR at To %s", got.MRR.EndMRR().String(), end.String())
	}
	if err := got.MRR.Validate(); err != nil {
		t.Fatalf("movements do not validate: %v", err)
	}
	// The counts agree with each other and with the amounts.
	n, m := got.Customers, got.MRR
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
	exactRes, err := crm.MRRMovementsExact(in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(exactRes, got); diff != "" {
		t.Fatalf("exact path (-want +got):\n%s", diff)
	}
	if fast, ok, err := crm.MRRMovementsFast(in); err != nil || (ok && !cmp.Equal(fast, got)) {
		t.Fatalf("fast path %+v, %v, %v", fast, ok, err)
	}
	// Converting the amounts first gives the same result.
	if in.Rates != nil {
		conv := in
		conv.Subscriptions = slices.Clone(in.Subscriptions)
		for i := range conv.Subscriptions {
			s := &conv.Subscriptions[i]
			if s.Currency != in.Currency {
				s.Amount = s.Amount.Mul(in.Rates[s.Currency])
				s.Currency = in.Currency
			}
		}
		conv.Rates = nil
		first, err := crm.MRRMovementsFromSubscriptions(conv)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Fatalf("converted first (-want +got):\n%s", diff)
		}
	}
	// The order of the records does not matter.
	shuffled := in
	shuffled.Subscriptions = rapid.Permutation(in.Subscriptions).Draw(t, "shuffled")
	again, err := crm.MRRMovementsFromSubscriptions(shuffled)
	if err != nil || !cmp.Equal(again, got) {
		t.Fatalf("shuffled: %+v, %v", again, err)
	}
}

// TestMRRMovementsFromSubscriptionsLarge checks the partitioned grouping
// (thousands of records, many buckets) against the oracle.
func TestMRRMovementsFromSubscriptionsLarge(t *testing.T) {
	in := crm.SubscriptionMovementsInput{Subscriptions: benchSubscriptions(20_000), From: benchFrom, To: benchTo}
	got, err := crm.MRRMovementsFromSubscriptions(in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(subsOracle(in), got); diff != "" {
		t.Fatalf("oracle (-want +got):\n%s", diff)
	}
	if _, ok, _ := crm.MRRMovementsFast(in); !ok {
		t.Fatal("the benchmark's records took the exact path")
	}
	if got.Customers.Start < 1000 || got.Customers.New == 0 || got.Customers.Churned == 0 ||
		got.Customers.Expanded == 0 || got.Customers.Contracted == 0 || got.Customers.Reactivated == 0 {
		t.Fatalf("the records miss a kind of movement: %+v", got.Customers)
	}
}

// TestMRRMovementsFromSubscriptionsAllocs checks the documented allocation
// bound: a fixed number of allocations, whatever the number of records.
func TestMRRMovementsFromSubscriptionsAllocs(t *testing.T) {
	var counts []float64
	for _, n := range []int{1_000, 30_000} {
		in := crm.SubscriptionMovementsInput{Subscriptions: benchSubscriptions(n), From: benchFrom, To: benchTo}
		counts = append(counts, testing.AllocsPerRun(5, func() { _, _ = crm.MRRMovementsFromSubscriptions(in) }))
	}
	if counts[0] > 30 || counts[1] > 30 {
		t.Errorf("allocations for 1,000 and 30,000 records: %v, want a fixed number ≤ 30", counts)
	}
}

func FuzzMRRMovementsFromSubscriptions(f *testing.F) {
	f.Add([]byte{0, 10, 0, 2, 1, 0, 0, 1, 20, 1, 4, 3, 9, 1}, uint8(5), uint8(10), false)
	f.Add([]byte{2, 255, 250, 1, 0, 3, 2}, uint8(0), uint8(0), true)
	f.Add([]byte{}, uint8(1), uint8(0), false)
	f.Fuzz(func(t *testing.T, data []byte, from, days uint8, converted bool) {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		dayOf := func(b byte) time.Time { return base.Add(time.Duration(b%64) * 24 * time.Hour) }
		in := crm.SubscriptionMovementsInput{From: dayOf(from), To: dayOf(from).Add(time.Duration(int(days)-8) * 24 * time.Hour)}
		if from == 255 {
			in.From = time.Time{}
		}
		if converted {
			in.Currency = "EUR"
			in.Rates = map[string]decimal.Decimal{"USD": dec("0.92"), "GBP": dec("1.171"), "CHF": dec("0")}
		}
		currencies := []string{"EUR", "USD", "GBP", "CHF", "eur", ""}
		// Seven bytes a record: customer, amount coefficient and exponent,
		// interval, start, length, currency.
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
			in.Subscriptions = append(in.Subscriptions, s)
		}
		got, err := crm.MRRMovementsFromSubscriptions(in)
		exactRes, exactErr := crm.MRRMovementsExact(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if exactErr == nil || exactErr.Error() != err.Error() {
				t.Fatalf("error %v, exact path %v", err, exactErr)
			}
			return
		}
		if exactErr != nil || !cmp.Equal(exactRes, got) {
			t.Fatalf("exact path %+v, %v; fast %+v", exactRes, exactErr, got)
		}
		if diff := cmp.Diff(subsOracle(in), got); diff != "" {
			t.Fatalf("oracle (-want +got):\n%s", diff)
		}
		if err := got.MRR.Validate(); err != nil {
			t.Fatal(err)
		}
		if !got.MRR.EndMRR().Equal(subsOracleEnd(in, got.Currency)) {
			t.Fatalf("EndMRR %v is not the MRR at To", got.MRR.EndMRR())
		}
	})
}

// TestSubscriptionMovementsGlobalsIgnored checks that subscription MRR, the
// movements and the summary do not read shopspring/decimal's globals: the
// records need repeating quotients and a conversion, and the error messages
// print decimals.
func TestSubscriptionMovementsGlobalsIgnored(t *testing.T) {
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
		in := crm.SubscriptionMovementsInput{
			Subscriptions: []crm.Subscription{
				subsRec("a", "10.50", crm.BillingWeekly, before, time.Time{}),
				subsRec("a", "100", crm.BillingQuarterly, subsDay(10, 2), time.Time{}),
				subsRec("b", "7", crm.BillingYearly, before, subsDay(10, 2)),
				{CustomerID: "c", Amount: dec("99.99"), Interval: crm.BillingYearly, Start: before, Currency: "USD"},
				subsRec("d", "0.000000000001", crm.BillingQuarterly, before, time.Time{}),
			},
			From: subsFrom, To: subsTo, Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.9137")},
		}
		res, err := crm.MRRMovementsFromSubscriptions(in)
		m := res.MRR
		for _, d := range []decimal.Decimal{m.StartMRR, m.NewMRR, m.ExpansionMRR, m.ContractionMRR, m.ChurnedMRR, m.ReactivationMRR} {
			add(d.StringFixed(14), nil)
		}
		add(fmt.Sprint(res.Customers), err)
		s, err := crm.SummarizeRevenueRetention(m)
		add(s.GrossMRRChurnRate.String()+s.NetMRRChurnRate.String()+s.NetRevenueRetention.String()+
			s.GrossRevenueRetention.String()+s.MRRGrowthRate.String()+s.QuickRatio.StringFixed(12), err)
		// Error messages with decimals in them.
		in.Subscriptions[1].Amount = dec("-1.50")
		_, err = crm.MRRMovementsFromSubscriptions(in)
		add("", err)
		in.Subscriptions[1].Amount = dec("1")
		in.Rates["USD"] = dec("-0.50")
		_, err = crm.MRRMovementsFromSubscriptions(in)
		add("", err)
		_, err = crm.SummarizeRevenueRetention(mrr("10.50", "0", "0", "6.25", "5.000", "0"))
		add("", err)
		return b.String()
	})
}

// TestNaiveMRRMovements checks the benchmark's baseline against the library,
// so that the benchmark compares two ways of computing the same thing.
func TestNaiveMRRMovements(t *testing.T) {
	in := crm.SubscriptionMovementsInput{Subscriptions: benchSubscriptions(5_000), From: benchFrom, To: benchTo}
	got, err := crm.MRRMovementsFromSubscriptions(in)
	if err != nil {
		t.Fatal(err)
	}
	naive, err := naiveMRRMovements(in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(naive, got.MRR); diff != "" {
		t.Errorf("(-naive +kpikit):\n%s", diff)
	}
}
