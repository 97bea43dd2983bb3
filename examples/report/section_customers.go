package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// The sections of metric rows: each lists its metrics with the kpikit call
// that computes them, and one small function per metric selects the
// period's records and calls it.

// rows computes the rows of a section's metrics.
func (r *reporter) rows(s Section, ms ...metric) (Section, error) {
	for _, m := range ms {
		row, err := r.row(m)
		if err != nil {
			return Section{}, err
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// customersSection: customers kept, lost and won, from the subscriptions.
func (r *reporter) customersSection() (Section, error) {
	subs := []string{"subscriptions.csv"}
	return r.rows(Section{Key: "customers", Title: "Customers",
		Intro: "Customers are counted at the period's first instant and the first after it, by the rule of crm.MRRLedger.Movements: " +
			"a customer who joins and leaves in between counts in neither; a former customer who comes back is returning, and counts as acquired."},
		metric{id: "churn_rate", call: "crm.ChurnRate", needs: subs, f: churnRate},
		metric{id: "retention_rate", call: "crm.RetentionRate", needs: subs, f: retentionRate},
		metric{id: "renewal_rate", call: "crm.RenewalRate", needs: subs, f: renewalRate},
		metric{id: "new_customers_acquired", call: "sales.NewCustomersAcquired", needs: subs, f: newCustomersAcquired},
		metric{id: "repeat_customer_rate", call: "crm.RepeatCustomerRate", needs: []string{"deals.csv"}, f: repeatCustomerRate},
	)
}

func churnRate(x *periodData) (figure, error) {
	p, err := x.churn()
	if err != nil {
		return figure{}, err
	}
	c := x.moves
	f := percent(p)
	f.ival = wilson(c.ChurnedCustomers, c.CustomersAtStart)
	f.note = plural(c.ChurnedCustomers, "customer", "customers") + " lost of " + itoa(c.CustomersAtStart)
	return f, nil
}

func retentionRate(x *periodData) (figure, error) {
	p, err := x.retention()
	if err != nil {
		return figure{}, err
	}
	c := x.moves
	f := percent(p)
	f.ival = wilson(c.CustomersAtStart-c.ChurnedCustomers, c.CustomersAtStart)
	f.note = itoa(c.CustomersAtStart-c.ChurnedCustomers) + " of " + itoa(c.CustomersAtStart) + " customers kept"
	return f, nil
}

func renewalRate(x *periodData) (figure, error) {
	up, renewed := x.renewals()
	p, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: renewed})
	if err != nil {
		return figure{}, undefined(err, "no quarterly or yearly term ended in the period")
	}
	f := percent(p)
	f.ival = wilson(renewed, up)
	f.note = itoa(renewed) + " of " + plural(up, "quarterly or yearly term", "quarterly or yearly terms") + " renewed"
	return f, nil
}

func newCustomersAcquired(x *periodData) (figure, error) {
	n, err := x.newCustomers()
	if err != nil {
		return figure{}, err
	}
	c := x.moves
	return figure{num: decimal.NewFromInt(int64(n)), note: itoa(c.NewCustomers) + " new, " + itoa(c.ReactivatedCustomers) + " returning"}, nil
}

func repeatCustomerRate(x *periodData) (figure, error) {
	won := map[string]int{}
	for i, d := range x.deals {
		if d.Stage == sales.StageWon && x.p.Contains(d.Closed) {
			won[x.dealRows[i].CustomerID]++
		}
	}
	repeat := 0
	for _, n := range won {
		if n > 1 {
			repeat++
		}
	}
	p, err := crm.RepeatCustomerRate(crm.RepeatCustomerInput{PurchasingCustomers: len(won), RepeatCustomers: repeat})
	if err != nil {
		return figure{}, undefined(err, "no deal won in the period")
	}
	f := percent(p)
	f.note = itoa(repeat) + " of " + plural(len(won), "customer", "customers") + " with a won deal won more than one"
	return f, nil
}

// lifetimeValueSection: what a customer is worth and what one costs.
func (r *reporter) lifetimeValueSection() (Section, error) {
	subs := []string{"subscriptions.csv"}
	acquisition := []string{"subscriptions.csv", "operations.csv"}
	return r.rows(Section{Key: "lifetime_value", Title: "Lifetime value and acquisition cost",
		Intro: "Three lifetime values from the same ARPA and churn: only CLTV, the one the benchmark describes, is rated."},
		metric{id: "cltv", call: "crm.CLTV", needs: subs, f: customerLifetimeValue,
			about: "Rated: a month's ARPA × 12 purchases a year × the lifespan in years (1 / churn) × the retention rate, the formula of the article the benchmark comes from."},
		metric{id: "ltv", call: "crm.LTV", needs: subs, f: subscriptionLifetimeValue,
			about: "Not rated: it counts the gross margin a customer leaves rather than the revenue, so it is CLTV × gross margin / retention rate; no built-in benchmark describes it."},
		metric{id: "discounted_cltv", call: "crm.DiscountedCLTV", needs: subs, f: discountedLifetimeValue,
			about: "Not rated: it discounts each future period's margin at the cost of capital (discount_rate in company.csv), so a customer's later years weigh less; no built-in benchmark describes it."},
		metric{id: "cac", call: "crm.CAC", needs: acquisition, f: customerAcquisitionCost},
		metric{id: "ltv_to_cac", call: "crm.LTVToCAC", needs: acquisition, f: ltvToCAC},
		metric{id: "cac_payback_months", call: "crm.CACPaybackMonths", needs: acquisition, f: cacPaybackMonths},
		metric{id: "retention_cost_per_customer", call: "crm.RetentionCostPerCustomer", needs: acquisition, f: retentionCost},
	)
}

func customerLifetimeValue(x *periodData) (figure, error) {
	arpa, err := x.arpa(1)
	if err != nil {
		return figure{}, err
	}
	churn, err := x.churn()
	if err != nil {
		return figure{}, err
	}
	if churn.Points().IsZero() {
		return figure{}, &notAvailable{"no customer left in the period, so the lifespan has no bound"}
	}
	retention, err := x.retention()
	if err != nil {
		return figure{}, err
	}
	// A customer who leaves with probability churn each period stays
	// 100 / churn periods: 100 × months / (churn × 12) years.
	lifespan := decimal.NewFromInt(int64(100*x.p.Months)).DivRound(churn.Points().Mul(decimal.NewFromInt(12)), metrics.Scale)
	v, err := crm.CLTV(crm.CLTVInput{
		AveragePurchaseValue: arpa, PurchasesPerYear: decimal.NewFromInt(12),
		LifespanYears: lifespan, RetentionRate: retention,
	})
	return figure{num: v, note: moneyText(arpa, x.currency) + " × 12 × " + lifespan.StringFixed(1) + " years × " +
		retention.StringFixed(1)}, err
}

func subscriptionLifetimeValue(x *periodData) (figure, error) {
	v, err := x.ltv()
	return figure{num: v, note: "ARPA over the period × gross margin " + x.d.Company.GrossMargin.String() + " / churn rate"}, err
}

func discountedLifetimeValue(x *periodData) (figure, error) {
	arpa, err := x.arpa(x.p.Months)
	if err != nil {
		return figure{}, err
	}
	retention, err := x.retention()
	if err != nil {
		return figure{}, err
	}
	// The yearly discount rate, spread evenly over the months.
	yearly := x.d.Company.DiscountRate
	discount := metrics.NewPercent(yearly.Points().Mul(decimal.NewFromInt(int64(x.p.Months))).DivRound(decimal.NewFromInt(12), metrics.Scale))
	v, err := crm.DiscountedCLTV(crm.DiscountedCLTVInput{
		MarginPerPeriod: arpa.Mul(x.d.Company.GrossMargin.Fraction()),
		RetentionRate:   retention,
		DiscountRate:    discount,
	})
	if err != nil {
		return figure{}, undefined(err, "every customer stayed and the discount rate is zero, so the sum has no bound")
	}
	return figure{num: v, note: "margin per period at " + x.d.Company.GrossMargin.String() + " gross margin, retention rate, discount " +
		discount.StringFixed(2) + " per period (" + yearly.String() + " a year)"}, nil
}

func customerAcquisitionCost(x *periodData) (figure, error) {
	v, err := x.cac()
	if err != nil {
		return figure{}, err
	}
	n, _ := x.newCustomers()
	return figure{num: v, note: moneyText(x.acquisitionSpend(), x.currency) + " of sales cost and campaigns over " +
		plural(n, "new customer", "new customers")}, nil
}

func ltvToCAC(x *periodData) (figure, error) {
	ltv, err := x.ltv()
	if err != nil {
		return figure{}, err
	}
	cac, err := x.cac()
	if err != nil {
		return figure{}, err
	}
	v, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: ltv, CAC: cac})
	return figure{num: v, note: "LTV over CAC"}, undefined(err, "the acquisition cost is zero")
}

