package crm_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

// TestRetentionCatalog checks that every retention metric is listed once,
// with the class, unit and direction its documentation gives.
func TestRetentionCatalog(t *testing.T) {
	type entry struct {
		Class  metrics.Class
		Unit   metrics.Unit
		Better metrics.Direction
	}
	const (
		perception = metrics.ClassCustomerPerception
		business   = metrics.ClassBusinessPerformance
	)
	want := map[string]entry{
		crm.ChurnRateID:             {perception, metrics.UnitPercent, metrics.LowerIsBetter},
		crm.RetentionRateID:         {perception, metrics.UnitPercent, metrics.HigherIsBetter},
		crm.RenewalRateID:           {perception, metrics.UnitPercent, metrics.HigherIsBetter},
		crm.RetentionCostID:         {business, metrics.UnitMoney, metrics.LowerIsBetter},
		crm.GrossMRRChurnRateID:     {business, metrics.UnitPercent, metrics.LowerIsBetter},
		crm.NetMRRChurnRateID:       {business, metrics.UnitPercent, metrics.LowerIsBetter},
		crm.NetRevenueRetentionID:   {business, metrics.UnitPercent, metrics.HigherIsBetter},
		crm.GrossRevenueRetentionID: {business, metrics.UnitPercent, metrics.HigherIsBetter},
		crm.QuickRatioID:            {business, metrics.UnitRatio, metrics.HigherIsBetter},
	}
	ids := []string{"churn_rate", "retention_rate", "renewal_rate", "retention_cost",
		"gross_mrr_churn_rate", "net_mrr_churn_rate", "nrr", "grr", "quick_ratio"}
	if len(ids) != len(want) {
		t.Fatalf("%d IDs for %d constants: an ID constant has an unexpected value", len(ids), len(want))
	}
	seen := map[string]int{}
	for _, d := range crm.Descriptors() {
		seen[d.ID]++
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			if seen[id] != 1 {
				t.Fatalf("ID %q listed %d times in crm.Descriptors", id, seen[id])
			}
			d, ok := crm.Describe(id)
			if !ok {
				t.Fatalf("Describe(%q) found nothing", id)
			}
			if diff := cmp.Diff(want[id], entry{d.Class, d.Unit, d.Better}); diff != "" {
				t.Errorf("descriptor (-want +got):\n%s", diff)
			}
			if d.Category != metrics.CategoryCRM || d.Name == "" || d.Formula == "" {
				t.Errorf("incomplete descriptor %+v", d)
			}
		})
	}
}

// TestRetentionGlobalsIgnored checks that no retention metric reads
// shopspring/decimal's globals: the inputs make every quotient repeat, and
// the error messages print decimals.
func TestRetentionGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(s string, err error) {
			b.WriteString(s)
			if err != nil {
				b.WriteString(err.Error())
			}
			b.WriteByte('|')
		}
		r, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: 7, CustomersAtEnd: 9, NewCustomers: 4})
		add(r.String(), err)
		r, err = crm.RenewalRate(crm.RenewalInput{UpForRenewal: 9, Renewed: 8})
		add(r.String(), err)
		cost := crm.RetentionCostInput{RetentionSpend: dec("100.5"), RetainedCustomers: 7, RetainedRevenue: dec("1000.25")}
		c, err := crm.RetentionCostPerCustomer(cost)
		add(exact.Text(c), err)
		ch, err := crm.CheckRetentionCost(cost)
		add(exact.Text(ch.CostPerCustomer)+" "+exact.Text(ch.RevenuePerCustomer)+" "+exact.Text(ch.Margin), err)
		m := mrr("1234.56", "12.34", "56.78", "9.87", "65.43", "1.11")
		add(exact.Text(m.EndMRR()), m.Validate())
		for _, f := range []func(crm.MRRMovements) (metrics.Percent, error){
			crm.GrossMRRChurnRate, crm.NetMRRChurnRate, crm.NetRevenueRetention, crm.GrossRevenueRetention,
		} {
			p, err := f(m)
			add(p.String(), err)
		}
		q, err := crm.QuickRatio(m)
		add(exact.Text(q), err)
		// Error messages with decimals in them.
		bad := mrr("10.50", "0", "0", "6.25", "5.000", "0")
		add("", bad.Validate())
		_, err = crm.QuickRatio(mrr("10.50", "1", "0", "0", "0", "0"))
		add("", err)
		_, err = crm.CheckRetentionCost(crm.RetentionCostInput{RetainedRevenue: dec("-1.50")})
		add("", err)
		return b.String()
	})
}
