package exact_test

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

func TestDecimalLayoutKnown(t *testing.T) {
	// Built with kpikit_purego, Sum never reads in place.
	if exact.PureGo {
		if exact.LayoutKnown() {
			t.Fatal("built with kpikit_purego, yet Sum reads coefficients in place")
		}
		return
	}
	// Sum reads decimal.Decimal's coefficient in place only when its fields
	// are the ones it knows; otherwise it is about twice as slow (see
	// BenchmarkSum in package metrics). A decimal upgrade that changes them
	// must be seen here, not in a benchmark.
	if !exact.LayoutKnown() {
		t.Fatalf("decimal.Decimal is %v: its fields are no longer {value *big.Int; exp int32}; "+
			"Sum takes the slower API path; update decimalFields in internal/exact/coefficient.go",
			reflect.TypeFor[decimal.Decimal]())
	}
}

func TestSameFields(t *testing.T) {
	bigInt, i32, i64 := reflect.TypeFor[*big.Int](), reflect.TypeFor[int32](), reflect.TypeFor[int64]()
	type field struct {
		name string
		typ  reflect.Type
	}
	structOf := func(fields ...field) reflect.Type {
		var fs []reflect.StructField
		for _, f := range fields {
			fs = append(fs, reflect.StructField{Name: f.name, Type: f.typ})
		}
		return reflect.StructOf(fs)
	}
	want := structOf(field{"Value", bigInt}, field{"Exp", i32})
	tests := []struct {
		name string
		typ  reflect.Type
		same bool
	}{
		{"identical", structOf(field{"Value", bigInt}, field{"Exp", i32}), true},
		{"renamed field", structOf(field{"Coef", bigInt}, field{"Exp", i32}), false},
		{"retyped field", structOf(field{"Value", bigInt}, field{"Exp", i64}), false},
		{"fields reordered", structOf(field{"Exp", i32}, field{"Value", bigInt}), false},
		// One field more, in the padding: the same size on 64-bit machines.
		{"one more field", structOf(field{"Value", bigInt}, field{"Exp", i32}, field{"Small", i32}), false},
		{"one field fewer", structOf(field{"Value", bigInt}), false},
		{"not a struct", i64, false},
	}
	for _, tt := range tests {
		if got := exact.SameFields(tt.typ, want); got != tt.same {
			t.Errorf("%s: SameFields = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// apiRead reads a decimal through its API, as the in-place read must.
func apiRead(v *decimal.Decimal) (*big.Int, int32) {
	c := v.Coefficient()
	if c.Sign() == 0 {
		return nil, v.Exponent()
	}
	return c, v.Exponent()
}

func TestReadsKnownValues(t *testing.T) {
	tests := []struct {
		name string
		read func(*decimal.Decimal) (*big.Int, int32)
		want bool
	}{
		{"the API", apiRead, true},
		{"zero as a non-nil 0", func(v *decimal.Decimal) (*big.Int, int32) { return v.Coefficient(), v.Exponent() }, true},
		{"wrong exponent", func(v *decimal.Decimal) (*big.Int, int32) { c, e := apiRead(v); return c, e + 1 }, false},
		{"wrong sign", func(v *decimal.Decimal) (*big.Int, int32) {
			c, e := apiRead(v)
			if c != nil {
				c = new(big.Int).Neg(c)
			}
			return c, e
		}, false},
		{"only the low 64 bits", func(v *decimal.Decimal) (*big.Int, int32) {
			c, e := apiRead(v)
			if c != nil {
				c = big.NewInt(v.CoefficientInt64())
			}
			return c, e
		}, false},
		{"nil for a non-zero value", func(v *decimal.Decimal) (*big.Int, int32) { return nil, v.Exponent() }, false},
		{"a value for zero", func(v *decimal.Decimal) (*big.Int, int32) {
			c, e := apiRead(v)
			if c == nil {
				c = big.NewInt(1)
			}
			return c, e
		}, false},
	}
	for _, tt := range tests {
		if got := exact.ReadsKnownValues(tt.read); got != tt.want {
			t.Errorf("%s: ReadsKnownValues = %v, want %v", tt.name, got, tt.want)
		}
	}
}
