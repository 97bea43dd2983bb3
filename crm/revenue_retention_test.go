package crm_test

import (
	"errors"
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

// exampleMovements is a month that takes MRR from 50,000 to 60,000, the 20%
// MRR growth of seed 004's worked example, broken down into its movements.
func exampleMovements() crm.MRRMovements {
	return crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
}

// Seed 004's month, from 50,000 to 60,000 of MRR:
// 50,000 + 7,500 + 5,000 − 1,000 − 3,000 + 1,500 = 60,000.
func ExampleMRRMovements_EndMRR() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	fmt.Println(m.EndMRR())
	// Output:
	// 60000
}

// Of the 50,000 of MRR at the start of the month, 3,000 churned and 1,000
// contracted: (3,000 + 1,000) / 50,000 × 100 = 8%.
func ExampleGrossMRRChurnRate() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	churn, err := crm.GrossMRRChurnRate(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(churn)
	// Output:
	// 8%
}

// Expansion (5,000) and reactivation (1,500) outweigh the 4,000 lost:
// (3,000 + 1,000 − 5,000 − 1,500) / 50,000 × 100 = −5%, negative churn.
func ExampleNetMRRChurnRate() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	churn, err := crm.NetMRRChurnRate(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(churn)
	// Output:
	// -5%
}

// The customers at the start brought in 50,000 + 5,000 − 1,000 − 3,000 =
// 51,000 at the end, 102% of their 50,000. With the net MRR churn of −5% and
// the 1,500 reactivated (3% of 50,000): 100 − (−5) − 3 = 102.
func ExampleNetRevenueRetention() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	nrr, err := crm.NetRevenueRetention(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(nrr)
	// Output:
	// 102%
}

// Without the expansion: (50,000 − 1,000 − 3,000) / 50,000 × 100 = 92%, and
// 92% + the gross MRR churn rate of 8% = 100%.
func ExampleGrossRevenueRetention() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	grr, err := crm.GrossRevenueRetention(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(grr)
	// Output:
	// 92%
}

// 7,500 + 5,000 + 1,500 = 14,000 gained for 1,000 + 3,000 = 4,000 lost.
func ExampleQuickRatio() {
	m := crm.MRRMovements{
		StartMRR:        decimal.NewFromInt(50000),
		NewMRR:          decimal.NewFromInt(7500),
		ExpansionMRR:    decimal.NewFromInt(5000),
		ContractionMRR:  decimal.NewFromInt(1000),
		ChurnedMRR:      decimal.NewFromInt(3000),
		ReactivationMRR: decimal.NewFromInt(1500),
	}
	q, err := crm.QuickRatio(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q)
	// Output:
	// 3.5
}

