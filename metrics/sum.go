package metrics

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

// Sum returns the exact sum of values:
//
//	Sum = values[0] + values[1] + … + values[n−1]
//
// The result has the unit of the values (an amount in their currency, a
// count, ...) and is exact, whatever the values' signs, sizes and scales: it
// equals the result of adding the values one by one with decimal's Add, and
// has the same digits and exponent as decimal.Sum. Its exponent is the
// smallest exponent among the values, so amounts with two digits after the
// point sum to an amount with two digits after the point ("10.50" + "0.25"
// is "10.75"). The sum of no values is zero.
//
// Sum is faster than an Add loop or decimal.Sum: it adds the coefficients as
// machine integers into a 128-bit total, fastest while they fit an int64
// (every amount below 10¹⁶ with two digits after the point does) and share
// one exponent, and falls back to decimal's exact arithmetic only for
// coefficients of 20 digits or more and totals beyond 2¹²⁷, so with ordinary
// amounts its allocations (those of the result) do not grow with
// len(values). Mixed scales are brought to the smallest exponent; as with
// Add, the time and memory that takes grow with the spread between the
// largest and the smallest exponent (1e-9 + 1e9 is a number of 19 digits).
//
// Sum is the one-call form of [Total], the accumulator to use when the values
// arrive in parts (shards, other processes, a stream) or their mean is
// wanted. Sum cannot fail and returns no error.
func Sum(values []decimal.Decimal) decimal.Decimal {
	var s exact.Sum
	s.AddSlice(values)
	return s.Value()
}

// Total is an exact running total of decimal values and of their number: the
// accumulator behind [Sum], with the mean of the values as well. Its zero
// value is an empty total, ready to use; it has no settings.
//
//	Value = values[0] + values[1] + … + values[n−1]   (exact; 0 for no values)
//	Mean  = Value / n                                   (n = number of values added)
//
// Add values as they come, one or many at a time, Merge the totals of other
// parts (shards, goroutines, processes), and read Value and Mean: any split
// of the values, merged in any order, gives the same Value, with the same
// digits and exponent (the smallest exponent among the values, as with Sum),
// and the same Mean.
//
// A Total travels between processes in binary (MarshalBinary, a few bytes
// plus the total's coefficient) or JSON ({"count": 3, "sum": "10.50"}, the
// sum as an exact string); both round-trip exactly.
//
// A Total is not safe for concurrent use: give each goroutine its own and
// Merge them.
type Total struct {
	sum   exact.Sum
	count int64
}

// maxCount is the largest count a decoded Total may carry: far above any
// real count, and low enough that Add cannot overflow an int64 after it.
const maxCount = 1 << 62

// maxExponent bounds the exponent of a decoded Total (|exponent| ≤ 10000),
// so that hostile bytes cannot make a later Merge or String allocate without
// bound.
const maxExponent = 10000

// Add adds values to the total: t.Add(v) for one value, t.Add(values...) for
// a slice, which takes Sum's fast path. Add cannot fail.
func (t *Total) Add(values ...decimal.Decimal) {
	t.sum.AddSlice(values)
	t.count += int64(len(values))
}

// Merge adds the values of o to t, as if they had been added to t; o may be
// t (every value then counts twice), and o is not modified.
//
// Merge returns an error, leaving t unchanged, if:
//   - the number of values would exceed 2⁶³ − 1 ([ErrOutOfRange])
func (t *Total) Merge(o *Total) error {
	if o.count > math.MaxInt64-t.count {
		return check.Err("metrics.Total.Merge", "o", o.count, ErrOutOfRange, "values would overflow the count of "+strconv.FormatInt(t.count, 10))
	}
	t.sum.Merge(&o.sum)
	t.count += o.count
	return nil
}

// Value returns the exact sum of the values added, with the smallest
// exponent among them; it is decimal.Zero when none was added.
func (t *Total) Value() decimal.Decimal { return t.sum.Value() }

