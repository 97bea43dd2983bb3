package crm_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Four goroutines count a quarter of the answers each; their tallies travel
// as bytes (as between processes) and merge into the tally of all answers.
func ExampleNPSTally() {
	scores := make([]int, 0, 500)
	for i := range 500 {
		switch {
		case i%10 < 4:
			scores = append(scores, 9+i%2) // 200 promoters: 9 or 10
		case i%10 < 7:
			scores = append(scores, 7+i%2) // 150 passives: 7 or 8
		default:
			scores = append(scores, i%7) // 150 detractors: 0 to 6
		}
	}

	const shards = 4
	sent := make([][]byte, shards)
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for s := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var t crm.NPSTally // the zero value is an empty tally
			if errs[s] = t.AddAll(scores[s*len(scores)/shards : (s+1)*len(scores)/shards]); errs[s] == nil {
				sent[s], errs[s] = t.MarshalBinary()
			}
		}()
	}
	wg.Wait()

	var all crm.NPSTally
	for s := range shards {
		var shard crm.NPSTally
		if err := errors.Join(errs[s], shard.UnmarshalBinary(sent[s]), all.Merge(&shard)); err != nil {
			fmt.Println(err)
			return
		}
	}
	nps, err := all.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", all.Counts())
	fmt.Println(nps)
	// Output:
	// {Promoters:200 Passives:150 Detractors:150}
	// 10
}

// Answers arrive one by one; an off-scale one is refused and not counted.
func ExampleNPSTally_Add() {
	var t crm.NPSTally
	for _, score := range []int{10, 9, 7, 11, 3} {
		if err := t.Add(score); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Printf("%+v\n", t.Counts())
	// Output:
	// crm.NPSTally.Add: score 11 is outside the NPS scale 0..10: out of range
	// {Promoters:2 Passives:1 Detractors:1}
}

// A slice with an off-scale answer adds nothing; the error names its index.
func ExampleNPSTally_AddAll() {
	var t crm.NPSTally
	fmt.Println(t.AddAll([]int{10, 9, 8, 0}))
	fmt.Println(t.AddAll([]int{10, -1}))
	fmt.Println(t.Total())
	// Output:
	// <nil>
	// crm.NPSTally.AddAll: scores[1] -1 is outside the NPS scale 0..10: out of range
	// 4
}

func ExampleNPSTally_Merge() {
	var north, south crm.NPSTally
	if err := errors.Join(north.AddAll([]int{10, 10, 6}), south.AddAll([]int{9, 8, 2, 1})); err != nil {
		fmt.Println(err)
		return
	}
	if err := north.Merge(&south); err != nil {
		fmt.Println(err)
		return
	}
	nps, _ := north.NPS()
	fmt.Printf("%+v %v\n", north.Counts(), nps.StringFixed(1))
	// Output:
	// {Promoters:3 Passives:1 Detractors:3} 0.0
}

// Counts is the input of NPS and of the uncertainty functions.
func ExampleNPSTally_Counts() {
	var t crm.NPSTally
	if err := t.AddAll([]int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}); err != nil {
		fmt.Println(err)
		return
	}
	in := t.Counts()
	ci, err := crm.NPSInterval(in, 0.95, crm.NPSAdjustedWald)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", in)
	fmt.Printf("95%% interval %.1f to %.1f\n", ci.Low, ci.High)
	// Output:
	// {Promoters:6 Passives:2 Detractors:2}
	// 95% interval -12.6 to 74.1
}

func ExampleNPSTally_Total() {
	var t crm.NPSTally
	fmt.Println(t.Total())
	_ = t.AddAll([]int{10, 7, 0})
	fmt.Println(t.Total())
	// Output:
	// 0
	// 3
}

// An empty tally has no score: metrics.ErrUndefined, as NPS reports zero
// counts.
func ExampleNPSTally_NPS() {
	var t crm.NPSTally
	_, err := t.NPS()
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	_ = t.AddAll([]int{10, 9, 7})
	nps, _ := t.NPS()
	fmt.Println(nps)
	// Output:
	// true
	// 66.6666666667
}

