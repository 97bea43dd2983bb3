package crm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

func TestEconomicsDescriptors(t *testing.T) {
	tests := []struct {
		id     string
		unit   metrics.Unit
		better metrics.Direction
	}{
		{crm.MRRGrowthRateID, metrics.UnitPercent, metrics.HigherIsBetter},
		{crm.ARRID, metrics.UnitMoney, metrics.HigherIsBetter},
		{crm.ARPAID, metrics.UnitMoney, metrics.HigherIsBetter},
		{crm.CACID, metrics.UnitMoney, metrics.LowerIsBetter},
		{crm.CLTVID, metrics.UnitMoney, metrics.HigherIsBetter},
		{crm.LTVID, metrics.UnitMoney, metrics.HigherIsBetter},
		{crm.DiscountedCLTVID, metrics.UnitMoney, metrics.HigherIsBetter},
		{crm.LTVToCACID, metrics.UnitRatio, metrics.HigherIsBetter},
		{crm.CACPaybackMonthsID, metrics.UnitMonths, metrics.LowerIsBetter},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d, ok := crm.Describe(tt.id)
			if !ok {
				t.Fatalf("Describe(%q) found nothing", tt.id)
			}
			want := metrics.Descriptor{ID: tt.id, Name: d.Name, Category: metrics.CategoryCRM,
				Class: metrics.ClassBusinessPerformance, Unit: tt.unit, Better: tt.better, Formula: d.Formula}
			if diff := cmp.Diff(want, d); diff != "" {
				t.Errorf("descriptor (-want +got):\n%s", diff)
			}
			if d.Name == "" || d.Formula == "" {
				t.Errorf("descriptor %q lacks a name or a formula: %+v", tt.id, d)
			}
		})
	}
	// The IDs other packages rely on.
	for id, want := range map[string]string{"mrr_growth_rate": crm.MRRGrowthRateID, "cac": crm.CACID, "cltv": crm.CLTVID} {
		if id != want {
			t.Errorf("ID %q changed to %q", id, want)
		}
	}
	// Every ID is unique in the catalog.
	seen := map[string]bool{}
	for _, d := range crm.Descriptors() {
		if seen[d.ID] {
			t.Errorf("duplicate descriptor ID %q", d.ID)
		}
		seen[d.ID] = true
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
