package clv

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// summariesMagic starts the binary form of a Summaries, followed by its
// version byte.
const (
	summariesMagic   = "kpclvS"
	summariesVersion = 1
	maxLocationName  = 256
)

// MarshalBinary returns the accumulator in a compact binary form, which
// UnmarshalBinary reads back exactly, on this machine or another: the
// settings (the unit, the location's name, the days of Start,
// CalibrationEnd and HoldoutEnd) and, per customer sorted by ID, the ID,
// the purchase days and the exact sums. The same accumulator state always
// gives the same bytes. Its length is proportional to the number of
// customers: about 30 bytes plus the ID per one-day customer, plus
// 8·⌈D/64⌉ bytes per customer of two purchase days or more, for a window of
// D days.
//
// The zero value marshals to a short form that reads back as the zero value.
//
// MarshalBinary returns an error if:
//   - the settings are invalid (as Add reports), or changed after the first
//     use (metrics.ErrMismatch)
//   - Location is not UTC, time.Local or a location time.LoadLocation loads
//     by its name, a time.FixedZone say (metrics.ErrInvalid)
//   - Location's name is longer than 256 bytes (metrics.ErrOutOfRange)
func (s *Summaries) MarshalBinary() ([]byte, error) {
	const metric = "clv.Summaries.MarshalBinary"
	b := append([]byte(summariesMagic), summariesVersion)
	if s == nil || (!s.applied && len(s.custs) == 0 && s.settings() == (appliedSet{})) {
		return append(b, 0), nil
	}
	w, err := s.current(metric, "Summaries")
	if err != nil {
		return nil, err
	}
	name := w.loc.String()
	if len(name) > maxLocationName {
		return nil, check.Err(metric, "Location", name[:32]+"…", metrics.ErrOutOfRange, "has a name longer than 256 bytes")
	}
	if _, err := loadLocation(name); err != nil {
		return nil, check.Err(metric, "Location", name, metrics.ErrInvalid,
			"cannot be loaded by its name with time.LoadLocation, so cannot be read back")
	}
	b = append(b, 1, byte(w.unit))
	b = binary.AppendUvarint(b, uint64(len(name)))
	b = append(b, name...)
	b = binary.AppendVarint(b, w.start)
	b = binary.AppendUvarint(b, uint64(w.cal))
	b = binary.AppendUvarint(b, uint64(w.days))
	b = binary.AppendUvarint(b, uint64(len(s.custs)))
	for _, id := range s.sortedIDs() {
		c := &s.custs[s.index[id]]
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		b = binary.AppendUvarint(b, uint64(c.first))
		if c.days == nil {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			for _, v := range c.days {
				b = binary.LittleEndian.AppendUint64(b, v)
			}
		}
		if c.first < w.cal {
			b = appendDecimal(b, c.firstAmt.Value())
		}
		if c.count(0, w.cal) >= 2 {
			b = appendDecimal(b, c.repeat.Value())
		}
		if c.count(w.cal, w.days) >= 1 {
			b = appendDecimal(b, c.holdout.Value())
		}
	}
	return b, nil
}

// loadLocation returns the location of a name: UTC, time.Local for
// "Local", or what time.LoadLocation loads.
func loadLocation(name string) (*time.Location, error) {
	switch name {
	case "UTC":
		return time.UTC, nil
	case "Local":
		return time.Local, nil
	case "":
		return nil, errors.New("empty location name")
	}
	return time.LoadLocation(name)
}

// appendDecimal appends a non-negative decimal: its exponent (varint), the
// length of its coefficient's big-endian bytes (uvarint), and the bytes.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	b = binary.AppendVarint(b, int64(d.Exponent()))
	m := d.Coefficient().Bytes()
	b = binary.AppendUvarint(b, uint64(len(m)))
	return append(b, m...)
}

// decoder reads the binary form, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

const summariesUnmarshal = "clv.Summaries.UnmarshalBinary"

