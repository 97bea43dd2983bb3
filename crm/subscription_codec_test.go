package crm_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// dataInput describes the parameter of the decoders for RequireFieldOf: the
// bytes are one value, not a list of records.
//
//lint:ignore U1000 the field names the decoders' parameter for RequireFieldOf.
type dataInput struct{ data string }

// codecLedger returns a ledger with every kind of entry: open and ended,
// fast and exact MRR, long and short IDs, several currencies.
func codecLedger(t testing.TB) *crm.MRRLedger {
	t.Helper()
	l := &crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": dec("0.92"), "EUR": dec("1")}}
	for _, s := range []crm.Subscription{
		subsRec("acme", "100", crm.BillingMonthly, subsDay(1, 1), time.Time{}),
		subsRec(strings.Repeat("x", 40), "10.5", crm.BillingWeekly, subsDay(2, 3).Add(time.Nanosecond), subsDay(9, 1)),
		subsRec("tiny", "0.000000000001", crm.BillingMonthly, subsDay(1, 1), time.Time{}),
		{CustomerID: "acme", Amount: dec("1200"), Interval: crm.BillingYearly, Start: subsDay(3, 1), Currency: "USD"},
	} {
		if err := l.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// ledgerHeader builds the start of a ledger's binary form as the format
// documents it: magic, currency, rates, entry count and ID bytes.
func ledgerHeader(currency string, rates map[string][2]int64, n, idBytes uint64) []byte {
	b := []byte("kpikit.MRRLedger\x01")
	b = binary.AppendUvarint(b, uint64(len(currency)))
	b = append(b, currency...)
	b = binary.AppendUvarint(b, uint64(len(rates)))
	for k, r := range rates { // {coefficient, exponent}
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendVarint(b, r[1])
		b = append(b, 0) // positive
		c := decimal.NewFromInt(r[0]).Coefficient().Bytes()
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	b = binary.AppendUvarint(b, n)
	return binary.AppendUvarint(b, idBytes)
}

// ledgerEntryStart builds the start of an entry: flags, ID, start, and the
// end when flags has no open end (bit 0).
func ledgerEntryStart(flags byte, id string, startSec int64, startNs uint32, span int64, endNs uint32) []byte {
	b := []byte{flags}
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	b = binary.LittleEndian.AppendUint64(b, uint64(startSec))
	b = binary.LittleEndian.AppendUint32(b, startNs)
	if flags&1 == 0 {
		b = binary.LittleEndian.AppendUint64(b, uint64(startSec+span))
		b = binary.LittleEndian.AppendUint32(b, endNs)
	}
	return b
}

// ledgerEntryBytes builds one fast entry: flags, ID, start, end, units.
func ledgerEntryBytes(flags byte, id string, startSec int64, startNs uint32, span int64, endNs uint32, units uint64) []byte {
	return binary.LittleEndian.AppendUint64(ledgerEntryStart(flags, id, startSec, startNs, span, endNs), units)
}

// exactMRR builds the decimal of an exact entry: exponent, sign, magnitude.
func exactMRR(exp int64, neg byte, mag []byte) []byte {
	b := binary.AppendVarint(nil, exp)
	b = append(b, neg)
	b = binary.AppendUvarint(b, uint64(len(mag)))
	return append(b, mag...)
}

func TestMRRLedgerBinaryRoundTrip(t *testing.T) {
	l := codecLedger(t)
	b, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back crm.MRRLedger
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	for _, p := range []metrics.Period{subsOctober, metrics.Year(2026, nil), {Start: subsDay(2, 3), End: subsDay(2, 3).Add(2 * time.Nanosecond)}} {
		want, _ := l.Movements(p)
		got, err := back.Movements(p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("movements over %v (-want +got):\n%s", p, diff)
		}
	}
	if again, _ := back.MarshalBinary(); !slices.Equal(b, again) {
		t.Error("a second round trip changed the bytes")
	}
	if back.Currency != "EUR" || !back.Rates["USD"].Equal(dec("0.92")) {
		t.Errorf("settings %q %v", back.Currency, back.Rates)
	}
	// The ledger takes more records after decoding, with its settings.
	if err := back.Add(crm.Subscription{CustomerID: "z", Amount: dec("1"), Interval: crm.BillingMonthly, Start: subsDay(1, 1), Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	var empty crm.MRRLedger
	b, _ = empty.MarshalBinary()
	if err := back.UnmarshalBinary(b); err != nil || back.Currency != "" {
		t.Fatalf("empty ledger: %v %q", err, back.Currency)
	}
}

// The settings a ledger cannot be filled with cannot be written either.
func TestMRRLedgerMarshalErrors(t *testing.T) {
	tests := []struct {
		name   string
		ledger crm.MRRLedger
		want   error
		field  string
	}{
		{"currency not a code", crm.MRRLedger{Currency: "eur"}, metrics.ErrInvalid, "Currency"},
		{"rates without a currency", crm.MRRLedger{Rates: map[string]decimal.Decimal{"USD": dec("0.9")}}, metrics.ErrInvalid, "Currency"},
		{"rate of the reporting currency", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"EUR": dec("2")}}, metrics.ErrInconsistent, "Rates"},
		{"rate out of bounds", crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.New(1, 201)}}, metrics.ErrOutOfRange, "Rates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, marshal := range map[string]func() ([]byte, error){"binary": tt.ledger.MarshalBinary, "json": tt.ledger.MarshalJSON} {
				got, err := marshal()
				testkit.RequireSentinel(t, err, tt.want)
				testkit.RequireFieldOf(t, err, subsAddInput{})
				var e *metrics.Error
				errors.As(err, &e)
				if diff := cmp.Diff(tt.field, e.Field); diff != "" {
					t.Errorf("%s: field (-want +got):\n%s", name, diff)
				}
				if got != nil {
					t.Errorf("%s: got %q with an error", name, got)
				}
			}
		})
	}
	// Rates no record needs may be zero, negative or keyed by any text; they
	// round-trip.
	l := crm.MRRLedger{Currency: "EUR", Rates: map[string]decimal.Decimal{"JPY": dec("0"), "xx": dec("-1.5"), "": dec("2")}}
	b, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back crm.MRRLedger
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(l.Rates, back.Rates); diff != "" {
		t.Errorf("rates (-want +got):\n%s", diff)
	}
}

