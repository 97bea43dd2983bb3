package sales_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"pgregory.net/rapid"
)

func ExampleNewCustomersAcquired() {
	// 500 customers at the start of the month, 25 lost, 530 at the end: 55
	// were acquired.
	n, err := sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: 500, CustomersAtEnd: 530, CustomersLost: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	// Output:
	// 55
}

func TestNewCustomersAcquired(t *testing.T) {
	tests := []struct {
		name string
		in   sales.NewCustomersInput
		want int
	}{
		{"zero value", sales.NewCustomersInput{}, 0},
		{"growth and losses", sales.NewCustomersInput{CustomersAtStart: 500, CustomersAtEnd: 530, CustomersLost: 25}, 55},
		{"shrinking base", sales.NewCustomersInput{CustomersAtStart: 100, CustomersAtEnd: 90, CustomersLost: 15}, 5},
		{"lost all, won none", sales.NewCustomersInput{CustomersAtStart: 10, CustomersLost: 10}, 0},
		{"acquired and lost within the period", sales.NewCustomersInput{CustomersAtStart: 1, CustomersAtEnd: 0, CustomersLost: 3}, 2},
		{"largest", sales.NewCustomersInput{CustomersAtEnd: math.MaxInt}, math.MaxInt},
		{"largest through losses", sales.NewCustomersInput{CustomersAtStart: 1, CustomersAtEnd: 1, CustomersLost: math.MaxInt}, math.MaxInt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewCustomersAcquired(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewCustomersAcquired(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNewCustomersAcquiredErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.NewCustomersInput
		want  error
		field string
	}{
		{"negative start", sales.NewCustomersInput{CustomersAtStart: -1}, metrics.ErrNegative, "CustomersAtStart"},
		{"negative end", sales.NewCustomersInput{CustomersAtEnd: -1}, metrics.ErrNegative, "CustomersAtEnd"},
		{"negative lost", sales.NewCustomersInput{CustomersLost: -1}, metrics.ErrNegative, "CustomersLost"},
		{"customers vanished", sales.NewCustomersInput{CustomersAtStart: 100, CustomersAtEnd: 80, CustomersLost: 10}, metrics.ErrInconsistent, "CustomersAtEnd"},
		{"overflow", sales.NewCustomersInput{CustomersAtStart: 0, CustomersAtEnd: 2, CustomersLost: math.MaxInt - 1}, metrics.ErrOutOfRange, "CustomersLost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewCustomersAcquired(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
	_, err := sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: 100, CustomersAtEnd: 80, CustomersLost: 10})
	want := "sales.NewCustomersAcquired: CustomersAtEnd 80 is less than CustomersAtStart − CustomersLost 90: inconsistent input"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestNewCustomersAcquiredProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Build the period from its parts: the balance must give them back.
		start := rapid.IntRange(0, 1_000_000).Draw(t, "start")
		acquired := rapid.IntRange(0, 1_000_000).Draw(t, "acquired")
		lost := rapid.IntRange(0, start+acquired).Draw(t, "lost")
		in := sales.NewCustomersInput{CustomersAtStart: start, CustomersAtEnd: start + acquired - lost, CustomersLost: lost}
		got, err := sales.NewCustomersAcquired(in)
		if err != nil {
			t.Fatal(err)
		}
		if got != acquired {
			t.Fatalf("NewCustomersAcquired(%+v) = %d, want %d", in, got, acquired)
		}
	})
}

func FuzzNewCustomersAcquired(f *testing.F) {
	f.Add(500, 530, 25)
	f.Add(0, 0, 0)
	f.Add(100, 80, 10)
	f.Add(0, 2, math.MaxInt)
	f.Fuzz(func(t *testing.T, start, end, lost int) {
		got, err := sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: start, CustomersAtEnd: end, CustomersLost: lost})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		// The balance holds, and the count is not negative.
		if got < 0 || start+got-lost != end {
			t.Fatalf("start %d + new %d − lost %d != end %d", start, got, lost, end)
		}
	})
}