func (d *decoder) fail(detail string) {
	if d.err == nil {
		d.err = check.Err(summariesUnmarshal, "data", nil, metrics.ErrInvalid, detail)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail("is truncated")
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint(max uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("holds a truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	if v > max {
		d.fail("holds the number " + strconv.FormatUint(v, 10) + ", more than " + strconv.FormatUint(max, 10))
		return 0
	}
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("holds a truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes returns the next n bytes, n checked against what is left before
// anything is allocated.
func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("is truncated")
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

// decimal reads a non-negative decimal of an exponent within
// ±MaxAmountDigits.
func (d *decoder) decimal() decimal.Decimal {
	e := d.varint()
	if d.err == nil && (e < -MaxAmountDigits || e > MaxAmountDigits) {
		d.fail("holds an amount of exponent " + strconv.FormatInt(e, 10) + " outside ±MaxAmountDigits")
	}
	m := d.bytes(d.uvarint(math.MaxInt32))
	if d.err != nil {
		return decimal.Decimal{}
	}
	return decimal.NewFromBigInt(new(big.Int).SetBytes(m), int32(e))
}

// UnmarshalBinary replaces the accumulator with the one MarshalBinary
// encoded in data, exactly: the same settings (the bounds of Calibration
// and Holdout become the starts of their days in Location, which is loaded
// by its name), the same customers, days and sums. It validates
// everything it reads and allocates in proportion to len(data), so
// corrupt, truncated or hostile bytes give an error, never a panic nor a
// huge allocation. On error s is unchanged.
//
// UnmarshalBinary returns an error if:
//   - data is not the binary form of a Summaries: a wrong header or version,
//     truncated, trailing bytes, a number out of its range, customers not in
//     strictly increasing ID order, days outside the window, a bitset with
//     fewer than two days or whose first day is not the recorded one
//     (metrics.ErrInvalid)
//   - the settings it holds are invalid (as Add reports), or its location
//     cannot be loaded by its name on this machine (metrics.ErrInvalid)
//   - s is nil (metrics.ErrInvalid)
func (s *Summaries) UnmarshalBinary(data []byte) error {
	if s == nil {
		return summariesNil(summariesUnmarshal)
	}
	d := &decoder{b: data}
	if string(d.bytes(uint64(len(summariesMagic)))) != summariesMagic || d.byte() != summariesVersion {
		d.err = nil
		d.fail("does not start with the header of a Summaries of version 1")
		return d.err
	}
	switch d.byte() {
	case 0:
		if d.err == nil && len(d.b) > 0 {
			d.fail("has trailing bytes")
		}
		if d.err != nil {
			return d.err
		}
		*s = Summaries{}
		return nil
	case 1:
	default:
		d.fail("has an invalid settings flag")
		return d.err
	}
	unit := TimeUnit(d.byte())
	name := string(d.bytes(d.uvarint(maxLocationName)))
	start := d.varint()
	cal := d.uvarint(MaxObservationDays)
	days := d.uvarint(MaxObservationDays)
	if d.err != nil {
		return d.err
	}
	if !unit.valid() || cal < 1 || days < cal || start < -1e9 || start > 1e9 {
		d.fail("holds invalid settings")
		return d.err
	}
	loc, err := loadLocation(name)
	if err != nil {
		return check.Err(summariesUnmarshal, "Location", name, metrics.ErrInvalid, "cannot be loaded by its name")
	}
	w := window{unit: unit, loc: loc, start: start, cal: int32(cal), days: int32(days)}
	// Each customer takes at least 4 bytes: ID length, ID, first day, kind.
	n := d.uvarint(uint64(len(d.b)) / 4)
	custs := make([]customer, 0, n)
	index := make(map[string]uint32, n)
	prev := ""
	for i := uint64(0); i < n && d.err == nil; i++ {
		id := string(d.bytes(d.uvarint(uint64(len(d.b)))))
		if d.err == nil && (id == "" || (i > 0 && id <= prev)) {
			d.fail("holds customer IDs that are empty or not in strictly increasing order")
		}
		prev = id
		c := customer{first: int32(d.uvarint(days - 1))}
		switch d.byte() {
		case 0:
		case 1:
			raw := d.bytes(uint64(w.words()) * 8)
			if d.err != nil {
				break
			}
			c.days = make([]uint64, w.words())
			for j := range c.days {
				c.days[j] = binary.LittleEndian.Uint64(raw[8*j:])
			}
			if tail := w.days % 64; tail != 0 && c.days[len(c.days)-1]>>tail != 0 {
				d.fail("holds a purchase day outside the window")
			}
			total := 0
			low := -1
			for j, v := range c.days {
				total += bits.OnesCount64(v)
				if low < 0 && v != 0 {
					low = 64*j + bits.TrailingZeros64(v)
				}
			}
			if total < 2 || low != int(c.first) {
				d.fail("holds a bitset of days that has fewer than two days or does not start on the first day")
			}
		default:
			d.fail("has an invalid kind of days")
		}
		if d.err != nil {
			break
		}
		if c.first < w.cal {
			c.firstAmt.Add(d.decimal())
		}
		if c.count(0, w.cal) >= 2 {
			c.repeat.Add(d.decimal())
		}
		if c.count(w.cal, w.days) >= 1 {
			c.holdout.Add(d.decimal())
		}
		index[id] = uint32(len(custs))
		custs = append(custs, c)
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("has trailing bytes")
	}
	if d.err != nil {
		return d.err
	}
	at := func(day int64) time.Time {
		y, m, dd := civilFromDays(day)
		return time.Date(int(y), m, dd, 0, 0, 0, 0, loc)
	}
	calP := metrics.Period{Start: at(w.start), End: at(w.start + int64(w.cal))}
	var hold metrics.Period
	if w.days > w.cal {
		hold = metrics.Period{Start: calP.End, End: at(w.start + int64(w.days))}
	}
	var locSetting *time.Location
	if loc != time.UTC {
		locSetting = loc
	}
	if len(custs) == 0 {
		custs, index = nil, nil
	}
	*s = Summaries{Unit: unit, Calibration: calP, Holdout: hold, Location: locSetting,
		win: w, index: index, custs: custs, customers: len(custs)}
	s.applied, s.set = true, s.settings()
	return nil
}
