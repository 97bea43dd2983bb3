package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// inputs holds the data set's records in kpikit's types, with every amount
// converted to the reporting currency, once for all the periods.
type inputs struct {
	d        *dataset.Dataset
	currency string
	// asOf is the first instant after the data: the start of the month
	// after the last.
	asOf time.Time

	// deals are all the deals, converted; dealRows[i] is the row of deals[i].
	deals    []sales.Deal
	dealRows []*dataset.Deal
	// services are the consulting deals alone, converted.
	services []sales.Deal
	leads    []sales.Lead
	// campaignCost and campaignRevenue are each campaign's cost and
	// attributed revenue, converted at the rate of the month it started.
	campaignCost, campaignRevenue []decimal.Decimal

	// anchor[i] is the start of the continuous subscription that row i of
	// subscriptions.csv belongs to: a change of plan ends one row and
	// starts the next at the same instant, and keeps the anchor.
	anchor []time.Time
	// spans are the continuous subscriptions, one per customer and span of
	// activity: a customer who leaves and comes back has two.
	spans []crm.Customer
	// firstSpans are each customer's first span, oldest first, and
	// cohorts holds them for the cohort tables.
	firstSpans []crm.Customer
	cohorts    crm.Cohorts
	// ledgers are the MRR ledgers of the subscriptions, one per set of
	// exchange rates (see ledger).
	ledgers map[string]*crm.MRRLedger
	// subscriptions and tickets are the rows of subscriptions.csv and
	// tickets.csv in kpikit's types.
	subscriptions []crm.Subscription
	tickets       []crm.Ticket
}

// newInputs converts the data set's records. A deal is converted at the
// rate of the month it closed in, or for an open deal at the rate of the
// report's last month; a campaign at the rate of the month it started in.
// (dataset.Load has checked that every currency has a rate.)
func newInputs(d *dataset.Dataset) (*inputs, error) {
	r := &inputs{d: d, currency: d.Company.Currency, asOf: d.Company.PeriodEnd()}
	convert := func(what string, amount decimal.Decimal, currency string, at time.Time) (decimal.Decimal, error) {
		v, ok := d.Convert(amount, currency, at)
		if !ok {
			return decimal.Decimal{}, fmt.Errorf("report: %s: no exchange rate from %s to the reporting currency %s", what, currency, r.currency)
		}
		return v, nil
	}
	stages := map[dataset.Stage]sales.Stage{dataset.StageOpen: sales.StageOpen, dataset.StageWon: sales.StageWon, dataset.StageLost: sales.StageLost}
	for i := range d.Deals {
		row := &d.Deals[i]
		at := row.Closed
		if at.IsZero() {
			at = d.Company.LastMonth
		}
		amount, err := convert("deal "+row.ID, row.Amount, row.Currency, at)
		if err != nil {
			return nil, err
		}
		deal := sales.Deal{ID: row.ID, Amount: amount, Stage: stages[row.Stage], Created: row.Created, Closed: row.Closed, Owner: row.Owner}
		r.deals = append(r.deals, deal)
		r.dealRows = append(r.dealRows, row)
		if row.Kind == dataset.KindServices {
			r.services = append(r.services, deal)
		}
	}
	for _, l := range d.Leads {
		r.leads = append(r.leads, sales.Lead{ID: l.ID, Created: l.Created, Qualified: l.Qualified, Converted: l.Converted})
	}
	r.anchor, r.spans = chains(d.Subscriptions)
	r.firstSpans = firstSpans(r.spans)
	for _, c := range r.firstSpans {
		if err := r.cohorts.Add(c); err != nil {
			return nil, fmt.Errorf("report: customer %s: %w", c.ID, err)
		}
	}
	r.ledgers = map[string]*crm.MRRLedger{}
	intervals := map[dataset.Billing]crm.BillingInterval{dataset.BillingWeekly: crm.BillingWeekly,
		dataset.BillingMonthly: crm.BillingMonthly, dataset.BillingQuarterly: crm.BillingQuarterly, dataset.BillingYearly: crm.BillingYearly}
	for _, s := range d.Subscriptions {
		currency := s.Currency
		if currency == "" {
			currency = r.currency
		}
		r.subscriptions = append(r.subscriptions, crm.Subscription{CustomerID: s.CustomerID, Amount: s.Amount,
			Interval: intervals[s.Billing], Start: s.Started, End: s.Ended, Currency: currency})
	}
	for _, t := range d.Tickets {
		r.tickets = append(r.tickets, crm.Ticket{ID: t.ID, Opened: t.Opened, FirstResponse: t.FirstResponse, Resolved: t.Resolved})
	}
	for _, c := range d.Campaigns {
		cost, err := convert("campaign "+c.ID, c.Cost, c.Currency, c.Started)
		if err != nil {
			return nil, err
		}
		revenue, err := convert("campaign "+c.ID, c.AttributedRevenue, c.Currency, c.Started)
		if err != nil {
			return nil, err
		}
		r.campaignCost = append(r.campaignCost, cost)
		r.campaignRevenue = append(r.campaignRevenue, revenue)
	}
	return r, nil
}