// Mean returns the exact arithmetic mean of the values added:
//
//	Mean = (values[0] + values[1] + … + values[n−1]) / n
//
// The result has the unit of the values. The sum is exact (see [Sum]); the
// quotient is exact when its decimal expansion terminates and is otherwise
// rounded half away from zero at [Scale] (10) digits after the point, so the
// mean of 1, 1 and 2 is 1.3333333333.
//
// Mean returns an error if:
//   - no value was added: a quotient over zero values ([ErrUndefined])
func (t *Total) Mean() (decimal.Decimal, error) {
	if t.count == 0 {
		return decimal.Decimal{}, check.Err("metrics.Total.Mean", "values", nil, ErrUndefined, "is empty")
	}
	return exact.Quo(t.sum.Value(), decimal.NewFromInt(t.count)), nil
}

// totalVersion is the first byte of a Total's binary form.
const totalVersion = 1

// MarshalBinary encodes the total: a version byte, the count (uvarint) and,
// for a non-empty total, the exponent (varint), the sign (one byte) and the
// magnitude of the sum's coefficient (uvarint length, big-endian bytes). The
// same total always gives the same bytes.
//
// MarshalBinary returns an error if:
//   - the sum's exponent lies beyond ±10000 ([ErrOutOfRange])
func (t Total) MarshalBinary() ([]byte, error) {
	b := []byte{totalVersion}
	b = binary.AppendUvarint(b, uint64(t.count))
	if t.count == 0 {
		return b, nil
	}
	v := t.sum.Value()
	if e := v.Exponent(); e < -maxExponent || e > maxExponent {
		return nil, check.Err("metrics.Total.MarshalBinary", "values", e, ErrOutOfRange, "exponent is beyond ±10000")
	}
	b = binary.AppendVarint(b, int64(v.Exponent()))
	c := v.Coefficient()
	sign := byte(0)
	if c.Sign() < 0 {
		sign = 1
	}
	mag := c.Abs(c).Bytes()
	b = append(b, sign)
	b = binary.AppendUvarint(b, uint64(len(mag)))
	return append(b, mag...), nil
}

// UnmarshalBinary decodes a total that MarshalBinary encoded, replacing t.
// It checks every declared length against the bytes left before it
// allocates, so hostile bytes cost at most their own length.
//
// UnmarshalBinary returns an error, leaving t unchanged, if:
//   - data is truncated, has trailing bytes, an unknown version, a number
//     not in its shortest form, or a count, sign, exponent or coefficient
//     out of its range ([ErrInvalid])
func (t *Total) UnmarshalBinary(data []byte) error {
	bad := func(detail string) error {
		return check.Err("metrics.Total.UnmarshalBinary", "data", nil, ErrInvalid, detail)
	}
	if len(data) == 0 || data[0] != totalVersion {
		return bad("has no known version byte")
	}
	rest := data[1:]
	count, n := binary.Uvarint(rest)
	if n <= 0 || n != uvarintLen(count) || count > maxCount {
		return bad("has no valid count")
	}
	rest = rest[n:]
	if count == 0 {
		if len(rest) != 0 {
			return bad("has trailing bytes")
		}
		*t = Total{}
		return nil
	}
	exp, n := binary.Varint(rest)
	if n <= 0 || n != varintLen(exp) || exp < -maxExponent || exp > maxExponent {
		return bad("has no valid exponent")
	}
	rest = rest[n:]
	if len(rest) == 0 || rest[0] > 1 {
		return bad("has no valid sign")
	}
	neg := rest[0] == 1
	rest = rest[1:]
	size, n := binary.Uvarint(rest)
	if n <= 0 || n != uvarintLen(size) || size != uint64(len(rest)-n) {
		return bad("has a coefficient length that does not match the bytes left")
	}
	rest = rest[n:]
	if size > 0 && rest[0] == 0 || neg && size == 0 {
		return bad("has a coefficient that is not in canonical form")
	}
	c := new(big.Int).SetBytes(rest)
	if neg {
		c.Neg(c)
	}
	*t = newTotal(decimal.NewFromBigInt(c, int32(exp)), int64(count))
	return nil
}

