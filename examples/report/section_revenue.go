package main

import (
	"slices"
	"strings"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The sections a subscription business looks at first: the MRR bridge of
// the last month and quarter, the trend over every month of the data, and
// the cohort retention triangle.

// bridgeSection returns the MRR bridge of the report's periods, from
// crm.MRRLedger.Movements: each movement's amount and customers,
// the identity that ties them, and the revenue metrics read from them.
func (r *reporter) bridgeSection() (Section, error) {
	s := Section{Key: "mrr_bridge", Title: "MRR bridge",
		Intro: "How monthly recurring revenue (MRR) moved from the period's first instant to the first instant after it, " +
			"customer by customer (crm.MRRLedger.Movements): each customer's MRR at the end against the start. " +
			"Subscriptions in another currency are converted at the rate of the period's last month at both instants."}
	for _, x := range r.main {
		t, err := r.bridge(x)
		if err != nil {
			return Section{}, err
		}
		s.Tables = append(s.Tables, t)
	}
	subs := []string{"subscriptions.csv"}
	for _, m := range []metric{
		{id: "net_revenue_retention", call: "crm.NetRevenueRetention", needs: subs, f: netRevenueRetention},
		{id: "gross_revenue_retention", call: "crm.GrossRevenueRetention", needs: subs, f: grossRevenueRetention},
		{id: "mrr_growth_rate", call: "crm.MRRGrowthRate", needs: subs, f: mrrGrowthRate},
		{id: "net_mrr_churn_rate", call: "crm.NetMRRChurnRate", needs: subs, f: netMRRChurnRate},
		{id: "gross_mrr_churn_rate", call: "crm.GrossMRRChurnRate", needs: subs, f: grossMRRChurnRate},
		{id: "quick_ratio", call: "crm.QuickRatio", needs: subs, f: quickRatio},
		{id: "arr", call: "crm.ARR", needs: subs, f: annualRecurringRevenue},
		{id: "arpa", call: "crm.ARPA", needs: subs, f: averageRevenuePerAccount},
	} {
		row, err := r.row(m)
		if err != nil {
			return Section{}, err
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// bridge returns the MRR bridge table of one period.
func (r *reporter) bridge(x *periodData) (Table, error) {
	t := Table{Key: "bridge_" + x.p.Key, Title: "MRR bridge, " + x.p.Label + " (" + x.p.Span() + ")",
		Columns: []Column{
			{Key: "customers", Title: "customers", Unit: "count", Call: "crm.MRRLedger.Movements"},
			{Key: "mrr", Title: "MRR", Unit: "money", Call: "crm.MRRLedger.Movements"},
		}}
	if !r.in.d.Has("subscriptions.csv") {
		t.NA = "no subscriptions.csv"
		return t, nil
	}
	m, c := x.moves.MRR, x.moves
	for _, line := range []struct {
		label     string
		customers int
		amount    decimal.Decimal
	}{
		{"MRR at the start", c.CustomersAtStart, m.StartMRR},
		{"+ new", c.NewCustomers, m.NewMRR},
		{"+ expansion", c.ExpandedCustomers, m.ExpansionMRR},
		{"− contraction", c.ContractedCustomers, m.ContractionMRR},
		{"− churned", c.ChurnedCustomers, m.ChurnedMRR},
		{"+ reactivation", c.ReactivatedCustomers, m.ReactivationMRR},
		{"= MRR at the end", c.CustomersAtEnd, m.EndMRR()},
	} {
		t.Rows = append(t.Rows, TableRow{Label: line.label, Cells: []Cell{countCell(line.customers), moneyCell(line.amount, x.currency)}})
	}

	// The identity, checked against the MRR measured at the end on its own:
	// the start of the period that begins there.
	rates, err := r.in.fxRates(x.p.LastMonth)
	if err != nil {
		return Table{}, err
	}
	next, err := r.in.movements(metrics.Period{Start: x.p.End(), End: x.p.End().AddDate(0, 1, 0)}, rates)
	if err != nil {
		return Table{}, err
	}
	amounts := []string{thousands(m.StartMRR.StringFixed(2)), "+ " + thousands(m.NewMRR.StringFixed(2)),
		"+ " + thousands(m.ExpansionMRR.StringFixed(2)), "− " + thousands(m.ContractionMRR.StringFixed(2)),
		"− " + thousands(m.ChurnedMRR.StringFixed(2)), "+ " + thousands(m.ReactivationMRR.StringFixed(2))}
	identity := "Start + new + expansion − contraction − churned + reactivation = end: " + strings.Join(amounts, " ") +
		" = " + moneyText(m.EndMRR(), x.currency) + " (crm.MRRMovements.EndMRR). "
	if next.MRR.StartMRR.Equal(m.EndMRR()) {
		identity += "The MRR measured on its own at the end is the same to the last digit."
	} else {
		identity += "But the MRR measured on its own at the end is " + exactText(next.MRR.StartMRR) + ", not " + exactText(m.EndMRR()) + "."
	}
	t.Notes = append(t.Notes, identity)
	if !roundedSumHolds(m) {
		t.Notes = append(t.Notes, "The amounts are rounded to the cent; their exact values add up.")
	}
	nrr, err1 := crm.NetRevenueRetention(m)
	grr, err2 := crm.GrossRevenueRetention(m)
	if err1 == nil && err2 == nil {
		t.Notes = append(t.Notes, "Net revenue retention "+nrr.StringFixed(1)+", gross revenue retention "+grr.StringFixed(1)+
			" (crm.NetRevenueRetention, crm.GrossRevenueRetention: the MRR kept from the customers of the start, "+
			"with and without their expansion).")
	} else {
		t.Notes = append(t.Notes, "Revenue retention is not defined: no MRR at the start of the period.")
	}
	return t, nil
}

// roundedSumHolds reports whether the bridge's amounts, rounded to the
// cent, add up to the end MRR rounded to the cent.
func roundedSumHolds(m crm.MRRMovements) bool {
	c := func(d decimal.Decimal) decimal.Decimal { return d.Round(2) }
	sum := c(m.StartMRR).Add(c(m.NewMRR)).Add(c(m.ExpansionMRR)).Sub(c(m.ContractionMRR)).Sub(c(m.ChurnedMRR)).Add(c(m.ReactivationMRR))
	return sum.Equal(c(m.EndMRR()))
}

// trendSection returns the trend over every month of the data: MRR,
// customers, churn, NRR, net new MRR and win rate by month, and the NPS by
// quarter with its interval.
func (r *reporter) trendSection() (Section, error) {
	s := Section{Key: "trend", Title: "Trend",
		Intro: "Every month of the data, each computed as its own period: MRR and customers at the month's end, " +
			"churn and net revenue retention over the month, net new MRR (end minus start), and the win rate of the deals closed in it."}
	t := Table{Key: "monthly", Title: "By month", Columns: []Column{
		{Key: "mrr", Title: "MRR", Unit: "money", Call: "crm.MRRLedger.Movements"},
		{Key: "customers", Title: "customers", Unit: "count", Call: "crm.MRRLedger.Movements"},
		{Key: "churn_rate", Title: "churn", Unit: "percent", Call: "crm.ChurnRate"},
		{Key: "nrr", Title: "NRR", Unit: "percent", Call: "crm.NetRevenueRetention"},
		{Key: "net_new_mrr", Title: "net new MRR", Unit: "money", Call: "crm.MRRMovements.EndMRR"},
		{Key: "win_rate", Title: "win rate", Unit: "percent", Call: "sales.DealStats.WinRate"},
	}}
	hasSubs, hasDeals := r.in.d.Has("subscriptions.csv"), r.in.d.Has("deals.csv")
	for _, p := range months(r.in.d.Company) {
		x, err := r.period(p)
		if err != nil {
			return Section{}, err
		}
		cells := make([]Cell, 0, len(t.Columns))
		if hasSubs {
			m, c := x.moves.MRR, x.moves
			cells = append(cells, moneyCell(m.EndMRR(), x.currency), countCell(c.CustomersAtEnd))
			churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: c.CustomersAtStart, CustomersLost: c.ChurnedCustomers})
			cells = append(cells, percentCell(churn, err, wilson(c.ChurnedCustomers, c.CustomersAtStart), "no customer at the start"))
			nrr, err := crm.NetRevenueRetention(m)
			cells = append(cells, percentCell(nrr, err, nil, "no MRR at the start"))
			cells = append(cells, moneyCell(m.EndMRR().Sub(m.StartMRR), x.currency))
		} else {
			for range 5 {
				cells = append(cells, Cell{NA: "no subscriptions.csv"})
			}
		}
		if hasDeals {
			won, lost := x.sales.Won(), x.sales.Lost()
			win, err := x.sales.WinRate()
			cells = append(cells, percentCell(win, err, wilson(won, won+lost), "no deal closed"))
		} else {
			cells = append(cells, Cell{NA: "no deals.csv"})
		}
		t.Rows = append(t.Rows, TableRow{Label: p.Label, Cells: cells})
	}
	s.Tables = append(s.Tables, t, r.npsByQuarter())
	return s, nil
}

// npsByQuarter returns the NPS of each calendar quarter of the data, from
// crm.NPSTally, with its adjusted Wald interval.
func (r *reporter) npsByQuarter() Table {
	t := Table{Key: "nps_by_quarter", Title: "NPS by quarter", Columns: []Column{
		{Key: "answers", Title: "answers", Unit: "count", Call: "crm.NPSTally.Total"},
		{Key: "promoters", Title: "promoters", Unit: "count", Call: "crm.NPSTally.Counts"},
		{Key: "passives", Title: "passives", Unit: "count", Call: "crm.NPSTally.Counts"},
		{Key: "detractors", Title: "detractors", Unit: "count", Call: "crm.NPSTally.Counts"},
		{Key: "nps", Title: "NPS", Unit: "score", Call: "crm.NPSTally.NPS, crm.NPSInterval"},
	}}
	if !r.in.d.Has("surveys.csv") {
		t.NA = "no surveys.csv"
		return t
	}
	c := r.in.d.Company
	for m := c.FirstMonth; !m.After(c.LastMonth); {
		// The calendar quarter of month m, cut to the data's months.
		q := time.Date(m.Year(), m.Month()-(m.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
		last := q.AddDate(0, 2, 0)
		if last.After(c.LastMonth) {
			last = c.LastMonth
		}
		p := Period{FirstMonth: m, LastMonth: last, Months: monthsBetween(m, last) + 1}
		p.Label = p.Span()
		if p.Months == 3 {
			p.Label = m.Format("2006") + " Q" + itoa(int(m.Month()+2)/3)
		}
		m = last.AddDate(0, 1, 0)
		var tally crm.NPSTally
		for _, a := range r.in.d.Surveys {
			if a.Survey == "nps" && p.Contains(a.Answered) {
				if err := tally.Add(a.Score); err != nil {
					continue // dataset.Load checked the scale
				}
			}
		}
		in := tally.Counts()
		nps, err := tally.NPS()
		t.Rows = append(t.Rows, TableRow{Label: p.Label, Cells: []Cell{
			countCell(tally.Total()), countCell(in.Promoters), countCell(in.Passives), countCell(in.Detractors),
			scoreCell(nps, err, npsInterval(in), "no NPS answers"),
		}})
	}
	return t
}

// cohortSection returns the cohort retention triangle of the customers who
// started in the data's months, from crm.Cohorts.Retention.
func (r *reporter) cohortSection() (Section, error) {
	s := Section{Key: "cohorts", Title: "Cohort retention",
		Intro: "Customers grouped by the month of their first subscription; each column is the share still subscribed " +
			"at the start of the k-th month after it (crm.Cohorts.Retention). A customer who left counts as gone even if " +
			"they came back later. The last row weighs each cohort by its size: all retained customers over all customers " +
			"of the cohorts that have reached that month."}
	c := r.in.d.Company
	n := monthsBetween(c.FirstMonth, c.LastMonth) + 1
	t := Table{Key: "triangle", Title: "Share still subscribed, by months since the first subscription",
		Columns: []Column{{Key: "size", Title: "customers", Unit: "count", Call: "crm.Cohorts.Retention"}}}
	for k := 1; k < n; k++ {
		t.Columns = append(t.Columns, Column{Key: "month_" + itoa(k), Title: "+" + itoa(k), Unit: "percent", Call: "crm.Cohorts.Retention"})
	}
	if !r.in.d.Has("subscriptions.csv") {
		t.NA = "no subscriptions.csv"
		s.Tables = append(s.Tables, t)
		return s, nil
	}
	table, err := r.in.cohorts.Retention(metrics.Period{Start: c.FirstMonth, End: r.in.asOf})
	if err != nil {
		return Section{}, err
	}
	if len(table.Cohorts) == 0 {
		t.NA = "no customer started in " + c.FirstMonth.Format("2006-01") + " to " + c.LastMonth.Format("2006-01")
	} else {
		for _, co := range table.Cohorts {
			cells := []Cell{countCell(co.Size)}
			for k := 1; k < n; k++ {
				if k < len(co.Rates) {
					cells = append(cells, percentCell(co.Rates[k], nil, nil, ""))
				} else {
					cells = append(cells, Cell{})
				}
			}
			t.Rows = append(t.Rows, TableRow{Label: co.Month.Format("2006-01"), Cells: cells})
		}
		all := []Cell{countCell(table.Overall[0].Customers)}
		for k := 1; k < n; k++ {
			if k < len(table.Overall) {
				o := table.Overall[k]
				all = append(all, percentCell(o.Rate, nil, nil, ""))
			} else {
				all = append(all, Cell{})
			}
		}
		t.Rows = append(t.Rows, TableRow{Label: "all, weighted by size", Cells: all})
	}
	s.Tables = append(s.Tables, t)
	row, err := r.row(metric{id: "cohort_retention", call: "crm.Cohorts.Retention", needs: []string{"subscriptions.csv"}, f: cohortRetentionRate})
	if err != nil {
		return Section{}, err
	}
	s.Rows = append(s.Rows, row)
	return s, nil
}

// cohortMonths is the age at which the metric row reads cohort retention:
// the share of a month's new customers still subscribed three months
// later.
const cohortMonths = 3

// cohortRetentionRate returns the share of the customers who started three
// months before the period's months still subscribed at the start of the
// period's corresponding month.
func cohortRetentionRate(x *periodData) (figure, error) {
	first := x.p.FirstMonth.AddDate(0, -cohortMonths, 0)
	last := x.p.LastMonth.AddDate(0, -cohortMonths, 0)
	span := Period{FirstMonth: first, LastMonth: last, Months: x.p.Months}
	// The cohorts whose third month begins in the period are those of
	// first..last: of the cohorts that started from first on, those that
	// reach their third month by the start of the period's last month.
	table, err := x.cohorts.Retention(metrics.Period{Start: first, End: x.p.LastMonth})
	if err != nil {
		return figure{}, err
	}
	if len(table.Overall) <= cohortMonths || table.Overall[cohortMonths].Customers == 0 {
		return figure{}, &notAvailable{"no customer started in " + span.Span()}
	}
	m := table.Overall[cohortMonths]
	f := percent(m.Rate)
	f.ival = wilson(m.Retained, m.Customers)
	f.note = itoa(m.Retained) + " of " + plural(m.Customers, "customer", "customers") + " who started in " + span.Span() +
		" still subscribed " + itoa(cohortMonths) + " months later"
	return f, nil
}

// The revenue metrics of the bridge's movements.

func netRevenueRetention(x *periodData) (figure, error) {
	p, err := crm.NetRevenueRetention(x.moves.MRR)
	return percent(p), undefined(err, "no MRR at the start of the period")
}

func grossRevenueRetention(x *periodData) (figure, error) {
	p, err := crm.GrossRevenueRetention(x.moves.MRR)
	return percent(p), undefined(err, "no MRR at the start of the period")
}

func netMRRChurnRate(x *periodData) (figure, error) {
	p, err := crm.NetMRRChurnRate(x.moves.MRR)
	return percent(p), undefined(err, "no MRR at the start of the period")
}

func grossMRRChurnRate(x *periodData) (figure, error) {
	p, err := crm.GrossMRRChurnRate(x.moves.MRR)
	return percent(p), undefined(err, "no MRR at the start of the period")
}

func mrrGrowthRate(x *periodData) (figure, error) {
	p, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: x.moves.MRR.StartMRR, CurrentMRR: x.moves.MRR.EndMRR()})
	if err != nil {
		return figure{}, undefined(err, "no MRR at the start of the period")
	}
	f := percent(p)
	f.note = "from " + moneyText(x.moves.MRR.StartMRR, x.currency) + " to " + moneyText(x.moves.MRR.EndMRR(), x.currency)
	return f, nil
}

func quickRatio(x *periodData) (figure, error) {
	v, err := crm.QuickRatio(x.moves.MRR)
	if err != nil {
		return figure{}, undefined(err, "no MRR lost in the period")
	}
	m := x.moves.MRR
	return figure{num: v, note: moneyText(m.NewMRR.Add(m.ExpansionMRR).Add(m.ReactivationMRR), x.currency) + " gained, " +
		moneyText(m.ContractionMRR.Add(m.ChurnedMRR), x.currency) + " lost"}, nil
}

func annualRecurringRevenue(x *periodData) (figure, error) {
	v, err := crm.ARR(crm.ARRInput{MRR: x.moves.MRR.EndMRR()})
	return figure{num: v, note: "the MRR at the end of the period × 12"}, err
}

func averageRevenuePerAccount(x *periodData) (figure, error) {
	v, err := x.arpa(1)
	return figure{num: v, note: "per month: the MRR at the end over " + plural(x.moves.CustomersAtEnd, "paying account", "paying accounts")}, err
}

// firstSpans returns each customer's first continuous subscription span,
// in the order of spans.
func firstSpans(spans []crm.Customer) []crm.Customer {
	seen := map[string]bool{}
	var out []crm.Customer
	for _, s := range spans {
		if !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b crm.Customer) int { return a.Start.Compare(b.Start) })
	return out
}