func ExampleNPSTally_MarshalJSON() {
	var t crm.NPSTally
	_ = t.AddAll([]int{10, 9, 7, 3})
	b, err := json.Marshal(&t)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	var back crm.NPSTally
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back == t)
	// Output:
	// {"promoters":2,"passives":1,"detractors":1}
	// true
}

func ExampleNPSTally_UnmarshalBinary() {
	var t crm.NPSTally
	_ = t.AddAll([]int{10, 9, 7, 3})
	b, _ := t.MarshalBinary()
	fmt.Printf("% x\n", b)
	var back crm.NPSTally
	fmt.Println(back.UnmarshalBinary(b), back == t)
	fmt.Println(back.UnmarshalBinary(b[:3]))
	// Output:
	// 4e 02 01 01
	// <nil> true
	// crm.NPSTally.UnmarshalBinary: data is truncated or holds a malformed count: invalid value
}

// npsTallyOf returns the tally of scores, added one at a time.
func npsTallyOf(t testkit.TB, scores ...int) crm.NPSTally {
	t.Helper()
	var tally crm.NPSTally
	for _, s := range scores {
		if err := tally.Add(s); err != nil {
			t.Fatalf("Add(%d): %v", s, err)
		}
	}
	return tally
}

// npsTallyFrom returns a tally holding the counts of in, decoded from JSON:
// the public way to build tallies of any size.
func npsTallyFrom(t testkit.TB, in crm.NPSInput) crm.NPSTally {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("%v", err)
	}
	var tally crm.NPSTally
	if err := tally.UnmarshalJSON(b); err != nil {
		t.Fatalf("UnmarshalJSON(%s): %v", b, err)
	}
	return tally
}

