package clv

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Transaction is one purchase: the record a [Summaries] accumulator adds.
type Transaction struct {
	Customer string          // the customer's ID; not empty
	Time     time.Time       // when the purchase happened; its calendar day in the accumulator's Location counts
	Amount   decimal.Decimal // the purchase's value, ≥ 0, at most MaxAmountDigits digits after the point
}

// MaxObservationDays is the longest observation window (calibration and
// holdout together) a [Summaries] accumulator accepts: 36,525 days, 100
// years of 365.25 days. It bounds the memory of one customer (see
// [Summaries]).
const MaxObservationDays = 36525

// MaxAmountDigits is the most digits after the decimal point a transaction's
// Amount may have (an exponent of at least −30), and the largest positive
// exponent it may have (+30): enough for any currency, and a bound that keeps
// exact sums of amounts of very different exponents small.
const MaxAmountDigits = 30

// maxCustomers is the most customers one accumulator holds: the index of a
// customer is a uint32, and a count an int.
const maxCustomers = min(math.MaxUint32, math.MaxInt)

// Summaries builds one [RFM] summary per customer from raw transactions, for
// a calibration period and an optional holdout period that follows it, so a
// model fitted on the calibration summaries can be checked against what
// customers did next.
//
// # Settings
//
// Set the exported fields before the first Add; they are fixed from then on
// (an Add, Merge or MarshalBinary after a change returns
// metrics.ErrMismatch):
//
//   - Calibration: the calibration period, a [metrics.Period] [Start, End).
//   - Holdout: the holdout period, which starts where the calibration ends
//     (Holdout.Start = Calibration.End); the zero Period means no holdout.
//   - Location: the time zone of the calendar days; nil means UTC. Every
//     bound of the two periods must be the start of a day in Location
//     (midnight, or the first instant of a day that skips midnight), so that
//     a period holds whole calendar days. For the binary form Location must
//     be UTC, time.Local, or a location time.LoadLocation returns by its name
//     (UnmarshalBinary loads it by that name).
//   - Unit: the unit of Recency and Age (Week when zero).
//
// The zero value holds no records and has no settings: it merges, marshals
// and reads as empty, takes the settings of the first accumulator merged
// into it, and its Add returns an error about Calibration. A value with its
// settings set is ready to use.
//
// # Definitions
//
// Purchases are counted per calendar day: all the transactions of one
// customer on one day (in Location) are one purchase whose value is the sum
// of their amounts. With days numbered as integers, a customer's first
// purchase day f, last purchase day l within the calibration period, and the
// calibration's last day e (the day before Calibration.End):
//
//	Frequency        x   = number of distinct purchase days in calibration − 1
//	Recency          t_x = (l − f) / unit
//	Age              T   = (e − f) / unit
//	RepeatValue          = sum of the amounts of the calibration purchase days after f
//	MeanValue            = RepeatValue / x   (0 when x = 0)
//	HoldoutFrequency     = number of distinct purchase days in the holdout
//	HoldoutValue         = sum of the amounts in the holdout
//
// where unit is the unit's length in days ([TimeUnit.Days]). So a customer
// whose last purchase falls on the last day of calibration has t_x = T, and
// the one who first bought on that day has T = 0. This is the convention of
// the CDNOW summaries of Fader, Hardie & Lee ("Counting Your Customers the
// Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science
// 24(2), 2005): a customer first buying on 1 January 1997 has T = 272/7 =
// 38.86 weeks at the end of a calibration whose last day is 30 September
// 1997.
//
// Customers whose first purchase falls in the holdout were not customers at
// the end of calibration: [Summaries.Customers] leaves them out and
// [Summaries.HoldoutOnly] counts them.
//
// # Records in any order, shards, and memory
//
// Transactions may arrive in any order. Per customer the accumulator keeps
// the first purchase day, the set of purchase days as a bitset over the
// observation window (only once a customer has two distinct purchase days),
// and three exact sums: the amount of the first day, of the later
// calibration days, and of the holdout. When an earlier first day arrives,
// the old first day's amount moves to the repeat sum. So its memory is
// proportional to the number of customers, whatever the number of
// transactions: per customer a 152-byte record, a map entry and the ID's
// bytes (about 200 bytes for a short ID, plus the slack of the growing
// slice of records), and for a customer with two purchase days or more a
// bitset of 8·⌈D/64⌉ bytes, where D is the number of days of the
// observation window (96 bytes for two years, at most 4,568 bytes at the
// MaxObservationDays limit). BenchmarkSummaries measures 310 to 360 bytes
// retained per customer for a two-year window, the same for 10 and for 100
// transactions per customer and from 10,000 to a million customers. The
// exact sums do not allocate while a customer's amounts fit 128 bits at
// their smallest exponent.
//
// Merge adds another accumulator of the same settings: accumulators built on
// any split of the transactions, serialised with MarshalBinary, read back
// with UnmarshalBinary and merged in any order, give the same summaries as
// one accumulator over all of them.
//
// No partial effect: a method that returns an error leaves the accumulator
// as it was. A Summaries is not safe for concurrent use: give each goroutine
// its own and merge them. A method called on a nil *Summaries does not
// panic: Add, Merge and UnmarshalBinary return metrics.ErrInvalid, and the
// reading methods see an empty accumulator.
type Summaries struct {
	Unit        TimeUnit       // unit of Recency and Age; Week when zero
	Calibration metrics.Period // the calibration period, whole days in Location
	Holdout     metrics.Period // the holdout period from Calibration.End, whole days in Location; zero: none
	Location    *time.Location // where times become calendar days; nil: UTC

	applied   bool       // whether win holds the settings, fixed by the first Add
	set       appliedSet // the settings as given when applied
	win       window
	index     map[string]uint32 // customer ID → position in custs
	custs     []customer
	customers int // len(custs), kept for the nil-safe readers
}