func TestMRRLedgerUnmarshalBinaryErrors(t *testing.T) {
	valid, err := codecLedger(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	one := ledgerEntryBytes(1, "a", 1.7e9, 0, 0, 0, 10)
	hdr := func(n, ids uint64) []byte { return ledgerHeader("EUR", nil, n, ids) }
	cat := func(parts ...[]byte) []byte { return slices.Concat(parts...) }
	tests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"other magic", []byte("kpikit.Cohorts\x01\x00")},
		{"other version", append([]byte("kpikit.MRRLedger\x02"), valid[17:]...)},
		{"trailing byte", append(slices.Clone(valid), 0)},
		{"huge entry count", ledgerHeader("EUR", nil, 1<<62, 0)},
		{"huge ID bytes", cat(ledgerHeader("EUR", nil, 1, 1<<40), one)},
		{"ID bytes that do not add up", cat(hdr(1, 2), one, []byte{0})},
		{"currency not a code", cat(ledgerHeader("eur", nil, 1, 1), one)},
		{"rates without a currency", ledgerHeader("", map[string][2]int64{"USD": {92, -2}}, 0, 0)},
		{"rate of the reporting currency", ledgerHeader("EUR", map[string][2]int64{"EUR": {2, 0}}, 0, 0)},
		{"rate exponent out of bounds", ledgerHeader("EUR", map[string][2]int64{"USD": {1, -1000}}, 0, 0)},
		{"entries without a currency", cat(ledgerHeader("", nil, 1, 1), one)},
		{"empty ID", cat(hdr(1, 0), ledgerEntryBytes(1, "", 1.7e9, 0, 0, 0, 10))},
		{"zero units", cat(hdr(1, 1), ledgerEntryBytes(1, "a", 1.7e9, 0, 0, 0, 0))},
		{"units with the exact flag's bit", cat(hdr(1, 1), ledgerEntryBytes(1, "a", 1.7e9, 0, 0, 0, 1<<63))},
		{"unknown flags", cat(hdr(1, 1), ledgerEntryBytes(4|1, "a", 1.7e9, 0, 0, 0, 10))},
		{"nanoseconds of a whole second", cat(hdr(1, 1), ledgerEntryBytes(1, "a", 1.7e9, 1e9, 0, 0, 10))},
		{"zero start", cat(hdr(1, 1), ledgerEntryBytes(1, "a", -62135596800, 0, 0, 0, 10))},
		{"start before year 1", cat(hdr(1, 1), ledgerEntryBytes(1, "a", -62135596801, 0, 0, 0, 10))},
		{"start after year 9999", cat(hdr(1, 1), ledgerEntryBytes(1, "a", 253402300800, 0, 0, 0, 10))},
		{"span beyond year 9999", cat(hdr(1, 1), ledgerEntryBytes(0, "a", 1.7e9, 0, 1<<40, 0, 10))},
		{"end at start", cat(hdr(1, 1), ledgerEntryBytes(0, "a", 1.7e9, 5, 0, 5, 10))},
		{"end before start", cat(hdr(1, 1), ledgerEntryBytes(0, "a", 1.7e9, 5, 0, 4, 10))},
		{"ID length varint too long", cat(hdr(1, 1), []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, make([]byte, 30))},
		{"exact MRR zero", cat(hdr(1, 1), ledgerEntryStart(1|2, "a", 1.7e9, 0, 0, 0), exactMRR(0, 0, nil), make([]byte, 10))},
		{"exact MRR exponent out of bounds", cat(hdr(1, 1), ledgerEntryStart(1|2, "a", 1.7e9, 0, 0, 0), exactMRR(1e6, 0, []byte{5}), make([]byte, 10))},
		{"exact MRR too long", cat(hdr(1, 1), ledgerEntryStart(1|2, "a", 1.7e9, 0, 0, 0), exactMRR(0, 0, make([]byte, 200)))},
		{"exact MRR negative", cat(hdr(1, 1), ledgerEntryStart(1|2, "a", 1.7e9, 0, 0, 0), exactMRR(0, 1, []byte{5}), make([]byte, 10))},
		{"sign byte not 0 or 1", cat(hdr(1, 1), ledgerEntryStart(1|2, "a", 1.7e9, 0, 0, 0), exactMRR(0, 2, []byte{5}), make([]byte, 10))},
		{"end before year 1", cat(hdr(1, 1), ledgerEntryBytes(0, "a", 1.7e9, 0, -1e11, 0, 10))},
	}
	// Every truncation of a valid form.
	for n := range len(valid) {
		tests = append(tests, struct {
			name string
			data []byte
		}{"truncated to " + string(rune('0'+n%10)), valid[:n]})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := codecLedger(t)
			before, _ := l.MarshalBinary()
			err := l.UnmarshalBinary(tt.data)
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, dataInput{})
			if after, _ := l.MarshalBinary(); !slices.Equal(before, after) {
				t.Error("the ledger changed on an error")
			}
		})
	}
}

