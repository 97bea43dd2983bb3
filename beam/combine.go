package kpibeam

import (
	"encoding"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/funcx"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/runtime"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/typex"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/util/reflectx"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/kpikit/kpikit/metrics"
)

// Combiner is one of this package's CombineFns, such as [NPS] or [Answers]:
// a kpikit accumulator as a Beam combiner. [Globally] and [PerKey] take one.
// The interface is closed: only this package's types implement it.
type Combiner interface {
	// shape returns the record type the combiner adds and the accumulator
	// type it merges, encodes and outputs.
	shape() (record, accumulator reflect.Type)
	// check reports invalid settings as a *metrics.Error.
	check() error
}

// codec is what the coder of an accumulator needs: *A's binary form.
type codec[A any] interface {
	*A
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// adder is the shape of kpikit's record accumulators: the zero value of A
// is ready (its settings aside), Add adds one record of type R, Merge adds
// another accumulator, and the binary form round-trips exactly.
type adder[A, R any] interface {
	codec[A]
	Add(R) error
	Merge(*A) error
}

// add is a combiner's AddInput: it adds r to a, or fails the bundle with
// Add's *metrics.Error, which names the record's field at fault.
func add[A, R any, P adder[A, R]](a *A, r R) (*A, error) {
	if err := P(a).Add(r); err != nil {
		return nil, err
	}
	return a, nil
}

// merge is every combiner's MergeAccumulators: a and b are the runner's, so
// merging into a is allowed.
func merge[A any, P interface {
	*A
	Merge(*A) error
}](a, b *A) (*A, error) {
	if err := P(a).Merge(b); err != nil {
		return nil, err
	}
	return a, nil
}

// shapeOf returns the record and accumulator types of a combiner.
func shapeOf[A, R any]() (record, accumulator reflect.Type) {
	return reflect.TypeFor[R](), reflect.TypeFor[*A]()
}

// combiners lists every Combiner of the package, in the order registered.
var combiners []Combiner

// registerCombiner registers fn with Beam (its methods, so that they run
// without reflection, and its type, so that a worker finds it) and the coder
// of its accumulator *A, the accumulator's own binary form. Adding a
// combiner for a new accumulator is a type with the four CombineFn methods,
// shape and check, and one call of registerCombiner in an init function.
func registerCombiner[A, R any, P codec[A], F interface {
	Combiner
	CreateAccumulator() *A
	AddInput(*A, R) (*A, error)
	MergeAccumulators(*A, *A) (*A, error)
	ExtractOutput(*A) *A
}](fn F) {
	register.Combiner3[*A, R, *A](&fn)
	registerBinaryCoder[A, P]()
	combiners = append(combiners, fn)
}

// registerBinaryCoder registers a Beam coder for *A that writes the
// accumulator's MarshalBinary form and reads it back with UnmarshalBinary.
//
// A generic function's closures share one symbol name for every type
// argument, and Beam refers to a coder's functions by name; so the
// functions are registered under names that carry the type.
func registerBinaryCoder[A any, P codec[A]]() {
	t := reflect.TypeFor[*A]()
	enc := func(a *A) ([]byte, error) {
		if a == nil {
			a = new(A)
		}
		return P(a).MarshalBinary()
	}
	dec := func(data []byte) (*A, error) {
		a := new(A)
		if err := P(a).UnmarshalBinary(data); err != nil {
			return nil, err
		}
		return a, nil
	}
	registerCoder(t, "binary", enc, dec)
}

// registerCoder registers enc and dec as the deterministic coder of t
// under names made of kind and t.
func registerCoder(t reflect.Type, kind string, enc, dec any) {
	encName := fmt.Sprintf("kpikit/beam.encode.%s[%v]", kind, t)
	decName := fmt.Sprintf("kpikit/beam.decode.%s[%v]", kind, t)
	runtime.RegisterType(t)
	runtime.RegisterFunctionWithName(encName, enc)
	runtime.RegisterFunctionWithName(decName, dec)
	encFn, err := funcx.New(reflectx.MakeFuncWithName(encName, enc))
	if err != nil {
		panic(fmt.Sprintf("kpibeam: coder of %v: %v", t, err))
	}
	decFn, err := funcx.New(reflectx.MakeFuncWithName(decName, dec))
	if err != nil {
		panic(fmt.Sprintf("kpibeam: coder of %v: %v", t, err))
	}
	coder.RegisterDeterministicCoderWithFuncs(t, encFn, decFn)
}

// Globally adds every record of records, a PCollection of the record type
// of fn (int scores for [NPS]), into one accumulator, the single element of
// the PCollection it returns (a *crm.NPSTally for NPS). With no records,
// that element is fn's empty accumulator: no records is not an error.
//
// The runner adds records to accumulators on many workers, encodes them
// with the accumulator's binary form, and merges them in any order; the
// result equals the accumulator of all the records in one process, exactly.
//
// Globally returns an error if:
//   - fn is nil ([metrics.ErrInvalid])
//   - a setting of fn is invalid (the sentinel fn's accumulator reports)
//   - records does not hold fn's record type ([metrics.ErrMismatch])
//   - Beam refuses the combine ([metrics.ErrInvalid], with Beam's message)
//
// A record that the accumulator's Add refuses fails the pipeline with that
// *metrics.Error, which names the record's field at fault.
func Globally(s beam.Scope, fn Combiner, records beam.PCollection) (beam.PCollection, error) {
	const metric = "kpibeam.Globally"
	if err := ready(metric, fn); err != nil {
		return beam.PCollection{}, err
	}
	rt, _ := fn.shape()
	if !records.IsValid() || records.Type().Type() != rt {
		return beam.PCollection{}, mismatch(metric, "records", records, rt.String())
	}
	out, err := beam.TryCombine(s, fn, records)
	if err != nil {
		return beam.PCollection{}, &metrics.Error{Metric: metric, Field: "fn", Index: -1,
			Value: reflect.TypeOf(fn).String(), Detail: "Beam: " + err.Error(), Err: metrics.ErrInvalid}
	}
	return out, nil
}

// PerKey adds the records of each key of records, a PCollection of KV
// pairs whose values are fn's record type (KV<string, int> for [NPS]), into
// one accumulator per key: it returns a PCollection of KV pairs of the key
// and its accumulator (KV<string, *crm.NPSTally> for NPS). A key without
// records has no pair.
//
// As with [Globally], the accumulators are encoded and merged in any order
// by the runner, and each equals the accumulator of its key's records in one
// process, exactly.
//
// PerKey returns an error if:
//   - fn is nil ([metrics.ErrInvalid])
//   - a setting of fn is invalid (the sentinel fn's accumulator reports)
//   - records does not hold KV pairs of fn's record type
//     ([metrics.ErrMismatch])
//   - Beam refuses the combine, as for a key type without a deterministic
//     coder ([metrics.ErrInvalid], with Beam's message)
func PerKey(s beam.Scope, fn Combiner, records beam.PCollection) (beam.PCollection, error) {
	const metric = "kpibeam.PerKey"
	if err := ready(metric, fn); err != nil {
		return beam.PCollection{}, err
	}
	rt, _ := fn.shape()
	if !records.IsValid() || !typex.IsKV(records.Type()) || records.Type().Components()[1].Type() != rt {
		return beam.PCollection{}, mismatch(metric, "records", records, "KV<K,"+rt.String()+">")
	}
	out, err := beam.TryCombinePerKey(s, fn, records)
	if err != nil {
		return beam.PCollection{}, &metrics.Error{Metric: metric, Field: "fn", Index: -1,
			Value: reflect.TypeOf(fn).String(), Detail: "Beam: " + err.Error(), Err: metrics.ErrInvalid}
	}
	return out, nil
}

// ready checks that fn is set and its settings valid.
func ready(metric string, fn Combiner) error {
	if fn == nil || reflect.ValueOf(fn).Kind() == reflect.Pointer && reflect.ValueOf(fn).IsNil() {
		return &metrics.Error{Metric: metric, Field: "fn", Index: -1, Value: "nil",
			Detail: "is not a combiner", Err: metrics.ErrInvalid}
	}
	if err := fn.check(); err != nil {
		if e, ok := err.(*metrics.Error); ok {
			c := *e
			c.Metric, c.Field = metric, "fn."+e.Field
			return &c
		}
		return err
	}
	return nil
}

// mismatch reports a PCollection of the wrong element type.
func mismatch(metric, field string, records beam.PCollection, want string) error {
	got := "an invalid PCollection"
	if records.IsValid() {
		got = fmt.Sprint(records.Type())
	}
	return &metrics.Error{Metric: metric, Field: field, Index: -1, Value: got,
		Detail: "is not a PCollection of " + want, Err: metrics.ErrMismatch}
}

// checkPeriod validates a combiner's Period setting, where the zero Period
// means no period. The error's Field is "Period.End", relative to the
// combiner, as Globally and PerKey want it.
func checkPeriod(p metrics.Period) error {
	if p == (metrics.Period{}) {
		return nil
	}
	return p.Validate()
}
