package sales

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The binary forms of DealStats and LeadStats share these helpers. A form
// starts with a kind byte and a version byte, then the period's Start and
// End (each a length byte and time.Time's binary form), then unsigned
// varints and amounts. An amount is non-negative with at most maxScale
// digits after the point: its scale (minus its exponent) as a varint, then
// its coefficient's big-endian magnitude, a varint length and the bytes.
//
// Every form is canonical (minimal varints, no leading zero byte in a
// magnitude, times in the form time.Time.MarshalBinary writes), so that
// decoding then encoding gives back the same bytes; the decoder rejects
// anything else, and checks every declared length against the bytes left
// before it allocates.

// formVersion is the version of both binary forms.
const formVersion = 1

// maxScale bounds the digits after the point of a serialised sum, so that
// hostile bytes cannot make a later reading allocate without bound
// (an amount of scale 10⁹ formats as a billion digits).
const maxScale = 1 << 16

// encoder appends a binary form.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *encoder) count(n int) { e.uvarint(uint64(n)) }

// period appends p's Start and End. It fails for a time that has no binary
// or no exact RFC 3339 form (a year outside 0..9999, a zone offset of a day
// or more or of a fraction of a minute), so that the binary and the JSON
// forms hold the same periods, to the nanosecond.
func (e *encoder) period(metric string, p metrics.Period) error {
	for _, t := range [...]time.Time{p.Start, p.End} {
		tb, err := t.MarshalBinary()
		if err == nil {
			err = rfc3339Exact(t)
		}
		if err != nil {
			return check.Err(metric, "Period", p, metrics.ErrInvalid, "has a time with no serialised form: "+err.Error())
		}
		e.b = append(e.b, byte(len(tb)))
		e.b = append(e.b, tb...)
	}
	return nil
}

// amount appends a sum of amounts, non-negative and of exponent ≤ 0 (as
// the amount function returns them).
func (e *encoder) amount(metric, field string, v decimal.Decimal) error {
	scale := -int64(v.Exponent())
	if scale > maxScale {
		return check.Err(metric, field, v.Exponent(), metrics.ErrOutOfRange,
			"is an exponent beyond −"+strconv.Itoa(maxScale)+": the sum has no binary form")
	}
	e.uvarint(uint64(scale))
	mag := v.Coefficient().Bytes()
	e.count(len(mag))
	e.b = append(e.b, mag...)
	return nil
}

// rfc3339Exact reports why t has no RFC 3339 form that reads back as the
// same instant (RFC 3339 writes a zone offset in whole minutes and at most
// nine digits of a second; time.Time.UnmarshalBinary accepts more).
func rfc3339Exact(t time.Time) error {
	text, err := t.MarshalText()
	if err != nil {
		return err
	}
	var back time.Time
	if err := back.UnmarshalText(text); err != nil || !back.Equal(t) {
		return errors.New("its RFC 3339 form " + string(text) + " is another instant")
	}
	return nil
}

// decoder reads a binary form. The first problem sticks: later reads return
// zero values, and finish reports it.
type decoder struct {
	metric string
	data   []byte
	off    int
	err    error
}

// fail records a problem with the bytes at offset at.
func (d *decoder) fail(at int, detail string) {
	if d.err == nil {
		d.err = check.ErrAt(d.metric, "data", at, nil, metrics.ErrInvalid, detail)
	}
}

// header reads the kind and version bytes.
func (d *decoder) header(kind byte, name string) {
	switch {
	case len(d.data) < 2:
		d.fail(0, "is too short for the binary form of a "+name)
	case d.data[0] != kind:
		d.fail(0, "is not the binary form of a "+name)
	case d.data[1] != formVersion:
		d.fail(1, "is version "+strconv.Itoa(int(d.data[1]))+", want "+strconv.Itoa(formVersion))
	default:
		d.off = 2
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		d.fail(d.off, "is a truncated or overlong varint")
		return 0
	}
	if n != len(binary.AppendUvarint(nil, v)) {
		d.fail(d.off, "is a varint with redundant bytes")
		return 0
	}
	d.off += n
	return v
}