func TestMRRLedgerUnmarshalJSONErrors(t *testing.T) {
	entry := func(id, mrr, start, end string) string {
		s := `{"currency":"EUR","subscriptions":[{"customer_id":"` + id + `","mrr":"` + mrr + `","start":"` + start + `"`
		if end != "" {
			s += `,"end":"` + end + `"`
		}
		return s + `}]}`
	}
	const jan, feb = "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
	tests := []struct {
		name, data string
	}{
		{"not JSON", "{"},
		{"an array", "[]"},
		{"rates of numbers", `{"currency":"EUR","rates":{"USD":0.9}}`},
		{"rate not a decimal", `{"currency":"EUR","rates":{"USD":"x"}}`},
		{"rates without a currency", `{"rates":{"USD":"0.9"}}`},
		{"currency not a code", `{"currency":"euro"}`},
		{"MRR not a decimal", entry("a", "ten", jan, "")},
		{"MRR zero", entry("a", "0", jan, "")},
		{"MRR negative", entry("a", "-1", jan, "")},
		{"MRR out of bounds", entry("a", "1e999999999", jan, "")},
		{"empty ID", entry("", "1", jan, "")},
		{"zero start", entry("a", "1", "0001-01-01T00:00:00Z", "")},
		{"end before start", entry("a", "1", feb, jan)},
		{"end at start", entry("a", "1", jan, jan)},
		{"start not a time", entry("a", "1", "January", "")},
		{"subscriptions without a currency", `{"subscriptions":[{"customer_id":"a","mrr":"1","start":"` + jan + `"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := codecLedger(t)
			before, _ := l.MarshalBinary()
			err := l.UnmarshalJSON([]byte(tt.data))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, dataInput{})
			if after, _ := l.MarshalBinary(); !slices.Equal(before, after) {
				t.Error("the ledger changed on an error")
			}
		})
	}
}

// FuzzMRRLedgerUnmarshalBinary feeds the decoder arbitrary bytes: it never
// panics, every error is a kpikit ErrInvalid, and what it accepts encodes to
// a form that decodes to the same bytes again.
func FuzzMRRLedgerUnmarshalBinary(f *testing.F) {
	valid, _ := codecLedger(f).MarshalBinary()
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("kpikit.MRRLedger\x01\x00\x00\x00\x00"))
	f.Add(slices.Concat(ledgerHeader("EUR", nil, 1, 1), ledgerEntryBytes(0, "a", 1.7e9, 3, 100, 2, 77)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l crm.MRRLedger
		if err := l.UnmarshalBinary(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		b, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var again crm.MRRLedger
		if err := again.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if b2, _ := again.MarshalBinary(); !slices.Equal(b, b2) {
			t.Fatal("the canonical form changed on a round trip")
		}
		if _, err := l.Movements(subsOctober); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzMRRLedgerUnmarshalJSON does the same for the JSON form.
func FuzzMRRLedgerUnmarshalJSON(f *testing.F) {
	valid, _ := json.Marshal(codecLedger(f))
	f.Add(valid)
	f.Add([]byte(`{"currency":"EUR","subscriptions":[{"customer_id":"a","mrr":"1e-30","start":"2026-01-01T00:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l crm.MRRLedger
		if err := l.UnmarshalJSON(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var again crm.MRRLedger
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatal(err)
		}
		b1, _ := l.MarshalBinary()
		b2, _ := again.MarshalBinary()
		if !slices.Equal(b1, b2) {
			t.Fatal("a JSON round trip changed the ledger")
		}
	})
}

func TestCohortsUnmarshalErrors(t *testing.T) {
	var c crm.Cohorts
	_ = c.Add(crm.Customer{Start: at("2024-01-05T00:00:00Z"), End: at("2024-03-01T00:00:00Z")})
	_ = c.Add(crm.Customer{Start: at("2024-02-05T00:00:00Z")})
	valid, _ := c.MarshalBinary()
	span := func(flag byte, sec int64, ns, length, endNs uint64) []byte {
		b := []byte{flag}
		b = binary.AppendVarint(b, sec)
		b = binary.AppendUvarint(b, ns)
		if flag == 0 {
			b = binary.AppendUvarint(b, length)
			b = binary.AppendUvarint(b, endNs)
		}
		return b
	}
	one := func(b []byte) []byte { return slices.Concat([]byte("kpikit.Cohorts\x01\x01"), b) }
	binaryTests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"other magic", []byte("kpikit.MRRLedger\x01")},
		{"trailing byte", append(slices.Clone(valid), 0)},
		{"huge count", binary.AppendUvarint([]byte("kpikit.Cohorts\x01"), 1<<62)},
		{"unknown flag", one(span(2, 1.7e9, 0, 0, 0))},
		{"zero start", one(span(1, -62135596800, 0, 0, 0))},
		{"start after year 9999", one(span(1, 253402300800, 0, 0, 0))},
		{"end before start", one(span(0, 1.7e9, 5, 0, 4))},
		{"span beyond year 9999", one(span(0, 1.7e9, 0, 1<<40, 0))},
		{"nanoseconds of a whole second", one(span(1, 1.7e9, 1e9, 0, 0))},
	}
	for n := range len(valid) {
		binaryTests = append(binaryTests, struct {
			name string
			data []byte
		}{"truncated", valid[:n]})
	}
	for _, tt := range binaryTests {
		t.Run("binary/"+tt.name, func(t *testing.T) {
			got := c
			err := got.UnmarshalBinary(tt.data)
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, dataInput{})
			if after, _ := got.MarshalBinary(); !slices.Equal(valid, after) {
				t.Error("the accumulator changed on an error")
			}
		})
	}
	jsonTests := []struct{ name, data string }{
		{"not JSON", "{"},
		{"zero start", `{"customers":[{"start":"0001-01-01T00:00:00Z"}]}`},
		{"end before start", `{"customers":[{"start":"2024-02-01T00:00:00Z","end":"2024-01-01T00:00:00Z"}]}`},
		{"start not a time", `{"customers":[{"start":"x"}]}`},
	}
	for _, tt := range jsonTests {
		t.Run("json/"+tt.name, func(t *testing.T) {
			got := c
			err := got.UnmarshalJSON([]byte(tt.data))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, dataInput{})
			if after, _ := got.MarshalBinary(); !slices.Equal(valid, after) {
				t.Error("the accumulator changed on an error")
			}
		})
	}
}

