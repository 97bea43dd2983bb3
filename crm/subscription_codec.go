package crm

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"maps"
	"math/big"
	"slices"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// idHash is a fixed hash of a customer ID (FNV-1a folded to 32 bits, eight
// bytes at a time), the same in every process: it puts a ledger's entries
// in a canonical order cheaply. Grouping at read time uses a seeded hash.
func idHash(s []byte) uint32 {
	h := uint64(14695981039346656037)
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ v) * 1099511628211
		h ^= h >> 32
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return uint32(h ^ h>>32)
}

// compareEntries orders ledger entries canonically: by hash, customer ID,
// start, end and MRR.
func (l *MRRLedger) compareEntries(a, b *ledgerEntry) int {
	if c := cmp.Compare(a.hash, b.hash); c != 0 {
		return c
	}
	if c := bytes.Compare(l.id(a), l.id(b)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.startSec, b.startSec); c != 0 {
		return c
	}
	if c := cmp.Compare(a.startNs, b.startNs); c != 0 {
		return c
	}
	if c := cmp.Compare(a.endSec, b.endSec); c != 0 {
		return c
	}
	if c := cmp.Compare(a.endNs, b.endNs); c != 0 {
		return c
	}
	ax, bx := a.mrr&exactFlag != 0, b.mrr&exactFlag != 0
	switch {
	case !ax && !bx:
		return cmp.Compare(a.mrr, b.mrr)
	case ax != bx:
		return cmp.Compare(a.mrr&exactFlag, b.mrr&exactFlag)
	}
	return l.mrrOf(a).Cmp(l.mrrOf(b))
}

// order returns the entries' positions in canonical order, each in the low
// 32 bits of a key whose high bits are the entry's hash: a radix sort of the
// hashes, then a full comparison within each run of equal hashes (most
// often one customer's subscriptions).
func (l *MRRLedger) order() []uint64 {
	keys := make([]uint64, l.entries.n)
	for i := range keys {
		keys[i] = uint64(l.entries.at(i).hash)<<32 | uint64(i)
	}
	sortHigh(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j]>>32 == keys[i]>>32 {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], func(a, b uint64) int {
				return l.compareEntries(l.entries.at(int(uint32(a))), l.entries.at(int(uint32(b))))
			})
		}
		i = j
	}
	return keys
}

// sortHigh sorts keys by their high 32 bits, stably: four passes of a radix
// sort on a byte each.
func sortHigh(keys []uint64) {
	if len(keys) < 64 {
		slices.SortStableFunc(keys, func(a, b uint64) int { return cmp.Compare(a>>32, b>>32) })
		return
	}
	src, dst := keys, make([]uint64, len(keys))
	for shift := uint(32); shift < 64; shift += 8 {
		var at [257]int
		for _, k := range src {
			at[(k>>shift)&0xff+1]++
		}
		for i := 1; i < len(at); i++ {
			at[i] += at[i-1]
		}
		for _, k := range src {
			d := (k >> shift) & 0xff
			dst[at[d]] = k
			at[d]++
		}
		src, dst = dst, src
	}
	// Four passes leave the result in keys.
}

// ledgerMagic starts the binary form of an MRRLedger, with its version.
const ledgerMagic = "kpikit.MRRLedger\x01"

// minEntryBytes is the size of the smallest entry in the binary form: flags,
// ID length, one byte of ID, start, and an exact MRR of three bytes at the
// least (exponent, sign, length).
const minEntryBytes = 1 + 1 + 1 + 12 + 3

// The flags of an entry in the binary form.
const (
	entryOpen  = 1 << iota // no end: still active
	entryExact             // the MRR is a decimal, not units
)

