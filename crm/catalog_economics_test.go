package crm_test

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// economicsErrField returns the Field of a *metrics.Error, or "" if err is
// not one.
func economicsErrField(err error) string {
	var e *metrics.Error
	if !errors.As(err, &e) {
		return ""
	}
	return e.Field
}

// snakeID returns the descriptor ID of a Go name by the package's rule:
// snake_case, an initialism as one word (MRRGrowthRate → mrr_growth_rate,
// DiscountedCLTV → discounted_cltv).
func snakeID(name string) string {
	var b strings.Builder
	r := []rune(name)
	for i, c := range r {
		upper := unicode.IsUpper(c)
		if i > 0 && upper && (!unicode.IsUpper(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func TestSnakeID(t *testing.T) {
	for name, want := range map[string]string{"MRRGrowthRate": "mrr_growth_rate", "NPS": "nps", "LTVToCAC": "ltv_to_cac",
		"DiscountedCLTV": "discounted_cltv", "NetRevenueRetention": "net_revenue_retention", "CohortRetention": "cohort_retention"} {
		if got := snakeID(name); got != want {
			t.Errorf("snakeID(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestSubscriptionDescriptors checks, for each metric of the subscription
// and retention files, that its descriptor ID is its Go name in snake_case
// (a metric read from an accumulator: the type's singular and the method,
// Cohorts.Retention → cohort_retention), that Describe finds it, and that
// the descriptor's unit is what the function returns.
func TestSubscriptionDescriptors(t *testing.T) {
	tests := []struct {
		f    any
		name string // for a method, the name its ID derives from
	}{
		{crm.MRRGrowthRate, ""}, {crm.ARR, ""}, {crm.ARPA, ""}, {crm.CLTV, ""}, {crm.LTV, ""}, {crm.DiscountedCLTV, ""},
		{crm.ChurnRate, ""}, {crm.RetentionRate, ""}, {crm.RenewalRate, ""},
		{crm.GrossMRRChurnRate, ""}, {crm.NetMRRChurnRate, ""}, {crm.NetRevenueRetention, ""}, {crm.GrossRevenueRetention, ""},
		{crm.QuickRatio, ""}, {(*crm.Cohorts).Retention, "CohortRetention"},
	}
	units := map[reflect.Type][]metrics.Unit{
		reflect.TypeFor[metrics.Percent](): {metrics.UnitPercent},
		reflect.TypeFor[decimal.Decimal](): {metrics.UnitMoney, metrics.UnitRatio},
		reflect.TypeFor[crm.CohortTable](): {metrics.UnitPercent},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		name := tt.name
		if name == "" {
			full := runtime.FuncForPC(reflect.ValueOf(tt.f).Pointer()).Name()
			name = full[strings.LastIndex(full, ".")+1:]
		}
		id := snakeID(name)
		t.Run(id, func(t *testing.T) {
			d, ok := crm.Describe(id)
			if !ok {
				t.Fatalf("Describe(%q) found nothing for %s", id, name)
			}
			out := reflect.TypeOf(tt.f).Out(0)
			if !slices.Contains(units[out], d.Unit) {
				t.Errorf("%s returns %s, its descriptor's unit is %v", name, out, d.Unit)
			}
			if d.Category != metrics.CategoryCRM || d.Name == "" || d.Formula == "" {
				t.Errorf("incomplete descriptor %+v", d)
			}
			if seen[id] {
				t.Errorf("ID %q twice", id)
			}
			seen[id] = true
		})
	}
	// Every ID is unique in the catalog.
	count := map[string]int{}
	for _, d := range crm.Descriptors() {
		if count[d.ID]++; count[d.ID] > 1 {
			t.Errorf("duplicate descriptor ID %q", d.ID)
		}
	}
}

func TestEconomicsIgnoresDecimalGlobals(t *testing.T) {
	d := decimal.RequireFromString
	testkit.RequireGlobalsIgnored(t, func() string {
		var out []string
		add := func(v decimal.Decimal, err error) {
			if err != nil {
				out = append(out, err.Error())
				return
			}
			out = append(out, exact.Text(v))
		}
		growth, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: d("3"), CurrentMRR: d("5.00")})
		add(growth.Points(), err)
		add(crm.ARR(crm.ARRInput{MRR: d("99.990")}))
		add(crm.ARPA(crm.ARPAInput{MRR: d("200.00"), Accounts: 3}))
		add(crm.CAC(crm.CACInput{SalesAndMarketingSpend: d("100.000"), NewCustomers: 7}))
		add(crm.CLTV(crm.CLTVInput{AveragePurchaseValue: d("49.90"), PurchasesPerYear: d("2.5"),
			LifespanYears: d("3.5"), RetentionRate: metrics.PercentInt(90)}))
		add(crm.LTV(crm.LTVInput{ARPA: d("50"), GrossMargin: metrics.PercentInt(70), ChurnRate: metrics.PercentInt(3)}))
		add(crm.DiscountedCLTV(crm.DiscountedCLTVInput{MarginPerPeriod: d("100"),
			RetentionRate: metrics.PercentInt(90), DiscountRate: metrics.PercentInt(20)}))
		add(crm.LTVToCAC(crm.LTVToCACInput{LTV: d("2"), CAC: d("3")}))
		add(crm.CACPaybackMonths(crm.CACPaybackInput{CAC: d("200"), ARPA: d("120"), GrossMargin: metrics.PercentInt(80)}))
		add(crm.ARPA(crm.ARPAInput{MRR: d("-1.50"), Accounts: 3}))
		return strings.Join(out, "\n")
	})
}

// economicsHalfUnit is half of the last digit kept at metrics.Scale: the most
// by which a rounded quotient differs from its exact value.
var economicsHalfUnit = decimal.New(5, -metrics.Scale-1)

// economicsNotAbove reports whether a ≤ b up to rounding: the library returns
// terminating quotients exactly and others rounded at metrics.Scale, so two
// results are ordered like their exact values only to within half a unit of
// the last kept digit.
func economicsNotAbove(a, b decimal.Decimal) bool {
	return a.Cmp(b.Add(economicsHalfUnit)) <= 0
}