// chains links each customer's subscription rows into continuous spans:
// a row that starts before or when the span so far ends continues it. It
// returns each row's anchor, the start of its span, and the spans.
func chains(subs []dataset.Subscription) (anchor []time.Time, spans []crm.Customer) {
	order := make([]int, len(subs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := strings.Compare(subs[a].CustomerID, subs[b].CustomerID); c != 0 {
			return c
		}
		return subs[a].Started.Compare(subs[b].Started)
	})
	anchor = make([]time.Time, len(subs))
	for _, i := range order {
		s := &subs[i]
		if n := len(spans); n > 0 {
			last := &spans[n-1]
			if last.ID == s.CustomerID && (last.End.IsZero() || !s.Started.After(last.End)) {
				anchor[i] = last.Start
				if s.Ended.IsZero() || (!last.End.IsZero() && s.Ended.After(last.End)) {
					last.End = s.Ended
				}
				continue
			}
		}
		anchor[i] = s.Started
		spans = append(spans, crm.Customer{ID: s.CustomerID, Start: s.Started, End: s.Ended})
	}
	return anchor, spans
}

// active reports whether subscription row s is in force at instant t.
func active(s *dataset.Subscription, t time.Time) bool {
	return !t.Before(s.Started) && (s.Ended.IsZero() || t.Before(s.Ended))
}

// customersAt returns the customers with a subscription in force at t.
func customersAt(subs []dataset.Subscription, t time.Time) map[string]bool {
	out := map[string]bool{}
	for i := range subs {
		if active(&subs[i], t) {
			out[subs[i].CustomerID] = true
		}
	}
	return out
}

// fxRates returns, for each currency of the subscriptions other than the
// reporting currency, its rate in the month at: the rates that convert both
// MRR snapshots of a period, so that a change in the exchange rate does not
// show as expansion or contraction.
func (r *inputs) fxRates(at time.Time) (map[string]decimal.Decimal, error) {
	rates := map[string]decimal.Decimal{}
	for _, s := range r.d.Subscriptions {
		if s.Currency == "" || s.Currency == r.currency {
			continue
		}
		if _, ok := rates[s.Currency]; ok {
			continue
		}
		rate, ok := r.d.Convert(decimal.NewFromInt(1), s.Currency, at)
		if !ok {
			return nil, fmt.Errorf("report: subscription %s: no exchange rate from %s to the reporting currency %s", s.ID, s.Currency, r.currency)
		}
		rates[s.Currency] = rate
	}
	return rates, nil
}

// movements returns the MRR movements over p and the customers behind
// them, read from the crm.MRRLedger of the subscriptions converted at
// rates.
func (r *inputs) movements(p metrics.Period, rates map[string]decimal.Decimal) (crm.SubscriptionMovements, error) {
	l, err := r.ledger(rates)
	if err != nil {
		return crm.SubscriptionMovements{}, err
	}
	return l.Movements(p)
}