// MarshalBinary implements [encoding.BinaryMarshaler]: the ledger's settings
// and subscriptions in a compact binary form that
// [MRRLedger.UnmarshalBinary] reads back exactly. The form is canonical:
// ledgers holding the same subscriptions give the same bytes, whatever the
// order in which they were added or merged.
//
// MarshalBinary returns an error if:
//   - the settings are invalid as [MRRLedger.Add] reports them: Currency
//     not a code or empty beside Rates ([metrics.ErrInvalid]), a rate other
//     than 1 for Currency ([metrics.ErrInconsistent]), a rate out of bounds
//     ([metrics.ErrOutOfRange])
func (l MRRLedger) MarshalBinary() ([]byte, error) {
	if err := l.checkSettings("crm.MRRLedger.MarshalBinary"); err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(ledgerMagic)+32+len(l.Rates)*40+len(l.ids)+l.entries.n*38)
	b = append(b, ledgerMagic...)
	b = appendString(b, l.Currency)
	b = binary.AppendUvarint(b, uint64(len(l.Rates)))
	for _, k := range slices.Sorted(maps.Keys(l.Rates)) {
		b = appendString(b, k)
		b = appendDecimal(b, l.Rates[k])
	}
	b = binary.AppendUvarint(b, uint64(l.entries.n))
	b = binary.AppendUvarint(b, uint64(len(l.ids)))
	for _, k := range l.order() {
		e := l.entries.at(int(uint32(k)))
		var flags byte
		if e.endSec == openEnd {
			flags |= entryOpen
		}
		if e.mrr&exactFlag != 0 {
			flags |= entryExact
		}
		b = append(b, flags)
		b = binary.AppendUvarint(b, uint64(e.idLen))
		b = append(b, l.id(e)...)
		b = binary.LittleEndian.AppendUint64(b, uint64(e.startSec))
		b = binary.LittleEndian.AppendUint32(b, uint32(e.startNs))
		if flags&entryOpen == 0 {
			b = binary.LittleEndian.AppendUint64(b, uint64(e.endSec))
			b = binary.LittleEndian.AppendUint32(b, uint32(e.endNs))
		}
		if flags&entryExact != 0 {
			b = appendDecimal(b, l.mrrOf(e))
		} else {
			b = binary.LittleEndian.AppendUint64(b, e.mrr)
		}
	}
	return b, nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces the
// ledger with the one [MRRLedger.MarshalBinary] wrote into data, settings
// included. It checks every value as [MRRLedger.Add] does and allocates no
// more than data's length allows, whatever data holds.
//
// UnmarshalBinary returns an error if:
//   - data is not a ledger's binary form: truncated, corrupt, with trailing
//     bytes, or holding a value Add would reject ([metrics.ErrInvalid]);
//     the ledger is then unchanged
func (l *MRRLedger) UnmarshalBinary(data []byte) error {
	const metric = "crm.MRRLedger.UnmarshalBinary"
	r := newReader(data)
	if !r.magic(ledgerMagic) {
		return r.fail(metric, "is not an MRRLedger's binary form")
	}
	var out MRRLedger
	out.Currency = string(r.bytes())
	if n := r.count(4); n > 0 {
		out.Rates = make(map[string]decimal.Decimal, n)
		for range n {
			k := string(r.bytes())
			out.Rates[k] = r.decimal()
		}
	}
	n := r.count(minEntryBytes)
	idBytes := r.count(1) // the customer IDs' bytes in all
	if r.bad {
		return r.fail(metric, "is truncated or corrupt")
	}
	if err := out.checkSettings(metric); err != nil {
		return r.fail(metric, "holds invalid settings: "+err.Error())
	}
	out.ids = make([]byte, 0, idBytes)
	for range n {
		flags := r.byte()
		id := r.bytes()
		e := ledgerEntry{startSec: int64(r.fixed64()), startNs: r.nanos32(), endSec: openEnd}
		if flags&entryOpen == 0 {
			e.endSec, e.endNs = int64(r.fixed64()), r.nanos32()
		}
		var v decimal.Decimal
		var units uint64
		if flags&entryExact != 0 {
			v = r.decimal()
		} else if units = r.fixed64(); units == 0 || units >= exactFlag {
			r.bad = true
		}
		if r.bad || flags > entryOpen|entryExact {
			return r.fail(metric, "is truncated or corrupt")
		}
		if err := out.checkEntry(len(id), &e, v, units); err != "" {
			return r.fail(metric, err)
		}
		if units > 0 {
			e.mrr = units
		} else {
			out.setMRR(&e, v)
		}
		out.pushBytes(e, id)
	}
	if !r.done() || len(out.ids) != idBytes {
		return r.fail(metric, "is corrupt or has bytes after the ledger")
	}
	*l = out
	return nil
}

