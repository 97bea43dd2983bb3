package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// compute maps each metric's descriptor ID to the function that computes it
// for one period. Every number comes from a kpikit function; the code here
// only selects and sums the records of the period.
var compute = map[string]func(x *periodData) (figure, error){}

func init() {
	for id, f := range crmMetrics {
		compute[id] = f
	}
	for id, f := range salesMetrics {
		compute[id] = f
	}
}

// crmMetrics computes the metrics of package crm.
var crmMetrics = map[string]func(x *periodData) (figure, error){
	// Business performance: subscription revenue.
	"mrr_growth_rate": func(x *periodData) (figure, error) {
		p, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: x.mrr.StartMRR, CurrentMRR: x.mrr.EndMRR()})
		if err != nil {
			return figure{}, undefined(err, "no MRR at the start of the period")
		}
		f := percent(p)
		f.note = "MRR " + moneyText(x.mrr.StartMRR, x.currency) + " at the start, " + moneyText(x.mrr.EndMRR(), x.currency) + " at the end"
		return f, nil
	},
	"arr": func(x *periodData) (figure, error) {
		v, err := crm.ARR(crm.ARRInput{MRR: x.mrr.EndMRR()})
		return figure{num: v, note: "from the MRR at the end of the period"}, err
	},
	"arpa": func(x *periodData) (figure, error) {
		v, err := x.arpa(1)
		return figure{num: v, note: "per month, at the end of the period"}, err
	},
	"cac": func(x *periodData) (figure, error) {
		v, err := x.cac()
		if err != nil {
			return figure{}, err
		}
		spend, _ := x.acquisitionSpend()
		n, _ := x.newCustomers()
		return figure{num: v, note: moneyText(spend, x.currency) + " of sales cost and campaigns over " + plural(n, "new customer", "new customers")}, nil
	},
	"cltv": func(x *periodData) (figure, error) {
		arpa, err := x.arpa(1)
		if err != nil {
			return figure{}, err
		}
		churn, err := x.churn()
		if err != nil {
			return figure{}, err
		}
		if churn.IsZero() {
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
		return figure{num: v, note: "a month's ARPA × 12 a year × a lifespan of " + lifespan.StringFixed(1) +
			" years (from the churn rate) × the retention rate"}, err
	},
	"ltv": func(x *periodData) (figure, error) {
		v, err := x.ltv()
		return figure{num: v, note: "ARPA over the period × gross margin " + x.d.Company.GrossMargin.String() + " / churn rate"}, err
	},
	"discounted_cltv": func(x *periodData) (figure, error) {
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
	},
	"ltv_to_cac": func(x *periodData) (figure, error) {
		ltv, err := x.ltv()
		if err != nil {
			return figure{}, err
		}
		cac, err := x.cac()
		if err != nil {
			return figure{}, err
		}
		v, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: ltv, CAC: cac})
		return figure{num: v}, undefined(err, "the acquisition cost is zero")
	},
	"cac_payback_months": func(x *periodData) (figure, error) {
		cac, err := x.cac()
		if err != nil {
			return figure{}, err
		}
		arpa, err := x.arpa(1)
		if err != nil {
			return figure{}, err
		}
		v, err := crm.CACPaybackMonths(crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: x.d.Company.GrossMargin})
		return figure{num: v}, undefined(err, "no gross profit per account repays the cost")
	},
	"retention_cost_per_customer": func(x *periodData) (figure, error) {
		spend := decimal.Zero
		for _, o := range x.ops {
			spend = spend.Add(o.RetentionSpend)
		}
		kept := x.customers.Start - x.customers.Churned
		v, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{RetentionSpend: spend, RetainedCustomers: kept})
		if err != nil {
			return figure{}, undefined(err, "no customer retained over the period")
		}
		return figure{num: v, note: moneyText(spend, x.currency) + " of retention spend over " + plural(kept, "retained customer", "retained customers")}, nil
	},
	"gross_mrr_churn_rate": func(x *periodData) (figure, error) {
		p, err := crm.GrossMRRChurnRate(x.mrr)
		return percent(p), undefined(err, "no MRR at the start of the period")
	},
	"net_mrr_churn_rate": func(x *periodData) (figure, error) {
		p, err := crm.NetMRRChurnRate(x.mrr)
		return percent(p), undefined(err, "no MRR at the start of the period")
	},
	"net_revenue_retention": func(x *periodData) (figure, error) {
		p, err := crm.NetRevenueRetention(x.mrr)
		return percent(p), undefined(err, "no MRR at the start of the period")
	},
	"gross_revenue_retention": func(x *periodData) (figure, error) {
		p, err := crm.GrossRevenueRetention(x.mrr)
		return percent(p), undefined(err, "no MRR at the start of the period")
	},
	"quick_ratio": func(x *periodData) (figure, error) {
		v, err := crm.QuickRatio(x.mrr)
		if err != nil {
			return figure{}, undefined(err, "no MRR lost in the period")
		}
		m := x.mrr
		return figure{num: v, note: moneyText(m.NewMRR.Add(m.ExpansionMRR).Add(m.ReactivationMRR), x.currency) + " gained, " +
			moneyText(m.ContractionMRR.Add(m.ChurnedMRR), x.currency) + " lost"}, nil
	},

	// Customer perception: customers.
	"churn_rate": func(x *periodData) (figure, error) {
		p, err := x.churn()
		if err != nil {
			return figure{}, err
		}
		c := x.customers
		f := percent(p)
		f.ival = wilson(c.Churned, c.Start)
		f.note = plural(c.Churned, "customer", "customers") + " lost of " + itoa(c.Start)
		return f, nil
	},
	"retention_rate": func(x *periodData) (figure, error) {
		p, err := x.retention()
		if err != nil {
			return figure{}, err
		}
		c := x.customers
		f := percent(p)
		f.ival = wilson(c.Start-c.Churned, c.Start)
		f.note = itoa(c.Start-c.Churned) + " of " + itoa(c.Start) + " customers kept"
		return f, nil
	},
	"renewal_rate": func(x *periodData) (figure, error) {
		up, renewed := x.renewals()
		p, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: renewed})
		if err != nil {
			return figure{}, undefined(err, "no quarterly or yearly term ended in the period")
		}
		f := percent(p)
		f.ival = wilson(renewed, up)
		f.note = itoa(renewed) + " of " + plural(up, "quarterly or yearly term", "quarterly or yearly terms") + " renewed"
		return f, nil
	},
	"repeat_customer_rate": func(x *periodData) (figure, error) {
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
	},

	"cohort_retention": func(x *periodData) (figure, error) {
		// The cohorts whose month cohortMonths began in the period.
		first := x.p.FirstMonth.AddDate(0, -cohortMonths, 0)
		last := x.p.LastMonth.AddDate(0, -cohortMonths, 0)
		var cohorts crm.Cohorts
		for _, c := range x.spans {
			if m := monthOf(c.Start); !m.Before(first) && !m.After(last) {
				if err := cohorts.Add(c); err != nil {
					return figure{}, err
				}
			}
		}
		span := Period{FirstMonth: first, LastMonth: last, Months: x.p.Months}
		table, err := cohorts.Retention(metrics.Period{Start: first, End: x.p.End()})
		if err != nil {
			return figure{}, err
		}
		if len(table.Overall) <= cohortMonths {
			return figure{}, &notAvailable{"no customer started in " + span.Span()}
		}
		m := table.Overall[cohortMonths]
		f := percent(m.Rate)
		f.ival = wilson(m.Retained, m.Customers)
		f.note = itoa(m.Retained) + " of " + plural(m.Customers, "customer", "customers") + " who started in " + span.Span() +
			" still subscribed " + itoa(cohortMonths) + " months later"
		return f, nil
	},

	// Customer perception: surveys.
	"nps": func(x *periodData) (figure, error) {
		v, err := x.nps.NPS()
		if err != nil {
			return figure{}, undefined(err, "no NPS answers in the period")
		}
		in := x.nps.Counts()
		return figure{num: v, ival: npsInterval(in), note: plural(x.nps.Total(), "answer", "answers") + ": " +
			itoa(in.Promoters) + " promoters, " + itoa(in.Passives) + " passives, " + itoa(in.Detractors) + " detractors"}, nil
	},
	"csat": func(x *periodData) (figure, error) {
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
	},
	"ces": func(x *periodData) (figure, error) {
		v, err := x.ces.CES()
		if err != nil {
			return figure{}, undefined(err, "no CES answers in the period")
		}
		return figure{num: v, note: "mean of " + plural(x.ces.Total(), "answer", "answers") + " on a 1 to 7 scale, 7 the least effort"}, nil
	},

	// Customer perception: support.
	"average_resolution_time": func(x *periodData) (figure, error) {
		s, err := x.ticketStats()
		if err != nil {
			return figure{}, err
		}
		r, err := s.ResolutionTime()
		if err != nil {
			return figure{}, undefined(err, "no ticket resolved in the period")
		}
		n := s.Counts().Resolved
		return figure{dur: r.Mean, note: "mean of " + plural(n, "ticket", "tickets") + " resolved in the period; " + stats(r)}, nil
	},
	"first_response_time": func(x *periodData) (figure, error) {
		s, err := x.ticketStats()
		if err != nil {
			return figure{}, err
		}
		if s.Counts().Received == 0 {
			return figure{}, &notAvailable{"no ticket opened in the period"}
		}
		r, err := s.FirstResponseTime()
		if err != nil {
			return figure{}, &notAvailable{"no ticket opened in the period was answered"}
		}
		n := s.Counts().Answered
		return figure{dur: r.Mean, note: "mean of " + plural(n, "ticket", "tickets") + " opened in the period and answered; " + stats(r)}, nil
	},
	"support_response_rate": func(x *periodData) (figure, error) {
		received, answered := 0, 0
		for _, t := range x.d.Tickets {
			if x.p.Contains(t.Opened) {
				received++
				if !t.FirstResponse.IsZero() {
					answered++
				}
			}
		}
		p, err := crm.SupportResponseRate(crm.SupportResponseInput{RequestsReceived: received, RequestsAnswered: answered})
		if err != nil {
			return figure{}, undefined(err, "no ticket opened in the period")
		}
		f := percent(p)
		f.ival = wilson(answered, received)
		f.note = itoa(answered) + " of " + plural(received, "ticket", "tickets") + " opened in the period answered"
		return f, nil
	},
	"cases_closed_per_day": func(x *periodData) (figure, error) {
		closed := 0
		for _, t := range x.d.Tickets {
			if !t.Resolved.IsZero() && x.p.Contains(t.Resolved) {
				closed++
			}
		}
		v, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: closed, Days: x.p.Days()})
		return figure{num: v, note: plural(closed, "ticket", "tickets") + " resolved in " + itoa(x.p.Days()) + " calendar days"}, err
	},
	"project_delivery_accuracy": func(x *periodData) (figure, error) {
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
	},

	// Customer perception: campaigns and the website.
	"email_open_rate": func(x *periodData) (figure, error) {
		in := x.email()
		p, err := crm.EmailOpenRate(in)
		if err != nil {
			return figure{}, undefined(err, "no email campaign started in the period")
		}
		f := percent(p)
		f.ival = wilson(in.UniqueOpens, in.Delivered)
		f.note = itoa(in.UniqueOpens) + " of " + itoa(in.Delivered) + " emails delivered"
		return f, nil
	},
	"email_click_through_rate": func(x *periodData) (figure, error) {
		in := x.email()
		p, err := crm.EmailClickThroughRate(in)
		if err != nil {
			return figure{}, undefined(err, "no email campaign started in the period")
		}
		f := percent(p)
		f.ival = wilson(in.UniqueClicks, in.Delivered)
		f.note = itoa(in.UniqueClicks) + " of " + itoa(in.Delivered) + " emails delivered"
		return f, nil
	},
	"email_click_to_open_rate": func(x *periodData) (figure, error) {
		in := x.email()
		p, err := crm.EmailClickToOpenRate(in)
		if err != nil {
			return figure{}, undefined(err, "no email opened from the campaigns started in the period")
		}
		return percent(p), nil
	},
	"social_engagement_rate": func(x *periodData) (figure, error) {
		var in crm.SocialEngagementInput
		for _, i := range x.campaigns {
			if c := &x.d.Campaigns[i]; c.HasSocial {
				in.Impressions += c.Impressions
				in.Engagements += c.Engagements
			}
		}
		p, err := crm.SocialEngagementRate(in)
		if err != nil {
			return figure{}, undefined(err, "no social campaign started in the period")
		}
		return figure{num: p.Points(), note: itoa(in.Engagements) + " engagements, " + itoa(in.Impressions) + " impressions"}, nil
	},
	"campaign_response_rate": func(x *periodData) (figure, error) {
		var in crm.CampaignResponseInput
		for _, i := range x.campaigns {
			if c := &x.d.Campaigns[i]; c.HasOutreach {
				in.ContactsReached += c.Reached
				in.Responses += c.Responses
			}
		}
		p, err := crm.CampaignResponseRate(in)
		if err != nil {
			return figure{}, undefined(err, "no webinar or event started in the period")
		}
		f := percent(p)
		f.ival = wilson(in.Responses, in.ContactsReached)
		f.note = itoa(in.Responses) + " of " + itoa(in.ContactsReached) + " contacts reached responded"
		return f, nil
	},
	"website_purchase_conversion_rate": func(x *periodData) (figure, error) {
		in := x.visits()
		p, err := crm.WebsitePurchaseConversionRate(in)
		if err != nil {
			return figure{}, undefined(err, "no website visits in the period")
		}
		f := percent(p)
		f.ival = wilson(in.VisitsWithPurchase, in.Visits)
		f.note = itoa(in.VisitsWithPurchase) + " of " + itoa(in.Visits) + " visits"
		return f, nil
	},
	"average_time_on_site": func(x *periodData) (figure, error) {
		v, err := crm.AverageTimeOnSite(x.visits())
		if err != nil {
			return figure{}, undefined(err, "no website visits in the period")
		}
		return figure{dur: v}, nil
	},

	// User adoption: operations.csv.
	"crm_adoption_rate": func(x *periodData) (figure, error) {
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
		if len(x.ops) > 1 {
			f.note = "monthly average: active users over seats, summed over the months"
		}
		return f, nil
	},
	"duplicate_record_rate": func(x *periodData) (figure, error) {
		o := x.lastOps
		if o == nil {
			return figure{}, x.noOperations()
		}
		p, err := crm.DuplicateRecordRate(crm.DuplicateInput{TotalRecords: o.Records, DuplicateRecords: o.Duplicates})
		if err != nil {
			return figure{}, undefined(err, "no CRM records at the end of the period")
		}
		return figure{num: p.Points(), note: itoa(o.Duplicates) + " of " + itoa(o.Records) + " records, at the end of the period"}, nil
	},
	"record_completeness": func(x *periodData) (figure, error) {
		o := x.lastOps
		if o == nil {
			return figure{}, x.noOperations()
		}
		p, err := crm.RecordCompleteness(crm.CompletenessInput{RequiredFields: o.RequiredFields, FilledFields: o.FilledFields})
		if err != nil {
			return figure{}, undefined(err, "no required fields at the end of the period")
		}
		return figure{num: p.Points(), note: "at the end of the period"}, nil
	},
}

