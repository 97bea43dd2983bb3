package clv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "time/tzdata" // the zones of the property tests, on any machine

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// decimalExact compares decimals by value and exponent: an exact sum keeps
// the smallest exponent of its terms, and a round trip must keep it too.
var decimalExact = cmp.Comparer(func(a, b decimal.Decimal) bool {
	return a.Equal(b) && a.Exponent() == b.Exponent()
})

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// smallSettings: calibration 2024-01-01 .. 2024-01-28 (4 weeks), holdout
// 2024-01-29 .. 2024-02-11 (2 weeks).
func smallSettings() Summaries {
	return Summaries{Unit: Week,
		Calibration: metrics.Period{Start: day(2024, 1, 1), End: day(2024, 1, 29)},
		Holdout:     metrics.Period{Start: day(2024, 1, 29), End: day(2024, 2, 12)}}
}

func TestSummariesCustomers(t *testing.T) {
	txs := []Transaction{
		// a: three calibration days (two on the 8th), one holdout day, out of order.
		{"a", day(2024, 1, 15).Add(10 * time.Hour), dec("5.50")},
		{"a", day(2024, 1, 8).Add(9 * time.Hour), dec("10")},
		{"a", day(2024, 1, 1), dec("20")},
		{"a", day(2024, 1, 8).Add(23 * time.Hour), dec("2.5")},
		{"a", day(2024, 2, 1), dec("7")},
		// b: one purchase on the last calibration day.
		{"b", day(2024, 1, 28).Add(23*time.Hour + 59*time.Minute), dec("3")},
		// c: first purchase in the holdout: not in the calibration cohort.
		{"c", day(2024, 2, 11), dec("1")},
		// d: holdout first, then an earlier calibration purchase.
		{"d", day(2024, 2, 5), dec("4")},
		{"d", day(2024, 1, 22), dec("6")},
		{"d", day(2024, 2, 5), dec("1")},
	}
	s := smallSettings()
	for i, tx := range txs {
		if err := s.Add(tx); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	want := []CustomerSummary{
		{ID: "a", RFM: RFM{Frequency: 2, Recency: 2, Age: 27.0 / 7, MeanValue: 9}, FirstPurchase: day(2024, 1, 1),
			RepeatValue: dec("18.00"), HoldoutFrequency: 1, HoldoutValue: dec("7")},
		{ID: "b", RFM: RFM{Frequency: 0, Recency: 0, Age: 0}, FirstPurchase: day(2024, 1, 28),
			RepeatValue: decimal.Zero, HoldoutValue: decimal.Zero},
		{ID: "d", RFM: RFM{Frequency: 0, Recency: 0, Age: 6.0 / 7}, FirstPurchase: day(2024, 1, 22),
			RepeatValue: decimal.Zero, HoldoutFrequency: 1, HoldoutValue: dec("5")},
	}
	if diff := cmp.Diff(want, s.Customers(), decimalExact); diff != "" {
		t.Errorf("Customers (-want +got):\n%s", diff)
	}
	wantRFM := []RFM{want[0].RFM, want[1].RFM, want[2].RFM}
	if diff := cmp.Diff(wantRFM, s.RFM()); diff != "" {
		t.Errorf("RFM (-want +got):\n%s", diff)
	}
	if got := s.HoldoutOnly(); got != 1 {
		t.Errorf("HoldoutOnly = %d, want 1", got)
	}
	cal, hold, err := s.Periods()
	if diff := cmp.Diff([]float64{4, 2}, []float64{cal, hold}); diff != "" || err != nil {
		t.Errorf("Periods (-want +got):\n%s %v", diff, err)
	}
}

func TestSummariesUnitsAndLocation(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		unit TimeUnit
		loc  *time.Location
		want RFM
	}{
		// Purchases at 2024-01-01 00:30 CET (2023-12-31 23:30 UTC) and
		// 2024-01-31 23:30 UTC (2024-02-01 00:30 CET).
		{"day UTC", Day, nil, RFM{Frequency: 1, Recency: 31, Age: 31 + 29}},
		{"week UTC", Week, nil, RFM{Frequency: 1, Recency: 31.0 / 7, Age: 60.0 / 7}},
		{"month UTC", Month, nil, RFM{Frequency: 1, Recency: 31 / 30.4375, Age: 60 / 30.4375}},
		{"day CET", Day, paris, RFM{Frequency: 1, Recency: 31, Age: 59}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := tt.loc
			if loc == nil {
				loc = time.UTC
			}
			s := Summaries{Unit: tt.unit, Location: tt.loc,
				Calibration: metrics.Period{Start: time.Date(2023, 12, 31, 0, 0, 0, 0, loc), End: time.Date(2024, 3, 1, 0, 0, 0, 0, loc)}}
			first := time.Date(2024, 1, 1, 0, 30, 0, 0, paris)
			if tt.loc == nil {
				first = time.Date(2023, 12, 31, 23, 30, 0, 0, time.UTC)
			}
			for _, tx := range []Transaction{
				{"x", first, dec("1")},
				{"x", first.Add(31 * 24 * time.Hour), dec("2")},
			} {
				if err := s.Add(tx); err != nil {
					t.Fatal(err)
				}
			}
			got := s.RFM()
			tt.want.MeanValue = 2
			if diff := cmp.Diff([]RFM{tt.want}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// errorOf returns the *metrics.Error of err, failing the test if it is not one.
func errorOf(t *testing.T, err error) *metrics.Error {
	t.Helper()
	var me *metrics.Error
	if !errors.As(err, &me) {
		t.Fatalf("error %v (%T) is not a *metrics.Error", err, err)
	}
	return me
}

func TestSummariesAddErrors(t *testing.T) {
	ok := Transaction{"a", day(2024, 1, 2), dec("1")}
	tests := []struct {
		name     string
		settings func(*Summaries)
		tx       Transaction
		field    string
		sentinel error
	}{
		{"zero settings", func(s *Summaries) { *s = Summaries{} }, ok, "Calibration", metrics.ErrInvalid},
		{"bad unit", func(s *Summaries) { s.Unit = 9 }, ok, "Unit", metrics.ErrInvalid},
		{"calibration reversed", func(s *Summaries) { s.Calibration.End = s.Calibration.Start }, ok, "Calibration", metrics.ErrInvalid},
		{"calibration not whole days", func(s *Summaries) { s.Calibration.End = s.Calibration.End.Add(time.Hour); s.Holdout = metrics.Period{} }, ok, "Calibration.End", metrics.ErrInvalid},
		{"start not whole days", func(s *Summaries) { s.Calibration.Start = s.Calibration.Start.Add(-time.Hour) }, ok, "Calibration.Start", metrics.ErrInvalid},
		{"holdout not whole days", func(s *Summaries) { s.Holdout.End = s.Holdout.End.Add(time.Minute) }, ok, "Holdout.End", metrics.ErrInvalid},
		{"holdout reversed", func(s *Summaries) { s.Holdout.End = day(2024, 1, 20) }, ok, "Holdout", metrics.ErrInvalid},
		{"holdout not after calibration", func(s *Summaries) { s.Holdout.Start = day(2024, 1, 30) }, ok, "Holdout.Start", metrics.ErrInconsistent},
		{"window too long", func(s *Summaries) { s.Holdout.End = day(2200, 1, 1) }, ok, "Holdout", metrics.ErrOutOfRange},
		{"calibration too long", func(s *Summaries) { s.Calibration.Start = day(1800, 1, 1); s.Holdout = metrics.Period{} }, ok, "Calibration", metrics.ErrOutOfRange},
		{"empty customer", nil, Transaction{"", day(2024, 1, 2), dec("1")}, "Customer", metrics.ErrInvalid},
		{"before start", nil, Transaction{"a", day(2023, 12, 31), dec("1")}, "Time", metrics.ErrOutOfRange},
		{"after holdout", nil, Transaction{"a", day(2024, 2, 12), dec("1")}, "Time", metrics.ErrOutOfRange},
		{"negative amount", nil, Transaction{"a", day(2024, 1, 2), dec("-0.01")}, "Amount", metrics.ErrNegative},
		{"amount too fine", nil, Transaction{"a", day(2024, 1, 2), decimal.New(1, -31)}, "Amount", metrics.ErrOutOfRange},
		{"amount too coarse", nil, Transaction{"a", day(2024, 1, 2), decimal.New(1, 31)}, "Amount", metrics.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := smallSettings()
			if tt.settings != nil {
				tt.settings(&s)
			}
			before, _ := s.MarshalBinary()
			err := s.Add(tt.tx)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("Add error %v, want %v", err, tt.sentinel)
			}
			me := errorOf(t, err)
			if diff := cmp.Diff([]string{"clv.Summaries.Add", tt.field}, []string{me.Metric, me.Field}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			after, _ := s.MarshalBinary()
			if !bytes.Equal(before, after) || len(s.Customers()) != 0 {
				t.Error("a failed Add changed the accumulator")
			}
		})
	}
}

func TestSummariesSettingsFrozen(t *testing.T) {
	s := smallSettings()
	if err := s.Add(Transaction{"a", day(2024, 1, 2), dec("1")}); err != nil {
		t.Fatal(err)
	}
	for _, change := range []struct {
		field string
		f     func(*Summaries)
	}{
		{"Unit", func(s *Summaries) { s.Unit = Day }},
		{"Calibration", func(s *Summaries) { s.Calibration.Start = s.Calibration.Start.Add(time.Hour) }},
		{"Calibration", func(s *Summaries) { s.Calibration = metrics.Period{} }},
		{"Holdout", func(s *Summaries) { s.Holdout = metrics.Period{} }},
		{"Location", func(s *Summaries) { s.Location = time.Local }},
	} {
		c := s
		change.f(&c)
		err := c.Add(Transaction{"b", day(2024, 1, 3), dec("1")})
		if me := errorOf(t, err); me.Field != change.field || !errors.Is(err, metrics.ErrMismatch) {
			t.Errorf("%s changed: Add error %v", change.field, err)
		}
		if _, err := c.MarshalBinary(); !errors.Is(err, metrics.ErrMismatch) {
			t.Errorf("%s changed: MarshalBinary error %v", change.field, err)
		}
		z := smallSettings()
		if err := z.Merge(&c); !errors.Is(err, metrics.ErrMismatch) {
			t.Errorf("%s changed: Merge error %v", change.field, err)
		}
	}
}

func TestSummariesMergeErrors(t *testing.T) {
	a := smallSettings()
	b := smallSettings()
	b.Unit = Day
	if err := b.Add(Transaction{"a", day(2024, 1, 2), dec("1")}); err != nil {
		t.Fatal(err)
	}
	before, _ := a.MarshalBinary()
	if err := a.Merge(&b); !errors.Is(err, metrics.ErrMismatch) || errorOf(t, err).Field != "other" {
		t.Errorf("Merge of other units: %v", err)
	}
	if after, _ := a.MarshalBinary(); !bytes.Equal(before, after) {
		t.Error("a failed Merge changed the accumulator")
	}
	bad := Summaries{Calibration: metrics.Period{Start: day(2021, 1, 1), End: day(2020, 1, 1)}}
	if err := a.Merge(&bad); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("Merge of invalid settings: %v", err)
	}
	var nilS *Summaries
	if err := nilS.Merge(&a); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("nil Merge: %v", err)
	}
	if err := nilS.Add(Transaction{}); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("nil Add: %v", err)
	}
	if err := nilS.UnmarshalBinary(nil); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("nil UnmarshalBinary: %v", err)
	}
	if _, _, err := nilS.Periods(); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("nil Periods: %v", err)
	}
	var z Summaries
	if _, _, err := z.Periods(); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("zero Periods: %v", err)
	}
	if len(nilS.Customers()) != 0 || len(nilS.RFM()) != 0 || nilS.HoldoutOnly() != 0 {
		t.Error("nil readers are not empty")
	}
	if err := a.Merge(nil); err != nil {
		t.Errorf("Merge(nil): %v", err)
	}
	if err := a.Merge(&Summaries{}); err != nil {
		t.Errorf("Merge(zero): %v", err)
	}
	// The zero value takes the settings of what it merges.
	if err := z.Merge(&b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.Customers(), z.Customers(), decimalExact); diff != "" {
		t.Errorf("zero.Merge (-want +got):\n%s", diff)
	}
	// Merging s into itself: the days stay, the values double.
	c := smallSettings()
	for _, tx := range []Transaction{{"a", day(2024, 1, 2), dec("1")}, {"a", day(2024, 1, 9), dec("2")}} {
		if err := c.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Merge(&c); err != nil {
		t.Fatal(err)
	}
	got := c.Customers()[0]
	if got.Frequency != 1 || !got.RepeatValue.Equal(dec("4")) {
		t.Errorf("self merge: %+v", got)
	}
}