func TestNPSTallyAdd(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   crm.NPSInput
	}{
		{"none", nil, crm.NPSInput{}},
		{"boundaries", []int{0, 6, 7, 8, 9, 10}, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 2}},
		{"every score", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := npsTallyOf(t, tt.scores...)
			if diff := cmp.Diff(tt.want, tally.Counts()); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(len(tt.scores), tally.Total()); diff != "" {
				t.Errorf("total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyAddErrors(t *testing.T) {
	in := struct {
		t     *crm.NPSTally
		score int
	}{}
	full := npsTallyFrom(t, crm.NPSInput{Passives: math.MaxInt})
	tests := []struct {
		name  string
		tally *crm.NPSTally
		score int
		want  error
		field string
	}{
		{"below the scale", &crm.NPSTally{}, -1, metrics.ErrOutOfRange, "score"},
		{"above the scale", &crm.NPSTally{}, 11, metrics.ErrOutOfRange, "score"},
		{"wraps to 10 as a half-width uint", &crm.NPSTally{}, 1<<(bits.UintSize/2) + 10, metrics.ErrOutOfRange, "score"},
		{"full tally", &full, 10, metrics.ErrOutOfRange, "score"},
		{"nil tally", nil, 10, metrics.ErrInvalid, "t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before crm.NPSTally
			if tt.tally != nil {
				before = *tt.tally
			}
			err := tt.tally.Add(tt.score)
			surveyRequireError(t, err, tt.want, tt.field, -1, in)
			if tt.tally != nil && *tt.tally != before {
				t.Errorf("tally changed on error: %+v, was %+v", tt.tally.Counts(), before.Counts())
			}
		})
	}
}

func TestNPSTallyAddAll(t *testing.T) {
	long := make([]int, 3*(1<<16)+5) // crosses the packed counters' chunks
	for i := range long {
		long[i] = (i * 7) % 11
	}
	tests := []struct {
		name   string
		start  []int
		scores []int
	}{
		{"nil", nil, nil},
		{"empty onto answers", []int{3}, []int{}},
		{"odd length", nil, []int{0, 6, 7, 8, 9}},
		{"onto answers", []int{10, 0}, []int{0, 6, 7, 8, 9, 10}},
		{"long", []int{8}, long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := npsTallyOf(t, tt.start...)
			if err := tally.AddAll(tt.scores); err != nil {
				t.Fatal(err)
			}
			want := npsCountsOf(append(append([]int(nil), tt.start...), tt.scores...))
			if diff := cmp.Diff(want, tally.Counts()); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyAddAllErrors(t *testing.T) {
	in := struct {
		t      *crm.NPSTally
		scores []int
	}{}
	long := make([]int, 1<<16+3)
	long[len(long)-1] = 12
	tests := []struct {
		name   string
		start  crm.NPSInput
		nil    bool
		scores []int
		want   error
		field  string
		index  int
	}{
		{"first off the scale", crm.NPSInput{Promoters: 1}, false, []int{11, 10}, metrics.ErrOutOfRange, "scores", 0},
		{"second of a pair", crm.NPSInput{Promoters: 1}, false, []int{10, -1, 3}, metrics.ErrOutOfRange, "scores", 1},
		{"odd last", crm.NPSInput{}, false, []int{10, 9, 1 << (bits.UintSize - 24)}, metrics.ErrOutOfRange, "scores", 2},
		{"in a later chunk", crm.NPSInput{Passives: 2}, false, long, metrics.ErrOutOfRange, "scores", len(long) - 1},
		{"past math.MaxInt", crm.NPSInput{Detractors: math.MaxInt - 1}, false, []int{1, 2}, metrics.ErrOutOfRange, "scores", 1},
		{"nil tally", crm.NPSInput{}, true, []int{1}, metrics.ErrInvalid, "t", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tally *crm.NPSTally
			if !tt.nil {
				start := npsTallyFrom(t, tt.start)
				tally = &start
			}
			err := tally.AddAll(tt.scores)
			surveyRequireError(t, err, tt.want, tt.field, tt.index, in)
			if !tt.nil {
				if diff := cmp.Diff(tt.start, tally.Counts()); diff != "" {
					t.Errorf("tally changed on error (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestNPSTallyMerge(t *testing.T) {
	a := npsTallyOf(t, 10, 9, 8, 0)
	b := npsTallyOf(t, 7, 1, 1)
	tests := []struct {
		name  string
		t     crm.NPSTally
		other *crm.NPSTally
		want  crm.NPSInput
	}{
		{"nil other", a, nil, crm.NPSInput{Promoters: 2, Passives: 1, Detractors: 1}},
		{"empty other", a, &crm.NPSTally{}, crm.NPSInput{Promoters: 2, Passives: 1, Detractors: 1}},
		{"into empty", crm.NPSTally{}, &a, crm.NPSInput{Promoters: 2, Passives: 1, Detractors: 1}},
		{"both", a, &b, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 3}},
		{"up to math.MaxInt", npsTallyFrom(t, crm.NPSInput{Promoters: math.MaxInt - 1}), &b,
			crm.NPSInput{Promoters: math.MaxInt - 1}},
	}
	tests[4].other = &crm.NPSTally{}
	_ = tests[4].other.Add(7)
	tests[4].want.Passives = 1
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.t.Merge(tt.other); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tt.t.Counts()); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
	self := npsTallyOf(t, 10, 0, 7)
	if err := self.Merge(&self); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 2}, self.Counts()); diff != "" {
		t.Errorf("t.Merge(t) (-want +got):\n%s", diff)
	}
}

func TestNPSTallyMergeErrors(t *testing.T) {
	in := struct {
		t     *crm.NPSTally
		other *crm.NPSTally
	}{}
	big := npsTallyFrom(t, crm.NPSInput{Promoters: math.MaxInt / 2, Detractors: math.MaxInt / 2})
	tests := []struct {
		name  string
		tally *crm.NPSTally
		other *crm.NPSTally
		want  error
		field string
	}{
		{"past math.MaxInt", &big, &big, metrics.ErrOutOfRange, "other"},
		{"two ones past math.MaxInt", &big, &crm.NPSTally{}, metrics.ErrOutOfRange, "other"},
		{"nil tally", nil, &big, metrics.ErrInvalid, "t"},
	}
	tests[1].other = new(crm.NPSTally)
	*tests[1].other = npsTallyOf(t, 1, 2)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before crm.NPSTally
			if tt.tally != nil {
				before = *tt.tally
			}
			err := tt.tally.Merge(tt.other)
			surveyRequireError(t, err, tt.want, tt.field, -1, in)
			if tt.tally != nil && *tt.tally != before {
				t.Errorf("tally changed on error: %+v, was %+v", tt.tally.Counts(), before.Counts())
			}
		})
	}
}

// A nil tally reads as an empty one.
func TestNPSTallyNilReads(t *testing.T) {
	var tally *crm.NPSTally
	if diff := cmp.Diff([2]any{crm.NPSInput{}, 0}, [2]any{tally.Counts(), tally.Total()}); diff != "" {
		t.Errorf("nil tally's Counts and Total (-want +got):\n%s", diff)
	}
	_, err := tally.NPS()
	surveyRequireError(t, err, metrics.ErrUndefined, "Promoters", -1, crm.NPSInput{})
	b, err := tally.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var empty crm.NPSTally
	want, _ := empty.MarshalBinary()
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("nil tally's binary form (-want +got):\n%s", diff)
	}
}

func TestNPSTallyNPS(t *testing.T) {
	tests := []struct {
		name string
		in   crm.NPSInput
		want decimal.Decimal
	}{
		{"worked example, 3 Oct 2024 article", crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}, decimal.NewFromInt(10)},
		{"repeating", crm.NPSInput{Promoters: 1, Passives: 2}, decimal.RequireFromString("33.3333333333")},
		{"at math.MaxInt", crm.NPSInput{Detractors: math.MaxInt}, decimal.NewFromInt(-100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := npsTallyFrom(t, tt.in)
			got, err := tally.NPS()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NPS (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyNPSErrors(t *testing.T) {
	var tally crm.NPSTally
	_, err := tally.NPS()
	surveyRequireError(t, err, metrics.ErrUndefined, "Promoters", -1, crm.NPSInput{})
	var e *metrics.Error
	if errors.As(err, &e) && e.Metric != "crm.NPSTally.NPS" {
		t.Errorf("Metric %q, want crm.NPSTally.NPS", e.Metric)
	}
}

func TestNPSTallyCodec(t *testing.T) {
	tests := []struct {
		name string
		in   crm.NPSInput
		bin  string
		json string
	}{
		{"empty", crm.NPSInput{}, "4e000000", `{"promoters":0,"passives":0,"detractors":0}`},
		{"small", crm.NPSInput{Promoters: 2, Passives: 1, Detractors: 300}, "4e0201ac02", `{"promoters":2,"passives":1,"detractors":300}`},
		{"math.MaxInt", crm.NPSInput{Passives: math.MaxInt}, "4e00" + maxIntVarint + "00",
			`{"promoters":0,"passives":` + strconv.Itoa(math.MaxInt) + `,"detractors":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := npsTallyFrom(t, tt.in)
			b, err := tally.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			j, err := json.Marshal(&tally)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([2]string{tt.bin, tt.json}, [2]string{fmt.Sprintf("%x", b), string(j)}); diff != "" {
				t.Errorf("binary and JSON forms (-want +got):\n%s", diff)
			}
			var fromBin, fromJSON crm.NPSTally
			if err := errors.Join(fromBin.UnmarshalBinary(b), fromJSON.UnmarshalJSON(j)); err != nil {
				t.Fatal(err)
			}
			if fromBin != tally || fromJSON != tally {
				t.Errorf("round trips give %+v and %+v, want %+v", fromBin.Counts(), fromJSON.Counts(), tt.in)
			}
		})
	}
}

func TestNPSTallyUnmarshalBinaryErrors(t *testing.T) {
	in := struct {
		t    *crm.NPSTally
		data []byte
	}{}
	tests := []struct {
		name string
		data string // hex
	}{
		{"empty", ""},
		{"wrong format", "41000000"},
		{"format only", "4e"},
		{"truncated", "4e0001"},
		{"unterminated varint", "4e0000ff"},
		{"trailing byte", "4e00000000"},
		{"count above math.MaxInt", "4effffffffffffffffff0100000"},
		{"varint overflow", "4effffffffffffffffffff01000"},
		{"sum above math.MaxInt", "4effffffffffffffff7f0100"},
		{"padded varint", "4efb000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := make([]byte, len(tt.data)/2)
			for i := range data {
				v, _ := strconv.ParseUint(tt.data[2*i:2*i+2], 16, 8)
				data[i] = byte(v)
			}
			tally := npsTallyOf(t, 10, 7)
			err := tally.UnmarshalBinary(data)
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != npsTallyOf(t, 10, 7) {
				t.Errorf("tally changed on error: %+v", tally.Counts())
			}
		})
	}
	err := (*crm.NPSTally)(nil).UnmarshalBinary([]byte{0x4e, 0, 0, 0})
	surveyRequireError(t, err, metrics.ErrInvalid, "t", -1, in)
}

func TestNPSTallyUnmarshalJSONErrors(t *testing.T) {
	tests := []struct{ name, data string }{
		{"empty", ``},
		{"null fields of another kind", `{"scale":{"min":1,"max":5}}`},
		{"unknown key", `{"promoters":1,"fans":2}`},
		{"negative", `{"promoters":-1}`},
		{"fraction", `{"promoters":1.5}`},
		{"above int", `{"promoters":9223372036854775808}`},
		{"sum above math.MaxInt", `{"promoters":9223372036854775807,"passives":1}`},
		{"string", `{"promoters":"1"}`},
		{"array", `[1,2,3]`},
		{"trailing value", `{"promoters":1} {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := npsTallyOf(t, 10, 7)
			err := tally.UnmarshalJSON([]byte(tt.data))
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != npsTallyOf(t, 10, 7) {
				t.Errorf("tally changed on error: %+v", tally.Counts())
			}
		})
	}
	err := (*crm.NPSTally)(nil).UnmarshalJSON([]byte(`{}`))
	surveyRequireError(t, err, metrics.ErrInvalid, "t", -1, struct{ t *crm.NPSTally }{})
}

// Split the answers into random shards, tally each, serialise (binary or
// JSON), deserialise and merge in random order: the same tally as one pass,
// and the same NPS as from the scores and from the test's own counts.
func TestNPSTallyShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 0, 400).Draw(t, "scores")
		var one crm.NPSTally
		if err := one.AddAll(scores); err != nil {
			t.Fatal(err)
		}
		var merged crm.NPSTally
		for _, s := range surveyShards(t, len(scores)) {
			var shard crm.NPSTally
			if err := shard.AddAll(scores[s[0]:s[1]]); err != nil {
				t.Fatal(err)
			}
			var back crm.NPSTally
			if rapid.Bool().Draw(t, "json") {
				b, err := json.Marshal(&shard)
				if err == nil {
					err = json.Unmarshal(b, &back)
				}
				if err != nil {
					t.Fatal(err)
				}
			} else {
				b, err := shard.MarshalBinary()
				if err == nil {
					err = back.UnmarshalBinary(b)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		b1, _ := one.MarshalBinary()
		b2, _ := merged.MarshalBinary()
		if diff := cmp.Diff(b1, b2); diff != "" {
			t.Fatalf("binary form of merged shards against one pass (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(npsCountsOf(scores), merged.Counts()); diff != "" {
			t.Fatalf("counts (-want +got):\n%s", diff)
		}
		got, err := merged.NPS()
		want, wantErr := crm.NPSFromScores(scores)
		if len(scores) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			testkit.RequireSentinel(t, wantErr, metrics.ErrUndefined)
			return
		}
		if err != nil || wantErr != nil {
			t.Fatal(err, wantErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("NPS of merged shards (-want +got):\n%s", diff)
		}
	})
}

// More promoters never lower the NPS of a tally.
func TestNPSTallyMorePromoters(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 1, 200).Draw(t, "scores")
		tally := npsTallyOf(t, scores...)
		before, err := tally.NPS()
		if err != nil {
			t.Fatal(err)
		}
		if err := tally.AddAll(rapid.SliceOf(rapid.IntRange(9, 10)).Draw(t, "promoters")); err != nil {
			t.Fatal(err)
		}
		after, err := tally.NPS()
		if err != nil {
			t.Fatal(err)
		}
		if !surveyNotBelow(after, before) || !npsInRange(after) {
			t.Fatalf("NPS %v after more promoters, %v before", after, before)
		}
	})
}

func FuzzNPSTallyUnmarshalBinary(f *testing.F) {
	for _, in := range []crm.NPSInput{{}, {Promoters: 3, Passives: 1, Detractors: 300}, {Detractors: math.MaxInt}} {
		tally := npsTallyFrom(f, in)
		b, _ := tally.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{0x4e, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		var tally crm.NPSTally
		if err := tally.UnmarshalBinary(data); err != nil {
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != (crm.NPSTally{}) {
				t.Fatalf("tally changed on error: %+v", tally.Counts())
			}
			return
		}
		// Whatever decodes encodes back to the same bytes.
		b, err := tally.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(data, b); diff != "" {
			t.Fatalf("re-encoding (-want +got):\n%s", diff)
		}
	})
}

func FuzzNPSTallyUnmarshalJSON(f *testing.F) {
	f.Add(`{"promoters":2,"passives":1,"detractors":1}`)
	f.Add(`{"promoters":-2}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, data string) {
		var tally crm.NPSTally
		if err := tally.UnmarshalJSON([]byte(data)); err != nil {
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			return
		}
		b, err := tally.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back crm.NPSTally
		if err := back.UnmarshalJSON(b); err != nil || back != tally {
			t.Fatalf("round trip of %s: %+v, %v", b, back.Counts(), err)
		}
	})
}

// Any scores: AddAll agrees with adding them one by one, on success and on
// error, and the tally survives a binary round trip.
func FuzzNPSTallyRoundTrip(f *testing.F) {
	f.Add([]byte{10, 9, 8, 0}, 0)
	f.Add([]byte{11}, 3)
	f.Fuzz(func(t *testing.T, data []byte, base int) {
		scores := surveyFuzzInts(base, data)
		var all, each crm.NPSTally
		errAll := all.AddAll(scores)
		var errEach error
		for _, s := range scores {
			if errEach = each.Add(s); errEach != nil {
				break
			}
		}
		if (errAll == nil) != (errEach == nil) {
			t.Fatalf("AddAll error %v, Add error %v", errAll, errEach)
		}
		if errAll != nil {
			testkit.RequireSentinel(t, errAll, metrics.ErrOutOfRange)
			if all != (crm.NPSTally{}) {
				t.Fatalf("AddAll added on error: %+v", all.Counts())
			}
			return
		}
		if all != each {
			t.Fatalf("AddAll %+v, Add %+v", all.Counts(), each.Counts())
		}
		b, _ := all.MarshalBinary()
		var back crm.NPSTally
		if err := back.UnmarshalBinary(b); err != nil || back != all {
			t.Fatalf("round trip: %+v, %v", back.Counts(), err)
		}
	})
}

func TestNPSTallyAllocs(t *testing.T) {
	scores := []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}
	var tally crm.NPSTally
	if n := testing.AllocsPerRun(100, func() { _ = tally.AddAll(scores); _ = tally.Add(3) }); n != 0 {
		t.Errorf("AddAll and Add allocate %v times per call, documented as none", n)
	}
}

// BenchmarkNPSScores measures NPS from a million raw 0–10 scores: an
// NPSTally's AddAll and NPS (impl=kpikit) against what one writes without
// kpikit, a switch per score counting the three categories, then crm.NPS of
// the counts (impl=switch). Divide ns/op by 1e6 for ns per score.
func BenchmarkNPSScores(b *testing.B) {
	const size = 1_000_000
	scores := make([]int, size)
	for i := range scores {
		scores[i] = (i * 7) % 11
	}
	b.Run(fmt.Sprintf("n=%d/impl=kpikit", size), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var tally crm.NPSTally
			if err := tally.AddAll(scores); err != nil {
				b.Fatal(err)
			}
			if _, err := tally.NPS(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(fmt.Sprintf("n=%d/impl=switch", size), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var in crm.NPSInput
			for _, s := range scores {
				switch {
				case s < 0 || s > 10:
					b.Fatal("off scale")
				case s >= 9:
					in.Promoters++
				case s >= 7:
					in.Passives++
				default:
					in.Detractors++
				}
			}
			if _, err := crm.NPS(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