// appliedSet is a copy of the exported settings, to detect a change.
type appliedSet struct {
	unit                 TimeUnit
	calibration, holdout metrics.Period
	loc                  *time.Location
}

// window is the settings in days: the observation window is the days
// start .. start+days−1, of which the first cal are the calibration.
type window struct {
	unit  TimeUnit
	loc   *time.Location
	start int64 // day number of the calibration's first day
	cal   int32 // days in the calibration, ≥ 1
	days  int32 // days in the window: calibration and holdout, ≤ MaxObservationDays
}

// words is the length of a customer's bitset of days.
func (w window) words() int { return (int(w.days) + 63) / 64 }

// customer is one customer's state. Days are offsets from the window's
// start.
type customer struct {
	first int32    // the first purchase day, in calibration or holdout
	days  []uint64 // the purchase days, a bitset; nil while the only one is first
	// firstAmt is the amount of the first purchase day when it is in
	// calibration (empty otherwise); repeat the amounts of the later
	// calibration days; holdout those of the holdout days.
	firstAmt, repeat, holdout exact.Sum
}

// dayNumber returns the number of the calendar day of t in loc, counted
// from 1970-01-01: the local seconds since the epoch, floor-divided by
// 86,400.
func dayNumber(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	sec := t.Unix() + int64(off)
	day := sec / 86400
	if sec%86400 < 0 {
		day--
	}
	return day
}

// civilFromDays returns the date of day number z (days from 1970-01-01).
func civilFromDays(z int64) (y int64, m time.Month, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	if mm <= 2 {
		y++
	}
	return y, time.Month(mm), d
}

// settings returns the exported settings as an appliedSet.
func (s *Summaries) settings() appliedSet {
	return appliedSet{s.Unit, s.Calibration, s.Holdout, s.Location}
}

// samePeriod reports whether a and b are the same instants, zero or not.
func samePeriod(a, b metrics.Period) bool {
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) &&
		a.Start.IsZero() == b.Start.IsZero() && a.End.IsZero() == b.End.IsZero()
}

// changed returns the name of the first setting that differs from the
// applied ones, or "".
func (s *Summaries) changed() string {
	a := s.set
	switch {
	case s.Unit != a.unit:
		return "Unit"
	case !samePeriod(s.Calibration, a.calibration):
		return "Calibration"
	case !samePeriod(s.Holdout, a.holdout):
		return "Holdout"
	case s.Location != a.loc:
		return "Location"
	}
	return ""
}