func TestTimeUnitText(t *testing.T) {
	for _, u := range []TimeUnit{Day, Week, Month} {
		b, err := u.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var v TimeUnit = 7
		if err := v.UnmarshalText(b); err != nil || v != u {
			t.Errorf("round trip of %v: %v, %v", u, v, err)
		}
	}
	if _, err := TimeUnit(3).MarshalText(); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("MarshalText(3): %v", err)
	}
	if diff := cmp.Diff([]string{"TimeUnit(3)", "0"}, []string{TimeUnit(3).String(), strconv.FormatFloat(TimeUnit(3).Days(), 'g', -1, 64)}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var u TimeUnit
	for _, bad := range []string{"Week", "", "fortnight", string(make([]byte, 100))} {
		if err := u.UnmarshalText([]byte(bad)); !errors.Is(err, metrics.ErrInvalid) || u != Week {
			t.Errorf("UnmarshalText(%q): %v, %v", bad, err, u)
		}
	}
	var nilU *TimeUnit
	if err := nilU.UnmarshalText([]byte("day")); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("nil UnmarshalText: %v", err)
	}
}

// summaryOracle computes the summaries of txs naively: per customer, a map
// of day → amount.
func summaryOracle(s Summaries, txs []Transaction) []CustomerSummary {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	calEnd := dayOf(s.Calibration.End)
	byCust := map[string]map[time.Time][]decimal.Decimal{}
	for _, tx := range txs {
		if byCust[tx.Customer] == nil {
			byCust[tx.Customer] = map[time.Time][]decimal.Decimal{}
		}
		d := dayOf(tx.Time)
		byCust[tx.Customer][d] = append(byCust[tx.Customer][d], tx.Amount)
	}
	var ids []string
	for id := range byCust {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := []CustomerSummary{}
	for _, id := range ids {
		var days []time.Time
		for d := range byCust[id] {
			days = append(days, d)
		}
		slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
		if !days[0].Before(calEnd) {
			continue
		}
		c := CustomerSummary{ID: id, RepeatValue: decimal.Zero, HoldoutValue: decimal.Zero}
		y, m, d := days[0].Date()
		c.FirstPurchase = time.Date(y, m, d, 0, 0, 0, 0, loc)
		var rep, hold []decimal.Decimal
		last := days[0]
		for i, d := range days {
			if d.Before(calEnd) {
				if i > 0 {
					c.Frequency++
					rep = append(rep, byCust[id][d]...)
				}
				last = d
			} else {
				c.HoldoutFrequency++
				hold = append(hold, byCust[id][d]...)
			}
		}
		unit := s.Unit.Days()
		c.Recency = float64(last.Sub(days[0]).Hours()/24) / unit
		c.Age = float64(calEnd.Sub(days[0]).Hours()/24-1) / unit
		if len(rep) > 0 {
			c.RepeatValue = decimal.Sum(rep[0], rep[1:]...)
			c.MeanValue = c.RepeatValue.InexactFloat64() / float64(c.Frequency)
		}
		if len(hold) > 0 {
			c.HoldoutValue = decimal.Sum(hold[0], hold[1:]...)
		}
		out = append(out, c)
	}
	return out
}

// genSummariesCase draws settings and transactions within their window.
func genSummariesCase(t *rapid.T) (Summaries, []Transaction) {
	loc := time.UTC
	var setLoc *time.Location
	if rapid.Bool().Draw(t, "zone") {
		zones := []string{"Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"}
		l, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone name"))
		if err != nil {
			t.Fatal(err)
		}
		loc, setLoc = l, l
	}
	date := func(d int, hour int) time.Time {
		return time.Date(2020, 1, 1+d, hour, 0, 0, 0, loc)
	}
	start := rapid.IntRange(0, 2000).Draw(t, "start")
	calDays := rapid.IntRange(1, 130).Draw(t, "calDays")
	holdDays := rapid.IntRange(0, 70).Draw(t, "holdDays")
	s := Summaries{
		Unit:        TimeUnit(rapid.IntRange(0, 2).Draw(t, "unit")),
		Calibration: metrics.Period{Start: date(start, 0), End: date(start+calDays, 0)},
		Location:    setLoc,
	}
	if holdDays > 0 {
		s.Holdout = metrics.Period{Start: s.Calibration.End, End: date(start+calDays+holdDays, 0)}
	}
	n := rapid.IntRange(0, 80).Draw(t, "n")
	txs := make([]Transaction, n)
	for i := range txs {
		d := rapid.IntRange(0, calDays+holdDays-1).Draw(t, "day")
		txs[i] = Transaction{
			Customer: string(rune('a' + rapid.IntRange(0, 7).Draw(t, "cust"))),
			Time:     date(start+d, rapid.IntRange(0, 23).Draw(t, "hour")),
			Amount:   decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "coef"), int32(rapid.IntRange(-4, 2).Draw(t, "exp"))),
		}
	}
	return s, txs
}

