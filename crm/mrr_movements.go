package crm

import (
	"bytes"
	"hash/maphash"
	"maps"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// MRRLedger is an accumulator of subscription records: the subscriptions
// that ever brought monthly recurring revenue (MRR), each with its MRR in
// one reporting currency and the span of time it was active. From it,
// [MRRLedger.Movements] reads how MRR moved over any [metrics.Period], and
// how many customers made each movement: one ledger serves every month of a
// twelve-month trend.
//
// The zero value is an empty ledger that takes its reporting currency from
// the first subscription added. Set Currency, and Rates when the records
// come in several currencies, before the first [MRRLedger.Add], and do not
// change them afterwards.
//
// Ledgers filled apart (per goroutine, per shard, per process, in any split
// of the records, even with one customer's subscriptions in several of
// them) combine with [MRRLedger.Merge] into the ledger of all the records:
// the ledger keeps each subscription, not per-period totals, because a
// customer's movement (new, expansion, churn, reactivation) depends on all
// their subscriptions together, and because any period can then be read.
// [MRRLedger.MarshalBinary] and [MRRLedger.MarshalJSON] carry a ledger
// between processes; their output is canonical, so equal ledgers give equal
// bytes whatever the order of the records and merges.
//
// Speed: [MRRLedger.Add] costs the same per record from thousands to
// millions of records, without allocating per record (48 bytes of state
// per subscription, plus its customer ID's bytes, in chunks that are never
// copied once full), when the amounts are ordinary: prices with a few
// decimals, rates with a few more, and every customer's MRR below
// 1.8 × 10^9 in the reporting currency. Other amounts, such as an MRR with
// more than 10 digits after the point, take an exact path that allocates,
// with the same results.
//
// A ledger is not safe for concurrent use: give each goroutine its own and
// merge them.
type MRRLedger struct {
	// Currency is the ISO 4217 code of the reporting currency, three capital
	// letters, in which the ledger keeps every MRR. When it is empty, the
	// first subscription added sets it to its own currency, and Rates must
	// be empty.
	Currency string
	// Rates converts the records' currencies to Currency: Rates["USD"] is the
	// number of units of Currency that one US dollar is worth (0.92 for a
	// Currency of "EUR"). A record in Currency needs no rate; a rate for
	// Currency itself must be 1. Rates may be nil when every record is in
	// Currency. Each record is converted when it is added: use the rates of
	// the period you report on.
	Rates map[string]decimal.Decimal

	entries entryList
	// ids holds the customer IDs of the entries, one after the other, so
	// that entries hold no pointers for the garbage collector to scan.
	ids []byte
	// exact holds the MRRs that fast units cannot hold; an entry with
	// exactFlag set in mrr holds the index of its MRR here.
	exact []decimal.Decimal

	// The last currency converted, and its rate: records rarely alternate.
	last     string
	lastRate decimal.Decimal
	lastCoef uint64
	lastExp  int32
	lastFast bool
}

// ledgerEntry is one subscription that brought MRR: its customer's ID
// (MRRLedger.ids[idOff:idOff+idLen]), its MRR in units of 10^−10 of the
// reporting currency (or, with exactFlag, the index of its MRR in
// MRRLedger.exact), and the instants [start, end) it was active, as
// seconds since 1970 and nanoseconds. An open end is openEnd. hash orders
// entries canonically; it depends on the ID alone. It is 48 bytes, without
// pointers.
type ledgerEntry struct {
	mrr              uint64
	startSec, endSec int64
	idOff            uint64
	startNs, endNs   int32
	idLen            uint32
	hash             uint32
}

// id returns the customer ID of e.
func (l *MRRLedger) id(e *ledgerEntry) []byte { return l.ids[e.idOff : e.idOff+uint64(e.idLen)] }

// push appends e with the customer ID id. The lists double when they grow,
// so that the copies of a growing ledger cost one copy of it in all.
func (l *MRRLedger) push(e ledgerEntry, id string) {
	l.ids = grow(l.ids, len(id))
	e.idOff, e.idLen = uint64(len(l.ids)), uint32(len(id))
	l.ids = append(l.ids, id...)
	l.pushEntry(e)
}

// pushBytes is push for an ID held in bytes.
func (l *MRRLedger) pushBytes(e ledgerEntry, id []byte) {
	l.ids = grow(l.ids, len(id))
	e.idOff, e.idLen = uint64(len(l.ids)), uint32(len(id))
	l.ids = append(l.ids, id...)
	l.pushEntry(e)
}

// pushEntry appends e, whose ID is the last in l.ids.
func (l *MRRLedger) pushEntry(e ledgerEntry) {
	e.hash = idHash(l.ids[e.idOff:])
	l.entries.push(e)
}

// chunkBits sets the size of the full chunks of an entryList: 4,096
// entries.
const (
	chunkBits = 12
	chunkLen  = 1 << chunkBits
)

// entryList is a list of entries in chunks that are never copied once
// allocated: chunks of 64, 64, 128, ..., 2,048 entries for the first 4,096,
// then of 4,096 each. A growing list allocates each chunk once and leaves
// nothing behind, whether it ends with a thousand entries or a million.
type entryList struct {
	chunks [][]ledgerEntry
	n      int
}

// chunkCap returns the capacity of chunk k.
func chunkCap(k int) int {
	switch {
	case k == 0:
		return 64
	case k < 7:
		return 32 << k
	}
	return chunkLen
}

// at returns entry i.
func (s *entryList) at(i int) *ledgerEntry {
	if i < chunkLen {
		if i < 64 {
			return &s.chunks[0][i]
		}
		k := bits.Len(uint(i)) - 6
		return &s.chunks[k][i-32<<k]
	}
	j := i - chunkLen
	return &s.chunks[7+j>>chunkBits][j&(chunkLen-1)]
}

// last returns the chunk to append to, adding one when the last is full.
func (s *entryList) last() *[]ledgerEntry {
	k := len(s.chunks)
	if k == 0 || len(s.chunks[k-1]) == chunkCap(k-1) {
		s.chunks = append(s.chunks, make([]ledgerEntry, 0, chunkCap(k)))
		k++
	}
	return &s.chunks[k-1]
}

// appendRebased appends the entries src, with idBase added to their ID
// offsets and exactBase to the indexes of their exact MRRs.
func (s *entryList) appendRebased(src []ledgerEntry, idBase, exactBase uint64) {
	for len(src) > 0 {
		c := s.last()
		start := len(*c)
		k := min(cap(*c)-start, len(src))
		*c = append(*c, src[:k]...)
		if idBase != 0 || exactBase != 0 {
			for i := start; i < len(*c); i++ {
				e := &(*c)[i]
				e.idOff += idBase
				if e.mrr&exactFlag != 0 {
					e.mrr += exactBase
				}
			}
		}
		s.n += k
		src = src[k:]
	}
}

// push appends e.
func (s *entryList) push(e ledgerEntry) {
	c := s.last()
	*c = append(*c, e)
	s.n++
}

// grow returns s with room for n more elements, doubling its capacity
// when it needs more.
func grow[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s)+n, 2*cap(s), 64)-len(s))
}

