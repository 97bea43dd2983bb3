package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// salesSection: deals won, lost and open, and the team's productivity.
func (r *reporter) salesSection() (Section, error) {
	deals := []string{"deals.csv"}
	reps := []string{"deals.csv", "reps.csv"}
	return r.rows(Section{Key: "sales", Title: "Sales",
		Intro: "Won and lost deals by their close, open deals at the period's end (sales.DealStats)."},
		metric{id: "sales_revenue", call: "sales.DealStats.SalesRevenue", needs: deals, f: salesRevenue},
		metric{id: "new_revenue", call: "sales.NewRevenue", needs: []string{"deals.csv", "subscriptions.csv"}, f: newRevenue},
		metric{id: "average_deal_size", call: "sales.DealStats.AverageDealSize", needs: deals, f: averageDealSize},
		metric{id: "average_project_size", call: "sales.DealStats.AverageDealSize", needs: deals, f: averageProjectSize},
		metric{id: "win_rate", call: "sales.DealStats.WinRate", needs: deals, f: winRate},
		metric{id: "sales_cycle_length", call: "sales.DealStats.SalesCycleLength", needs: deals, f: salesCycleLength},
		metric{id: "pipeline_velocity", call: "sales.DealStats.PipelineVelocity", needs: deals, f: pipelineVelocity},
		metric{id: "open_opportunities", call: "sales.DealStats.OpenOpportunities", needs: deals, f: openOpportunities},
		metric{id: "pipeline_coverage", call: "sales.PipelineCoverage", needs: reps, f: pipelineCoverage},
		metric{id: "quota_attainment", call: "sales.QuotaAttainment", needs: reps, f: quotaAttainment},
		metric{id: "revenue_per_rep", call: "sales.RevenuePerRep", needs: reps, f: revenuePerRep},
		metric{id: "revenue_per_consultant", call: "sales.RevenuePerConsultant", needs: []string{"deals.csv", "operations.csv"}, f: revenuePerConsultant},
		metric{id: "sales_calls_per_rep", call: "sales.SalesCallsPerRep", needs: []string{"reps.csv"}, f: salesCallsPerRep},
	)
}

func salesRevenue(x *periodData) (figure, error) {
	return figure{num: x.sales.SalesRevenue(), note: plural(x.sales.Won(), "deal", "deals") + " won in the period"}, nil
}

func newRevenue(x *periodData) (figure, error) {
	revenue := x.sales.SalesRevenue()
	// The revenue of the accounts that were customers at the start.
	var existing []sales.Deal
	for i, d := range x.deals {
		if x.existing[x.dealRows[i].CustomerID] {
			existing = append(existing, d)
		}
	}
	fromExisting := sales.DealStats{Period: x.p.metrics()}
	if err := fromExisting.AddAll(existing); err != nil {
		return figure{}, err
	}
	v, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: fromExisting.SalesRevenue()})
	return figure{num: v, note: moneyText(fromExisting.SalesRevenue(), x.currency) + " of the period's revenue came from customers of its start"}, err
}

func averageDealSize(x *periodData) (figure, error) {
	v, err := x.sales.AverageDealSize()
	return figure{num: v, note: "over " + plural(x.sales.Won(), "deal", "deals") + " won"}, undefined(err, "no deal won in the period")
}

func averageProjectSize(x *periodData) (figure, error) {
	v, err := x.servicesSales.AverageDealSize()
	return figure{num: v, note: "over " + plural(x.servicesSales.Won(), "consulting deal", "consulting deals") + " won"},
		undefined(err, "no consulting deal won in the period")
}

func winRate(x *periodData) (figure, error) {
	p, err := x.sales.WinRate()
	if err != nil {
		return figure{}, undefined(err, "no deal won or lost in the period")
	}
	won, lost := x.sales.Won(), x.sales.Lost()
	f := percent(p)
	f.ival = wilson(won, won+lost)
	f.note = itoa(won) + " won, " + itoa(lost) + " lost"
	return f, nil
}

func salesCycleLength(x *periodData) (figure, error) {
	v, err := x.sales.SalesCycleLength()
	return figure{num: v, note: "mean from creation to close of the deals won in the period"}, undefined(err, "no deal won in the period")
}

func pipelineVelocity(x *periodData) (figure, error) {
	v, err := x.sales.PipelineVelocity()
	return figure{num: v, note: "open opportunities × win rate × average deal size / sales cycle length"},
		undefined(err, "no deal won in the period, or won deals took no time")
}

