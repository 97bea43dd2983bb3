package sales_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"pgregory.net/rapid"
)

func ExampleWinRate() {
	// 30 deals won and 70 lost; the 50 still open are not counted.
	rate, err := sales.WinRate(sales.WinRateInput{Won: 30, Lost: 70})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 30%
}

func ExampleWinRate_error() {
	_, err := sales.WinRate(sales.WinRateInput{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// sales.WinRate: Won 0 and Lost are both zero: undefined for this input
	// true
}

func ExampleCloseRate() {
	// 150 opportunities, 30 of them won.
	rate, err := sales.CloseRate(sales.CloseRateInput{Opportunities: 150, Won: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 20%
}

func ExampleProposalWinRate() {
	// A consultancy submitted 16 proposals for new projects and won 6.
	rate, err := sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: 16, ProjectsWon: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 37.5%
}

func TestWinRate(t *testing.T) {
	tests := []struct {
		name string
		in   sales.WinRateInput
		want metrics.Percent
	}{
		{"30 of 100", sales.WinRateInput{Won: 30, Lost: 70}, metrics.PercentInt(30)},
		{"all won", sales.WinRateInput{Won: 4}, metrics.PercentInt(100)},
		{"all lost", sales.WinRateInput{Lost: 4}, metrics.PercentInt(0)},
		{"repeating", sales.WinRateInput{Won: 2, Lost: 1}, pct("66.6666666667")},
		{"sum beyond an int", sales.WinRateInput{Won: math.MaxInt, Lost: math.MaxInt}, metrics.PercentInt(50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.WinRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("WinRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestWinRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.WinRateInput
		want  error
		field string
	}{
		{"zero value", sales.WinRateInput{}, metrics.ErrUndefined, "Won"},
		{"negative won", sales.WinRateInput{Won: -1, Lost: 3}, metrics.ErrNegative, "Won"},
		{"negative lost", sales.WinRateInput{Won: 3, Lost: -1}, metrics.ErrNegative, "Lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.WinRate(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestWinRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		won := rapid.IntRange(0, 1_000_000).Draw(t, "won")
		lost := rapid.IntRange(0, 1_000_000).Draw(t, "lost")
		if won+lost == 0 {
			lost = 1
		}
		got, err := sales.WinRate(sales.WinRateInput{Won: won, Lost: lost})
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, got, 0, 100)
		testkit.RequireRat(t, got.Points(), big.NewRat(int64(won)*100, int64(won+lost)))
		// Monotone: one more win raises the rate unless it is already 100%.
		more, err := sales.WinRate(sales.WinRateInput{Won: won + 1, Lost: lost})
		if err != nil || (lost > 0 && more.Cmp(got) <= 0) {
			t.Fatalf("rate did not rise: %v -> %v (%v)", got, more, err)
		}
		// Win rate + loss rate = 100 exactly: the quotients are exact or
		// rounded symmetrically, and a repeating quotient is never a tie.
		loss, err := sales.WinRate(sales.WinRateInput{Won: lost, Lost: won})
		if err != nil {
			t.Fatal(err)
		}
		if sum := got.Points().Add(loss.Points()); !sum.Equal(dec("100")) {
			t.Fatalf("win %v + loss %v = %s", got, loss, sum)
		}
	})
}

func FuzzWinRate(f *testing.F) {
	f.Add(30, 70)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, won, lost int) {
		got, err := sales.WinRate(sales.WinRateInput{Won: won, Lost: lost})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		requirePercentRange(t, got, 0, 100)
	})
}

func TestCloseRate(t *testing.T) {
	tests := []struct {
		name string
		in   sales.CloseRateInput
		want metrics.Percent
	}{
		{"30 of 150", sales.CloseRateInput{Opportunities: 150, Won: 30}, metrics.PercentInt(20)},
		{"none won", sales.CloseRateInput{Opportunities: 9}, metrics.PercentInt(0)},
		{"all won", sales.CloseRateInput{Opportunities: 9, Won: 9}, metrics.PercentInt(100)},
		{"repeating", sales.CloseRateInput{Opportunities: 7, Won: 1}, pct("14.2857142857")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.CloseRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CloseRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCloseRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.CloseRateInput
		want  error
		field string
	}{
		{"zero value", sales.CloseRateInput{}, metrics.ErrUndefined, "Opportunities"},
		{"negative opportunities", sales.CloseRateInput{Opportunities: -1}, metrics.ErrNegative, "Opportunities"},
		{"negative won", sales.CloseRateInput{Opportunities: 1, Won: -1}, metrics.ErrNegative, "Won"},
		{"won above opportunities", sales.CloseRateInput{Opportunities: 1, Won: 2}, metrics.ErrInconsistent, "Won"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.CloseRate(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestCloseRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opportunities := rapid.IntRange(1, 1_000_000).Draw(t, "opportunities")
		won := rapid.IntRange(0, opportunities).Draw(t, "won")
		lost := rapid.IntRange(0, opportunities-won).Draw(t, "lost")
		got, err := sales.CloseRate(sales.CloseRateInput{Opportunities: opportunities, Won: won})
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, got, 0, 100)
		testkit.RequireRat(t, got.Points(), big.NewRat(int64(won)*100, int64(opportunities)))
		// With the open deals in the denominator, close rate ≤ win rate.
		if won+lost > 0 {
			win, err := sales.WinRate(sales.WinRateInput{Won: won, Lost: lost})
			if err != nil || got.Cmp(win) > 0 {
				t.Fatalf("close rate %v above win rate %v (%v)", got, win, err)
			}
		}
	})
}

func FuzzCloseRate(f *testing.F) {
	f.Add(150, 30)
	f.Add(0, 0)
	f.Add(1, 2)
	f.Add(-1, -1)
	f.Fuzz(func(t *testing.T, opportunities, won int) {
		got, err := sales.CloseRate(sales.CloseRateInput{Opportunities: opportunities, Won: won})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		requirePercentRange(t, got, 0, 100)
	})
}

func TestProposalWinRate(t *testing.T) {
	tests := []struct {
		name string
		in   sales.ProposalWinRateInput
		want metrics.Percent
	}{
		{"6 of 16", sales.ProposalWinRateInput{ProposalsSubmitted: 16, ProjectsWon: 6}, pct("37.5")},
		{"none won", sales.ProposalWinRateInput{ProposalsSubmitted: 3}, metrics.PercentInt(0)},
		{"all won", sales.ProposalWinRateInput{ProposalsSubmitted: 3, ProjectsWon: 3}, metrics.PercentInt(100)},
		{"repeating", sales.ProposalWinRateInput{ProposalsSubmitted: 6, ProjectsWon: 5}, pct("83.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.ProposalWinRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ProposalWinRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestProposalWinRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.ProposalWinRateInput
		want  error
		field string
	}{
		{"zero value", sales.ProposalWinRateInput{}, metrics.ErrUndefined, "ProposalsSubmitted"},
		{"negative proposals", sales.ProposalWinRateInput{ProposalsSubmitted: -3}, metrics.ErrNegative, "ProposalsSubmitted"},
		{"negative won", sales.ProposalWinRateInput{ProposalsSubmitted: 3, ProjectsWon: -3}, metrics.ErrNegative, "ProjectsWon"},
		{"won above submitted", sales.ProposalWinRateInput{ProposalsSubmitted: 3, ProjectsWon: 4}, metrics.ErrInconsistent, "ProjectsWon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.ProposalWinRate(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestProposalWinRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		submitted := rapid.IntRange(1, 1_000_000).Draw(t, "submitted")
		won := rapid.IntRange(0, submitted).Draw(t, "won")
		got, err := sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: submitted, ProjectsWon: won})
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, got, 0, 100)
		testkit.RequireRat(t, got.Points(), big.NewRat(int64(won)*100, int64(submitted)))
		// More proposals for the same wins never raise the rate.
		diluted, err := sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: submitted + 1, ProjectsWon: won})
		if err != nil || diluted.Cmp(got) > 0 {
			t.Fatalf("rate rose from %v to %v with one more proposal (%v)", got, diluted, err)
		}
	})
}

func FuzzProposalWinRate(f *testing.F) {
	f.Add(16, 6)
	f.Add(0, 0)
	f.Add(3, 4)
	f.Add(-3, 0)
	f.Fuzz(func(t *testing.T, submitted, won int) {
		got, err := sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: submitted, ProjectsWon: won})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		requirePercentRange(t, got, 0, 100)
	})
}