func cacPaybackMonths(x *periodData) (figure, error) {
	cac, err := x.cac()
	if err != nil {
		return figure{}, err
	}
	arpa, err := x.arpa(1)
	if err != nil {
		return figure{}, err
	}
	v, err := crm.CACPaybackMonths(crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: x.d.Company.GrossMargin})
	return figure{num: v, note: "CAC over a month's gross margin per account"}, undefined(err, "no gross profit per account repays the cost")
}

func retentionCost(x *periodData) (figure, error) {
	spend := decimal.Zero
	for _, o := range x.ops {
		spend = spend.Add(o.RetentionSpend)
	}
	kept := x.moves.CustomersAtStart - x.moves.ChurnedCustomers
	v, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{RetentionSpend: spend, RetainedCustomers: kept})
	if err != nil {
		return figure{}, undefined(err, "no customer retained over the period")
	}
	return figure{num: v, note: moneyText(spend, x.currency) + " of retention spend over " + plural(kept, "retained customer", "retained customers")}, nil
}

// surveysSection: NPS, CSAT and CES from the answers of the period.
func (r *reporter) surveysSection() (Section, error) {
	surveys := []string{"surveys.csv"}
	return r.rows(Section{Key: "surveys", Title: "Surveys", Intro: "The answers given in the period."},
		metric{id: "nps", call: "crm.NPSTally.NPS", needs: surveys, f: netPromoterScore},
		metric{id: "csat", call: "crm.AnswerTally.CSAT", needs: surveys, f: customerSatisfaction},
		metric{id: "ces", call: "crm.AnswerTally.CES", needs: surveys, f: customerEffort},
	)
}