// uvarintLen and varintLen return the length of the shortest encoding of x,
// the only one UnmarshalBinary accepts: one total, one form.
func uvarintLen(x uint64) int {
	return len(binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64), x))
}
func varintLen(x int64) int {
	return len(binary.AppendVarint(make([]byte, 0, binary.MaxVarintLen64), x))
}

// newTotal returns the Total of count values that sum to v.
func newTotal(v decimal.Decimal, count int64) Total {
	var s exact.Sum
	s.Add(v)
	return Total{sum: s, count: count}
}

// totalJSON is the JSON form of a Total.
type totalJSON struct {
	Count int64  `json:"count"`
	Sum   string `json:"sum"`
}

// MarshalJSON encodes the total as {"count": n, "sum": "…"}, the sum an
// exact string with its exponent kept ("10.50", or "12e3" for a positive
// exponent), whatever shopspring's globals say.
//
// MarshalJSON returns an error if:
//   - the sum's exponent lies beyond ±10000 ([ErrOutOfRange])
func (t Total) MarshalJSON() ([]byte, error) {
	v := t.sum.Value()
	if e := v.Exponent(); e < -maxExponent || e > maxExponent {
		return nil, check.Err("metrics.Total.MarshalJSON", "values", e, ErrOutOfRange, "exponent is beyond ±10000")
	}
	return json.Marshal(totalJSON{Count: t.count, Sum: exactText(v)})
}

// UnmarshalJSON decodes a total that MarshalJSON encoded, replacing t.
//
// UnmarshalJSON returns an error, leaving t unchanged, if:
//   - data is not such an object, the count is negative or too large, the
//     sum is not an exact decimal string, or an empty total has a sum other
//     than "0" ([ErrInvalid])
func (t *Total) UnmarshalJSON(data []byte) error {
	bad := func(detail string) error {
		return check.Err("metrics.Total.UnmarshalJSON", "data", nil, ErrInvalid, detail)
	}
	var j totalJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return bad("is not a Total's JSON")
	}
	if j.Count < 0 || j.Count > maxCount {
		return bad("has a count out of range")
	}
	v, ok := parseExactText(j.Sum)
	if !ok {
		return bad("has a sum that is not an exact decimal")
	}
	if j.Count == 0 {
		if j.Sum != "0" {
			return bad("has a sum other than \"0\" with no values")
		}
		*t = Total{}
		return nil
	}
	*t = newTotal(v, j.Count)
	return nil
}

// exactText formats v with its exponent kept: "10.50" for 1050 × 10⁻², "7"
// for 7 × 10⁰, "12e3" for 12 × 10³.
func exactText(v decimal.Decimal) string {
	if e := v.Exponent(); e > 0 {
		return v.Coefficient().String() + "e" + strconv.Itoa(int(e))
	}
	return v.StringFixed(-v.Exponent())
}

// parseExactText is the inverse of exactText: an optional minus sign, digits,
// and either a point and digits or "e" and a positive exponent, with the
// exponent within ±10000. It reads no shopspring global.
func parseExactText(s string) (decimal.Decimal, bool) {
	digits, exp := s, 0
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e <= 0 || e > maxExponent || strings.HasPrefix(s[i+1:], "+") {
			return decimal.Decimal{}, false
		}
		digits, exp = s[:i], e
	} else if i := strings.IndexByte(s, '.'); i >= 0 {
		digits, exp = s[:i]+s[i+1:], -(len(s) - i - 1)
		if exp == 0 || strings.TrimPrefix(s[:i], "-") == "" || exp < -maxExponent || strings.IndexByte(s[i+1:], '.') >= 0 {
			return decimal.Decimal{}, false
		}
	}
	body := strings.TrimPrefix(digits, "-")
	if body == "" || strings.Trim(body, "0123456789") != "" {
		return decimal.Decimal{}, false
	}
	c, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromBigInt(c, int32(exp)), true
}