// exactFlag marks an entry whose MRR is in MRRLedger.exact.
const exactFlag = 1 << 63

// openEnd is the endSec of a subscription that is still active.
const openEnd = math.MaxInt64

// The instants a ledger accepts: from the zero time's year 1 to the end of
// year 9999, the years RFC 3339 writes. Seconds since 1970.
var (
	minLedgerSec = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxLedgerSec = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// instantOf returns t as seconds since 1970 and nanoseconds, and whether it
// lies within the years 1..9999.
func instantOf(t time.Time) (sec int64, ns int32, ok bool) {
	sec = t.Unix()
	return sec, int32(t.Nanosecond()), sec >= minLedgerSec && sec < maxLedgerSec
}

// instantBefore reports whether instant (as, an) is before (bs, bn).
func instantBefore(as int64, an int32, bs int64, bn int32) bool {
	return as < bs || (as == bs && an < bn)
}

// activeAt reports whether e is active at instant (s, n): start ≤ t < end.
func (e *ledgerEntry) activeAt(s int64, n int32) bool {
	return !instantBefore(s, n, e.startSec, e.startNs) && instantBefore(s, n, e.endSec, e.endNs)
}

// activity returns the flags of e for a period from (fs, fn) to (ts, tn).
// An entry is never empty, so it was active before From when it started
// before From.
func (e *ledgerEntry) activity(fs int64, fn int32, ts int64, tn int32) uint8 {
	var f uint8
	if e.activeAt(fs, fn) {
		f |= activeAtFrom
	}
	if e.activeAt(ts, tn) {
		f |= activeAtTo
	}
	if instantBefore(e.startSec, e.startNs, fs, fn) {
		f |= activeBeforeAt
	}
	return f
}

// The flags of a subscription's activity in a period.
const (
	activeAtFrom   uint8 = 1 << iota // active at the period's start
	activeAtTo                       // active at the period's end
	activeBeforeAt                   // active at an instant before the start
)

// maxLedgerExp bounds the exponent and the digits of an exact MRR or rate,
// so that no sum of them, and no hostile input, makes a huge number.
const maxLedgerExp = 200

// ledgerBounded reports whether d's exponent and digits are within
// maxLedgerExp.
func ledgerBounded(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -maxLedgerExp && e <= maxLedgerExp && d.NumDigits() <= maxLedgerExp
}

// Add adds one subscription record to the ledger. It converts the record's
// Amount to the reporting currency and to a month by the rule of
// [Subscription.MRR] (after conversion: Amount × rate × 52 / 12 for a weekly
// record), rounding each record's MRR on its own, once. A record with an
// MRR of zero (a free plan) or an End equal to its Start is checked and
// then leaves no trace but the reporting currency it may set.
//
// Add returns an error if:
//   - the record has an empty CustomerID, an Interval that is not a billing
//     interval, a zero Start, or a Currency that is not three capital
//     letters ([metrics.ErrInvalid])
//   - Amount is negative ([metrics.ErrNegative])
//   - End is before Start ([metrics.ErrInconsistent])
//   - Start or End lies outside the years 1..9999, or the MRR has more
//     than 200 digits or an exponent beyond ±200 ([metrics.ErrOutOfRange])
//   - Currency (the ledger's) is set but is not three capital letters, or
//     is empty while Rates is not ([metrics.ErrInvalid])
//   - Rates has a rate other than 1 for Currency itself
//     ([metrics.ErrInconsistent]) or a rate the record needs is zero or
//     negative ([metrics.ErrOutOfRange])
//   - the record's Currency differs from Currency and Rates has no rate for
//     it ([metrics.ErrMismatch])
//
// An error about the record names its field (Field "Subscription.End"); one
// about the ledger's settings names the setting ("Currency", "Rates"). After
// an error the ledger is unchanged.
func (l *MRRLedger) Add(s Subscription) error {
	const metric = "crm.MRRLedger.Add"
	if err := checkSubscription(metric, &s); err != nil {
		return err
	}
	startSec, startNs, ok1 := instantOf(s.Start)
	endSec, endNs, ok2 := int64(openEnd), int32(0), true
	if !s.End.IsZero() {
		endSec, endNs, ok2 = instantOf(s.End)
	}
	switch {
	case !ok1:
		return check.Err(metric, "Subscription.Start", s.Start, metrics.ErrOutOfRange, "is outside the years 1..9999")
	case !ok2:
		return check.Err(metric, "Subscription.End", s.End, metrics.ErrOutOfRange, "is outside the years 1..9999")
	}
	reporting := l.Currency
	if reporting == "" {
		reporting = s.Currency
	}
	if s.Currency != l.last {
		if err := l.lookUp(metric, reporting, s.Currency); err != nil {
			return err
		}
	}
	if endSec == startSec && endNs == startNs || s.Amount.Sign() == 0 {
		l.Currency = reporting
		return nil // never active, or free: no MRR
	}
	e := ledgerEntry{startSec: startSec, startNs: startNs, endSec: endSec, endNs: endNs}
	num, den, _ := s.Interval.monthlyFactor()
	if ac, ae, ok := coef64(s.Amount); ok && l.lastFast {
		if units, ok := fastUnits(ac, ae, l.lastCoef, l.lastExp, num, den); ok && units < exactFlag {
			l.Currency = reporting
			if units > 0 { // else it rounds to zero: no MRR
				e.mrr = units
				l.push(e, s.CustomerID)
			}
			return nil
		}
	}
	v := normalisedMRR(s.Amount, l.lastRate, num, den)
	if v.Sign() > 0 && !ledgerBounded(v) {
		return check.Err(metric, "Subscription.Amount", s.Amount, metrics.ErrOutOfRange,
			"gives an MRR of more than 200 digits or with an exponent beyond ±200")
	}
	l.Currency = reporting
	if v.Sign() > 0 {
		l.appendEntry(e, s.CustomerID, v)
	}
	return nil
}

// appendEntry appends e with the MRR v > 0: as fast units when v has at
// most 10 digits after the point and fits them, exactly otherwise, so that
// a value has one representation however it arrives.
func (l *MRRLedger) appendEntry(e ledgerEntry, id string, v decimal.Decimal) {
	l.setMRR(&e, v)
	l.push(e, id)
}

// setMRR sets e's MRR to v > 0.
func (l *MRRLedger) setMRR(e *ledgerEntry, v decimal.Decimal) {
	if units, ok := unitsOf(v); ok {
		e.mrr = units
	} else {
		e.mrr = exactFlag | uint64(len(l.exact))
		l.exact = append(l.exact, v.Normalize())
	}
}

// unitsOf returns v > 0 in units of 10^−10 when it is a whole number of
// them below 2^63. It allocates: only the exact path calls it.
func unitsOf(v decimal.Decimal) (uint64, bool) {
	v = v.Normalize()
	e := v.Exponent()
	if e < mrrUnitExp || e-mrrUnitExp > 19 {
		return 0, false
	}
	c := v.Coefficient()
	if c.Sign() <= 0 || c.BitLen() > 63 {
		return 0, false
	}
	hi, lo := bits.Mul64(c.Uint64(), pow10u[e-mrrUnitExp])
	if hi != 0 || lo >= exactFlag {
		return 0, false
	}
	return lo, true
}

// lookUp sets the ledger's cached rate for records in currency, with
// reporting as the reporting currency. It checks the ledger's settings
// first.
func (l *MRRLedger) lookUp(metric, reporting, currency string) error {
	if err := l.checkSettings(metric); err != nil {
		return err
	}
	rate := one
	if currency != reporting {
		r, ok := l.Rates[currency]
		switch {
		case len(l.Rates) == 0:
			return check.Err(metric, "Subscription.Currency", currency, metrics.ErrMismatch,
				"differs from the reporting Currency "+reporting+" and Rates is empty")
		case !ok:
			return check.Err(metric, "Subscription.Currency", currency, metrics.ErrMismatch,
				"has no rate to "+reporting+" in Rates")
		case r.Sign() <= 0:
			return check.Err(metric, "Rates", r, metrics.ErrOutOfRange, "for "+currency+" is not positive")
		}
		rate = r
	}
	l.last, l.lastRate = currency, rate
	l.lastCoef, l.lastExp, l.lastFast = coef64(rate)
	return nil
}

// checkSettings checks the ledger's Currency and Rates for metric. A rate
// that no record needs may be zero or negative, and its currency need not
// be a code: Add reports those when a record needs the rate.
func (l *MRRLedger) checkSettings(metric string) error {
	switch {
	case l.Currency == "" && len(l.Rates) > 0:
		return check.Err(metric, "Currency", nil, metrics.ErrInvalid,
			"is empty but Rates is set: name the currency Rates converts to")
	case l.Currency != "" && !validCurrency(l.Currency):
		return check.Err(metric, "Currency", strconv.Quote(l.Currency), metrics.ErrInvalid,
			"is not an ISO 4217 code (three capital letters)")
	}
	if r, ok := l.Rates[l.Currency]; ok && !r.Equal(one) {
		return check.Err(metric, "Rates", r, metrics.ErrInconsistent, "for the reporting currency "+l.Currency+" is not 1")
	}
	for k, r := range l.Rates {
		if !ledgerBounded(r) {
			return check.Err(metric, "Rates", r, metrics.ErrOutOfRange,
				"for "+strconv.Quote(k)+" has more than 200 digits or an exponent beyond ±200")
		}
	}
	return nil
}

var one = decimal.NewFromInt(1)

// Merge adds the subscriptions of other to l, so that l holds the records of
// both, as if every record had been added to l. other is not changed; a nil
// other adds nothing. A ledger with neither Currency nor Rates (so no
// records) merges with any ledger and takes its settings.
//
// Merge returns an error if:
//   - the ledgers' Currency or Rates differ ([metrics.ErrMismatch]); l is
//     then unchanged
func (l *MRRLedger) Merge(other *MRRLedger) error {
	const metric = "crm.MRRLedger.Merge"
	if other == nil {
		return nil
	}
	switch {
	case other.Currency == "" && len(other.Rates) == 0:
	case l.Currency == "" && len(l.Rates) == 0:
		l.Currency, l.Rates = other.Currency, maps.Clone(other.Rates)
		l.last = ""
	case l.Currency != other.Currency:
		return check.Err(metric, "other.Currency", strconv.Quote(other.Currency), metrics.ErrMismatch,
			"differs from the reporting Currency "+strconv.Quote(l.Currency))
	case !ratesEqual(l.Rates, other.Rates):
		return check.Err(metric, "other.Rates", nil, metrics.ErrMismatch, "differ from the ledger's Rates")
	}
	n, base, idBase := other.entries.n, uint64(len(l.exact)), uint64(len(l.ids))
	l.exact = append(l.exact, other.exact...)
	l.ids = append(grow(l.ids, len(other.ids)), other.ids...)
	for _, chunk := range other.entries.chunks[:len(other.entries.chunks)] {
		if n == 0 {
			break
		}
		src := chunk[:min(n, len(chunk))]
		n -= len(src)
		l.entries.appendRebased(src, idBase, base)
	}
	return nil
}

// ratesEqual reports whether a and b hold the same rates.
func ratesEqual(a, b map[string]decimal.Decimal) bool {
	return maps.EqualFunc(a, b, decimal.Decimal.Equal)
}

// SubscriptionMovements is what [MRRLedger.Movements] returns: the MRR
// movements over one period, in one currency, and how many customers made
// each of them. A customer is counted in at most one of NewCustomers,
// ExpandedCustomers, ContractedCustomers, ChurnedCustomers and
// ReactivatedCustomers, and
//
//	CustomersAtEnd   = CustomersAtStart + NewCustomers + ReactivatedCustomers − ChurnedCustomers
//	CustomersAtStart = ExpandedCustomers + ContractedCustomers + ChurnedCustomers + customers whose MRR did not change
//
// A customer is a distinct CustomerID; a customer "has MRR" at an instant
// when their subscriptions active then add up to more than zero. The counts
// are the inputs of [ChurnRate] (CustomersAtStart, ChurnedCustomers) and
// [RetentionRate] (CustomersAtStart, CustomersAtEnd, and NewCustomers +
// ReactivatedCustomers as its NewCustomers). In JSON the keys are
// snake_case: {"currency", "mrr", "customers_at_start", "new_customers",
// ...}.
type SubscriptionMovements struct {
	// Currency is the ISO 4217 code of every amount in MRR.
	Currency string `json:"currency"`
	// MRR holds the monthly recurring revenue at the period's start and its
	// movements to the end, money per month in Currency.
	// [MRRMovements.EndMRR] is the MRR at the end, exactly. Pass it to the
	// revenue retention metrics ([GrossMRRChurnRate], [NetMRRChurnRate],
	// [NetRevenueRetention], [GrossRevenueRetention], [QuickRatio]).
	MRR MRRMovements `json:"mrr"`

	CustomersAtStart     int `json:"customers_at_start"`    // customers with MRR at the period's start
	NewCustomers         int `json:"new_customers"`         // with MRR at its end, none at its start and none ever before
	ExpandedCustomers    int `json:"expanded_customers"`    // whose MRR rose from above zero at the start to more at the end
	ContractedCustomers  int `json:"contracted_customers"`  // whose MRR fell from the start to the end but stayed above zero
	ChurnedCustomers     int `json:"churned_customers"`     // with MRR at the start and none at the end
	ReactivatedCustomers int `json:"reactivated_customers"` // with MRR at the end, none at the start, and some before it
	CustomersAtEnd       int `json:"customers_at_end"`      // customers with MRR at the period's end
}

// Movements returns how monthly recurring revenue moved over the period p,
// customer by customer, from the subscriptions added so far. A customer's
// MRR at an instant is the sum of the MRR of their subscriptions active at
// that instant (Start ≤ instant < End). With a = a customer's MRR at
// p.Start and b = their MRR at p.End:
//
//	a = 0, b > 0, no MRR before p.Start   NewMRR          += b
//	a = 0, b > 0, some MRR before p.Start ReactivationMRR += b
//	a > 0, b > a                          ExpansionMRR    += b − a
//	a > b > 0                             ContractionMRR  += a − b
//	a > 0, b = 0                          ChurnedMRR      += a
//	StartMRR = Σ a,  end MRR = Σ b
//
// and the customer counts of [SubscriptionMovements] follow the same cases. "Some MRR before p.Start"
// means a subscription of the customer with MRR above zero that was active
// at an instant before p.Start: a customer who paid, left and came back is
// reactivated, while one who moves from a free plan to a paid one is new.
//
// For a calendar month, pass [metrics.Month]: its End is the first instant
// of the next month, so a subscription that ends at midnight on the 1st
// churned in the month before. For a trend, read one period after another
// from the same ledger; for a year-over-year bridge, read [metrics.Year].
//
// Movements are measured between two snapshots, the MRR at p.Start and
// the MRR at p.End, and not along the way: a customer who joins and leaves
// in between appears in no movement, and one who upgrades then downgrades
// shows only the net change. Reports that add up every change during the
// period count such customers instead (the one who came and went as new
// and churned), and their movements do not sum to the MRR at the end.
// Snapshots make the identity exact, whatever the records:
//
//	StartMRR + NewMRR + ExpansionMRR − ContractionMRR − ChurnedMRR + ReactivationMRR = Σ b
//
// so [MRRMovements.EndMRR] returns the MRR at p.End to the last digit, and
// no loss exceeds StartMRR. The sums are exact. A ledger
// without records gives zero movements and counts, and no error.
//
// Speed: the cost per subscription stays about the same from thousands to
// millions of subscriptions (a hash aggregation in at most 256 buckets, each
// of which stays in cache), and a call allocates a fixed number of times,
// about 45 bytes per subscription in all.
//
// Movements returns an error if:
//   - p.End is not after p.Start ([metrics.ErrInvalid], Field "Period.End")
func (l *MRRLedger) Movements(p metrics.Period) (SubscriptionMovements, error) {
	const metric = "crm.MRRLedger.Movements"
	if err := checkPeriod(metric, p); err != nil {
		return SubscriptionMovements{}, err
	}
	fs, fn, _ := instantOf(p.Start)
	ts, tn, _ := instantOf(p.End)
	if len(l.exact) == 0 {
		if out, ok := l.movementsFast(fs, fn, ts, tn); ok {
			return out, nil
		}
	}
	return l.movementsExact(fs, fn, ts, tn), nil
}

// checkPeriod validates p for metric, reporting the error under metric's
// name.
func checkPeriod(metric string, p metrics.Period) error {
	if err := p.Validate(); err != nil {
		e := *err.(*metrics.Error)
		e.Metric = metric
		return &e
	}
	return nil
}

// mrrInlineID is the length of the CustomerID prefix that the fast path
// copies into each entry, so that grouping compares IDs in cache, not by
// chasing the entries' strings across memory.
const mrrInlineID = 22

// mrrLongID marks an entry whose CustomerID is longer than mrrInlineID: its
// entry holds the prefix, and the full IDs are compared in the ledger.
const mrrLongID = 0xff

// mrrEntry is one subscription that matters to the movements of a period,
// in the fast path: its MRR in units of 10^−10, its customer's hash and ID,
// its position in the ledger and its activity flags. It is 40 bytes.
type mrrEntry struct {
	units uint64
	hash  uint32
	rec   uint32
	flags uint8
	idLen uint8 // len(id), or mrrLongID
	id    [mrrInlineID]byte
}

// sameCustomer reports whether e and f are entries of the same customer.
func (e *mrrEntry) sameCustomer(f *mrrEntry, l *MRRLedger) bool {
	return e.hash == f.hash && e.idLen == f.idLen && e.id == f.id &&
		(e.idLen != mrrLongID || bytes.Equal(l.id(l.entries.at(int(e.rec))), l.id(l.entries.at(int(f.rec)))))
}

// mrrCustomer accumulates one customer's MRR at the period's start and
// end in the fast path, in units of 10^−10.
type mrrCustomer struct {
	from, to uint64
	first    uint32 // the customer's first entry in its bucket
	before   bool
}

// mrrSeed seeds the hash that groups entries by customer at read time. The
// grouping compares customer IDs, so the seed never changes a result; being
// random, it keeps crafted IDs from piling into one slot.
var mrrSeed = maphash.MakeSeed()

// mrrHashMask is ANDed into every customer hash. Tests set it to zero so
// that every customer collides with every other and the grouping must rely
// on comparing IDs.
var mrrHashMask uint32 = math.MaxUint32

// mrrBucketBits caps the number of buckets of the fast path at 2^8: more
// would make the second pass write to more places at once than the caches
// and the TLB follow.
const mrrBucketBits = 8

// maxFastRecords is the most entries the fast path takes, so that its
// 32-bit indexes and table sizes never overflow.
const maxFastRecords = 1 << 30

// movementsFast computes the movements with fixed-point integers, and
// reports false when a customer's sum does not fit them; the exact path then
// starts over. Grouping by customer is a hash aggregation in two steps, so
// that its cost per entry does not grow with the number of entries: a first
// pass hashes the customer IDs of the entries that matter and sizes at most
// 256 buckets by the top bits of the hash, a second pass writes each entry
// straight into its bucket, with the first bytes of its customer ID, and
// each bucket of a few thousand entries is then aggregated in an
// open-addressing table that stays in cache.
func (l *MRRLedger) movementsFast(fs int64, fn int32, ts int64, tn int32) (SubscriptionMovements, bool) {
	total := l.entries.n
	if uint64(total) > maxFastRecords {
		return SubscriptionMovements{}, false
	}
	bucketBits := 0
	for total>>bucketBits > 2048 && bucketBits < mrrBucketBits {
		bucketBits++
	}
	shift := uint(32 - bucketBits) // h>>32 is 0: one bucket
	nb := 1 << bucketBits
	// First pass: the flags and hash of every entry, and the bucket sizes,
	// so that the second pass writes each entry straight into its bucket.
	// Bucket b is entries[starts[b]:next[b]] at the end.
	hashes := make([]uint32, total)
	flags := make([]uint8, total)
	bounds := make([]uint32, 2*nb+1)
	starts, next := bounds[:nb+1], bounds[nb+1:]
	i := 0
	for _, chunk := range l.entries.chunks {
		for j := range chunk {
			e := &chunk[j]
			if f := e.activity(fs, fn, ts, tn); f != 0 {
				flags[i] = f
				h64 := maphash.Bytes(mrrSeed, l.id(e))
				h := uint32(h64^h64>>32) & mrrHashMask
				hashes[i] = h
				starts[h>>shift+1]++
			}
			i++
		}
	}
	for b := range nb {
		starts[b+1] += starts[b]
		next[b] = starts[b]
	}
	entries := make([]mrrEntry, starts[nb])
	i = 0
	for _, chunk := range l.entries.chunks {
		for j := range chunk {
			if flags[i] != 0 {
				s := &chunk[j]
				h := hashes[i]
				b := h >> shift
				e := &entries[next[b]]
				next[b]++
				*e = mrrEntry{hash: h, units: s.mrr, rec: uint32(i), flags: flags[i], idLen: mrrLongID}
				id := l.id(s)
				if len(id) <= mrrInlineID {
					e.idLen = uint8(len(id))
				}
				copy(e.id[:], id)
			}
			i++
		}
	}
	largest := uint32(0)
	for b := range nb {
		largest = max(largest, next[b]-starts[b])
	}
	size := uint32(8)
	for size < 2*largest {
		size *= 2
	}
	mask := size - 1
	table := make([]uint32, size) // 1 + index in customers, 0 when free
	customers := make([]mrrCustomer, 0, largest)
	var t mrrTally
	for b := range nb {
		bucket := entries[starts[b]:next[b]]
		customers = customers[:0]
		for i := range bucket {
			e := &bucket[i]
			slot := e.hash & mask
			var c *mrrCustomer
			for {
				k := table[slot]
				if k == 0 {
					customers = append(customers, mrrCustomer{first: uint32(i)})
					table[slot] = uint32(len(customers))
					c = &customers[len(customers)-1]
					break
				}
				if c = &customers[k-1]; e.sameCustomer(&bucket[c.first], l) {
					break
				}
				slot = (slot + 1) & mask
			}
			var carry uint64
			if e.flags&activeAtFrom != 0 {
				if c.from, carry = bits.Add64(c.from, e.units, 0); carry != 0 {
					return SubscriptionMovements{}, false
				}
			}
			if e.flags&activeAtTo != 0 {
				if c.to, carry = bits.Add64(c.to, e.units, 0); carry != 0 {
					return SubscriptionMovements{}, false
				}
			}
			if e.flags&activeBeforeAt != 0 {
				c.before = true
			}
		}
		for i := range customers {
			c := &customers[i]
			t.add(c.from, c.to, c.before)
		}
		clear(table)
	}
	return t.result(l.Currency), true
}

// u128 is an unsigned 128-bit sum of fast-path units.
type u128 struct{ hi, lo uint64 }

func (u *u128) add(v uint64) {
	var carry uint64
	u.lo, carry = bits.Add64(u.lo, v, 0)
	u.hi += carry
}

// decimal returns u × 10^−10 without trailing zeros.
func (u u128) decimal() decimal.Decimal {
	if u.hi == 0 && u.lo <= math.MaxInt64 {
		return decimal.New(int64(u.lo), mrrUnitExp).Normalize()
	}
	v := new(big.Int).SetUint64(u.hi)
	v.Lsh(v, 64).Or(v, new(big.Int).SetUint64(u.lo))
	return decimal.NewFromBigInt(v, mrrUnitExp).Normalize()
}

// mrrTally sums the customers' movements in the fast path.
type mrrTally struct {
	start, added, expansion, contraction, churned, reactivation u128
	n                                                           SubscriptionMovements
}

// add classifies one customer with MRR a at the start and b at the end.
func (t *mrrTally) add(a, b uint64, before bool) {
	if a > 0 {
		t.n.CustomersAtStart++
		t.start.add(a)
	}
	if b > 0 {
		t.n.CustomersAtEnd++
	}
	switch {
	case a == b:
	case a == 0 && before:
		t.n.ReactivatedCustomers++
		t.reactivation.add(b)
	case a == 0:
		t.n.NewCustomers++
		t.added.add(b)
	case b == 0:
		t.n.ChurnedCustomers++
		t.churned.add(a)
	case b > a:
		t.n.ExpandedCustomers++
		t.expansion.add(b - a)
	default:
		t.n.ContractedCustomers++
		t.contraction.add(a - b)
	}
}

func (t *mrrTally) result(currency string) SubscriptionMovements {
	out := t.n
	out.Currency = currency
	out.MRR = MRRMovements{
		StartMRR:        t.start.decimal(),
		NewMRR:          t.added.decimal(),
		ExpansionMRR:    t.expansion.decimal(),
		ContractionMRR:  t.contraction.decimal(),
		ChurnedMRR:      t.churned.decimal(),
		ReactivationMRR: t.reactivation.decimal(),
	}
	return out
}

// mrrOf returns e's MRR as a decimal.
func (l *MRRLedger) mrrOf(e *ledgerEntry) decimal.Decimal {
	if e.mrr&exactFlag != 0 {
		return l.exact[e.mrr&^exactFlag]
	}
	return decimal.New(int64(e.mrr), mrrUnitExp)
}

// movementsExact computes the movements in decimal arithmetic, for the
// ledgers that the fast path cannot hold. It is simple rather than fast.
func (l *MRRLedger) movementsExact(fs int64, fn int32, ts int64, tn int32) SubscriptionMovements {
	type customer struct {
		from, to decimal.Decimal
		before   bool
	}
	customers := map[string]*customer{}
	for i := range l.entries.n {
		e := l.entries.at(i)
		flags := e.activity(fs, fn, ts, tn)
		if flags == 0 {
			continue
		}
		v := l.mrrOf(e)
		c := customers[string(l.id(e))]
		if c == nil {
			c = &customer{}
			customers[string(l.id(e))] = c
		}
		if flags&activeAtFrom != 0 {
			c.from = c.from.Add(v)
		}
		if flags&activeAtTo != 0 {
			c.to = c.to.Add(v)
		}
		c.before = c.before || flags&activeBeforeAt != 0
	}
	var m MRRMovements
	var n SubscriptionMovements
	for _, c := range customers {
		a, b := c.from, c.to
		if a.Sign() > 0 {
			n.CustomersAtStart++
			m.StartMRR = m.StartMRR.Add(a)
		}
		if b.Sign() > 0 {
			n.CustomersAtEnd++
		}
		switch cmp := b.Cmp(a); {
		case cmp == 0:
		case a.Sign() == 0 && c.before:
			n.ReactivatedCustomers++
			m.ReactivationMRR = m.ReactivationMRR.Add(b)
		case a.Sign() == 0:
			n.NewCustomers++
			m.NewMRR = m.NewMRR.Add(b)
		case b.Sign() == 0:
			n.ChurnedCustomers++
			m.ChurnedMRR = m.ChurnedMRR.Add(a)
		case cmp > 0:
			n.ExpandedCustomers++
			m.ExpansionMRR = m.ExpansionMRR.Add(b.Sub(a))
		default:
			n.ContractedCustomers++
			m.ContractionMRR = m.ContractionMRR.Add(a.Sub(b))
		}
	}
	m = MRRMovements{
		StartMRR:        m.StartMRR.Normalize(),
		NewMRR:          m.NewMRR.Normalize(),
		ExpansionMRR:    m.ExpansionMRR.Normalize(),
		ContractionMRR:  m.ContractionMRR.Normalize(),
		ChurnedMRR:      m.ChurnedMRR.Normalize(),
		ReactivationMRR: m.ReactivationMRR.Normalize(),
	}
	n.Currency, n.MRR = l.Currency, m
	return n
}