// dayStart reports whether t is the start of its calendar day in loc, as
// time.Date gives it.
func dayStart(t time.Time, loc *time.Location) bool {
	y, m, d := t.In(loc).Date()
	return t.Equal(time.Date(y, m, d, 0, 0, 0, 0, loc))
}

// compile validates the exported settings and returns them in days.
func (s *Summaries) compile(metric string) (window, error) {
	if !s.Unit.valid() {
		return window{}, check.Err(metric, "Unit", s.Unit, metrics.ErrInvalid, "is not Day, Week or Month")
	}
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	cal, hold := s.Calibration, s.Holdout
	if cal.Validate() != nil {
		return window{}, check.Err(metric, "Calibration", cal, metrics.ErrInvalid, "is empty or reversed")
	}
	noHoldout := hold == (metrics.Period{})
	if !noHoldout {
		if hold.Validate() != nil {
			return window{}, check.Err(metric, "Holdout", hold, metrics.ErrInvalid, "is empty or reversed")
		}
		if !hold.Start.Equal(cal.End) {
			return window{}, check.Err(metric, "Holdout.Start", hold.Start, metrics.ErrInconsistent,
				"is not Calibration.End "+check.Text(cal.End))
		}
	}
	for _, b := range []struct {
		field string
		t     time.Time
	}{{"Calibration.Start", cal.Start}, {"Calibration.End", cal.End}, {"Holdout.End", hold.End}} {
		if (b.field != "Holdout.End" || !noHoldout) && !dayStart(b.t, loc) {
			return window{}, check.Err(metric, b.field, b.t, metrics.ErrInvalid, "is not the start of a day in "+loc.String())
		}
	}
	start := dayNumber(cal.Start, loc)
	calEnd := dayNumber(cal.End, loc)
	end := calEnd
	if !noHoldout {
		end = dayNumber(hold.End, loc)
	}
	if end-start > MaxObservationDays {
		field := "Calibration"
		if !noHoldout {
			field = "Holdout"
		}
		return window{}, check.Err(metric, field, nil, metrics.ErrOutOfRange,
			"makes a window of "+strconv.FormatInt(end-start, 10)+" days from Calibration.Start, more than MaxObservationDays")
	}
	return window{unit: s.Unit, loc: loc, start: start, cal: int32(calEnd - start), days: int32(end - start)}, nil
}

// current returns the settings of s in days without applying them: its
// applied window, or its exported settings compiled. field names s in an
// error.
func (s *Summaries) current(metric, field string) (window, error) {
	if s.applied {
		if f := s.changed(); f != "" {
			return window{}, check.Err(metric, field, nil, metrics.ErrMismatch, "has its "+f+" changed after its first use")
		}
		return s.win, nil
	}
	return s.compile(metric)
}

// ready applies the settings on first use, or reports a change since.
func (s *Summaries) ready(metric string) error {
	if s.applied {
		if f := s.changed(); f != "" {
			return check.Err(metric, f, nil, metrics.ErrMismatch, "changed after the accumulator's first use")
		}
		return nil
	}
	w, err := s.compile(metric)
	if err != nil {
		return err
	}
	s.applied, s.set, s.win = true, s.settings(), w
	return nil
}

// summariesNil is the error of a method that changes a nil accumulator.
func summariesNil(metric string) error {
	return check.Err(metric, "Summaries", nil, metrics.ErrInvalid, "is a nil pointer")
}

// checkAmount validates a transaction's amount.
func checkAmount(metric, field string, a decimal.Decimal) error {
	if a.Sign() < 0 {
		return check.Err(metric, field, a, metrics.ErrNegative, "is negative")
	}
	if e := a.Exponent(); e < -MaxAmountDigits || e > MaxAmountDigits {
		return check.Err(metric, field, a, metrics.ErrOutOfRange,
			"has an exponent "+strconv.Itoa(int(e))+" outside ±MaxAmountDigits")
	}
	return nil
}

