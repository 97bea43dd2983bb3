package main

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden with the program's output")

// TestOutput compares the program's output with testdata/output.golden,
// exactly. After a deliberate change, regenerate it with
//
//	go test ./examples/clv -update
//
// and review the diff.
func TestOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOARCH == "amd64" {
		if diff := cmp.Diff(string(want), out.String()); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
		return
	}
	// Elsewhere the math functions (assembly on amd64, pure Go on 386, FMA
	// on arm64) differ in their last bits, which can move a printed figure
	// by one unit of its last digit: compare the numbers to that tolerance
	// and everything else exactly.
	if !sameUpToLastDigit(string(want), out.String()) {
		t.Errorf("output differs beyond the last printed digit (-want +got):\n%s", cmp.Diff(string(want), out.String()))
	}
}

// sameUpToLastDigit reports whether a and b have the same words, numbers
// being allowed to differ by one unit of their last printed digit.
func sameUpToLastDigit(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if wa[i] == wb[i] {
			continue
		}
		x, err1 := strconv.ParseFloat(wa[i], 64)
		y, err2 := strconv.ParseFloat(wb[i], 64)
		if err1 != nil || err2 != nil {
			return false
		}
		unit := 1.0
		if dot := strings.IndexByte(wa[i], '.'); dot >= 0 {
			unit = math.Pow(10, -float64(len(wa[i])-dot-1))
		}
		if math.Abs(x-y) > unit*1.000001 {
			return false
		}
	}
	return true
}

func TestSameUpToLastDigit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"x 5669.51 y", "x 5669.50 y", true},
		{"x 5669.51 y", "x 5669.49 y", false},
		{"0.965", "0.966", true},
		{"12", "13", true},
		{"12", "14", false},
		{"a b", "a c", false},
		{"a", "a b", false},
	} {
		if got := sameUpToLastDigit(c.a, c.b); got != c.want {
			t.Errorf("sameUpToLastDigit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// TestSimulation checks the simulated store against what its settings
// imply: every customer bought in the acquisition weeks, and the
// transactions are reproducible from the seed.
func TestSimulation(t *testing.T) {
	a, b := simulate(), simulate()
	if diff := cmp.Diff(len(a), len(b)); diff != "" || len(a) == 0 {
		t.Fatalf("two runs differ in length (-want +got):\n%s", diff)
	}
	first := map[string]bool{}
	for i := range a {
		if a[i].Customer != b[i].Customer || !a[i].Time.Equal(b[i].Time) || !a[i].Amount.Equal(b[i].Amount) {
			t.Fatalf("transaction %d differs between runs: %+v, %+v", i, a[i], b[i])
		}
		if a[i].Amount.Sign() <= 0 {
			t.Fatalf("transaction %d has amount %v", i, a[i].Amount)
		}
		if !first[a[i].Customer] {
			first[a[i].Customer] = true
			if weeks := a[i].Time.Sub(start).Hours() / 24 / 7; weeks < 0 || weeks >= acquisitionWk {
				t.Fatalf("customer %s first bought in week %.1f", a[i].Customer, weeks)
			}
		}
	}
	if len(first) != customers {
		t.Fatalf("%d customers, want %d", len(first), customers)
	}
}

// TestGammaSampler: the sampler's mean over many draws is its shape, within 1%.
func TestGammaSampler(t *testing.T) {
	r := newRand()
	for _, k := range []float64{0.243, 0.793, 2.426, 6.25} {
		sum := 0.0
		const n = 200000
		for range n {
			sum += gamma(r, k)
		}
		if mean := sum / n; mean < 0.99*k || mean > 1.01*k {
			t.Errorf("mean of gamma(%v) draws = %v", k, mean)
		}
	}
}
