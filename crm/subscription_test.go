package crm_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// An MRR of 60,000 a month is an annual run rate of 720,000.
func ExampleARR() {
	arr, err := crm.ARR(crm.ARRInput{MRR: decimal.NewFromInt(60_000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(arr)
	// Output:
	// 720000
}

// An MRR of 60,000 from 500 paying accounts is 120 per account per month.
func ExampleARPA() {
	arpa, err := crm.ARPA(crm.ARPAInput{MRR: decimal.NewFromInt(60_000), Accounts: 500})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(arpa)
	// Output:
	// 120
}

func TestARR(t *testing.T) {
	tests := []struct {
		name string
		mrr  string
		want string
	}{
		{"whole", "60000", "720000"},
		{"cents", "99.99", "1199.88"},
		{"zero", "0", "0"},
		{"tiny", "0.0001", "0.0012"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ARR(crm.ARRInput{MRR: decimal.RequireFromString(tt.mrr)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("ARR(%s) (-want +got):\n%s", tt.mrr, diff)
			}
		})
	}
}

func TestARRErrors(t *testing.T) {
	tests := []struct {
		name  string
		mrr   string
		want  error
		field string
	}{
		{"negative", "-0.01", metrics.ErrNegative, "MRR"},
		{"large negative", "-60000", metrics.ErrNegative, "MRR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ARR(crm.ARRInput{MRR: decimal.RequireFromString(tt.mrr)})
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.ARRInput{})
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestARRProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mrr := testkit.Money().Draw(t, "mrr")
		got, err := crm.ARR(crm.ARRInput{MRR: mrr})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: MRR × 12, exact.
		testkit.RequireRat(t, got, new(big.Rat).Mul(testkit.Rat(mrr), big.NewRat(12, 1)))
		// Agreement: ARR spread over 12 accounts is the MRR again, exactly.
		back, err := crm.ARPA(crm.ARPAInput{MRR: got, Accounts: 12})
		if err != nil || !back.Equal(mrr) {
			t.Fatalf("ARR %s / 12 = %s (%v), want %s", got, back, err, mrr)
		}
	})
}

func FuzzARR(f *testing.F) {
	f.Add(int64(60_000), int8(0))
	f.Add(int64(0), int8(0))
	f.Add(int64(-1), int8(-20))
	f.Fuzz(func(t *testing.T, coef int64, exp int8) {
		mrr := testkit.FuzzDecimal(coef, exp)
		got, err := crm.ARR(crm.ARRInput{MRR: mrr})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(mrr) < 0 {
			t.Fatalf("ARR %s below MRR %s or negative", got, mrr)
		}
	})
}

func TestARPA(t *testing.T) {
	tests := []struct {
		name     string
		mrr      string
		accounts int
		want     string
	}{
		{"whole", "60000", 500, "120"},
		{"eight accounts", "1000", 8, "125"},
		{"terminating", "1", 8, "0.125"},
		{"one account", "49.90", 1, "49.9"},
		{"no revenue", "0", 40, "0"},
		{"repeating", "100", 3, "33.3333333333"},
		{"rounds half away from zero", "200", 3, "66.6666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ARPA(crm.ARPAInput{MRR: decimal.RequireFromString(tt.mrr), Accounts: tt.accounts})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("ARPA(%s / %d) (-want +got):\n%s", tt.mrr, tt.accounts, diff)
			}
		})
	}
}

func TestARPAErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.ARPAInput
		want  error
		field string
	}{
		{"zero value", crm.ARPAInput{}, metrics.ErrUndefined, "Accounts"},
		{"no accounts", crm.ARPAInput{MRR: decimal.NewFromInt(100)}, metrics.ErrUndefined, "Accounts"},
		{"negative MRR", crm.ARPAInput{MRR: decimal.NewFromInt(-1), Accounts: 5}, metrics.ErrNegative, "MRR"},
		{"negative accounts", crm.ARPAInput{MRR: decimal.NewFromInt(1), Accounts: -5}, metrics.ErrNegative, "Accounts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ARPA(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestARPAProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mrr := testkit.Money().Draw(t, "mrr")
		accounts := rapid.IntRange(1, 10_000_000).Draw(t, "accounts")
		got, err := crm.ARPA(crm.ARPAInput{MRR: mrr, Accounts: accounts})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: MRR / Accounts in exact rationals.
		testkit.RequireRat(t, got, new(big.Rat).Quo(testkit.Rat(mrr), testkit.RatInt(accounts)))
		// Within 0..MRR.
		if got.Sign() < 0 || got.Cmp(mrr) > 0 {
			t.Fatalf("ARPA %s outside 0..%s", got, mrr)
		}
		// Monotone: more accounts for the same MRR never raise ARPA.
		more, err := crm.ARPA(crm.ARPAInput{MRR: mrr, Accounts: accounts + 1})
		if err != nil || !economicsNotAbove(more, got) {
			t.Fatalf("ARPA rose with an extra account: %s -> %s (%v)", got, more, err)
		}
	})
}

func FuzzARPA(f *testing.F) {
	f.Add(int64(60_000), int8(0), 500)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(1), int8(-20), 3)
	f.Add(int64(-1), int8(5), -3)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, accounts int) {
		mrr := testkit.FuzzDecimal(coef, exp)
		got, err := crm.ARPA(crm.ARPAInput{MRR: mrr, Accounts: accounts})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(mrr) > 0 {
			t.Fatalf("ARPA %s outside 0..%s for %d accounts", got, mrr, accounts)
		}
	})
}
