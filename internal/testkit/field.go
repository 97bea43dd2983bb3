package testkit

import (
	"errors"
	"reflect"
	"strings"

	"github.com/kpikit/kpikit/metrics"
)

// RequireFieldOf fails t unless err is a kpikit error whose Field names a
// field of the input by its Go name, as the error contract in package
// metrics' doc requires. in describes the inputs of the function that failed:
// the input struct itself (crm.ChurnInput{}), or for a function or method
// that takes parameters, a struct with one field per parameter named as the
// parameter is (struct{ Deals []sales.Deal; Period metrics.Period }{} for
// DealStatsByOwner(deals, p); an unexported field name is fine: struct{ score
// int }{} for Add(score)).
//
// Field is resolved against in's type one dotted component at a time:
// "Period.End" needs a field Period with a field End; "Deals.Closed" needs a
// slice field Deals whose elements have a field Closed, and then Index must
// be set (≥ 0); Index set on a field that is not a slice fails too. A Field
// that names a slice itself ("scores", "data") may leave Index at −1: the
// error is then about the whole slice (no values to average, bytes that do
// not decode).
//
// It returns after the first failure, so a TB whose Fatalf does not stop
// the test (as in testkit's own tests) still sees one message.
func RequireFieldOf(t TB, err error, in any) {
	t.Helper()
	RequireKpikitError(t, err)
	var e *metrics.Error
	if !errors.As(err, &e) {
		return // RequireKpikitError has failed t
	}
	typ := reflect.TypeOf(in)
	sliceSeen, endsAtSlice := false, false
	for _, name := range strings.Split(e.Field, ".") {
		endsAtSlice = false
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			t.Fatalf("error %q: Field %q goes through %s, which has no field %q", err, e.Field, typ, name)
			return
		}
		f, ok := typ.FieldByName(name)
		if !ok {
			t.Fatalf("error %q: Field %q: %s has no field %q", err, e.Field, typ, name)
			return
		}
		typ = f.Type
		if k := typ.Kind(); k == reflect.Slice || k == reflect.Array {
			if sliceSeen {
				t.Fatalf("error %q: Field %q goes through two slices; Index names one element", err, e.Field)
				return
			}
			sliceSeen, endsAtSlice = true, true
			typ = typ.Elem()
		}
	}
	switch {
	case sliceSeen && !endsAtSlice && e.Index < 0:
		t.Fatalf("error %q: Field %q is in a slice but Index is %d", err, e.Field, e.Index)
		return
	case !sliceSeen && e.Index >= 0:
		t.Fatalf("error %q: Field %q is not in a slice but Index is %d", err, e.Field, e.Index)
		return
	}
}