func openOpportunities(x *periodData) (figure, error) {
	return figure{num: decimal.NewFromInt(int64(x.sales.OpenOpportunities())), note: "at the end of the period"}, nil
}

func pipelineCoverage(x *periodData) (figure, error) {
	// Measured when the next period begins, against a quota of the same
	// size as this period's: none of it is reached yet.
	quota := x.quota()
	pipeline := x.sales.OpenPipeline()
	v, err := sales.PipelineCoverage(sales.PipelineCoverageInput{OpenPipeline: pipeline, RemainingQuota: quota})
	if err != nil {
		return figure{}, undefined(err, "no quota in reps.csv for the period")
	}
	return figure{num: v, note: moneyText(pipeline, x.currency) + " open at the end of the period over the next period's quota, taken as this one's " +
		moneyText(quota, x.currency)}, nil
}

func quotaAttainment(x *periodData) (figure, error) {
	revenue := x.sales.SalesRevenue()
	quota := x.quota()
	p, err := sales.QuotaAttainment(sales.QuotaInput{Actual: revenue, Quota: quota})
	if err != nil {
		return figure{}, undefined(err, "no quota in reps.csv for the period")
	}
	return figure{num: p.Points(), note: moneyText(revenue, x.currency) + " won of a team quota of " + moneyText(quota, x.currency)}, nil
}

func revenuePerRep(x *periodData) (figure, error) {
	reps := x.repCount()
	v, err := sales.RevenuePerRep(sales.TeamInput{Revenue: x.sales.SalesRevenue(), Reps: reps})
	if err != nil {
		return figure{}, undefined(err, "no rep in reps.csv for the period")
	}
	return figure{num: v, note: "over " + plural(reps, "rep", "reps")}, nil
}

func revenuePerConsultant(x *periodData) (figure, error) {
	if x.lastOps == nil {
		return figure{}, x.noOperations()
	}
	n := x.lastOps.Consultants
	v, err := sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: x.servicesSales.SalesRevenue(), Consultants: n})
	if err != nil {
		return figure{}, undefined(err, "no consultant on staff")
	}
	return figure{num: v, note: "consulting revenue over " + plural(n, "consultant", "consultants")}, nil
}

func salesCallsPerRep(x *periodData) (figure, error) {
	calls := 0
	for _, r := range x.reps {
		calls += r.Calls
	}
	v, err := sales.SalesCallsPerRep(sales.TeamInput{Calls: calls, Reps: x.repCount()})
	if err != nil {
		return figure{}, undefined(err, "no rep in reps.csv for the period")
	}
	return figure{num: v, note: plural(calls, "call", "calls")}, nil
}

// cohortMetricsSection: the metrics that follow a cohort (the leads,
// opportunities, proposals or campaigns of a period) to what became of it,
// shown once the cohort has matured (see maturityDays).
func (r *reporter) cohortMetricsSection() (Section, error) {
	return r.rows(Section{Key: "pipeline_cohorts", Title: "Leads, opportunities and campaigns",
		Intro: "A rate over a cohort counts what became of the leads, opportunities or proposals of the period within a fixed " +
			"number of days of each one's start, and campaign returns the revenue attributed to the campaigns that started in it. " +
			"Such a rate is shown once every member of the cohort has had that time, with the latest month and quarter that have."},
		metric{id: "leads_generated", call: "sales.LeadStats.LeadsGenerated", needs: []string{"leads.csv"}, f: leadsGenerated},
		metric{id: "qualified_leads", call: "sales.LeadStats.QualifiedLeads", needs: []string{"leads.csv"}, f: qualifiedLeads},
		metric{id: "lead_conversion_rate", call: "sales.LeadConversionRate", needs: []string{"leads.csv"}, f: leadConversionRate},
		metric{id: "close_rate", call: "sales.CloseRate", needs: []string{"deals.csv"}, f: closeRate},
		metric{id: "proposal_win_rate", call: "sales.ProposalWinRate", needs: []string{"deals.csv"}, f: proposalWinRate},
		metric{id: "campaign_roi", call: "sales.CampaignROI", needs: []string{"campaigns.csv"}, f: campaignROI},
		metric{id: "average_revenue_per_campaign", call: "sales.AverageRevenuePerCampaign", needs: []string{"campaigns.csv"}, f: revenuePerCampaign},
		metric{id: "cost_per_lead", call: "sales.CostPerLead", needs: []string{"campaigns.csv", "leads.csv"}, f: costPerLead},
	)
}