// Add adds one transaction: it marks the transaction's calendar day (in
// Location) as a purchase day of its customer and adds its amount to the
// customer's first-day, repeat or holdout value (see [Summaries] for the
// definitions). The first Add validates the settings and fixes them. On
// error the accumulator is unchanged.
//
// Add returns an error if:
//   - the settings are invalid: Unit not a time unit, Calibration empty or
//     reversed (the zero Period included), Holdout neither zero nor valid, a
//     bound of a period not the start of a day in Location
//     (metrics.ErrInvalid); Holdout.Start not Calibration.End
//     (metrics.ErrInconsistent); a window of the two periods longer than
//     MaxObservationDays (metrics.ErrOutOfRange)
//   - a setting changed after the first Add (metrics.ErrMismatch)
//   - t.Customer is empty (metrics.ErrInvalid)
//   - t.Time falls on a day outside the calibration and holdout periods
//     (metrics.ErrOutOfRange)
//   - t.Amount is negative (metrics.ErrNegative) or has an exponent outside
//     ±MaxAmountDigits (metrics.ErrOutOfRange)
//   - the accumulator already holds math.MaxUint32 customers (math.MaxInt
//     on 32-bit platforms) and t is of a new one (metrics.ErrOutOfRange)
//   - s is nil (metrics.ErrInvalid)
func (s *Summaries) Add(t Transaction) error {
	const metric = "clv.Summaries.Add"
	if s == nil {
		return summariesNil(metric)
	}
	if err := s.ready(metric); err != nil {
		return err
	}
	if t.Customer == "" {
		return check.Err(metric, "Customer", nil, metrics.ErrInvalid, "is empty")
	}
	off := dayNumber(t.Time, s.win.loc) - s.win.start
	if off < 0 || off >= int64(s.win.days) {
		return check.Err(metric, "Time", t.Time, metrics.ErrOutOfRange, "is outside the calibration and holdout periods")
	}
	if err := checkAmount(metric, "Amount", t.Amount); err != nil {
		return err
	}
	i, ok := s.index[t.Customer]
	if !ok {
		if len(s.custs) >= maxCustomers {
			return check.Err(metric, "Customer", t.Customer, metrics.ErrOutOfRange, "is a new customer beyond the "+strconv.Itoa(maxCustomers)+" an accumulator holds")
		}
		if s.index == nil {
			s.index = make(map[string]uint32)
		}
		i = uint32(len(s.custs))
		s.index[strings.Clone(t.Customer)] = i
		c := customer{first: int32(off)}
		if off < int64(s.win.cal) {
			c.firstAmt.Add(t.Amount)
		} else {
			c.holdout.Add(t.Amount)
		}
		s.custs = append(s.custs, c)
		s.customers = len(s.custs)
		return nil
	}
	s.custs[i].add(s.win, int32(off), t.Amount)
	return nil
}

// add records a purchase of amount a on day d of the window w.
func (c *customer) add(w window, d int32, a decimal.Decimal) {
	c.markDay(w, d)
	switch {
	case d >= w.cal:
		c.holdout.Add(a)
	case d < c.first: // a new first calibration purchase day (c.first may be in the holdout)
		c.repeat.Merge(&c.firstAmt)
		c.firstAmt = exact.Sum{}
		c.firstAmt.Add(a)
	case d == c.first:
		c.firstAmt.Add(a)
	default:
		c.repeat.Add(a)
	}
	c.first = min(c.first, d)
}

// markDay adds day d to the customer's purchase days, without changing
// first.
func (c *customer) markDay(w window, d int32) {
	if c.days == nil {
		if d == c.first {
			return
		}
		c.days = make([]uint64, w.words())
		c.days[c.first/64] |= 1 << (c.first % 64)
	}
	c.days[d/64] |= 1 << (d % 64)
}

// count returns the number of purchase days in lo .. hi−1.
func (c *customer) count(lo, hi int32) int {
	if c.days == nil {
		if c.first >= lo && c.first < hi {
			return 1
		}
		return 0
	}
	n := 0
	for d := lo; d < hi; {
		if d%64 == 0 && hi-d >= 64 {
			n += bits.OnesCount64(c.days[d/64])
			d += 64
			continue
		}
		if c.days[d/64]&(1<<(d%64)) != 0 {
			n++
		}
		d++
	}
	return n
}

// last returns the last purchase day before hi (which must exist).
func (c *customer) last(hi int32) int32 {
	if c.days == nil {
		return c.first
	}
	for d := hi - 1; d > c.first; d-- {
		if c.days[d/64]&(1<<(d%64)) != 0 {
			return d
		}
	}
	return c.first
}

