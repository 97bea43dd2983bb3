package exact_test

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

func TestDecimalLayoutKnown(t *testing.T) {
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
