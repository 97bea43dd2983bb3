package kpibeam

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Records such as a crm.Ticket or a crm.Subscription have fields that
// Beam's default schema coder cannot see: a decimal.Decimal and a time.Time
// keep their state in unexported fields, which that coder drops without a
// word, so that an amount arrives as 0 and a time as the zero time. The
// package registers a coder for each record type its combiners take,
// written here: every field in order, exactly (a decimal with its exponent,
// a time to the nanosecond with its offset from UTC).

var (
	decimalType = reflect.TypeFor[decimal.Decimal]()
	timeType    = reflect.TypeFor[time.Time]()
)

// errRecord is the error of a record's bytes that do not decode.
var errRecord = errors.New("corrupt record bytes")

// fieldCodec appends one value to a buffer and reads it back.
type fieldCodec struct {
	enc func(b []byte, v reflect.Value) ([]byte, error)
	dec func(b []byte, v reflect.Value) ([]byte, error)
}

// codecOf returns the codec of a value of type t: a string, an integer or
// a bool of any named type, a decimal.Decimal, a time.Time, or a struct of
// those. It panics on other types: the package registers its record types
// in init, and its tests run that.
func codecOf(t reflect.Type) fieldCodec {
	switch {
	case t == decimalType || t == timeType:
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) {
				data, err := v.Interface().(interface{ MarshalBinary() ([]byte, error) }).MarshalBinary()
				if err != nil {
					return nil, err
				}
				return append(binary.AppendUvarint(b, uint64(len(data))), data...), nil
			},
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				data, rest, err := chunk(b)
				if err != nil {
					return nil, err
				}
				u := v.Addr().Interface().(interface{ UnmarshalBinary([]byte) error })
				return rest, u.UnmarshalBinary(data)
			},
		}
	}
	switch t.Kind() {
	case reflect.String:
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) {
				s := v.String()
				return append(binary.AppendUvarint(b, uint64(len(s))), s...), nil
			},
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				data, rest, err := chunk(b)
				if err == nil {
					v.SetString(string(data))
				}
				return rest, err
			},
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) { return binary.AppendVarint(b, v.Int()), nil },
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				x, n := binary.Varint(b)
				if n <= 0 || v.OverflowInt(x) {
					return nil, errRecord
				}
				v.SetInt(x)
				return b[n:], nil
			},
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) { return binary.AppendUvarint(b, v.Uint()), nil },
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				x, n := binary.Uvarint(b)
				if n <= 0 || v.OverflowUint(x) {
					return nil, errRecord
				}
				v.SetUint(x)
				return b[n:], nil
			},
		}
	case reflect.Bool:
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) {
				if v.Bool() {
					return append(b, 1), nil
				}
				return append(b, 0), nil
			},
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				if len(b) == 0 || b[0] > 1 {
					return nil, errRecord
				}
				v.SetBool(b[0] == 1)
				return b[1:], nil
			},
		}
	case reflect.Struct:
		var fields []fieldCodec
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				panic(fmt.Sprintf("kpibeam: record type %v has an unexported field %s", t, t.Field(i).Name))
			}
			fields = append(fields, codecOf(t.Field(i).Type))
		}
		return fieldCodec{
			enc: func(b []byte, v reflect.Value) ([]byte, error) {
				var err error
				for i, f := range fields {
					if b, err = f.enc(b, v.Field(i)); err != nil {
						return nil, err
					}
				}
				return b, nil
			},
			dec: func(b []byte, v reflect.Value) ([]byte, error) {
				var err error
				for i, f := range fields {
					if b, err = f.dec(b, v.Field(i)); err != nil {
						return nil, err
					}
				}
				return b, nil
			},
		}
	}
	panic(fmt.Sprintf("kpibeam: no record coder for %v", t))
}

// chunk splits a length-prefixed byte string off b.
func chunk(b []byte) (data, rest []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, errRecord
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}

// registerRecordCoder registers the coder of the record type R.
func registerRecordCoder[R any]() {
	t := reflect.TypeFor[R]()
	c := codecOf(t)
	enc := func(r R) ([]byte, error) { return c.enc(nil, reflect.ValueOf(&r).Elem()) }
	dec := func(data []byte) (R, error) {
		var r R
		rest, err := c.dec(data, reflect.ValueOf(&r).Elem())
		if err == nil && len(rest) > 0 {
			err = errRecord
		}
		if err != nil {
			var zero R
			return zero, &metrics.Error{Metric: "kpibeam.decode", Field: t.String(), Index: -1,
				Detail: err.Error(), Err: metrics.ErrInvalid}
		}
		return r, nil
	}
	registerCoder(t, "record", enc, dec)
}