// clone returns a copy of c that shares no bitset with it.
func (c *customer) clone() customer {
	d := *c
	d.days = slices.Clone(c.days)
	return d
}

// merge adds the purchases of o to c.
func (c *customer) merge(w window, o *customer) {
	if o.days == nil {
		c.markDay(w, o.first)
	} else {
		if c.days == nil {
			c.days = make([]uint64, w.words())
			c.days[c.first/64] |= 1 << (c.first % 64)
		}
		for i, v := range o.days {
			c.days[i] |= v
		}
	}
	c.holdout.Merge(&o.holdout)
	c.repeat.Merge(&o.repeat)
	switch oCal, cCal := o.first < w.cal, c.first < w.cal; {
	case !oCal: // o has no calibration purchase
	case !cCal || o.first < c.first:
		c.repeat.Merge(&c.firstAmt)
		c.firstAmt = o.firstAmt
	case o.first == c.first:
		c.firstAmt.Merge(&o.firstAmt)
	default:
		c.repeat.Merge(&o.firstAmt)
	}
	c.first = min(c.first, o.first)
}

// sameWindow reports whether two windows are the same settings.
func sameWindow(a, b window) bool {
	return a.unit == b.unit && a.start == b.start && a.cal == b.cal && a.days == b.days &&
		a.loc.String() == b.loc.String()
}

// Merge adds the transactions of other to s, so that s summarises the
// transactions added to either: accumulators built on the parts of any split
// of the transactions, merged in any order, equal the accumulator of all of
// them. A customer present in both gets the union of the purchase days (a
// day bought on in both is one purchase day) and the sums of the amounts.
// A nil other, or one that holds no customers and no settings (the zero
// value), adds nothing; a zero s takes the settings of other, so shards
// merge into a zero value; s.Merge(s) adds s's transactions to themselves
// again: the purchase days stay, the values double. On error s is
// unchanged. other is not modified.
//
// Merge returns an error if:
//   - the settings of s and other differ, or changed after their first use
//     (metrics.ErrMismatch), or are invalid (as Add reports)
//   - the merged accumulator would hold more than math.MaxUint32 customers
//     (metrics.ErrOutOfRange)
//   - s is nil (metrics.ErrInvalid)
func (s *Summaries) Merge(other *Summaries) error {
	const metric = "clv.Summaries.Merge"
	if s == nil {
		return summariesNil(metric)
	}
	if other == nil || (!other.applied && len(other.custs) == 0 && other.settings() == (appliedSet{})) {
		return nil
	}
	ow, err := other.current(metric, "other")
	if err != nil {
		return err
	}
	if !s.applied && len(s.custs) == 0 && s.settings() == (appliedSet{}) {
		// The zero value takes other's settings, so shards merge into it.
		a := other.settings()
		s.Unit, s.Calibration, s.Holdout, s.Location = a.unit, a.calibration, a.holdout, a.loc
		s.applied, s.set, s.win = true, a, ow
	}
	if err := s.ready(metric); err != nil {
		return err
	}
	if !sameWindow(s.win, ow) {
		return check.Err(metric, "other", nil, metrics.ErrMismatch,
			"has other settings (Unit, Calibration, Holdout or Location) than the accumulator's")
	}
	src := other.custs
	srcIDs := other.index
	if other == s {
		src = make([]customer, len(s.custs))
		for i := range s.custs {
			src[i] = s.custs[i].clone()
		}
	}
	added := 0
	for id := range srcIDs {
		if _, ok := s.index[id]; !ok {
			added++
		}
	}
	if added > maxCustomers-len(s.custs) {
		return check.Err(metric, "other", nil, metrics.ErrOutOfRange,
			"would take the accumulator past "+strconv.Itoa(maxCustomers)+" customers")
	}
	if s.index == nil && len(srcIDs) > 0 {
		s.index = make(map[string]uint32, len(srcIDs))
	}
	for id, j := range srcIDs {
		o := &src[j]
		if i, ok := s.index[id]; ok {
			s.custs[i].merge(s.win, o)
			continue
		}
		s.index[id] = uint32(len(s.custs))
		s.custs = append(s.custs, o.clone())
	}
	s.customers = len(s.custs)
	return nil
}