// ledger returns the crm.MRRLedger of every subscription converted at
// rates, filled once per set of rates: one ledger serves every period
// whose last month has those rates.
func (r *inputs) ledger(rates map[string]decimal.Decimal) (*crm.MRRLedger, error) {
	var key strings.Builder
	for _, c := range slices.Sorted(maps.Keys(rates)) {
		key.WriteString(c + "=" + rates[c].String() + ";")
	}
	if l, ok := r.ledgers[key.String()]; ok {
		return l, nil
	}
	l := &crm.MRRLedger{Currency: r.currency, Rates: rates}
	for i, s := range r.subscriptions {
		if err := l.Add(s); err != nil {
			return nil, fmt.Errorf("report: subscription %s: %w", r.d.Subscriptions[i].ID, err)
		}
	}
	r.ledgers[key.String()] = l
	return l, nil
}

// periodData holds what the metrics of one period are computed from.
type periodData struct {
	*inputs
	p Period

	// moves holds the MRR movements from the period's start to its end,
	// and the customers behind them.
	moves crm.SubscriptionMovements
	// existing are the customers with a subscription at the period's start.
	existing map[string]bool

	// ops and reps are the rows of operations.csv and reps.csv in the
	// period; lastOps is the row of its last month, nil when missing.
	ops     []*dataset.OperationsMonth
	lastOps *dataset.OperationsMonth
	reps    []*dataset.RepMonth
	website []*dataset.WebsiteMonth
	// campaigns are the indexes of the campaigns started in the period.
	campaigns []int

	// sales summarizes all the deals over the period, services the
	// consulting deals alone.
	sales, servicesSales sales.DealStats
	// leadStats counts the leads of the period.
	leadStats sales.LeadStats
	// support counts the tickets of the period.
	support *crm.TicketStats
	// The survey answers given in the period.
	nps  crm.NPSTally
	csat crm.AnswerTally
	ces  crm.AnswerTally
}

// newPeriodData selects the records of period p and computes the
// accumulators and summaries its metrics read.
func newPeriodData(r *inputs, p Period) (*periodData, error) {
	x := &periodData{inputs: r, p: p}
	x.csat.Scale, x.ces.Scale = csatScale, cesScale
	rates, err := r.fxRates(p.LastMonth)
	if err != nil {
		return nil, err
	}
	if x.moves, err = r.movements(p.metrics(), rates); err != nil {
		return nil, err
	}
	x.existing = customersAt(r.d.Subscriptions, p.Start())
	for i := range r.d.Operations {
		o := &r.d.Operations[i]
		if p.Contains(o.Month) {
			x.ops = append(x.ops, o)
			if o.Month.Equal(p.LastMonth) {
				x.lastOps = o
			}
		}
	}
	for i := range r.d.Reps {
		if p.Contains(r.d.Reps[i].Month) {
			x.reps = append(x.reps, &r.d.Reps[i])
		}
	}
	for i := range r.d.Website {
		if p.Contains(r.d.Website[i].Month) {
			x.website = append(x.website, &r.d.Website[i])
		}
	}
	for i, c := range r.d.Campaigns {
		if p.Contains(c.Started) {
			x.campaigns = append(x.campaigns, i)
		}
	}
	x.sales = sales.DealStats{Period: p.metrics()}
	if err := x.sales.AddAll(r.deals); err != nil {
		return nil, err
	}
	x.servicesSales = sales.DealStats{Period: p.metrics()}
	if err := x.servicesSales.AddAll(r.services); err != nil {
		return nil, err
	}
	x.leadStats = sales.LeadStats{Period: p.metrics()}
	for _, l := range r.leads {
		if err := x.leadStats.Add(l); err != nil {
			return nil, fmt.Errorf("report: lead %s: %w", l.ID, err)
		}
	}
	x.support = &crm.TicketStats{Period: p.metrics()}
	for _, t := range r.tickets {
		if err := x.support.Add(t); err != nil {
			return nil, fmt.Errorf("report: ticket %s: %w", t.ID, err)
		}
	}
	for _, a := range r.d.Surveys {
		if !p.Contains(a.Answered) {
			continue
		}
		switch a.Survey {
		case dataset.SurveyNPS:
			err = x.nps.Add(a.Score)
		case dataset.SurveyCSAT:
			err = x.csat.Add(a.Score)
		case dataset.SurveyCES:
			err = x.ces.Add(a.Score)
		}
		if err != nil {
			return nil, fmt.Errorf("report: survey answer %s: %w", a.ID, err)
		}
	}
	return x, nil
}