// within reports whether the milestone t (zero: never) was reached within
// days days of start.
func within(start, t time.Time, days int) bool {
	return !t.IsZero() && t.Before(start.AddDate(0, 0, days))
}

func leadsGenerated(x *periodData) (figure, error) {
	return count(x.leadStats.LeadsGenerated()), nil
}

func qualifiedLeads(x *periodData) (figure, error) {
	n := x.leadStats.QualifiedLeads()
	return figure{num: decimal.NewFromInt(int64(n)), note: "of the leads created in the period, qualified before its end"}, nil
}

func leadConversionRate(x *periodData) (figure, error) {
	days := maturityDays["lead_conversion_rate"]
	leads, converted := 0, 0
	for _, l := range x.leads {
		if x.p.Contains(l.Created) {
			leads++
			if within(l.Created, l.Converted, days) {
				converted++
			}
		}
	}
	p, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: leads, Converted: converted})
	if err != nil {
		return figure{}, undefined(err, "no lead created in the period")
	}
	f := percent(p)
	f.ival = wilson(converted, leads)
	f.note = itoa(converted) + " of " + plural(leads, "lead", "leads") + " created in the period converted within " + itoa(days) + " days"
	return f, nil
}

func closeRate(x *periodData) (figure, error) {
	days := maturityDays["close_rate"]
	opportunities, won := 0, 0
	for _, d := range x.deals {
		if x.p.Contains(d.Created) {
			opportunities++
			if d.Stage == sales.StageWon && within(d.Created, d.Closed, days) {
				won++
			}
		}
	}
	p, err := sales.CloseRate(sales.CloseRateInput{Opportunities: opportunities, Won: won})
	if err != nil {
		return figure{}, undefined(err, "no opportunity created in the period")
	}
	f := percent(p)
	f.ival = wilson(won, opportunities)
	f.note = itoa(won) + " of " + plural(opportunities, "opportunity", "opportunities") + " created in the period won within " + itoa(days) + " days"
	return f, nil
}

func proposalWinRate(x *periodData) (figure, error) {
	days := maturityDays["proposal_win_rate"]
	submitted, won := 0, 0
	for i, d := range x.deals {
		row := x.dealRows[i]
		if row.Kind == dataset.KindServices && !row.Proposal.IsZero() && x.p.Contains(row.Proposal) {
			submitted++
			if d.Stage == sales.StageWon && within(row.Proposal, d.Closed, days) {
				won++
			}
		}
	}
	p, err := sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: submitted, ProjectsWon: won})
	if err != nil {
		return figure{}, undefined(err, "no consulting proposal sent in the period")
	}
	f := percent(p)
	f.ival = wilson(won, submitted)
	f.note = itoa(won) + " of " + plural(submitted, "consulting proposal", "consulting proposals") + " sent in the period won within " + itoa(days) + " days"
	return f, nil
}

func campaignROI(x *periodData) (figure, error) {
	cost, revenue := x.campaignTotals()
	p, err := sales.CampaignROI(sales.CampaignInput{Campaigns: len(x.campaigns), AttributedRevenue: revenue, Cost: cost})
	if err != nil {
		return figure{}, undefined(err, "no campaign cost in the period")
	}
	return figure{num: p.Points(), note: moneyText(revenue, x.currency) + " attributed to " +
		plural(len(x.campaigns), "campaign", "campaigns") + " costing " + moneyText(cost, x.currency)}, nil
}

func revenuePerCampaign(x *periodData) (figure, error) {
	_, revenue := x.campaignTotals()
	v, err := sales.AverageRevenuePerCampaign(sales.CampaignInput{AttributedRevenue: revenue, Campaigns: len(x.campaigns)})
	return figure{num: v, note: moneyText(revenue, x.currency) + " over " + plural(len(x.campaigns), "campaign", "campaigns")},
		undefined(err, "no campaign started in the period")
}

func costPerLead(x *periodData) (figure, error) {
	cost, _ := x.campaignTotals()
	leads := x.leadStats.LeadsGenerated()
	v, err := sales.CostPerLead(sales.CampaignInput{Campaigns: len(x.campaigns), Cost: cost, Leads: leads})
	if err != nil {
		return figure{}, undefined(err, "no lead created in the period")
	}
	return figure{num: v, note: "campaign cost over " + plural(leads, "lead", "leads")}, nil
}