// TestSummariesShards: transactions split into random shards, each
// accumulated in a random order, serialised, read back and merged in a random
// order, give the accumulator of one pass (byte for byte), and the one pass
// agrees with a naive oracle.
func TestSummariesShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		settings, txs := genSummariesCase(t)
		one := settings
		for _, tx := range txs {
			if err := one.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(summaryOracle(settings, txs), one.Customers(), decimalExact,
			cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) }),
			cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("one pass against the oracle (-want +got):\n%s", diff)
		}
		k := rapid.IntRange(1, 5).Draw(t, "shards")
		shards := make([]Summaries, k)
		for i := range shards {
			shards[i] = settings
		}
		perm := rapid.Permutation(txs).Draw(t, "order")
		for _, tx := range perm {
			i := rapid.IntRange(0, k-1).Draw(t, "shard")
			if err := shards[i].Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		order := rapid.Permutation(shards).Draw(t, "merge order")
		var merged Summaries
		if rapid.Bool().Draw(t, "configured") {
			merged = settings
		}
		for i := range order {
			b, err := order[i].MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back Summaries
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		want, err := one.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		got, err := merged.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(txs) > 0 && !bytes.Equal(want, got) {
			t.Fatalf("merged shards differ from one pass:\n%x\n%x", want, got)
		}
		if diff := cmp.Diff(one.Customers(), merged.Customers(), decimalExact,
			cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("(-want +got):\n%s", diff)
		}
	})
}