// cohortMonths is the age at which the report reads cohort retention: the
// share of a month's new customers still subscribed three months later.
const cohortMonths = 3

// monthOf returns the first instant of t's month, in UTC.
func monthOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// ticketStats accumulates the tickets for the period: received by their
// opening, resolved by their resolution.
func (x *periodData) ticketStats() (*crm.TicketStats, error) {
	s := &crm.TicketStats{Period: metrics.Period{Start: x.p.Start(), End: x.p.End()}}
	for _, t := range x.tickets {
		if err := s.Add(t); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// stats returns the median and the percentiles of a set of times.
func stats(s crm.TimeStats) string {
	return "median " + durationText(s.Median) + ", p90 " + durationText(s.P90) + ", p99 " + durationText(s.P99)
}

// The survey scales of surveys.csv, and the lowest CSAT answer counted as
// satisfied (the top two boxes of five).
var (
	csatScale = crm.SurveyScale{Min: 1, Max: 5}
	cesScale  = crm.SurveyScale{Min: 1, Max: 7}
)

const csatSatisfiedFrom = 4

// churn returns the customer churn rate of the period.
func (x *periodData) churn() (metrics.Percent, error) {
	c := x.customers
	p, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: c.Start, CustomersLost: c.Churned})
	return p, undefined(err, "no paying customer at the start of the period")
}