// marketingSection: the reach of the campaigns and of the website.
func (r *reporter) marketingSection() (Section, error) {
	campaigns := []string{"campaigns.csv"}
	return r.rows(Section{Key: "marketing", Title: "Campaigns and website", Intro: "The campaigns started in the period; the website's months."},
		metric{id: "email_open_rate", call: "crm.EmailOpenRate", needs: campaigns, f: emailOpenRate},
		metric{id: "email_click_through_rate", call: "crm.EmailClickThroughRate", needs: campaigns, f: emailClickThroughRate},
		metric{id: "email_click_to_open_rate", call: "crm.EmailClickToOpenRate", needs: campaigns, f: emailClickToOpenRate},
		metric{id: "social_engagement_rate", call: "crm.SocialEngagementRate", needs: campaigns, f: socialEngagementRate},
		metric{id: "campaign_response_rate", call: "crm.CampaignResponseRate", needs: campaigns, f: campaignResponseRate},
		metric{id: "website_purchase_conversion_rate", call: "crm.WebsitePurchaseConversionRate", needs: []string{"website.csv"}, f: websiteConversion},
		metric{id: "average_time_on_site", call: "crm.AverageTimeOnSite", needs: []string{"website.csv"}, f: timeOnSite},
	)
}

func emailOpenRate(x *periodData) (figure, error) {
	in := x.email()
	p, err := crm.EmailOpenRate(in)
	if err != nil {
		return figure{}, undefined(err, "no email campaign started in the period")
	}
	f := percent(p)
	f.ival = wilson(in.UniqueOpens, in.Delivered)
	f.note = itoa(in.UniqueOpens) + " of " + itoa(in.Delivered) + " emails delivered opened"
	return f, nil
}

func emailClickThroughRate(x *periodData) (figure, error) {
	in := x.email()
	p, err := crm.EmailClickThroughRate(in)
	if err != nil {
		return figure{}, undefined(err, "no email campaign started in the period")
	}
	f := percent(p)
	f.ival = wilson(in.UniqueClicks, in.Delivered)
	f.note = itoa(in.UniqueClicks) + " of " + itoa(in.Delivered) + " emails delivered clicked"
	return f, nil
}

func emailClickToOpenRate(x *periodData) (figure, error) {
	in := x.email()
	p, err := crm.EmailClickToOpenRate(in)
	if err != nil {
		return figure{}, undefined(err, "no email opened from the campaigns started in the period")
	}
	f := percent(p)
	f.ival = wilson(in.UniqueClicks, in.UniqueOpens)
	f.note = itoa(in.UniqueClicks) + " of " + itoa(in.UniqueOpens) + " emails opened clicked"
	return f, nil
}

func socialEngagementRate(x *periodData) (figure, error) {
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
	return figure{num: p.Points(), note: plural(in.Engagements, "engagement", "engagements") + " over " +
		plural(in.Impressions, "impression", "impressions")}, nil
}

func campaignResponseRate(x *periodData) (figure, error) {
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
}

func websiteConversion(x *periodData) (figure, error) {
	in := x.visits()
	p, err := crm.WebsitePurchaseConversionRate(in)
	if err != nil {
		return figure{}, undefined(err, "no website visits in the period")
	}
	f := percent(p)
	f.ival = wilson(in.VisitsWithPurchase, in.Visits)
	f.note = itoa(in.VisitsWithPurchase) + " of " + itoa(in.Visits) + " visits with a purchase"
	return f, nil
}

func timeOnSite(x *periodData) (figure, error) {
	in := x.visits()
	v, err := crm.AverageTimeOnSite(in)
	if err != nil {
		return figure{}, undefined(err, "no website visits in the period")
	}
	return figure{dur: v, note: "over " + plural(in.Visits, "visit", "visits")}, nil
}

// quota returns the team's quota for the period: every rep's, every month.
func (x *periodData) quota() decimal.Decimal {
	q := decimal.Zero
	for _, r := range x.reps {
		q = q.Add(r.Quota)
	}
	return q
}

// repCount returns the number of reps in reps.csv during the period.
func (x *periodData) repCount() int {
	reps := map[string]bool{}
	for _, r := range x.reps {
		reps[r.Rep] = true
	}
	return len(reps)
}

// campaignTotals returns the cost and the attributed revenue of the
// campaigns started in the period.
func (x *periodData) campaignTotals() (cost, revenue decimal.Decimal) {
	for _, i := range x.campaigns {
		cost = cost.Add(x.campaignCost[i])
		revenue = revenue.Add(x.campaignRevenue[i])
	}
	return cost, revenue
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