func ExampleQuickRatio_error() {
	_, err := crm.QuickRatio(crm.MRRMovements{StartMRR: decimal.NewFromInt(1000), NewMRR: decimal.NewFromInt(200)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.QuickRatio: ChurnedMRR 0 plus ContractionMRR 0 is zero: undefined for this input
	// true
}

// mrr builds MRRMovements from six decimal literals, in field order.
func mrr(start, added, expansion, contraction, churned, reactivation string) crm.MRRMovements {
	return crm.MRRMovements{
		StartMRR:        dec(start),
		NewMRR:          dec(added),
		ExpansionMRR:    dec(expansion),
		ContractionMRR:  dec(contraction),
		ChurnedMRR:      dec(churned),
		ReactivationMRR: dec(reactivation),
	}
}

func pct(s string) metrics.Percent { return metrics.MustParsePercent(s) }

// The success cases of the revenue retention metrics, with each metric's
// value worked out by hand.
var mrrCases = []struct {
	name                 string
	in                   crm.MRRMovements
	end                  decimal.Decimal
	gross, net, nrr, grr metrics.Percent
	quick                decimal.Decimal // the zero Decimal when QuickRatio is undefined
	quickOK              bool
}{
	{"the article's month", exampleMovements(), dec("60000"),
		pct("8"), pct("-5"), pct("102"), pct("92"), dec("3.5"), true},
	{"no movement", mrr("100", "0", "0", "0", "0", "0"), dec("100"),
		pct("0"), pct("0"), pct("100"), pct("100"), decimal.Decimal{}, false},
	{"growth only", mrr("100", "30", "20", "0", "0", "5"), dec("155"),
		pct("0"), pct("-25"), pct("120"), pct("100"), decimal.Decimal{}, false},
	{"everything churned", mrr("100", "0", "0", "0", "100", "0"), dec("0"),
		pct("100"), pct("100"), pct("0"), pct("0"), dec("0"), true},
	{"everything lost, part contracted", mrr("80", "10", "0", "30", "50", "0"), dec("10"),
		pct("100"), pct("100"), pct("0"), pct("0"), dec("0.125"), true},
	{"losses only", mrr("200", "0", "0", "10", "20", "0"), dec("170"),
		pct("15"), pct("15"), pct("85"), pct("85"), dec("0"), true},
	{"expansion equals losses", mrr("200", "0", "30", "10", "20", "0"), dec("200"),
		pct("15"), pct("0"), pct("100"), pct("85"), dec("1"), true},
	{"reactivation offsets net churn only", mrr("200", "0", "0", "10", "20", "30"), dec("200"),
		pct("15"), pct("0"), pct("85"), pct("85"), dec("1"), true},
	{"cents", mrr("1234.56", "12.34", "56.78", "9.87", "65.43", "1.11"), dec("1229.49"),
		// 75.30 / 1234.56 × 100 and friends do not terminate (1234.56 = 2⁶ × 3 × 643 / 100).
		pct("6.0993390358"), pct("1.4102190254"), pct("98.4998703992"), pct("93.9006609642"), dec("0.9326693227"), true},
	{"thirds", mrr("3", "1", "1", "0", "1", "0"), dec("4"),
		pct("33.3333333333"), pct("0"), pct("100"), pct("66.6666666667"), dec("2"), true},
	{"long terminating expansion", mrr("1024", "0", "1", "0", "0", "0"), dec("1025"),
		pct("0"), pct("-0.09765625"), pct("100.09765625"), pct("100"), decimal.Decimal{}, false},
	// Found by FuzzNetRevenueRetention: NRR and net churn terminate after 16
	// digits and are exact, GRR and gross churn are rounded, so GRR comes
	// out above NRR and net churn above gross churn, by less than 5×10⁻¹¹.
	{"rounding inverts GRR and NRR", mrr("90000000000000000000", "0", "680", "260", "123000000", "0"), dec("89999999999877000420"),
		pct("0.0000000001"), pct("0.0000000001366662"), pct("99.9999999998633338"), pct("99.9999999999"), dec("0.0000055284"), true},
}

func TestMRRMovementsEndMRR(t *testing.T) {
	for _, tt := range mrrCases {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.end, tt.in.EndMRR()); diff != "" {
				t.Errorf("EndMRR (-want +got):\n%s", diff)
			}
		})
	}
}

