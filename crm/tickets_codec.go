package crm

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// ticketStatsVersion is the first byte of TicketStats' binary form.
const ticketStatsVersion = 1

// MarshalBinary encodes the stats, Period included, in a compact binary
// form that [TicketStats.UnmarshalBinary] reads back exactly. The form is
// canonical: stats holding the same tickets (one pass, or shards merged in
// any order) encode to the same bytes. It is, in order: a version byte (1);
// a byte 0 for the zero Period, or 1 followed by Start and End, each as a
// length byte and time.Time's MarshalBinary form (which keeps the instant
// and the zone offset, not the zone's name); the uvarints received, open,
// and the numbers of resolution and of first-response times; then those
// times, ascending, as 8-byte little-endian nanoseconds.
//
// MarshalBinary sorts the kept durations in place. It returns an error if:
//   - Period is neither the zero Period nor valid ([metrics.ErrInvalid])
func (s *TicketStats) MarshalBinary() ([]byte, error) {
	const metric = "crm.TicketStats.MarshalBinary"
	all, err := s.checkPeriod(metric)
	if err != nil {
		return nil, err
	}
	s.resolution.sort()
	s.response.sort()
	out := make([]byte, 0, 2+2*17+4*binary.MaxVarintLen64+8*(len(s.resolution.d)+len(s.response.d)))
	out = append(out, ticketStatsVersion)
	if all {
		out = append(out, 0)
	} else {
		out = append(out, 1)
		for _, t := range []time.Time{s.Period.Start, s.Period.End} {
			b, err := t.MarshalBinary()
			if err != nil {
				return nil, check.Err(metric, "Period", t, metrics.ErrInvalid, "cannot be encoded: "+err.Error())
			}
			out = append(out, byte(len(b)))
			out = append(out, b...)
		}
	}
	for _, v := range []int{s.received, s.open, len(s.resolution.d), len(s.response.d)} {
		out = binary.AppendUvarint(out, uint64(v))
	}
	for _, d := range s.resolution.d {
		out = binary.LittleEndian.AppendUint64(out, uint64(d))
	}
	for _, d := range s.response.d {
		out = binary.LittleEndian.AppendUint64(out, uint64(d))
	}
	return out, nil
}

// UnmarshalBinary replaces s with the stats encoded in data by
// [TicketStats.MarshalBinary]. It checks every declared length against the
// bytes left before allocating, so hostile input cannot make it allocate
// more than about the size of data.
//
// UnmarshalBinary returns an error, and leaves s unchanged, if:
//   - data is truncated, has bytes left over, has an unknown version, or
//     holds an invalid Period, counts that contradict each other (more open
//     or answered tickets than received ones, say), or durations that are
//     negative or not ascending ([metrics.ErrInvalid], Field "data" with Index
//     the offset of the byte at fault)
func (s *TicketStats) UnmarshalBinary(data []byte) error {
	const metric = "crm.TicketStats.UnmarshalBinary"
	pos := 0
	bad := func(detail string) error {
		return check.ErrAt(metric, "data", pos, nil, metrics.ErrInvalid, detail)
	}
	if len(data) < 2 {
		return bad("is truncated")
	}
	if data[0] != ticketStatsVersion {
		return bad("has unknown version " + check.Text(int(data[0])))
	}
	var d TicketStats
	pos = 1
	switch data[1] {
	case 0:
		pos = 2
	case 1:
		pos = 2
		for _, t := range []*time.Time{&d.Period.Start, &d.Period.End} {
			if pos >= len(data) || int(data[pos]) > len(data)-pos-1 {
				return bad("is truncated in the Period")
			}
			n := int(data[pos])
			if err := t.UnmarshalBinary(data[pos+1 : pos+1+n]); err != nil {
				return bad("holds an invalid Period time: " + err.Error())
			}
			pos += 1 + n
		}
		if !d.Period.End.After(d.Period.Start) {
			return bad("holds an invalid Period " + d.Period.String())
		}
	default:
		return bad("has an unknown Period flag")
	}
	var counts [4]int
	for i := range counts {
		v, n := binary.Uvarint(data[pos:])
		if n <= 0 || v > math.MaxInt {
			return bad("has a truncated or oversized count")
		}
		counts[i] = int(v)
		pos += n
	}
	d.received, d.open = counts[0], counts[1]
	nres, nresp := counts[2], counts[3]
	left := (len(data) - pos) / 8
	if nres > left || nresp > left-nres || (len(data)-pos)%8 != 0 || nres+nresp != left {
		return bad("declares " + check.Text(nres) + "+" + check.Text(nresp) + " durations but holds " +
			check.Text(len(data)-pos) + " bytes for them")
	}
	read := func(n int) ([]time.Duration, error) {
		if n == 0 {
			return nil, nil
		}
		ds := make([]time.Duration, n)
		for i := range ds {
			v := binary.LittleEndian.Uint64(data[pos:])
			if v > math.MaxInt64 || (i > 0 && time.Duration(v) < ds[i-1]) {
				return nil, bad("holds a negative or out-of-order duration")
			}
			ds[i] = time.Duration(v)
			pos += 8
		}
		return ds, nil
	}
	var err error
	if d.resolution.d, err = read(nres); err != nil {
		return err
	}
	if d.response.d, err = read(nresp); err != nil {
		return err
	}
	if err := d.consistent(); err != "" {
		pos = 2
		return bad(err)
	}
	*s = d
	return nil
}