// TestSummariesBinaryRoundTrip: UnmarshalBinary(MarshalBinary(s)) marshals to
// the same bytes, reads the same summaries, and takes more records as s does.
func TestSummariesBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, txs := genSummariesCase(t)
		split := rapid.IntRange(0, len(txs)).Draw(t, "split")
		for _, tx := range txs[:split] {
			if err := s.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Summaries
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		for _, tx := range txs[split:] {
			if err := s.Add(tx); err != nil {
				t.Fatal(err)
			}
			if err := back.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		b1, _ := s.MarshalBinary()
		b2, _ := back.MarshalBinary()
		if !bytes.Equal(b1, b2) {
			t.Fatalf("after the round trip and more records:\n%x\n%x", b1, b2)
		}
	})
}

func TestSummariesUnmarshalErrors(t *testing.T) {
	s := smallSettings()
	for _, tx := range []Transaction{
		{"a", day(2024, 1, 2), dec("1")}, {"a", day(2024, 1, 9), dec("2")},
		{"b", day(2024, 2, 2), dec("3")}, {"c", day(2024, 1, 5), dec("4")},
	} {
		if err := s.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	good, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	zero, _ := (&Summaries{}).MarshalBinary()
	var z Summaries
	if err := z.UnmarshalBinary(zero); err != nil || len(z.Customers()) != 0 {
		t.Fatalf("zero round trip: %v", err)
	}
	bad := [][]byte{
		nil, []byte("kpclvS"), []byte("kpclvS\x02\x00"), append(slices.Clone(zero), 0),
		[]byte("kpclvS\x01\x02"), []byte("kpclvS\x01\x01\x05"),
	}
	for i := 1; i < len(good); i++ {
		bad = append(bad, good[:i])
	}
	bad = append(bad, append(slices.Clone(good), 0))
	for i, b := range bad {
		var got Summaries = s
		err := got.UnmarshalBinary(b)
		if !errors.Is(err, metrics.ErrInvalid) {
			t.Fatalf("case %d (%x): error %v, want ErrInvalid", i, b, err)
		}
		if after, _ := got.MarshalBinary(); !bytes.Equal(after, good) {
			t.Fatalf("case %d: a failed UnmarshalBinary changed the accumulator", i)
		}
	}
}

func FuzzSummariesAdd(f *testing.F) {
	f.Add("a", int64(1704153600), "12.5", "b", int64(1704240000), "3", uint8(0))
	f.Add("", int64(0), "-1", "a", int64(-1), "1e40", uint8(2))
	f.Fuzz(func(t *testing.T, c1 string, t1 int64, a1 string, c2 string, t2 int64, a2 string, unit uint8) {
		s := smallSettings()
		s.Unit = TimeUnit(unit % 4)
		for _, r := range []struct {
			c string
			t int64
			a string
		}{{c1, t1, a1}, {c2, t2, a2}} {
			amt, err := decimal.NewFromString(r.a)
			if err != nil {
				continue
			}
			before, _ := s.MarshalBinary()
			err = s.Add(Transaction{r.c, time.Unix(r.t, 0), amt})
			if err != nil {
				if testkit.Sentinel(err) == nil {
					t.Fatalf("error %v unwraps to no sentinel", err)
				}
				if after, _ := s.MarshalBinary(); !bytes.Equal(before, after) {
					t.Fatal("a failed Add changed the accumulator")
				}
			}
		}
		for _, c := range s.Customers() {
			for _, v := range []float64{c.Recency, c.Age, c.MeanValue} {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("summary %+v", c)
				}
			}
			if c.Recency > c.Age {
				t.Fatalf("Recency > Age: %+v", c)
			}
		}
	})
}