// runMRRRate runs the success table for one of the four rates.
func runMRRRate(t *testing.T, f func(crm.MRRMovements) (metrics.Percent, error), want func(i int) metrics.Percent) {
	t.Helper()
	for i, tt := range mrrCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want(i), got); diff != "" {
				t.Errorf("(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestGrossMRRChurnRate(t *testing.T) {
	runMRRRate(t, crm.GrossMRRChurnRate, func(i int) metrics.Percent { return mrrCases[i].gross })
}

func TestNetMRRChurnRate(t *testing.T) {
	runMRRRate(t, crm.NetMRRChurnRate, func(i int) metrics.Percent { return mrrCases[i].net })
}

func TestNetRevenueRetention(t *testing.T) {
	runMRRRate(t, crm.NetRevenueRetention, func(i int) metrics.Percent { return mrrCases[i].nrr })
}

func TestGrossRevenueRetention(t *testing.T) {
	runMRRRate(t, crm.GrossRevenueRetention, func(i int) metrics.Percent { return mrrCases[i].grr })
}

func TestQuickRatio(t *testing.T) {
	for _, tt := range mrrCases {
		if !tt.quickOK {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.QuickRatio(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.quick, got); diff != "" {
				t.Errorf("QuickRatio(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// mrrErrorCase is an input that every function reading MRRMovements rejects,
// with the sentinel and field each kind of function reports.
type mrrErrorCase struct {
	name string
	in   crm.MRRMovements
	// rate: the four rates dividing by StartMRR; quick: QuickRatio;
	// validate: the error of impossible movements (nil when they are
	// possible), which mrrPossible must agree with.
	rate, quick, validate error
	// fields, in the same order; "" where there is no error.
	rateField, quickField, validateField string
}

var mrrErrorCases = []mrrErrorCase{
	{"zero value", crm.MRRMovements{},
		metrics.ErrUndefined, metrics.ErrUndefined, nil, "StartMRR", "ChurnedMRR", ""},
	{"no start, new only", mrr("0", "100", "0", "0", "0", "0"),
		metrics.ErrUndefined, metrics.ErrUndefined, nil, "StartMRR", "ChurnedMRR", ""},
	{"no start, churned", mrr("0", "100", "0", "0", "5", "0"),
		metrics.ErrUndefined, metrics.ErrInconsistent, metrics.ErrInconsistent, "StartMRR", "ChurnedMRR", "ChurnedMRR"},
	{"negative start", mrr("-1", "0", "0", "0", "0", "0"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "StartMRR", "StartMRR", "StartMRR"},
	{"negative new", mrr("10", "-1", "0", "0", "1", "0"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "NewMRR", "NewMRR", "NewMRR"},
	{"negative expansion", mrr("10", "0", "-0.01", "0", "1", "0"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "ExpansionMRR", "ExpansionMRR", "ExpansionMRR"},
	{"negative contraction", mrr("10", "0", "0", "-1", "1", "0"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "ContractionMRR", "ContractionMRR", "ContractionMRR"},
	{"negative churned", mrr("10", "0", "0", "1", "-1", "0"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "ChurnedMRR", "ChurnedMRR", "ChurnedMRR"},
	{"negative reactivation", mrr("10", "0", "0", "0", "1", "-1"),
		metrics.ErrNegative, metrics.ErrNegative, metrics.ErrNegative, "ReactivationMRR", "ReactivationMRR", "ReactivationMRR"},
	{"churned above start", mrr("10", "0", "0", "0", "10.01", "0"),
		metrics.ErrInconsistent, metrics.ErrInconsistent, metrics.ErrInconsistent, "ChurnedMRR", "ChurnedMRR", "ChurnedMRR"},
	{"contraction above start", mrr("10", "0", "0", "11", "0", "0"),
		metrics.ErrInconsistent, metrics.ErrInconsistent, metrics.ErrInconsistent, "ChurnedMRR", "ChurnedMRR", "ChurnedMRR"},
	{"losses together above start", mrr("10", "0", "0", "6", "5", "0"),
		metrics.ErrInconsistent, metrics.ErrInconsistent, metrics.ErrInconsistent, "ChurnedMRR", "ChurnedMRR", "ChurnedMRR"},
	{"no losses", mrr("10", "5", "5", "0", "0", "5"),
		nil, metrics.ErrUndefined, nil, "", "ChurnedMRR", ""},
}

// requireMRRError checks one error case: sentinel, metric, field and a zero
// result.
func requireMRRError(t *testing.T, err, want error, metric, field string, zero bool) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	testkit.RequireFieldOf(t, err, crm.MRRMovements{})
	var e *metrics.Error
	errors.As(err, &e)
	if diff := cmp.Diff(metric, e.Metric); diff != "" {
		t.Errorf("metric (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(field, e.Field); diff != "" {
		t.Errorf("field (-want +got):\n%s", diff)
	}
	if !zero {
		t.Errorf("got a non-zero result with error %v", err)
	}
}

// runMRRRateErrors runs the error table for one of the four rates.
func runMRRRateErrors(t *testing.T, f func(crm.MRRMovements) (metrics.Percent, error), metric string) {
	t.Helper()
	for _, tt := range mrrErrorCases {
		if tt.rate == nil {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.in)
			requireMRRError(t, err, tt.rate, metric, tt.rateField, got.IsZero())
		})
	}
}

func TestGrossMRRChurnRateErrors(t *testing.T) {
	runMRRRateErrors(t, crm.GrossMRRChurnRate, "crm.GrossMRRChurnRate")
}

func TestNetMRRChurnRateErrors(t *testing.T) {
	runMRRRateErrors(t, crm.NetMRRChurnRate, "crm.NetMRRChurnRate")
}

func TestNetRevenueRetentionErrors(t *testing.T) {
	runMRRRateErrors(t, crm.NetRevenueRetention, "crm.NetRevenueRetention")
}

func TestGrossRevenueRetentionErrors(t *testing.T) {
	runMRRRateErrors(t, crm.GrossRevenueRetention, "crm.GrossRevenueRetention")
}

func TestQuickRatioErrors(t *testing.T) {
	for _, tt := range mrrErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.QuickRatio(tt.in)
			requireMRRError(t, err, tt.quick, "crm.QuickRatio", tt.quickField, got.Equal(decimal.Decimal{}))
		})
	}
}

// mrrPossible reports whether m describes a possible period, written
// independently of the library: no negative amount, and no more lost than
// there was at the start.
func mrrPossible(m crm.MRRMovements) bool {
	for _, d := range []decimal.Decimal{m.StartMRR, m.NewMRR, m.ExpansionMRR, m.ContractionMRR, m.ChurnedMRR, m.ReactivationMRR} {
		if d.Sign() < 0 {
			return false
		}
	}
	return m.ContractionMRR.Add(m.ChurnedMRR).Cmp(m.StartMRR) <= 0
}

// TestMRRPossible checks the test helper against the error table: the
// movements it calls impossible are those every function rejects whatever
// StartMRR.
func TestMRRPossible(t *testing.T) {
	for _, tt := range mrrErrorCases {
		if got, want := mrrPossible(tt.in), tt.validate == nil; got != want {
			t.Errorf("%s: mrrPossible = %t, want %t", tt.name, got, want)
		}
	}
	for _, tt := range mrrCases {
		if !mrrPossible(tt.in) {
			t.Errorf("%s: mrrPossible = false", tt.name)
		}
	}
}

// movements generates valid MRRMovements with StartMRR > 0: the losses are
// drawn first and StartMRR is at least their sum.
func movements() *rapid.Generator[crm.MRRMovements] {
	return rapid.Custom(func(t *rapid.T) crm.MRRMovements {
		m := crm.MRRMovements{
			NewMRR:          testkit.Money().Draw(t, "new"),
			ExpansionMRR:    testkit.Money().Draw(t, "expansion"),
			ContractionMRR:  testkit.Money().Draw(t, "contraction"),
			ChurnedMRR:      testkit.Money().Draw(t, "churned"),
			ReactivationMRR: testkit.Money().Draw(t, "reactivation"),
		}
		kept := testkit.Money().Draw(t, "kept")
		m.StartMRR = m.ContractionMRR.Add(m.ChurnedMRR).Add(kept)
		if m.StartMRR.IsZero() {
			m.StartMRR = decimal.New(1, -4)
		}
		return m
	})
}

// rats returns the six amounts of m as exact rationals.
func rats(m crm.MRRMovements) (start, added, expansion, contraction, churned, reactivation *big.Rat) {
	return testkit.Rat(m.StartMRR), testkit.Rat(m.NewMRR), testkit.Rat(m.ExpansionMRR),
		testkit.Rat(m.ContractionMRR), testkit.Rat(m.ChurnedMRR), testkit.Rat(m.ReactivationMRR)
}

// rateRat returns num / den × 100.
func rateRat(num, den *big.Rat) *big.Rat {
	r := new(big.Rat).Quo(num, den)
	return r.Mul(r, big.NewRat(100, 1))
}

// sumRat returns the sum of terms.
func sumRat(terms ...*big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, x := range terms {
		s.Add(s, x)
	}
	return s
}

func negRat(x *big.Rat) *big.Rat { return new(big.Rat).Neg(x) }

// mustRates computes the four rates of m, failing t on an error.
func mustRates(t *rapid.T, m crm.MRRMovements) (gross, net, nrr, grr metrics.Percent) {
	var errs [4]error
	gross, errs[0] = crm.GrossMRRChurnRate(m)
	net, errs[1] = crm.NetMRRChurnRate(m)
	nrr, errs[2] = crm.NetRevenueRetention(m)
	grr, errs[3] = crm.GrossRevenueRetention(m)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return gross, net, nrr, grr
}

var (
	hundredPoints = decimal.NewFromInt(100)
	// lastUnit is one unit at metrics.Scale.
	lastUnit = decimal.New(1, -metrics.Scale)
	// halfUnit is half a unit at metrics.Scale.
	halfUnit = decimal.New(5, -metrics.Scale-1)
)

// requireOrdered fails t unless lo ≤ hi, two results of different quotients
// whose exact values are in that order. A quotient is exact when it
// terminates and rounded at metrics.Scale otherwise, so when only one of the
// two is rounded the order can invert, by less than halfUnit; when both are
// exact or both rounded it holds.
func requireOrdered(t testkit.TB, lo, hi decimal.Decimal, what string) {
	t.Helper()
	if lo.Sub(hi).Cmp(halfUnit) >= 0 {
		t.Fatalf("%s: %s above %s by half a unit at Scale or more", what, lo.String(), hi.String())
	}
	onGrid := func(d decimal.Decimal) bool { return d.Round(metrics.Scale).Equal(d) }
	if onGrid(lo) == onGrid(hi) && lo.Cmp(hi) > 0 {
		t.Fatalf("%s: %s above %s", what, lo.String(), hi.String())
	}
}

func TestMRRMovementsEndMRRProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		if !mrrPossible(m) {
			t.Fatalf("impossible movements %+v", m)
		}
		end := m.EndMRR()
		start, added, expansion, contraction, churned, reactivation := rats(m)
		want := sumRat(start, added, expansion, negRat(contraction), negRat(churned), reactivation)
		testkit.RequireRat(t, end, want)
		if end.Sign() < 0 {
			t.Fatalf("end MRR %s is negative", end.String())
		}
		// End MRR is what the customers at the start kept (NRR × StartMRR)
		// plus the new and reactivated MRR.
		nrr := rateRat(sumRat(start, expansion, negRat(contraction), negRat(churned)), start)
		kept := new(big.Rat).Mul(nrr, start)
		kept.Quo(kept, big.NewRat(100, 1))
		if sumRat(kept, added, reactivation).Cmp(testkit.Rat(end)) != 0 {
			t.Fatalf("end MRR %s is not start × NRR + new + reactivation", end.String())
		}
		// A negative amount in any field fails every metric.
		bad := m
		bad.ReactivationMRR = m.ReactivationMRR.Neg().Sub(decimal.New(1, -4))
		if _, err := crm.GrossRevenueRetention(bad); !errors.Is(err, metrics.ErrNegative) {
			t.Fatalf("GrossRevenueRetention of a negative reactivation = %v", err)
		}
	})
}

func TestGrossMRRChurnRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		gross, _, _, grr := mustRates(t, m)
		start, _, _, contraction, churned, _ := rats(m)
		testkit.RequireRat(t, gross.Points(), rateRat(sumRat(churned, contraction), start))
		if gross.Sign() < 0 || gross.Points().Cmp(hundredPoints) > 0 {
			t.Fatalf("gross MRR churn %v outside 0..100", gross)
		}
		// Gross churn + GRR = 100, exactly, even when both are rounded.
		if sum := gross.Points().Add(grr.Points()); !sum.Equal(hundredPoints) {
			t.Fatalf("gross churn %v + GRR %v = %s, want 100", gross, grr, sum.String())
		}
		// New, expansion and reactivation do not offset gross churn.
		bare := m
		bare.NewMRR, bare.ExpansionMRR, bare.ReactivationMRR = decimal.Zero, decimal.Zero, decimal.Zero
		if g, err := crm.GrossMRRChurnRate(bare); err != nil || !g.Equal(gross) {
			t.Fatalf("gains changed gross churn: %v -> %v (%v)", gross, g, err)
		}
		// Monotone: moving MRR from kept to churned never lowers it.
		if m.StartMRR.Cmp(m.ContractionMRR.Add(m.ChurnedMRR)) > 0 {
			more := m
			more.ChurnedMRR = m.StartMRR.Sub(m.ContractionMRR)
			if g, err := crm.GrossMRRChurnRate(more); err != nil || g.Cmp(gross) < 0 {
				t.Fatalf("gross churn fell: %v -> %v (%v)", gross, g, err)
			}
		}
	})
}

func TestNetMRRChurnRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		gross, net, nrr, _ := mustRates(t, m)
		start, _, expansion, contraction, churned, reactivation := rats(m)
		netRat := rateRat(sumRat(churned, contraction, negRat(expansion), negRat(reactivation)), start)
		testkit.RequireRat(t, net.Points(), netRat)
		if net.Points().Cmp(hundredPoints) > 0 {
			t.Fatalf("net MRR churn %v above 100", net)
		}
		requireOrdered(t, net.Points(), gross.Points(), "net churn ≤ gross churn")
		// Negative exactly when expansion and reactivation outweigh losses.
		gains := m.ExpansionMRR.Add(m.ReactivationMRR)
		if losses := m.ContractionMRR.Add(m.ChurnedMRR); gains.Cmp(losses) > 0 && net.Sign() > 0 ||
			gains.Cmp(losses) < 0 && net.Sign() < 0 || gains.Equal(losses) && !net.IsZero() {
			t.Fatalf("net churn %v with gains %s and losses %s", net, gains.String(), losses.String())
		}
		// The identity NRR = 100 − net churn − reactivation / start × 100
		// holds exactly in rationals ...
		reactRate := rateRat(reactivation, start)
		nrrRat := rateRat(sumRat(start, expansion, negRat(contraction), negRat(churned)), start)
		if sumRat(nrrRat, netRat, reactRate).Cmp(big.NewRat(100, 1)) != 0 {
			t.Fatalf("NRR + net churn + reactivation rate ≠ 100 in rationals")
		}
		// ... and on the rounded results to within one unit at Scale.
		sum := nrr.Points().Add(net.Points()).Add(testkit.Round(reactRate))
		if sum.Sub(hundredPoints).Abs().Cmp(lastUnit) > 0 {
			t.Fatalf("NRR %v + net churn %v + reactivation rate = %s, want 100 ± 10⁻¹⁰", nrr, net, sum.String())
		}
		// Without reactivation, NRR = 100 − net churn exactly.
		noReact := m
		noReact.ReactivationMRR = decimal.Zero
		n0, err := crm.NetMRRChurnRate(noReact)
		if err != nil {
			t.Fatal(err)
		}
		if s := n0.Points().Add(nrr.Points()); !s.Equal(hundredPoints) {
			t.Fatalf("without reactivation, net churn %v + NRR %v = %s, want 100", n0, nrr, s.String())
		}
	})
}

func TestNetRevenueRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		_, _, nrr, grr := mustRates(t, m)
		start, _, expansion, contraction, churned, _ := rats(m)
		testkit.RequireRat(t, nrr.Points(), rateRat(sumRat(start, expansion, negRat(contraction), negRat(churned)), start))
		if nrr.Sign() < 0 {
			t.Fatalf("NRR %v negative", nrr)
		}
		requireOrdered(t, grr.Points(), nrr.Points(), "GRR ≤ NRR")
		// New and reactivated MRR do not count.
		bare := m
		bare.NewMRR, bare.ReactivationMRR = decimal.Zero, decimal.Zero
		if n, err := crm.NetRevenueRetention(bare); err != nil || !n.Equal(nrr) {
			t.Fatalf("new or reactivated MRR changed NRR: %v -> %v (%v)", nrr, n, err)
		}
		// Monotone: more expansion never lowers NRR.
		more := m
		more.ExpansionMRR = m.ExpansionMRR.Add(decimal.New(1, -2))
		n, err := crm.NetRevenueRetention(more)
		if err != nil {
			t.Fatal(err)
		}
		requireOrdered(t, nrr.Points(), n.Points(), "NRR with more expansion")
	})
}

func TestGrossRevenueRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		gross, _, nrr, grr := mustRates(t, m)
		start, _, _, contraction, churned, _ := rats(m)
		testkit.RequireRat(t, grr.Points(), rateRat(sumRat(start, negRat(contraction), negRat(churned)), start))
		// Never above 100 nor above NRR.
		if grr.Sign() < 0 || grr.Points().Cmp(hundredPoints) > 0 {
			t.Fatalf("GRR %v outside 0..100", grr)
		}
		requireOrdered(t, grr.Points(), nrr.Points(), "GRR ≤ NRR")
		// GRR = 100 − gross churn.
		if want := hundredPoints.Sub(gross.Points()); !grr.Points().Equal(want) {
			t.Fatalf("GRR %v, 100 − gross churn = %s", grr, want.String())
		}
		// Expansion does not raise GRR.
		more := m
		more.ExpansionMRR = m.ExpansionMRR.Add(decimal.NewFromInt(1000))
		if g, err := crm.GrossRevenueRetention(more); err != nil || !g.Equal(grr) {
			t.Fatalf("expansion changed GRR: %v -> %v (%v)", grr, g, err)
		}
	})
}

func TestQuickRatioProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements().Draw(t, "m")
		got, err := crm.QuickRatio(m)
		losses := m.ContractionMRR.Add(m.ChurnedMRR)
		if losses.IsZero() {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		_, added, expansion, contraction, churned, reactivation := rats(m)
		testkit.RequireRat(t, got, new(big.Rat).Quo(sumRat(added, expansion, reactivation), sumRat(contraction, churned)))
		if got.Sign() < 0 {
			t.Fatalf("quick ratio %s is negative", got.String())
		}
		// MRR grows exactly when the ratio is above 1.
		one := decimal.NewFromInt(1)
		switch m.EndMRR().Cmp(m.StartMRR) {
		case 1:
			if got.Cmp(one) < 0 {
				t.Fatalf("MRR grew with quick ratio %s", got.String())
			}
		case -1:
			if got.Cmp(one) > 0 {
				t.Fatalf("MRR shrank with quick ratio %s", got.String())
			}
		default:
			if !got.Equal(one) {
				t.Fatalf("MRR flat with quick ratio %s", got.String())
			}
		}
		// StartMRR only bounds the losses; it is not in the ratio.
		bigger := m
		bigger.StartMRR = m.StartMRR.Add(decimal.NewFromInt(1))
		if q, err := crm.QuickRatio(bigger); err != nil || !q.Equal(got) {
			t.Fatalf("StartMRR changed the quick ratio: %s -> %s (%v)", got.String(), q.String(), err)
		}
	})
}

