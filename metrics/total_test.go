package metrics_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// totalOf returns the Total of values, added in one call.
func totalOf(values ...decimal.Decimal) metrics.Total {
	var t metrics.Total
	t.Add(values...)
	return t
}

// readOut is what a Total shows: its value with exponent, its mean and its
// binary and JSON forms.
func readOut(t testkit.TB, tot metrics.Total) []string {
	t.Helper()
	v := tot.Value()
	m, err := tot.Mean()
	b, berr := tot.MarshalBinary()
	j, jerr := json.Marshal(tot)
	if berr != nil || jerr != nil {
		t.Fatalf("marshal: %v, %v", berr, jerr)
	}
	return []string{v.Coefficient().String(), strconv.Itoa(int(v.Exponent())), v.String(), m.String(), errText(err), string(b), string(j)}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestTotalShardsMergeToOnePass(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 0, 60).Draw(t, "values")
		whole := totalOf(values...)
		// Split into random shards, each accumulated one value at a time or
		// all at once.
		var shards []metrics.Total
		for rest := values; len(rest) > 0; {
			n := rapid.IntRange(1, len(rest)).Draw(t, "shard size")
			var s metrics.Total
			if rapid.Bool().Draw(t, "one by one") {
				for _, v := range rest[:n] {
					s.Add(v)
				}
			} else {
				s.Add(rest[:n]...)
			}
			shards = append(shards, s)
			rest = rest[n:]
		}
		// Serialise, deserialise (binary or JSON), merge in random order.
		order := rapid.Permutation(indexes(len(shards))).Draw(t, "order")
		var merged metrics.Total
		for _, i := range order {
			var back metrics.Total
			if rapid.Bool().Draw(t, "json") {
				j, err := json.Marshal(shards[i])
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(j, &back); err != nil {
					t.Fatalf("UnmarshalJSON(%s): %v", j, err)
				}
			} else {
				b, err := shards[i].MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatalf("UnmarshalBinary(%x): %v", b, err)
				}
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(readOut(t, whole), readOut(t, merged)); diff != "" {
			t.Fatalf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		// The value is exact and has decimal.Sum's exponent.
		testkit.RequireRat(t, merged.Value(), ratSum(values))
		if len(values) > 0 && merged.Value().Exponent() != decimal.Sum(values[0], values[1:]...).Exponent() {
			t.Fatalf("exponent %d, decimal.Sum's %d", merged.Value().Exponent(), decimal.Sum(values[0], values[1:]...).Exponent())
		}
	})
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestTotalMergeSelf(t *testing.T) {
	tot := totalOf(decs("1.5 2.25")...)
	if err := tot.Merge(&tot); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(readOut(t, totalOf(decs("1.5 2.25 1.5 2.25")...)), readOut(t, tot)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// hostileTotal returns the binary form of a Total with the given count and
// an empty coefficient at exponent 0.
func hostileTotal(count uint64) []byte {
	b := binary.AppendUvarint([]byte{1}, count)
	return append(binary.AppendVarint(b, 0), 0, 0)
}

func TestTotalMergeErrors(t *testing.T) {
	var big1, big2 metrics.Total
	if err := big1.UnmarshalBinary(hostileTotal(1 << 62)); err != nil {
		t.Fatal(err)
	}
	if err := big2.UnmarshalBinary(hostileTotal(1<<62 - 1)); err != nil {
		t.Fatal(err)
	}
	if err := big1.Merge(&big2); err != nil { // 2⁶³ − 1 values: the most
		t.Fatalf("Merge: %v", err)
	}
	before := readOut(t, big1)
	one := totalOf(decimal.NewFromInt(1))
	err := big1.Merge(&one)
	testkit.RequireSentinel(t, err, metrics.ErrOutOfRange)
	testkit.RequireFieldOf(t, err, struct{ o *metrics.Total }{})
	if diff := cmp.Diff(before, readOut(t, big1)); diff != "" {
		t.Errorf("a failed Merge changed the total (-want +got):\n%s", diff)
	}
}

func TestTotalBinary(t *testing.T) {
	tests := []struct {
		name   string
		values string
		want   []byte
	}{
		{"empty", "", []byte{1, 0}},
		{"zero", "0", []byte{1, 1, 0, 0, 0}},
		{"zero at -2", "0.00", []byte{1, 1, 3, 0, 0}},
		{"money", "19.99 5.01 -3.50", []byte{1, 3, 3, 0, 2, 0x08, 0x66}},
		{"negative", "-1", []byte{1, 1, 0, 1, 1, 1}},
		{"positive exponent", "2e3", []byte{1, 1, 6, 0, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tot := totalOf(decs(tt.values)...)
			got, err := tot.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			var back metrics.Total
			if err := back.UnmarshalBinary(got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(readOut(t, tot), readOut(t, back)); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTotalUnmarshalBinaryErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"unknown version", []byte{2, 0}},
		{"no count", []byte{1}},
		{"count overflows", []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}},
		{"count beyond 2^62", hostileTotal(1<<62 + 1)},
		{"trailing bytes after empty", []byte{1, 0, 0}},
		{"no exponent", []byte{1, 1}},
		{"exponent beyond 10000", append(binary.AppendVarint([]byte{1, 1}, 10001), 0, 0)},
		{"exponent below -10000", append(binary.AppendVarint([]byte{1, 1}, -10001), 0, 0)},
		{"no sign", []byte{1, 1, 0}},
		{"bad sign", []byte{1, 1, 0, 2, 0}},
		{"no length", []byte{1, 1, 0, 0}},
		{"length beyond the bytes", []byte{1, 1, 0, 0, 5, 1}},
		{"huge length", append([]byte{1, 1, 0, 0}, binary.AppendUvarint(nil, 1<<60)...)},
		{"trailing bytes", []byte{1, 1, 0, 0, 1, 1, 9}},
		{"leading zero byte", []byte{1, 1, 0, 0, 2, 0, 1}},
		{"negative zero", []byte{1, 1, 0, 1, 0}},
		{"count not in its shortest form", []byte{1, 0xff, 0x00, 0, 0, 0}},
		{"exponent not in its shortest form", []byte{1, 1, 0x80, 0x00, 0, 0}},
		{"length not in its shortest form", []byte{1, 1, 0, 0, 0x81, 0x00, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tot := totalOf(decs("7.5")...)
			before := readOut(t, tot)
			err := tot.UnmarshalBinary(tt.data)
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ data []byte }{})
			if diff := cmp.Diff(before, readOut(t, tot)); diff != "" {
				t.Errorf("a failed UnmarshalBinary changed the total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTotalMarshalErrors(t *testing.T) {
	for _, v := range []decimal.Decimal{decimal.New(1, -10001), decimal.New(1, 10001)} {
		tot := totalOf(v)
		_, err := tot.MarshalBinary()
		testkit.RequireSentinel(t, err, metrics.ErrOutOfRange)
		testkit.RequireFieldOf(t, err, struct{ values []decimal.Decimal }{})
		_, err = tot.MarshalJSON()
		testkit.RequireSentinel(t, err, metrics.ErrOutOfRange)
		testkit.RequireFieldOf(t, err, struct{ values []decimal.Decimal }{})
	}
	// The limits themselves encode.
	for _, v := range []decimal.Decimal{decimal.New(-3, -10000), decimal.New(3, 10000)} {
		tot := totalOf(v)
		b, err := tot.MarshalBinary()
		var back metrics.Total
		if err != nil || back.UnmarshalBinary(b) != nil || !back.Value().Equal(v) {
			t.Errorf("binary round trip of %v×10^%d failed: %v", v.Coefficient(), v.Exponent(), err)
		}
		j, err := tot.MarshalJSON()
		back = metrics.Total{}
		if err != nil || back.UnmarshalJSON(j) != nil || !back.Value().Equal(v) {
			t.Errorf("JSON round trip of %v×10^%d failed: %v", v.Coefficient(), v.Exponent(), err)
		}
	}
}

func TestTotalJSON(t *testing.T) {
	tests := []struct {
		values, want string
	}{
		{"", `{"count":0,"sum":"0"}`},
		{"0.00", `{"count":1,"sum":"0.00"}`},
		{"10.50 0.25", `{"count":2,"sum":"10.75"}`},
		{"-3.5 1", `{"count":2,"sum":"-2.5"}`},
		{"12e3 1e3", `{"count":2,"sum":"13e3"}`},
		{"9223372036854775807 9223372036854775807", `{"count":2,"sum":"18446744073709551614"}`},
	}
	for _, tt := range tests {
		tot := totalOf(decs(tt.values)...)
		got, err := json.Marshal(tot)
		if diff := cmp.Diff(tt.want, string(got)); diff != "" || err != nil {
			t.Errorf("%q (-want +got):\n%s (%v)", tt.values, diff, err)
		}
		var back metrics.Total
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(readOut(t, tot), readOut(t, back)); diff != "" {
			t.Errorf("round trip of %q (-want +got):\n%s", tt.values, diff)
		}
	}
}

func TestTotalUnmarshalJSONErrors(t *testing.T) {
	for _, in := range []string{
		``, `null`, `[]`, `{"count":"1","sum":"1"}`, `{"count":-1,"sum":"1"}`, `{"count":4611686018427387905,"sum":"1"}`,
		`{"count":1,"sum":1}`, `{"count":1,"sum":""}`, `{"count":1,"sum":"-"}`, `{"count":1,"sum":"1.2.3"}`,
		`{"count":1,"sum":"1."}`, `{"count":1,"sum":".5"}`, `{"count":1,"sum":"-.5"}`, `{"count":1,"sum":"1e0"}`,
		`{"count":1,"sum":"1e+3"}`, `{"count":1,"sum":"1e10001"}`, `{"count":1,"sum":"1e-3"}`, `{"count":1,"sum":"0x10"}`,
		`{"count":1,"sum":"+1"}`, `{"count":1,"sum":"1 "}`, `{"count":0,"sum":"1"}`, `{"count":0,"sum":"0.0"}`,
		`{"count":1,"sum":"0.` + string(bytes.Repeat([]byte("0"), 10001)) + `"}`,
	} {
		tot := totalOf(decs("7.5")...)
		before := readOut(t, tot)
		err := tot.UnmarshalJSON([]byte(in))
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ data []byte }{})
		if diff := cmp.Diff(before, readOut(t, tot)); diff != "" {
			t.Errorf("a failed UnmarshalJSON(%.40s) changed the total (-want +got):\n%s", in, diff)
		}
	}
	var tot metrics.Total
	if err := json.Unmarshal([]byte(`{"count":2,"sum":"1.5"}`), &tot); err != nil {
		t.Fatal(err)
	}
	if m, err := tot.Mean(); err != nil || m.String() != "0.75" {
		t.Errorf("decoded mean %v, %v, want 0.75", m, err)
	}
}

func FuzzTotalUnmarshalBinary(f *testing.F) {
	for _, values := range []string{"", "0", "19.99 5.01", "-1e3", "123456789012345678901234567890.5"} {
		b, _ := totalOf(decs(values)...).MarshalBinary()
		f.Add(b)
	}
	f.Add(hostileTotal(math.MaxUint64))
	f.Add([]byte{1, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var tot metrics.Total
		if err := tot.UnmarshalBinary(data); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		// What decodes is canonical: it encodes back to the same bytes.
		b, err := tot.MarshalBinary()
		if err != nil || !bytes.Equal(b, data) {
			t.Fatalf("UnmarshalBinary(%x) then MarshalBinary = %x, %v", data, b, err)
		}
		// and merges without a panic.
		var other metrics.Total
		other.Add(decimal.New(1, -2))
		_ = other.Merge(&tot)
	})
}

func FuzzTotalRoundTrip(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add(append(binary.LittleEndian.AppendUint64(nil, math.MaxInt64), 3), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		values := fuzzValues(data)
		k := int(cut) % (len(values) + 1)
		a, b := totalOf(values[:k]...), totalOf(values[k:]...)
		ab, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		bj, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		var a2, b2 metrics.Total
		if err := a2.UnmarshalBinary(ab); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(bj, &b2); err != nil {
			t.Fatal(err)
		}
		if err := b2.Merge(&a2); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(readOut(t, totalOf(values...)), readOut(t, b2)); diff != "" {
			t.Fatalf("(-want +got):\n%s", diff)
		}
		if want := new(big.Rat).Set(ratSum(values)); b2.Value().Rat().Cmp(want) != 0 {
			t.Fatalf("value %s, exact %s", b2.Value().String(), want.RatString())
		}
	})
}