func FuzzSummariesUnmarshalBinary(f *testing.F) {
	s := smallSettings()
	for _, tx := range []Transaction{
		{"a", day(2024, 1, 2), dec("1")}, {"a", day(2024, 1, 9), dec("2.25")},
		{"b", day(2024, 2, 2), dec("3")}, {"c", day(2024, 1, 5), dec("4")},
	} {
		_ = s.Add(tx)
	}
	good, _ := s.MarshalBinary()
	zero, _ := (&Summaries{}).MarshalBinary()
	f.Add(good)
	f.Add(zero)
	f.Add([]byte("kpclvS\x01\x01\x00\x03UTC\x00\x01\x01\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Summaries
		err := s.UnmarshalBinary(data)
		if err != nil {
			if testkit.Sentinel(err) == nil {
				t.Fatalf("error %v unwraps to no sentinel", err)
			}
			return
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary after a successful UnmarshalBinary: %v", err)
		}
		var again Summaries
		if err := again.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		b2, _ := again.MarshalBinary()
		if !bytes.Equal(b, b2) {
			t.Fatal("the binary form does not round-trip")
		}
		for _, c := range s.Customers() {
			if c.Recency > c.Age || c.Frequency < 0 || math.IsNaN(c.MeanValue) || math.IsInf(c.MeanValue, 0) {
				t.Fatalf("summary %+v", c)
			}
		}
	})
}