func netPromoterScore(x *periodData) (figure, error) {
	v, err := x.nps.NPS()
	if err != nil {
		return figure{}, undefined(err, "no NPS answers in the period")
	}
	in := x.nps.Counts()
	return figure{num: v, ival: npsInterval(in), note: plural(x.nps.Total(), "answer", "answers") + ": " +
		plural(in.Promoters, "promoter", "promoters") + ", " + plural(in.Passives, "passive", "passives") + ", " +
		plural(in.Detractors, "detractor", "detractors")}, nil
}

func customerSatisfaction(x *periodData) (figure, error) {
	p, err := x.csat.CSAT(csatSatisfiedFrom)
	if err != nil {
		return figure{}, undefined(err, "no CSAT answers in the period")
	}
	satisfied := 0
	for i, n := range x.csat.Counts() {
		if x.csat.Scale.Min+i >= csatSatisfiedFrom {
			satisfied += n
		}
	}
	f := percent(p)
	f.ival = wilson(satisfied, x.csat.Total())
	f.note = itoa(satisfied) + " of " + plural(x.csat.Total(), "answer", "answers") + " scored 4 or 5 of 5"
	return f, nil
}

func customerEffort(x *periodData) (figure, error) {
	v, err := x.ces.CES()
	if err != nil {
		return figure{}, undefined(err, "no CES answers in the period")
	}
	return figure{num: v, note: "mean of " + plural(x.ces.Total(), "answer", "answers") + " on a 1 to 7 scale, 7 the least effort"}, nil
}

