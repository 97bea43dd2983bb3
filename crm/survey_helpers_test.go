package crm_test

import (
	"errors"
	"math/big"
	"pgregory.net/rapid"
	"slices"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// surveyRequireError fails t unless err is a kpikit error wrapping want,
// naming field at index (−1 for none), and naming a field of in, the
// function's inputs described as testkit.RequireFieldOf expects them.
func surveyRequireError(t testkit.TB, err, want error, field string, index int, in any) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	testkit.RequireFieldOf(t, err, in)
	var e *metrics.Error
	if !errors.As(err, &e) {
		return
	}
	if diff := cmp.Diff([2]any{field, index}, [2]any{e.Field, e.Index}); diff != "" {
		t.Fatalf("error %q: field and index (-want +got):\n%s", err, diff)
	}
}

// npsRat is the oracle: (p − d) / (p + pa + d) × 100 in exact rationals.
func npsRat(p, pa, d int) *big.Rat {
	total := new(big.Int).Add(big.NewInt(int64(p)), big.NewInt(int64(pa)))
	total.Add(total, big.NewInt(int64(d)))
	net := new(big.Int).Sub(big.NewInt(int64(p)), big.NewInt(int64(d)))
	net.Mul(net, big.NewInt(100))
	return new(big.Rat).SetFrac(net, total)
}

var (
	npsMin = decimal.NewFromInt(-100)
	npsMax = decimal.NewFromInt(100)
)

// surveyUlp is one unit at metrics.Scale. kpikit's quotients are exact when
// they terminate and rounded at metrics.Scale digits otherwise, so with huge
// counts two neighbouring results can be out of order by less than one unit.
// Monotonicity properties hold up to this unit.
var surveyUlp = decimal.New(1, -metrics.Scale)

// surveyNotBelow reports whether a ≥ b up to one unit at metrics.Scale.
func surveyNotBelow(a, b decimal.Decimal) bool { return a.Cmp(b.Sub(surveyUlp)) >= 0 }

func npsInRange(d decimal.Decimal) bool { return d.Cmp(npsMin) >= 0 && d.Cmp(npsMax) <= 0 }

// npsCountsOf is the test's own categorisation of 0–10 scores, written from
// the definition (0–6, 7–8, 9–10) rather than from the library's table.
func npsCountsOf(scores []int) crm.NPSInput {
	var in crm.NPSInput
	for _, s := range scores {
		switch {
		case s >= 9:
			in.Promoters++
		case s >= 7:
			in.Passives++
		default:
			in.Detractors++
		}
	}
	return in
}

// surveyFuzzInts turns fuzz bytes into ints around base: each byte b gives
// base + int(int8(b)).
func surveyFuzzInts(base int, data []byte) []int {
	out := make([]int, len(data))
	for i, b := range data {
		out[i] = base + int(int8(b))
	}
	return out
}

// surveyShards splits n records into 1 to 8 random contiguous shards,
// returned as [lo, hi) bounds in a random order.
func surveyShards(t *rapid.T, n int) [][2]int {
	k := rapid.IntRange(1, 8).Draw(t, "shards")
	cuts := []int{0, n}
	for range k - 1 {
		cuts = append(cuts, rapid.IntRange(0, n).Draw(t, "cut"))
	}
	slices.Sort(cuts)
	shards := make([][2]int, k)
	for i := range shards {
		shards[i] = [2]int{cuts[i], cuts[i+1]}
	}
	perm := rapid.Permutation(shards).Draw(t, "order")
	return perm
}