// TestDayNumber: the day number of a time is that of its calendar date in
// the location, and civilFromDays inverts it.
func TestDayNumber(t *testing.T) {
	zones := []string{"UTC", "Europe/Paris", "America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns"}
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		tm := time.Unix(rapid.Int64Range(-1e11, 1e11).Draw(t, "unix"), 0)
		y, m, d := tm.In(loc).Date()
		// A UTC midnight is a whole multiple of 86,400 seconds, so / is exact.
		want := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
		if got := dayNumber(tm, loc); got != want {
			t.Fatalf("dayNumber(%v in %v) = %d, want %d", tm, loc, got, want)
		}
		cy, cm, cd := civilFromDays(want)
		if cy != int64(y) || cm != m || cd != d {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %d-%d-%d", want, cy, cm, cd, y, m, d)
		}
	})
}

// rawCustomer is one customer of a hand-built binary form.
type rawCustomer struct {
	id     string
	first  uint64
	kind   byte
	words  []uint64
	values [][2]int64 // (exponent, coefficient) of each sum present
}

// rawSummaries builds the binary form by hand, independently of
// MarshalBinary: header, settings, customers.
func rawSummaries(unit byte, loc string, start int64, cal, days uint64, custs []rawCustomer) []byte {
	b := append([]byte("kpclvS"), 1, 1, unit)
	b = binary.AppendUvarint(b, uint64(len(loc)))
	b = append(b, loc...)
	b = binary.AppendVarint(b, start)
	b = binary.AppendUvarint(b, cal)
	b = binary.AppendUvarint(b, days)
	b = binary.AppendUvarint(b, uint64(len(custs)))
	for _, c := range custs {
		b = binary.AppendUvarint(b, uint64(len(c.id)))
		b = append(b, c.id...)
		b = binary.AppendUvarint(b, c.first)
		b = append(b, c.kind)
		for _, w := range c.words {
			b = binary.LittleEndian.AppendUint64(b, w)
		}
		for _, v := range c.values {
			b = binary.AppendVarint(b, v[0])
			m := big.NewInt(v[1]).Bytes()
			b = binary.AppendUvarint(b, uint64(len(m)))
			b = append(b, m...)
		}
	}
	return b
}