// The survey scales of surveys.csv, and the lowest CSAT answer counted as
// satisfied (the top two boxes of five).
var (
	csatScale = crm.SurveyScale{Min: 1, Max: 5}
	cesScale  = crm.SurveyScale{Min: 1, Max: 7}
)

const csatSatisfiedFrom = 4

// supportSection: tickets and projects. The ticket metrics are read from
// one crm.TicketStats of the period, which counts each ticket by the
// instant that matters to each metric.
func (r *reporter) supportSection() (Section, error) {
	tickets := []string{"tickets.csv"}
	return r.rows(Section{Key: "support", Title: "Support and delivery",
		Intro: "Resolution times of the tickets resolved in the period; first responses and the response rate of the tickets opened in it (crm.TicketStats)."},
		metric{id: "average_resolution_time", call: "crm.TicketStats.ResolutionTime", needs: tickets, f: resolutionTime},
		metric{id: "first_response_time", call: "crm.TicketStats.FirstResponseTime", needs: tickets, f: firstResponseTime},
		metric{id: "support_response_rate", call: "crm.TicketStats.SupportResponseRate", needs: tickets, f: supportResponseRate},
		metric{id: "cases_closed_per_day", call: "crm.TicketStats.CasesClosedPerDay", needs: tickets, f: casesClosedPerDay},
		metric{id: "project_delivery_accuracy", call: "crm.ProjectDeliveryAccuracy", needs: []string{"projects.csv"}, f: deliveryAccuracy},
	)
}

func resolutionTime(x *periodData) (figure, error) {
	r, err := x.support.ResolutionTime()
	if err != nil {
		return figure{}, undefined(err, "no ticket resolved in the period")
	}
	n := x.support.Counts().Resolved
	return figure{dur: r.Mean, note: "mean of " + plural(n, "ticket", "tickets") + " resolved in the period" + stats(r, n)}, nil
}

func firstResponseTime(x *periodData) (figure, error) {
	c := x.support.Counts()
	if c.Received == 0 {
		return figure{}, &notAvailable{"no ticket opened in the period"}
	}
	r, err := x.support.FirstResponseTime()
	if err != nil {
		return figure{}, undefined(err, "no ticket opened in the period was answered")
	}
	return figure{dur: r.Mean, note: "mean of " + plural(c.Answered, "ticket", "tickets") + " opened in the period and answered" + stats(r, c.Answered)}, nil
}

// stats returns the median and the percentiles of n times, for more than
// one time.
func stats(s crm.TimeStats, n int) string {
	if n < 2 {
		return ""
	}
	return "; median " + durationText(s.Median) + ", p90 " + durationText(s.P90) + ", p99 " + durationText(s.P99)
}

func supportResponseRate(x *periodData) (figure, error) {
	p, err := x.support.SupportResponseRate()
	if err != nil {
		return figure{}, undefined(err, "no ticket opened in the period")
	}
	c := x.support.Counts()
	f := percent(p)
	f.ival = wilson(c.Answered, c.Received)
	f.note = itoa(c.Answered) + " of " + plural(c.Received, "ticket", "tickets") + " opened in the period answered"
	return f, nil
}

func casesClosedPerDay(x *periodData) (figure, error) {
	v, err := x.support.CasesClosedPerDay()
	return figure{num: v, note: plural(x.support.Counts().Resolved, "ticket", "tickets") + " resolved in " + itoa(x.p.Days()) + " calendar days"}, err
}