// consistent returns what is wrong with counts decoded from outside, or "".
func (s *TicketStats) consistent() string {
	all := s.Period.Start.IsZero() && s.Period.End.IsZero()
	switch {
	case s.open > s.received:
		return "has more open tickets than received ones"
	case len(s.response.d) > s.received:
		return "has more answered tickets than received ones"
	case all && s.open+len(s.resolution.d) != s.received:
		return "has received tickets that are neither open nor resolved, with the zero Period"
	}
	return ""
}

// ticketStatsJSON is the JSON form of a TicketStats.
type ticketStatsJSON struct {
	Period             *metrics.Period `json:"period,omitempty"`
	Received           int             `json:"received"`
	Open               int             `json:"open"`
	ResolutionTimes    []time.Duration `json:"resolution_times"`
	FirstResponseTimes []time.Duration `json:"first_response_times"`
}

// MarshalJSON encodes the stats as a JSON object that
// [TicketStats.UnmarshalJSON] reads back exactly:
//
//	{"period": {"start": "...", "end": "..."}, "received": 3, "open": 1,
//	 "resolution_times": [3600000000000, ...], "first_response_times": [...]}
//
// "period" is left out for the zero Period; the times are RFC 3339 with
// their zone offset. The durations are integer nanoseconds, as Go encodes a
// time.Duration, in ascending order; like MarshalBinary, MarshalJSON sorts
// the kept durations in place and gives the same text for the same tickets.
//
// MarshalJSON returns an error if:
//   - Period is neither the zero Period nor valid ([metrics.ErrInvalid])
func (s *TicketStats) MarshalJSON() ([]byte, error) {
	all, err := s.checkPeriod("crm.TicketStats.MarshalJSON")
	if err != nil {
		return nil, err
	}
	s.resolution.sort()
	s.response.sort()
	w := ticketStatsJSON{Received: s.received, Open: s.open,
		ResolutionTimes: s.resolution.d, FirstResponseTimes: s.response.d}
	if !all {
		w.Period = &s.Period
	}
	if w.ResolutionTimes == nil {
		w.ResolutionTimes = []time.Duration{}
	}
	if w.FirstResponseTimes == nil {
		w.FirstResponseTimes = []time.Duration{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON replaces s with the stats in the JSON form of
// [TicketStats.MarshalJSON]. Unknown keys are rejected.
//
// UnmarshalJSON returns an error, and leaves s unchanged, if:
//   - data is not that JSON form, or holds an invalid Period, negative or
//     contradicting counts, or durations that are negative or not ascending
//     ([metrics.ErrInvalid], Field "data" with Index the offset in data where
//     the decoder stopped, or 0)
func (s *TicketStats) UnmarshalJSON(data []byte) error {
	const metric = "crm.TicketStats.UnmarshalJSON"
	bad := func(at int64, detail string) error {
		return check.ErrAt(metric, "data", int(at), nil, metrics.ErrInvalid, detail)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w ticketStatsJSON
	if err := dec.Decode(&w); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return bad(syn.Offset, "is not valid JSON: "+err.Error())
		case errors.As(err, &typ):
			return bad(typ.Offset, "has a value of the wrong type: "+err.Error())
		}
		return bad(dec.InputOffset(), "is not a TicketStats: "+err.Error())
	}
	if dec.More() {
		return bad(dec.InputOffset(), "has data after the object")
	}
	var d TicketStats
	if w.Period != nil {
		d.Period = *w.Period
		if !d.Period.End.After(d.Period.Start) {
			return bad(0, "holds an invalid period "+d.Period.String())
		}
	}
	if w.Received < 0 || w.Open < 0 {
		return bad(0, "holds a negative count")
	}
	d.received, d.open = w.Received, w.Open
	for _, ds := range [][]time.Duration{w.ResolutionTimes, w.FirstResponseTimes} {
		for i, v := range ds {
			if v < 0 || (i > 0 && v < ds[i-1]) {
				return bad(0, "holds a negative or out-of-order duration")
			}
		}
	}
	if len(w.ResolutionTimes) > 0 {
		d.resolution.d = slices.Clip(w.ResolutionTimes)
	}
	if len(w.FirstResponseTimes) > 0 {
		d.response.d = slices.Clip(w.FirstResponseTimes)
	}
	if err := d.consistent(); err != "" {
		return bad(0, err)
	}
	*s = d
	return nil
}
