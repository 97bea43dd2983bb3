package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// TODO(kpikit): use crm.MRRMovementsFromSubscriptions once merged, and
// delete this file. It measures the movements by the rule that function
// documents: each customer's MRR at from (a) and at to (b), with
//
//	a = 0, b > 0, no MRR before from    new
//	a = 0, b > 0, some MRR before from  reactivation
//	a > 0, b > a                        expansion of b − a
//	a > b > 0                           contraction of a − b
//	a > 0, b = 0                        churn of a
//
// A subscription's MRR is amount × rate × periods per year / 12, rounded
// once at metrics.Scale digits when the quotient does not terminate.

// mrrMovements returns the MRR movements of subs from instant from to
// instant to, converted with rates (units of the reporting currency per
// unit of each other currency), and the customers behind them.
func mrrMovements(subs []dataset.Subscription, from, to time.Time, rates map[string]decimal.Decimal) (crm.MRRMovements, customerCounts) {
	type customer struct {
		a, b   decimal.Decimal
		before bool
	}
	byID := map[string]*customer{}
	twelve := decimal.NewFromInt(12)
	for i := range subs {
		s := &subs[i]
		v := s.Amount.Mul(decimal.NewFromInt(int64(s.Billing.PeriodsPerYear())))
		if rate, ok := rates[s.Currency]; ok {
			v = v.Mul(rate)
		}
		mrr := v.DivRound(twelve, metrics.Scale)
		c := byID[s.CustomerID]
		if c == nil {
			c = &customer{}
			byID[s.CustomerID] = c
		}
		if active(s, from) {
			c.a = c.a.Add(mrr)
		}
		if active(s, to) {
			c.b = c.b.Add(mrr)
		}
		if s.Started.Before(from) && (s.Ended.IsZero() || s.Ended.After(s.Started)) && mrr.Sign() > 0 {
			c.before = true
		}
	}
	var m crm.MRRMovements
	var n customerCounts
	for _, c := range byID {
		m.StartMRR = m.StartMRR.Add(c.a)
		if c.a.Sign() > 0 {
			n.Start++
		}
		if c.b.Sign() > 0 {
			n.End++
		}
		switch {
		case c.a.Sign() == 0 && c.b.Sign() > 0 && !c.before:
			m.NewMRR = m.NewMRR.Add(c.b)
			n.New++
		case c.a.Sign() == 0 && c.b.Sign() > 0:
			m.ReactivationMRR = m.ReactivationMRR.Add(c.b)
			n.Reactivated++
		case c.a.Sign() > 0 && c.b.Sign() == 0:
			m.ChurnedMRR = m.ChurnedMRR.Add(c.a)
			n.Churned++
		case c.a.Sign() > 0 && c.b.GreaterThan(c.a):
			m.ExpansionMRR = m.ExpansionMRR.Add(c.b.Sub(c.a))
			n.Expanded++
		case c.a.Sign() > 0 && c.b.LessThan(c.a):
			m.ContractionMRR = m.ContractionMRR.Add(c.a.Sub(c.b))
			n.Contracted++
		}
	}
	return m, n
}