// fuzzMovements builds MRRMovements from a fuzzer's primitives.
func fuzzMovements(sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) crm.MRRMovements {
	return crm.MRRMovements{
		StartMRR:        testkit.FuzzDecimal(sc, se),
		NewMRR:          testkit.FuzzDecimal(nc, ne),
		ExpansionMRR:    testkit.FuzzDecimal(ec, ee),
		ContractionMRR:  testkit.FuzzDecimal(cc, ce),
		ChurnedMRR:      testkit.FuzzDecimal(hc, he),
		ReactivationMRR: testkit.FuzzDecimal(rc, re),
	}
}

// addMRRSeeds adds the same seed corpus to every MRR fuzz target.
func addMRRSeeds(f *testing.F) {
	f.Add(int64(50000), int8(0), int64(7500), int8(0), int64(5000), int8(0), int64(1000), int8(0), int64(3000), int8(0), int64(1500), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0), int64(0), int8(0), int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(3), int8(0), int64(1), int8(0), int64(1), int8(0), int64(0), int8(0), int64(1), int8(0), int64(0), int8(0))
	f.Add(int64(10), int8(0), int64(0), int8(0), int64(0), int8(0), int64(6), int8(0), int64(5), int8(0), int64(0), int8(0))
	f.Add(int64(123456), int8(-2), int64(1234), int8(-2), int64(5678), int8(-2), int64(987), int8(-2), int64(6543), int8(-2), int64(111), int8(-2))
	f.Add(int64(1), int8(20), int64(-1), int8(-20), int64(1), int8(-20), int64(1), int8(19), int64(1), int8(19), int64(1), int8(5))
}