// CustomerSummary is one customer's summary: the RFM of the calibration
// period (embedded, so s.Frequency reads it), the exact value behind its
// MeanValue, and what the customer bought in the holdout.
type CustomerSummary struct {
	ID string
	RFM
	FirstPurchase    time.Time       // midnight (in Location) of the first purchase day
	RepeatValue      decimal.Decimal // exact sum of the repeat purchases' amounts in calibration
	HoldoutFrequency int             // purchase days in the holdout
	HoldoutValue     decimal.Decimal // exact sum of the amounts in the holdout
}

// Customers returns the summary of every customer whose first purchase
// falls in the calibration period, sorted by ID (byte-wise), as defined in
// [Summaries]:
//
//	Frequency        = calibration purchase days − 1
//	Recency          = (last calibration purchase day − first purchase day) / unit
//	Age              = (last calibration day − first purchase day) / unit
//	MeanValue        = RepeatValue / Frequency   (0 when Frequency = 0)
//	HoldoutFrequency = holdout purchase days
//
// Reading does not change the accumulator: add more and read again. An empty
// accumulator gives an empty slice.
func (s *Summaries) Customers() []CustomerSummary {
	if s == nil || len(s.custs) == 0 {
		return []CustomerSummary{}
	}
	w := s.win
	unit := w.unit.Days()
	ids := s.sortedIDs()
	out := make([]CustomerSummary, 0, len(ids))
	for _, id := range ids {
		c := &s.custs[s.index[id]]
		if c.first >= w.cal {
			continue
		}
		x := c.count(0, w.cal) - 1
		cs := CustomerSummary{
			ID: id,
			RFM: RFM{
				Frequency: x,
				Recency:   float64(c.last(w.cal)-c.first) / unit,
				Age:       float64(w.cal-1-c.first) / unit,
			},
			RepeatValue:      c.repeat.Value(),
			HoldoutFrequency: c.count(w.cal, w.days),
			HoldoutValue:     c.holdout.Value(),
		}
		y, m, d := civilFromDays(w.start + int64(c.first))
		cs.FirstPurchase = time.Date(int(y), m, d, 0, 0, 0, 0, w.loc)
		if x > 0 {
			cs.MeanValue = cs.RepeatValue.InexactFloat64() / float64(x)
		}
		out = append(out, cs)
	}
	return out
}

// RFM returns the RFM summaries of [Summaries.Customers], in the same order
// (sorted by customer ID): the input of the model fits.
func (s *Summaries) RFM() []RFM {
	cs := s.Customers()
	out := make([]RFM, len(cs))
	for i := range cs {
		out[i] = cs[i].RFM
	}
	return out
}

// HoldoutOnly returns the number of customers whose first purchase falls in
// the holdout period, whom [Summaries.Customers] leaves out.
func (s *Summaries) HoldoutOnly() int {
	if s == nil {
		return 0
	}
	n := 0
	for i := range s.custs {
		if s.custs[i].first >= s.win.cal {
			n++
		}
	}
	return n
}

// Periods returns the lengths of the calibration and holdout periods in the
// unit: the number of their calendar days divided by [TimeUnit.Days]. The
// holdout length is the time over which HoldoutFrequency was counted, the
// horizon at which to compare a model's prediction with it.
//
//	calibration = days from Calibration.Start to Calibration.End / unit
//	holdout     = days from Holdout.Start to Holdout.End / unit   (0 without a holdout)
//
// Periods returns an error if:
//   - the settings are invalid (as Add reports)
//   - s is nil (metrics.ErrInvalid)
func (s *Summaries) Periods() (calibration, holdout float64, err error) {
	const metric = "clv.Summaries.Periods"
	if s == nil {
		return 0, 0, summariesNil(metric)
	}
	w, err := s.compile(metric)
	if err != nil {
		return 0, 0, err
	}
	u := w.unit.Days()
	return float64(w.cal) / u, float64(w.days-w.cal) / u, nil
}

// sortedIDs returns the customer IDs in byte-wise order.
func (s *Summaries) sortedIDs() []string {
	ids := make([]string, 0, len(s.index))
	for id := range s.index {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
