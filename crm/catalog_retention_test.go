package crm_test

import (
	"strings"
	"testing"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

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
		add(exact.Text(m.EndMRR()), nil)
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
		_, err = crm.GrossRevenueRetention(bad)
		add("", err)
		_, err = crm.QuickRatio(mrr("10.50", "1", "0", "0", "0", "0"))
		add("", err)
		_, err = crm.CheckRetentionCost(crm.RetentionCostInput{RetainedRevenue: dec("-1.50")})
		add("", err)
		return b.String()
	})
}