// retention returns the customer retention rate of the period. New and
// reactivated customers are the new ones.
func (x *periodData) retention() (metrics.Percent, error) {
	c := x.customers
	p, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: c.Start, CustomersAtEnd: c.End, NewCustomers: c.New + c.Reactivated})
	return p, undefined(err, "no paying customer at the start of the period")
}

// arpa returns the average revenue per account at the end of the period,
// over the given number of months: a month's ARPA for 1.
func (x *periodData) arpa(months int) (decimal.Decimal, error) {
	mrr := x.mrr.EndMRR().Mul(decimal.NewFromInt(int64(months)))
	v, err := crm.ARPA(crm.ARPAInput{MRR: mrr, Accounts: x.customers.End})
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
func (x *periodData) acquisitionSpend() (decimal.Decimal, error) {
	spend := decimal.Zero
	for _, o := range x.ops {
		spend = spend.Add(o.SalesCost)
	}
	for _, i := range x.campaigns {
		spend = spend.Add(x.campaignCost[i])
	}
	return spend, nil
}

// cac returns the customer acquisition cost of the period.
func (x *periodData) cac() (decimal.Decimal, error) {
	spend, _ := x.acquisitionSpend()
	n, err := x.newCustomers()
	if err != nil {
		return decimal.Decimal{}, err
	}
	v, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: spend, NewCustomers: n})
	return v, undefined(err, "no new customer in the period")
}

// newCustomers returns the customers acquired in the period, reactivated
// ones included, from the customer counts at its start and end.
func (x *periodData) newCustomers() (int, error) {
	c := x.customers
	return sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: c.Start, CustomersAtEnd: c.End, CustomersLost: c.Churned})
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

// email sums the email counts of the campaigns started in the period.
func (x *periodData) email() crm.EmailInput {
	var in crm.EmailInput
	for _, i := range x.campaigns {
		if c := &x.d.Campaigns[i]; c.HasEmail {
			in.Delivered += c.EmailsDelivered
			in.UniqueOpens += c.EmailsOpened
			in.UniqueClicks += c.EmailsClicked
		}
	}
	return in
}

// visits sums the website's months in the period.
func (x *periodData) visits() crm.WebsiteInput {
	var in crm.WebsiteInput
	for _, w := range x.website {
		in.Visits += w.Visits
		in.VisitsWithPurchase += w.VisitsWithPurchase
		in.TotalTimeOnSite += w.TimeOnSite
	}
	return in
}

// noOperations is the reason a snapshot of operations.csv is missing.
func (x *periodData) noOperations() error {
	return &notAvailable{"no row in operations.csv for " + x.p.LastMonth.Format("2006-01")}
}