func deliveryAccuracy(x *periodData) (figure, error) {
	delivered, onTime := 0, 0
	for _, p := range x.d.Projects {
		if !p.Delivered.IsZero() && x.p.Contains(p.Delivered) {
			delivered++
			if !p.Delivered.After(p.Due) {
				onTime++
			}
		}
	}
	p, err := crm.ProjectDeliveryAccuracy(crm.DeliveryInput{ProjectsDelivered: delivered, DeliveredOnTime: onTime})
	if err != nil {
		return figure{}, undefined(err, "no project delivered in the period")
	}
	f := percent(p)
	f.ival = wilson(onTime, delivered)
	f.note = itoa(onTime) + " of " + plural(delivered, "project", "projects") + " delivered on time"
	return f, nil
}

// adoptionSection: the company's own use of its CRM, from operations.csv.
func (r *reporter) adoptionSection() (Section, error) {
	ops := []string{"operations.csv"}
	return r.rows(Section{Key: "adoption", Title: "CRM adoption and data quality", Intro: "From operations.csv."},
		metric{id: "crm_adoption_rate", call: "crm.CRMAdoptionRate", needs: ops, f: adoptionRate},
		metric{id: "duplicate_record_rate", call: "crm.DuplicateRecordRate", needs: ops, f: duplicateRate},
		metric{id: "record_completeness", call: "crm.RecordCompleteness", needs: ops, f: recordCompleteness},
	)
}

func adoptionRate(x *periodData) (figure, error) {
	var in crm.AdoptionInput
	for _, o := range x.ops {
		in.LicensedUsers += o.LicensedUsers
		in.ActiveUsers += o.ActiveUsers
	}
	p, err := crm.CRMAdoptionRate(in)
	if err != nil {
		return figure{}, undefined(err, "no CRM seats in operations.csv for the period")
	}
	f := percent(p)
	f.note = itoa(in.ActiveUsers) + " active of " + itoa(in.LicensedUsers) + " seats"
	if len(x.ops) > 1 {
		f.note += ", summed over " + itoa(len(x.ops)) + " months"
	}
	return f, nil
}

func duplicateRate(x *periodData) (figure, error) {
	o := x.lastOps
	if o == nil {
		return figure{}, x.noOperations()
	}
	p, err := crm.DuplicateRecordRate(crm.DuplicateInput{TotalRecords: o.Records, DuplicateRecords: o.Duplicates})
	if err != nil {
		return figure{}, undefined(err, "no CRM records at the end of the period")
	}
	return figure{num: p.Points(), note: itoa(o.Duplicates) + " of " + itoa(o.Records) + " records, at the end of the period"}, nil
}

func recordCompleteness(x *periodData) (figure, error) {
	o := x.lastOps
	if o == nil {
		return figure{}, x.noOperations()
	}
	p, err := crm.RecordCompleteness(crm.CompletenessInput{RequiredFields: o.RequiredFields, FilledFields: o.FilledFields})
	if err != nil {
		return figure{}, undefined(err, "no required fields at the end of the period")
	}
	return figure{num: p.Points(), note: itoa(o.FilledFields) + " of " + itoa(o.RequiredFields) + " required fields filled, at the end of the period"}, nil
}

// The helpers the metrics above share.

// churn returns the customer churn rate of the period.
func (x *periodData) churn() (metrics.Percent, error) {
	c := x.moves
	p, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: c.CustomersAtStart, CustomersLost: c.ChurnedCustomers})
	return p, undefined(err, "no paying customer at the start of the period")
}

// retention returns the customer retention rate of the period. New and
// reactivated customers are the new ones.
func (x *periodData) retention() (metrics.Percent, error) {
	c := x.moves
	p, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: c.CustomersAtStart, CustomersAtEnd: c.CustomersAtEnd, NewCustomers: c.NewCustomers + c.ReactivatedCustomers})
	return p, undefined(err, "no paying customer at the start of the period")
}