// checkEntry returns what is wrong with a decoded entry, the length of its
// customer ID and its MRR, v or (when it is not zero) units, or "".
func (l *MRRLedger) checkEntry(idLen int, e *ledgerEntry, v decimal.Decimal, units uint64) string {
	switch {
	case l.Currency == "":
		return "holds subscriptions without a Currency"
	case idLen == 0:
		return "holds an empty customer ID"
	case e.startSec < minLedgerSec || e.startSec >= maxLedgerSec || e.endSec != openEnd && (e.endSec < minLedgerSec || e.endSec >= maxLedgerSec):
		return "holds an instant outside the years 1..9999"
	case e.startSec == minLedgerSec && e.startNs == 0:
		return "holds a zero Start"
	case !instantBefore(e.startSec, e.startNs, e.endSec, e.endNs):
		return "holds a subscription that ends before it starts"
	case units == 0 && (v.Sign() <= 0 || !ledgerBounded(v)):
		return "holds an MRR that is not positive or out of bounds"
	}
	return ""
}

// ledgerJSON is the JSON form of an MRRLedger.
type ledgerJSON struct {
	Currency      string            `json:"currency,omitempty"`
	Rates         map[string]string `json:"rates,omitempty"`
	Subscriptions []ledgerEntryJSON `json:"subscriptions"`
}