func TestSummariesBinaryForm(t *testing.T) {
	start := day(2024, 1, 1).Unix() / 86400
	one := rawCustomer{id: "a", first: 2, values: [][2]int64{{-2, 1250}}}                                             // one calibration day
	two := rawCustomer{id: "b", first: 1, kind: 1, words: []uint64{1<<1 | 1<<30}, values: [][2]int64{{0, 5}, {0, 7}}} // day 1 and holdout day 30
	good := rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{one, two})
	var s Summaries
	if err := s.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
	want := []CustomerSummary{
		{ID: "a", RFM: RFM{Age: 25.0 / 7}, FirstPurchase: day(2024, 1, 3), RepeatValue: decimal.Zero, HoldoutValue: decimal.Zero},
		{ID: "b", RFM: RFM{Age: 26.0 / 7}, FirstPurchase: day(2024, 1, 2), RepeatValue: decimal.Zero,
			HoldoutFrequency: 1, HoldoutValue: dec("7")},
	}
	if diff := cmp.Diff(want, s.Customers(), decimalExact); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if back, _ := s.MarshalBinary(); !bytes.Equal(back, good) {
		t.Errorf("MarshalBinary differs from the hand-built form:\n%x\n%x", back, good)
	}
	bad := map[string][]byte{
		"unit":              rawSummaries(7, "UTC", start, 28, 42, nil),
		"no calibration":    rawSummaries(0, "UTC", start, 0, 42, nil),
		"window too short":  rawSummaries(0, "UTC", start, 28, 27, nil),
		"start far off":     rawSummaries(0, "UTC", 2e9, 28, 42, nil),
		"unknown zone":      rawSummaries(0, "Nowhere/Atlantis", start, 28, 42, nil),
		"empty zone":        rawSummaries(0, "", start, 28, 42, nil),
		"too many days":     rawSummaries(0, "UTC", start, 28, MaxObservationDays+1, nil),
		"empty ID":          rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{{id: "", first: 1, values: [][2]int64{{0, 1}}}}),
		"unsorted IDs":      rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{two, one}),
		"duplicate IDs":     rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{one, one}),
		"first out of days": rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{{id: "a", first: 42, values: [][2]int64{{0, 1}}}}),
		"kind":              rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{{id: "a", first: 1, kind: 2}}),
		"day outside window": rawSummaries(0, "UTC", start, 28, 42,
			[]rawCustomer{{id: "a", first: 1, kind: 1, words: []uint64{1<<1 | 1<<50}, values: [][2]int64{{0, 1}, {0, 1}}}}),
		"bitset of one day": rawSummaries(0, "UTC", start, 28, 42,
			[]rawCustomer{{id: "a", first: 1, kind: 1, words: []uint64{1 << 1}, values: [][2]int64{{0, 1}}}}),
		"bitset not from first": rawSummaries(0, "UTC", start, 28, 42,
			[]rawCustomer{{id: "a", first: 1, kind: 1, words: []uint64{1<<2 | 1<<3}, values: [][2]int64{{0, 1}, {0, 1}}}}),
		"exponent":    rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{{id: "a", first: 1, values: [][2]int64{{31, 1}}}}),
		"missing sum": rawSummaries(0, "UTC", start, 28, 42, []rawCustomer{{id: "a", first: 1}}),
		"huge count": append(rawSummaries(0, "UTC", start, 28, 42, nil)[:len(rawSummaries(0, "UTC", start, 28, 42, nil))-1],
			0xff, 0xff, 0xff, 0xff, 0x0f),
	}
	for name, b := range bad {
		var got Summaries
		if err := got.UnmarshalBinary(b); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s: error %v, want ErrInvalid", name, err)
		}
	}
}

