package crm

import (
	"hash/maphash"
	"math"
	"math/big"
	"math/bits"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// SubscriptionMovementsInput holds subscription records and the two instants
// between which MRRMovementsFromSubscriptions measures how MRR moved.
type SubscriptionMovementsInput struct {
	// Subscriptions are the subscription records, in any order. Records that
	// are active at neither instant still count: they tell a returning
	// customer (reactivation) from a new one, and they are validated.
	Subscriptions []Subscription
	// From is the instant the period begins: the start MRR is the MRR
	// active at From. For a calendar month, the first instant of the month.
	From time.Time
	// To is the instant the period ends, not before From: the end MRR is the
	// MRR active at To. For a calendar month, the first instant of the next
	// month, so that a subscription ending at midnight on the 1st counts as
	// churned in the month before.
	To time.Time
	// Currency is the ISO 4217 code of the reporting currency, in which the
	// movements are returned. When it is empty, every record must be in the
	// currency of the first record, which becomes the reporting currency.
	Currency string
	// Rates converts the records' currencies to Currency: Rates["USD"] is
	// the number of units of Currency that one US dollar is worth (0.92 for
	// a Currency of "EUR"). A record in Currency needs no rate. Rates may be
	// nil when every record is in one currency; it must be paired with a
	// Currency.
	Rates map[string]decimal.Decimal
}

// MRRCustomerCounts holds how many customers made each MRR movement between
// two instants. A customer is counted in at most one of New, Expanded,
// Contracted, Churned and Reactivated, and
//
//	End = Start + New + Reactivated − Churned
//	Start = Expanded + Contracted + Churned + customers whose MRR did not change
type MRRCustomerCounts struct {
	Start       int // customers with MRR above zero at From
	New         int // customers with MRR at To, none at From and none ever before From
	Expanded    int // customers whose MRR rose from above zero at From to more at To
	Contracted  int // customers whose MRR fell from From to To but stayed above zero
	Churned     int // customers with MRR at From and none at To
	Reactivated int // customers with MRR at To, none at From, and some before From
	End         int // customers with MRR above zero at To
}

// SubscriptionMovements is what MRRMovementsFromSubscriptions returns: the
// MRR movements between two instants, in one currency, and how many
// customers made each of them.
type SubscriptionMovements struct {
	// Currency is the ISO 4217 code of every amount in MRR.
	Currency string
	// MRR holds the monthly recurring revenue at From and its movements to
	// To, money per month in Currency. MRR.EndMRR() is the MRR at To,
	// exactly. Pass it to the revenue retention metrics, or to
	// SummarizeRevenueRetention for all of them at once.
	MRR MRRMovements
	// Customers counts the customers behind each movement of MRR.
	Customers MRRCustomerCounts
}

// MRRMovementsFromSubscriptions measures how monthly recurring revenue moved
// between the instants From and To, from subscription records, customer by
// customer. A customer's MRR at an instant is the sum of the MRR
// (Subscription.MRR, converted to the reporting currency) of their
// subscriptions active at that instant. With a = a customer's MRR at From
// and b = their MRR at To:
//
//	a = 0, b > 0, no MRR before From   NewMRR          += b
//	a = 0, b > 0, some MRR before From ReactivationMRR += b
//	a > 0, b > a                       ExpansionMRR    += b − a
//	a > b > 0                          ContractionMRR  += a − b
//	a > 0, b = 0                       ChurnedMRR      += a
//	StartMRR = Σ a,  end MRR = Σ b
//
// and the customer counts follow the same cases. "Some MRR before From"
// means a subscription of the customer with MRR above zero that was active
// at an instant before From: a customer who paid, left and came back is
// reactivated, while one who moves from a free plan to a paid one is new.
//
// Movements are measured between two snapshots, the MRR at From and the MRR
// at To, and not along the way: a customer who joins and leaves between
// them appears in no movement, and one who upgrades then downgrades shows
// only the net change. Reports that add up every change during the period
// count such customers instead (the one who came and went as new and
// churned), and their movements do not sum to the MRR at To. Snapshots are
// what makes the identity exact, whatever the records:
//
//	StartMRR + NewMRR + ExpansionMRR − ContractionMRR − ChurnedMRR + ReactivationMRR = Σ b
//
// MRR.EndMRR() returns the MRR at To to the last digit, and the result
// passes MRRMovements.Validate. Each subscription's MRR is rounded on its
// own, once, by the rule of Subscription.MRR (after conversion: Amount ×
// rate × 52 / 12 for a weekly record), and the sums are exact. Converting
// amounts to the reporting currency before calling gives the same result.
//
// Currencies: the amounts must share one currency unless Rates converts
// them (see SubscriptionMovementsInput). Mixing currencies without a rate is
// an error rather than a sum of unlike amounts.
//
// Speed: the cost per record stays about the same from thousands to
// millions of records, and a call allocates a fixed number of times (a few
// buffers, about 44 bytes per record in all), when the amounts are ordinary:
// prices with a few decimals, rates with a few more, and every customer's
// MRR below 1.8 × 10^9 in the reporting currency. Other amounts, such as an
// MRR with more than 10 digits after the point, take an exact path that
// allocates for each record, with the same results.
//
// MRRMovementsFromSubscriptions returns an error if:
//   - Subscriptions is empty (metrics.ErrEmpty)
//   - From or To is the zero time (metrics.ErrInvalid)
//   - To is before From (metrics.ErrInconsistent)
//   - Currency is set but is not three capital letters, or is empty while
//     Rates is not (metrics.ErrInvalid)
//   - Rates has a rate other than 1 for Currency itself
//     (metrics.ErrInconsistent)
//   - a record has an empty CustomerID, an invalid Interval, a zero Start or
//     a Currency that is not three capital letters (metrics.ErrInvalid), a
//     negative Amount (metrics.ErrNegative), or an End before its Start
//     (metrics.ErrInconsistent)
//   - a record's currency differs from the reporting currency and Rates has
//     no rate for it (metrics.ErrMismatch)
//   - a rate a record needs is zero or negative (metrics.ErrOutOfRange)
//
// An error about a record names the field at fault and the record's index in
// Subscriptions (Field "Subscriptions.End", Index 3), so a program can point
// at the cell of its own data:
//
//	crm.MRRMovementsFromSubscriptions: Subscriptions[3].End 2025-01-01T00:00:00Z is before Start 2025-02-01T00:00:00Z: inconsistent input
func MRRMovementsFromSubscriptions(in SubscriptionMovementsInput) (SubscriptionMovements, error) {
	const metric = "crm.MRRMovementsFromSubscriptions"
	if err := checkMovementsInput(metric, &in); err != nil {
		return SubscriptionMovements{}, err
	}
	out, ok, err := mrrMovementsFast(metric, &in)
	if err != nil {
		return SubscriptionMovements{}, err
	}
	if ok {
		return out, nil
	}
	return mrrMovementsExact(metric, &in)
}

// checkMovementsInput checks the fields of in that are not records.
func checkMovementsInput(metric string, in *SubscriptionMovementsInput) error {
	switch {
	case len(in.Subscriptions) == 0:
		return check.Err(metric, "Subscriptions", nil, metrics.ErrEmpty, "is empty")
	case in.From.IsZero():
		return check.Err(metric, "From", nil, metrics.ErrInvalid, "is the zero time")
	case in.To.IsZero():
		return check.Err(metric, "To", nil, metrics.ErrInvalid, "is the zero time")
	case in.To.Before(in.From):
		return check.Err(metric, "To", in.To, metrics.ErrInconsistent, "is before From "+check.Text(in.From))
	}
	return nil
}

// The flags of a subscription's activity.
const (
	activeAtFrom   uint8 = 1 << iota // active at From
	activeAtTo                       // active at To
	activeBeforeAt                   // active at an instant before From
)

// activity returns the flags of s for the period of in.
func activity(s *Subscription, in *SubscriptionMovementsInput) uint8 {
	var f uint8
	if s.activeAt(in.From) {
		f |= activeAtFrom
	}
	if s.activeAt(in.To) {
		f |= activeAtTo
	}
	if s.activeBefore(in.From) {
		f |= activeBeforeAt
	}
	return f
}

// mrrInlineID is the length of the CustomerID prefix that the fast path
// copies into each entry, so that grouping compares IDs in cache, not by
// chasing the records' strings across memory.
const mrrInlineID = 22

// mrrLongID marks an entry whose CustomerID is longer than mrrInlineID: its
// entry holds the prefix, and the full IDs are compared in the records.
const mrrLongID = 0xff

// mrrEntry is one subscription that matters to the movements, in the fast
// path: its MRR in units of 10^−10 of the reporting currency, its
// customer's hash and ID, its position and its activity flags. It is 40
// bytes.
type mrrEntry struct {
	units uint64
	hash  uint32
	rec   uint32
	flags uint8
	idLen uint8 // len(id), or mrrLongID
	id    [mrrInlineID]byte
}

// sameCustomer reports whether e and f are records of the same customer.
func (e *mrrEntry) sameCustomer(f *mrrEntry, subs []Subscription) bool {
	return e.hash == f.hash && e.idLen == f.idLen && e.id == f.id &&
		(e.idLen != mrrLongID || subs[e.rec].CustomerID == subs[f.rec].CustomerID)
}

// mrrCustomer accumulates one customer's MRR at From and at To in the fast
// path, in units of 10^−10.
type mrrCustomer struct {
	from, to uint64
	first    uint32 // the customer's first entry in its bucket
	before   bool
}

// mrrSeed seeds the hash that groups records by customer. The grouping
// compares CustomerIDs, so the seed never changes a result.
var mrrSeed = maphash.MakeSeed()

// mrrHashMask is ANDed into every customer hash. Tests set it to zero so
// that every customer collides with every other and the grouping must rely
// on comparing IDs.
var mrrHashMask uint32 = math.MaxUint32

// mrrBucketBits caps the number of buckets of the fast path at 2^8: more
// would make the second pass write to more places at once than the caches
// and the TLB follow.
const mrrBucketBits = 8

// mrrMovementsFast computes the movements with fixed-point integers, and
// reports false, without an error, when an amount does not fit them; the
// exact path then starts over. Grouping by customer is a hash aggregation in
// two steps, so that its cost per record does not grow with the number of
// records: a first pass hashes the customer IDs and sizes at most 256
// buckets by the top bits of the hash, a second pass validates the records
// and writes each one that matters straight into its bucket, with the first
// bytes of its CustomerID, and each bucket of a few thousand entries is then
// aggregated in an open-addressing table that stays in cache.
func mrrMovementsFast(metric string, in *SubscriptionMovementsInput) (SubscriptionMovements, bool, error) {
	subs := in.Subscriptions
	if uint64(len(subs)) > maxFastRecords {
		return SubscriptionMovements{}, false, nil
	}
	cur, err := newCurrencies(metric, in.Currency, in.Rates)
	if err != nil {
		return SubscriptionMovements{}, false, err
	}
	bucketBits := 0
	for len(subs)>>bucketBits > 2048 && bucketBits < mrrBucketBits {
		bucketBits++
	}
	shift := uint(32 - bucketBits) // h>>32 is 0: one bucket
	nb := 1 << bucketBits
	// First pass: hash every customer ID and size the buckets, so that the
	// second pass writes each entry straight into its bucket. Bucket b is
	// entries[starts[b]:next[b]] at the end.
	hashes := make([]uint32, len(subs))
	bounds := make([]uint32, 2*nb+1)
	starts, next := bounds[:nb+1], bounds[nb+1:]
	for i := range subs {
		h64 := maphash.String(mrrSeed, subs[i].CustomerID)
		h := uint32(h64^h64>>32) & mrrHashMask
		hashes[i] = h
		starts[h>>shift+1]++
	}
	for b := range nb {
		starts[b+1] += starts[b]
		next[b] = starts[b]
	}
	entries := make([]mrrEntry, len(subs))
	for i := range subs {
		s := &subs[i]
		if err := checkSubscription(metric, i, s); err != nil {
			return SubscriptionMovements{}, false, err
		}
		if err := cur.rate(i, s); err != nil {
			return SubscriptionMovements{}, false, err
		}
		flags := activity(s, in)
		if flags == 0 || s.Amount.Sign() == 0 {
			continue
		}
		ac, ae, ok := coef64(s.Amount)
		if !ok || !cur.lastFast {
			return SubscriptionMovements{}, false, nil
		}
		num, den, _ := s.Interval.monthlyFactor()
		units, ok := fastUnits(ac, ae, cur.lastCoef, cur.lastExp, num, den)
		if !ok {
			return SubscriptionMovements{}, false, nil
		}
		if units == 0 {
			continue // rounds to zero: no MRR
		}
		h := hashes[i]
		b := h >> shift
		e := &entries[next[b]]
		next[b]++
		*e = mrrEntry{hash: h, units: units, rec: uint32(i), flags: flags, idLen: mrrLongID}
		if len(s.CustomerID) <= mrrInlineID {
			e.idLen = uint8(len(s.CustomerID))
		}
		copy(e.id[:], s.CustomerID)
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
				if c = &customers[k-1]; e.sameCustomer(&bucket[c.first], subs) {
					break
				}
				slot = (slot + 1) & mask
			}
			var carry uint64
			if e.flags&activeAtFrom != 0 {
				if c.from, carry = bits.Add64(c.from, e.units, 0); carry != 0 {
					return SubscriptionMovements{}, false, nil
				}
			}
			if e.flags&activeAtTo != 0 {
				if c.to, carry = bits.Add64(c.to, e.units, 0); carry != 0 {
					return SubscriptionMovements{}, false, nil
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
	return t.result(cur.reporting), true, nil
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
	n                                                           MRRCustomerCounts
}

// add classifies one customer with MRR a at From and b at To.
func (t *mrrTally) add(a, b uint64, before bool) {
	if a > 0 {
		t.n.Start++
		t.start.add(a)
	}
	if b > 0 {
		t.n.End++
	}
	switch {
	case a == b:
	case a == 0 && before:
		t.n.Reactivated++
		t.reactivation.add(b)
	case a == 0:
		t.n.New++
		t.added.add(b)
	case b == 0:
		t.n.Churned++
		t.churned.add(a)
	case b > a:
		t.n.Expanded++
		t.expansion.add(b - a)
	default:
		t.n.Contracted++
		t.contraction.add(a - b)
	}
}

func (t *mrrTally) result(currency string) SubscriptionMovements {
	return SubscriptionMovements{
		Currency: currency,
		MRR: MRRMovements{
			StartMRR:        t.start.decimal(),
			NewMRR:          t.added.decimal(),
			ExpansionMRR:    t.expansion.decimal(),
			ContractionMRR:  t.contraction.decimal(),
			ChurnedMRR:      t.churned.decimal(),
			ReactivationMRR: t.reactivation.decimal(),
		},
		Customers: t.n,
	}
}

// mrrMovementsExact computes the movements in decimal arithmetic, for the
// inputs that the fast path cannot hold. It is simple rather than fast.
func mrrMovementsExact(metric string, in *SubscriptionMovementsInput) (SubscriptionMovements, error) {
	cur, err := newCurrencies(metric, in.Currency, in.Rates)
	if err != nil {
		return SubscriptionMovements{}, err
	}
	type customer struct {
		from, to decimal.Decimal
		before   bool
	}
	customers := map[string]*customer{}
	for i := range in.Subscriptions {
		s := &in.Subscriptions[i]
		if err := checkSubscription(metric, i, s); err != nil {
			return SubscriptionMovements{}, err
		}
		if err := cur.rate(i, s); err != nil {
			return SubscriptionMovements{}, err
		}
		flags := activity(s, in)
		if flags == 0 {
			continue
		}
		num, den, _ := s.Interval.monthlyFactor()
		v := normalisedMRR(s.Amount, cur.lastRate, num, den)
		if v.Sign() == 0 {
			continue
		}
		c := customers[s.CustomerID]
		if c == nil {
			c = &customer{}
			customers[s.CustomerID] = c
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
	var n MRRCustomerCounts
	for _, c := range customers {
		a, b := c.from, c.to
		if a.Sign() > 0 {
			n.Start++
			m.StartMRR = m.StartMRR.Add(a)
		}
		if b.Sign() > 0 {
			n.End++
		}
		switch cmp := b.Cmp(a); {
		case cmp == 0:
		case a.Sign() == 0 && c.before:
			n.Reactivated++
			m.ReactivationMRR = m.ReactivationMRR.Add(b)
		case a.Sign() == 0:
			n.New++
			m.NewMRR = m.NewMRR.Add(b)
		case b.Sign() == 0:
			n.Churned++
			m.ChurnedMRR = m.ChurnedMRR.Add(a)
		case cmp > 0:
			n.Expanded++
			m.ExpansionMRR = m.ExpansionMRR.Add(b.Sub(a))
		default:
			n.Contracted++
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
	return SubscriptionMovements{Currency: cur.reporting, MRR: m, Customers: n}, nil
}