// ledgerEntryJSON is one subscription of a ledger in JSON: its MRR in the
// ledger's currency, as an exact decimal string.
type ledgerEntryJSON struct {
	CustomerID string    `json:"customer_id"`
	MRR        string    `json:"mrr"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end,omitzero"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"currency": "EUR", "rates": {"USD": "0.92"},
//	 "subscriptions": [{"customer_id": "acme", "mrr": "49.9",
//	                    "start": "2026-01-01T00:00:00Z", "end": "..."}]}
//
// with each subscription's MRR in the ledger's currency as an exact decimal
// string, times in UTC (RFC 3339), no "end" while a subscription is active,
// and the subscriptions in the canonical order of [MRRLedger.MarshalBinary].
// [MRRLedger.UnmarshalJSON] reads it back exactly. It returns the errors of
// MarshalBinary.
func (l MRRLedger) MarshalJSON() ([]byte, error) {
	if err := l.checkSettings("crm.MRRLedger.MarshalJSON"); err != nil {
		return nil, err
	}
	out := ledgerJSON{Currency: l.Currency, Subscriptions: make([]ledgerEntryJSON, l.entries.n)}
	if len(l.Rates) > 0 {
		out.Rates = make(map[string]string, len(l.Rates))
		for k, r := range l.Rates {
			out.Rates[k] = exact.Text(r)
		}
	}
	for i, k := range l.order() {
		e := l.entries.at(int(uint32(k)))
		j := &out.Subscriptions[i]
		j.CustomerID, j.MRR = string(l.id(e)), exact.Text(l.mrrOf(e).Normalize())
		j.Start = time.Unix(e.startSec, int64(e.startNs)).UTC()
		if e.endSec != openEnd {
			j.End = time.Unix(e.endSec, int64(e.endNs)).UTC()
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces the ledger with
// the one [MRRLedger.MarshalJSON] wrote, settings included, checking every
// value as [MRRLedger.Add] does.
//
// UnmarshalJSON returns an error if:
//   - data is not a ledger's JSON form, or holds a value Add would reject
//     ([metrics.ErrInvalid]); the ledger is then unchanged
func (l *MRRLedger) UnmarshalJSON(data []byte) error {
	const metric = "crm.MRRLedger.UnmarshalJSON"
	var in ledgerJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return check.Err(metric, "data", nil, metrics.ErrInvalid, "is not an MRRLedger's JSON form: "+err.Error())
	}
	out := MRRLedger{Currency: in.Currency}
	if len(in.Rates) > 0 {
		out.Rates = make(map[string]decimal.Decimal, len(in.Rates))
		for k, text := range in.Rates {
			r, err := decimal.NewFromString(text)
			if err != nil {
				return check.Err(metric, "data", nil, metrics.ErrInvalid, "holds a rate that is not a decimal")
			}
			out.Rates[k] = r
		}
	}
	if err := out.checkSettings(metric); err != nil {
		return check.Err(metric, "data", nil, metrics.ErrInvalid, "holds invalid settings: "+err.Error())
	}
	for _, j := range in.Subscriptions {
		v, err := decimal.NewFromString(j.MRR)
		if err != nil {
			return check.Err(metric, "data", nil, metrics.ErrInvalid, "holds an MRR that is not a decimal")
		}
		if j.Start.IsZero() {
			return check.Err(metric, "data", nil, metrics.ErrInvalid, "holds a zero Start")
		}
		e := ledgerEntry{endSec: openEnd}
		e.startSec, e.startNs = j.Start.Unix(), int32(j.Start.Nanosecond())
		if !j.End.IsZero() {
			e.endSec, e.endNs = j.End.Unix(), int32(j.End.Nanosecond())
		}
		if err := out.checkEntry(len(j.CustomerID), &e, v, 0); err != "" {
			return check.Err(metric, "data", nil, metrics.ErrInvalid, err)
		}
		out.appendEntry(e, j.CustomerID, v)
	}
	*l = out
	return nil
}

// appendString appends s with its length.
func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendDecimal appends d without trailing zeros: its exponent, its sign
// (1 for negative), then its coefficient's magnitude in bytes with their
// length.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	d = d.Normalize()
	b = binary.AppendVarint(b, int64(d.Exponent()))
	b = append(b, boolByte(d.Sign() < 0))
	c := d.Coefficient().Bytes()
	b = binary.AppendUvarint(b, uint64(len(c)))
	return append(b, c...)
}

// reader decodes a binary form. Every read checks the bytes left; a failed
// read sets bad and returns a zero value, so a decoder checks bad once in
// a while rather than after each read.
type reader struct {
	s   []byte
	off int
	bad bool
}

func newReader(data []byte) *reader { return &reader{s: data} }

// fail returns the error of a decoder for metric.
func (r *reader) fail(metric, detail string) error {
	return check.Err(metric, "data", nil, metrics.ErrInvalid, detail)
}

func (r *reader) magic(m string) bool {
	if !bytes.HasPrefix(r.s, []byte(m)) {
		return false
	}
	r.off = len(m)
	return true
}

func (r *reader) done() bool { return !r.bad && r.off == len(r.s) }

func (r *reader) byte() byte {
	if r.bad || r.off >= len(r.s) {
		r.bad = true
		return 0
	}
	r.off++
	return r.s[r.off-1]
}

func (r *reader) uvarint() uint64 {
	if r.bad {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			break
		}
		c := r.s[r.off]
		r.off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				break
			}
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
	}
	r.bad = true
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length and checks that the bytes left hold that many items
// of at least min bytes each, so that a hostile length allocates nothing.
func (r *reader) count(min int) int {
	n := r.uvarint()
	if r.bad || n > uint64((len(r.s)-r.off)/min) {
		r.bad = true
		return 0
	}
	return int(n)
}

// bytes reads a length and that many bytes, which stay in the data.
func (r *reader) bytes() []byte {
	n := r.count(1)
	if r.bad {
		return nil
	}
	r.off += n
	return r.s[r.off-n : r.off]
}

// fixed64 reads eight bytes, little-endian.
func (r *reader) fixed64() uint64 {
	if r.bad || len(r.s)-r.off < 8 {
		r.bad = true
		return 0
	}
	r.off += 8
	return binary.LittleEndian.Uint64(r.s[r.off-8:])
}

// nanos32 reads a nanosecond within a second in four bytes, little-endian.
func (r *reader) nanos32() int32 {
	if r.bad || len(r.s)-r.off < 4 {
		r.bad = true
		return 0
	}
	r.off += 4
	n := binary.LittleEndian.Uint32(r.s[r.off-4:])
	if n >= 1e9 {
		r.bad = true
		return 0
	}
	return int32(n)
}

// nanos reads a nanosecond within a second.
func (r *reader) nanos() int32 {
	n := r.uvarint()
	if n >= 1e9 {
		r.bad = true
		return 0
	}
	return int32(n)
}

// span reads a positive length of time in seconds that keeps an instant
// within the years a ledger accepts.
func (r *reader) span() int64 {
	n := r.uvarint()
	if n > uint64(maxLedgerSec-minLedgerSec) {
		r.bad = true
		return 0
	}
	return int64(n)
}

// decimal reads what appendDecimal wrote, with the exponent and digits
// checked before the coefficient is built.
func (r *reader) decimal() decimal.Decimal {
	exp := r.varint()
	neg := r.byte()
	c := r.bytes()
	if r.bad || exp < -maxLedgerExp || exp > maxLedgerExp || len(c) > maxLedgerExp/2 || neg > 1 {
		r.bad = true
		return decimal.Decimal{}
	}
	v := new(big.Int).SetBytes(c)
	if neg == 1 {
		v.Neg(v)
	}
	return decimal.NewFromBigInt(v, int32(exp))
}