// arpa returns the average revenue per account at the end of the period,
// over the given number of months: a month's ARPA for 1.
func (x *periodData) arpa(months int) (decimal.Decimal, error) {
	mrr := x.moves.MRR.EndMRR().Mul(decimal.NewFromInt(int64(months)))
	v, err := crm.ARPA(crm.ARPAInput{MRR: mrr, Accounts: x.moves.CustomersAtEnd})
	return v, undefined(err, "no paying account at the end of the period")
}

// ltv returns the subscription lifetime value, from the ARPA and the churn
// rate over the period.
func (x *periodData) ltv() (decimal.Decimal, error) {
	arpa, err := x.arpa(x.p.Months)
	if err != nil {
		return decimal.Decimal{}, err
	}
	churn, err := x.churn()
	if err != nil {
		return decimal.Decimal{}, err
	}
	v, err := crm.LTV(crm.LTVInput{ARPA: arpa, GrossMargin: x.d.Company.GrossMargin, ChurnRate: churn})
	return v, undefined(err, "no customer left in the period, so the lifetime has no bound")
}

// acquisitionSpend returns the period's sales and marketing cost: the
// sales cost of operations.csv and the cost of the campaigns started in it.
func (x *periodData) acquisitionSpend() decimal.Decimal {
	spend := decimal.Zero
	for _, o := range x.ops {
		spend = spend.Add(o.SalesCost)
	}
	for _, i := range x.campaigns {
		spend = spend.Add(x.campaignCost[i])
	}
	return spend
}

// cac returns the customer acquisition cost of the period.
func (x *periodData) cac() (decimal.Decimal, error) {
	n, err := x.newCustomers()
	if err != nil {
		return decimal.Decimal{}, err
	}
	v, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: x.acquisitionSpend(), NewCustomers: n})
	return v, undefined(err, "no new customer in the period")
}

// newCustomers returns the customers acquired in the period, reactivated
// ones included, from the customer counts at its start and end.
func (x *periodData) newCustomers() (int, error) {
	c := x.moves
	return sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: c.CustomersAtStart, CustomersAtEnd: c.CustomersAtEnd, CustomersLost: c.ChurnedCustomers})
}

// renewals counts the quarterly and yearly terms that ended in the period
// and those renewed. A term runs from the start of a customer's continuous
// subscription (a change of plan keeps it) for three months or a year, and
// then the next; it is renewed when the customer still subscribes at its
// end. Weekly and monthly subscriptions renew every period and are left to
// the churn rate.
func (x *periodData) renewals() (up, renewed int) {
	subs := x.d.Subscriptions
	for i := range subs {
		s := &subs[i]
		step := 0
		switch s.Billing {
		case dataset.BillingQuarterly:
			step = 3
		case dataset.BillingYearly:
			step = 12
		default:
			continue
		}
		for k := step; ; k += step {
			t := x.anchor[i].AddDate(0, k, 0)
			if !t.Before(x.p.End()) {
				break
			}
			// The term ends at t within the period, with row i in force
			// up to t.
			if !x.p.Contains(t) || !s.Started.Before(t) || (!s.Ended.IsZero() && s.Ended.Before(t)) {
				continue
			}
			up++
			if x.subscribedAt(s.CustomerID, t) {
				renewed++
			}
		}
	}
	return up, renewed
}

// subscribedAt reports whether the customer has a subscription in force at t.
func (x *periodData) subscribedAt(customer string, t time.Time) bool {
	for i := range x.d.Subscriptions {
		if s := &x.d.Subscriptions[i]; s.CustomerID == customer && active(s, t) {
			return true
		}
	}
	return false
}

// noOperations is the reason a snapshot of operations.csv is missing.
func (x *periodData) noOperations() error {
	return &notAvailable{"no row in operations.csv for " + x.p.LastMonth.Format("2006-01")}
}