// count reads a count, which must fit an int.
func (d *decoder) count(what string) int {
	at := d.off
	v := d.uvarint()
	if v > math.MaxInt {
		d.fail(at, "is a count of "+what+" beyond math.MaxInt")
		return 0
	}
	return int(v)
}

// take returns the next n bytes, whose length was declared at offset at.
func (d *decoder) take(n uint64, what string, at int) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.data)-d.off) {
		d.fail(at, "declares "+strconv.FormatUint(n, 10)+" bytes of "+what+" but "+strconv.Itoa(len(d.data)-d.off)+" are left")
		return nil
	}
	b := d.data[d.off : d.off+int(n)]
	d.off += int(n)
	return b
}

func (d *decoder) time() time.Time {
	if d.err != nil {
		return time.Time{}
	}
	at := d.off
	if d.off >= len(d.data) {
		d.fail(at, "is truncated before a time")
		return time.Time{}
	}
	d.off++
	tb := d.take(uint64(d.data[at]), "a time", at)
	var t time.Time
	if d.err != nil {
		return t
	}
	if err := t.UnmarshalBinary(tb); err != nil {
		d.fail(at, "holds no time: "+err.Error())
		return time.Time{}
	}
	if again, err := t.MarshalBinary(); err != nil || !bytes.Equal(again, tb) {
		d.fail(at, "holds a time in a form time.Time.MarshalBinary does not write")
		return time.Time{}
	}
	if err := rfc3339Exact(t); err != nil {
		d.fail(at, "holds a time with no exact RFC 3339 form: "+err.Error())
		return time.Time{}
	}
	return t
}

// period reads a period, which must be valid or the zero Period (all
// time).
func (d *decoder) period() metrics.Period {
	var p metrics.Period
	p.Start = d.time()
	at := d.off
	p.End = d.time()
	if d.err == nil && !allTime(&p) && !p.End.After(p.Start) {
		d.fail(at, "holds a Period.End that is not after Period.Start")
	}
	return p
}

// amount reads a sum of amounts.
func (d *decoder) amount(what string) decimal.Decimal {
	at := d.off
	scale := d.uvarint()
	if scale > maxScale {
		d.fail(at, "holds "+what+" with more than "+strconv.Itoa(maxScale)+" digits after the point")
		return decimal.Decimal{}
	}
	mag := d.take(d.uvarint(), what, at)
	if d.err != nil {
		return decimal.Decimal{}
	}
	if len(mag) > 0 && mag[0] == 0 {
		d.fail(at, "holds "+what+" with a leading zero byte")
		return decimal.Decimal{}
	}
	return decimal.NewFromBigInt(new(big.Int).SetBytes(mag), -int32(scale))
}

// finish reports the first problem, or bytes left over.
func (d *decoder) finish() error {
	if d.err == nil && d.off != len(d.data) {
		d.fail(d.off, "has "+strconv.Itoa(len(d.data)-d.off)+" bytes after the end of the form")
	}
	return d.err
}

// amountText formats a sum of amounts exactly, keeping its trailing zeros
// ("10.50"), for the JSON forms.
func amountText(v decimal.Decimal) string {
	return v.StringFixed(-v.Exponent())
}

// parseAmount reads a sum of amounts written by amountText (or any decimal
// text of at most maxScale digits after the point, not negative). A
// positive exponent ("1E3") is brought to 0, as sums are kept.
func parseAmount(metric, field, text string) (decimal.Decimal, error) {
	v, err := decimal.NewFromString(text)
	switch {
	case err != nil:
		return decimal.Decimal{}, check.Err(metric, field, strconv.Quote(text), metrics.ErrInvalid, "is not a decimal number")
	case v.Exponent() < -maxScale || v.Exponent() > maxScale:
		return decimal.Decimal{}, check.Err(metric, field, strconv.Quote(text), metrics.ErrInvalid,
			"has an exponent beyond ±"+strconv.Itoa(maxScale))
	case v.Sign() < 0:
		return decimal.Decimal{}, check.Err(metric, field, strconv.Quote(text), metrics.ErrInvalid, "is negative")
	case v.Exponent() > 0:
		return decimal.Zero.Add(v), nil
	}
	return v, nil
}