// FuzzCohortsUnmarshalBinary feeds the decoder arbitrary bytes: it never
// panics, every error is a kpikit ErrInvalid, and what it accepts survives a
// round trip and can be read.
func FuzzCohortsUnmarshalBinary(f *testing.F) {
	var c crm.Cohorts
	_ = c.Add(crm.Customer{Start: at("2024-01-05T00:00:00Z"), End: at("2024-03-01T00:00:00Z")})
	_ = c.Add(crm.Customer{Start: at("2024-02-05T00:00:00Z")})
	valid, _ := c.MarshalBinary()
	f.Add(valid)
	f.Add(valid[:len(valid)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		var got crm.Cohorts
		if err := got.UnmarshalBinary(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		b, _ := got.MarshalBinary()
		var again crm.Cohorts
		if err := again.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if b2, _ := again.MarshalBinary(); !slices.Equal(b, b2) {
			t.Fatal("the canonical form changed on a round trip")
		}
		if _, err := got.Retention(metrics.Year(2024, nil)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestMRRLedgerLargeShards checks the chunked list past its first chunks:
// 20,000 records, with long IDs and exact amounts among them, split in
// uneven shards, serialised and merged, give the ledger of one pass.
func TestMRRLedgerLargeShards(t *testing.T) {
	subs := benchSubscriptions(20_000)
	for i := 0; i < len(subs); i += 97 {
		subs[i].CustomerID = strings.Repeat("long-", 6) + subs[i].CustomerID
		subs[i].Amount = subs[i].Amount.Add(decimal.New(1, -13))
	}
	one := subsLedger(t, subsInput{subs: subs})
	var merged crm.MRRLedger
	for _, cut := range [][2]int{{0, 5000}, {5000, 5001}, {5001, 20_000}} {
		b, err := subsLedger(t, subsInput{subs: subs[cut[0]:cut[1]]}).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back crm.MRRLedger
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if err := merged.Merge(&back); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := one.Movements(benchPeriod)
	got, err := merged.Movements(benchPeriod)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("movements (-one pass +merged):\n%s", diff)
	}
	a, _ := one.MarshalBinary()
	b, _ := merged.MarshalBinary()
	if !slices.Equal(a, b) {
		t.Error("binary forms differ")
	}
	if diff := cmp.Diff(subsOracle(subsInput{subs: subs, period: benchPeriod}), got); diff != "" {
		t.Errorf("oracle (-want +got):\n%s", diff)
	}
}