// fuzzRate is the body of the fuzz targets of the four rates: no panic,
// documented errors, and a result within lo..hi (nil for no bound).
func fuzzRate(t *testing.T, f func(crm.MRRMovements) (metrics.Percent, error), m crm.MRRMovements, lo, hi *decimal.Decimal) metrics.Percent {
	t.Helper()
	got, err := f(m)
	if err != nil {
		testkit.RequireKpikitError(t, err)
		if !got.IsZero() {
			t.Fatalf("got %v with error %v", got, err)
		}
		if mrrPossible(m) && !m.StartMRR.IsZero() {
			t.Fatalf("error %v for possible movements %+v", err, m)
		}
		return got
	}
	if !mrrPossible(m) {
		t.Fatalf("result %v for impossible movements %+v", got, m)
	}
	if lo != nil && got.Points().Cmp(*lo) < 0 || hi != nil && got.Points().Cmp(*hi) > 0 {
		t.Fatalf("result %v out of range for %+v", got, m)
	}
	return got
}

var zeroPoints = decimal.Zero

func FuzzGrossMRRChurnRate(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		gross := fuzzRate(t, crm.GrossMRRChurnRate, m, &zeroPoints, &hundredPoints)
		if grr, err := crm.GrossRevenueRetention(m); err == nil && !grr.Points().Add(gross.Points()).Equal(hundredPoints) {
			t.Fatalf("gross churn %v + GRR %v ≠ 100", gross, grr)
		}
	})
}

func FuzzNetMRRChurnRate(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		fuzzRate(t, crm.NetMRRChurnRate, m, nil, &hundredPoints)
	})
}

func FuzzNetRevenueRetention(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		nrr := fuzzRate(t, crm.NetRevenueRetention, m, &zeroPoints, nil)
		if grr, err := crm.GrossRevenueRetention(m); err == nil {
			requireOrdered(t, grr.Points(), nrr.Points(), "GRR ≤ NRR")
		}
	})
}

func FuzzGrossRevenueRetention(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		fuzzRate(t, crm.GrossRevenueRetention, m, &zeroPoints, &hundredPoints)
	})
}

func FuzzQuickRatio(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		got, err := crm.QuickRatio(m)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.Equal(decimal.Decimal{}) {
				t.Fatalf("got %s with error %v", got.String(), err)
			}
			return
		}
		if !mrrPossible(m) {
			t.Fatalf("quick ratio %s for impossible movements %+v", got.String(), m)
		}
		if got.Sign() < 0 {
			t.Fatalf("quick ratio %s is negative", got.String())
		}
	})
}

func FuzzMRRMovementsEndMRR(f *testing.F) {
	addMRRSeeds(f)
	f.Fuzz(func(t *testing.T, sc int64, se int8, nc int64, ne int8, ec int64, ee int8, cc int64, ce int8, hc int64, he int8, rc int64, re int8) {
		m := fuzzMovements(sc, se, nc, ne, ec, ee, cc, ce, hc, he, rc, re)
		if !mrrPossible(m) {
			return
		}
		if end := m.EndMRR(); end.Sign() < 0 {
			t.Fatalf("end MRR %s negative for valid movements %+v", end.String(), m)
		}
	})
}
