package benchmark_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleBasis_String() {
	fmt.Println(benchmark.Month, benchmark.Quarter, benchmark.Year)
	fmt.Println(benchmark.Basis(0))
	// Output:
	// month quarter year
	// no period
}

func ExampleBasis_MarshalText() {
	data, _ := json.Marshal(struct {
		Per benchmark.Basis `json:"per"`
	}{benchmark.Quarter})
	fmt.Println(string(data))
	// Output: {"per":"quarter"}
}

func ExampleBasis_UnmarshalText() {
	var b benchmark.Basis
	err := b.UnmarshalText([]byte("year"))
	fmt.Println(b, err)
	err = b.UnmarshalText([]byte("monthly"))
	fmt.Println(b, err)
	// Output:
	// year <nil>
	// year benchmark.Basis.UnmarshalText: text "monthly" is not a basis: want "month", "quarter", "year" or "": invalid value
}

func TestBasisText(t *testing.T) {
	for _, tt := range []struct {
		b          benchmark.Basis
		text, name string
	}{
		{0, "", "no period"},
		{benchmark.Month, "month", "month"},
		{benchmark.Quarter, "quarter", "quarter"},
		{benchmark.Year, "year", "year"},
	} {
		got, err := tt.b.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([2]string{tt.text, tt.name}, [2]string{string(got), tt.b.String()}); diff != "" {
			t.Errorf("%d (-want +got):\n%s", int(tt.b), diff)
		}
		back := benchmark.Year + 9
		if err := back.UnmarshalText(got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.b, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	if diff := cmp.Diff("Basis(4)", benchmark.Basis(4).String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestBasisTextErrors(t *testing.T) {
	for _, b := range []benchmark.Basis{4, -1} {
		_, err := b.MarshalText()
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ b benchmark.Basis }{})
	}
	for _, text := range []string{"Month", "monthly", "months", "week", " year", "12", "no period"} {
		b := benchmark.Quarter
		err := b.UnmarshalText([]byte(text))
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, struct{ text string }{}) // one text, not a slice of records
		if diff := cmp.Diff(benchmark.Quarter, b); diff != "" {
			t.Errorf("UnmarshalText(%q) changed the basis (-want +got):\n%s", text, diff)
		}
	}
}

// FuzzBasisUnmarshalText: any text is a basis that marshals back to it, or
// an ErrInvalid error.
func FuzzBasisUnmarshalText(f *testing.F) {
	for _, s := range []string{"month", "", "year\n", "Quarter"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var b benchmark.Basis
		if err := b.UnmarshalText([]byte(text)); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		back, err := b.MarshalText()
		if err != nil || string(back) != text {
			t.Fatalf("%q → %v → %q, %v", text, b, back, err)
		}
	})
}