func TestSummariesLocations(t *testing.T) {
	for _, loc := range []*time.Location{time.Local, time.UTC} {
		s := smallSettings()
		s.Location = loc
		s.Calibration = metrics.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, loc), End: time.Date(2024, 1, 29, 0, 0, 0, 0, loc)}
		s.Holdout = metrics.Period{}
		if err := s.Add(Transaction{"a", time.Date(2024, 1, 2, 12, 0, 0, 0, loc), dec("1")}); err != nil {
			t.Fatal(err)
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Summaries
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s.Customers(), back.Customers(), decimalExact,
			cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("%v: (-want +got):\n%s", loc, diff)
		}
	}
	for _, tt := range []struct {
		loc      *time.Location
		sentinel error
	}{
		{time.FixedZone("Somewhere", 3600), metrics.ErrInvalid},
		{time.FixedZone(strings.Repeat("x", 300), 0), metrics.ErrOutOfRange},
	} {
		s := smallSettings()
		s.Location = tt.loc
		s.Calibration = metrics.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, tt.loc), End: time.Date(2024, 1, 29, 0, 0, 0, 0, tt.loc)}
		s.Holdout = metrics.Period{}
		if _, err := s.MarshalBinary(); !errors.Is(err, tt.sentinel) || errorOf(t, err).Field != "Location" {
			t.Errorf("MarshalBinary with %.20s: %v, want %v", tt.loc, err, tt.sentinel)
		}
	}
	// Merge into an accumulator whose settings are invalid.
	s := smallSettings()
	s.Unit = 9
	o := smallSettings()
	if err := s.Merge(&o); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("Merge into invalid settings: %v", err)
	}
}
