package main

import (
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// salesMetrics computes the metrics of package sales.
var salesMetrics = map[string]func(x *periodData) (figure, error){
	// Leads.
	"leads_generated": func(x *periodData) (figure, error) {
		s, err := leadStats(x.leads, x.p.Sales())
		if err != nil {
			return figure{}, err
		}
		return count(s.LeadsGenerated()), nil
	},
	"qualified_leads": func(x *periodData) (figure, error) {
		s, err := leadStats(x.leads, x.p.Sales())
		if err != nil {
			return figure{}, err
		}
		return count(s.QualifiedLeads()), nil
	},
	"lead_conversion_rate": func(x *periodData) (figure, error) {
		s, err := leadStats(x.leads, x.p.Sales())
		if err != nil {
			return figure{}, err
		}
		p, err := s.LeadConversionRate()
		if err != nil {
			return figure{}, undefined(err, "no lead created in the period")
		}
		// The counts behind the rate, by the same rule, for its interval.
		leads, converted := 0, 0
		for _, l := range x.leads {
			if x.p.Contains(l.Created) {
				leads++
				if !l.Converted.IsZero() && l.Converted.Before(x.p.End()) {
					converted++
				}
			}
		}
		f := percent(p)
		f.ival = wilson(converted, leads)
		f.note = itoa(converted) + " of " + plural(leads, "lead", "leads") + " created in the period converted before its end"
		return f, nil
	},
	"new_customers_acquired": func(x *periodData) (figure, error) {
		n, err := x.newCustomers()
		if err != nil {
			return figure{}, err
		}
		c := x.customers
		return figure{num: decimal.NewFromInt(int64(n)), note: itoa(c.New) + " new, " + itoa(c.Reactivated) + " returning"}, nil
	},

	// Revenue and deals.
	"sales_revenue": func(x *periodData) (figure, error) {
		return figure{num: x.sales.SalesRevenue(), note: "deals won in the period"}, nil
	},
	"new_revenue": func(x *periodData) (figure, error) {
		revenue := x.sales.SalesRevenue()
		// The revenue of the accounts that were customers at the start.
		var existing []sales.Deal
		for i, d := range x.deals {
			if x.existing[x.dealRows[i].CustomerID] {
				existing = append(existing, d)
			}
		}
		existingStats, err := dealStats(existing, x.p.Sales())
		if err != nil {
			return figure{}, err
		}
		fromExisting := existingStats.SalesRevenue()
		v, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: fromExisting})
		return figure{num: v, note: moneyText(fromExisting, x.currency) + " came from customers of the start of the period"}, err
	},
	"average_deal_size": func(x *periodData) (figure, error) {
		v, err := x.sales.AverageDealSize()
		return figure{num: v}, undefined(err, "no deal won in the period")
	},
	"average_project_size": func(x *periodData) (figure, error) {
		v, err := x.servicesSales.AverageDealSize()
		return figure{num: v, note: "consulting deals won in the period"}, undefined(err, "no consulting deal won in the period")
	},
	"win_rate": func(x *periodData) (figure, error) {
		p, err := x.sales.WinRate()
		if err != nil {
			return figure{}, undefined(err, "no deal won or lost in the period")
		}
		won, lost := x.sales.Won(), x.sales.Lost()
		f := percent(p)
		f.ival = wilson(won, won+lost)
		f.note = itoa(won) + " won, " + itoa(lost) + " lost"
		return f, nil
	},
	"close_rate": func(x *periodData) (figure, error) {
		p, err := x.sales.CloseRate()
		if err != nil {
			return figure{}, undefined(err, "no opportunity created in the period")
		}
		return figure{num: p.Points(), note: "opportunities created in the period, won before its end"}, nil
	},
	"proposal_win_rate": func(x *periodData) (figure, error) {
		submitted, won := 0, 0
		for i, d := range x.deals {
			row := x.dealRows[i]
			if row.Kind == dataset.KindServices && !row.Proposal.IsZero() && x.p.Contains(row.Proposal) {
				submitted++
				if d.Stage == sales.StageWon && d.Closed.Before(x.p.End()) {
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
		f.note = itoa(won) + " of " + plural(submitted, "consulting proposal", "consulting proposals") + " sent in the period won before its end"
		return f, nil
	},
	"quota_attainment": func(x *periodData) (figure, error) {
		revenue := x.sales.SalesRevenue()
		quota := x.quota()
		p, err := sales.QuotaAttainment(sales.QuotaInput{Actual: revenue, Quota: quota})
		if err != nil {
			return figure{}, undefined(err, "no quota in reps.csv for the period")
		}
		return figure{num: p.Points(), note: "of a team quota of " + moneyText(quota, x.currency)}, nil
	},
	"pipeline_coverage": func(x *periodData) (figure, error) {
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
	},
	"sales_cycle_length": func(x *periodData) (figure, error) {
		v, err := x.sales.SalesCycleLength()
		return figure{num: v, note: "deals won in the period"}, undefined(err, "no deal won in the period")
	},
	"pipeline_velocity": func(x *periodData) (figure, error) {
		v, err := x.sales.PipelineVelocity()
		return figure{num: v}, undefined(err, "no deal won in the period, or won deals took no time")
	},
	"open_opportunities": func(x *periodData) (figure, error) {
		return figure{num: decimal.NewFromInt(int64(x.sales.OpenOpportunities())), note: "at the end of the period"}, nil
	},

	// Productivity.
	"revenue_per_rep": func(x *periodData) (figure, error) {
		revenue := x.sales.SalesRevenue()
		reps := x.repCount()
		v, err := sales.RevenuePerRep(sales.TeamInput{Revenue: revenue, Reps: reps})
		if err != nil {
			return figure{}, undefined(err, "no rep in reps.csv for the period")
		}
		return figure{num: v, note: plural(reps, "rep", "reps")}, nil
	},
	"revenue_per_consultant": func(x *periodData) (figure, error) {
		revenue := x.servicesSales.SalesRevenue()
		if x.lastOps == nil {
			return figure{}, x.noOperations()
		}
		n := x.lastOps.Consultants
		v, err := sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: revenue, Consultants: n})
		if err != nil {
			return figure{}, undefined(err, "no consultant on staff")
		}
		return figure{num: v, note: "consulting revenue over " + plural(n, "consultant", "consultants")}, nil
	},
	"sales_calls_per_rep": func(x *periodData) (figure, error) {
		calls := 0
		for _, r := range x.reps {
			calls += r.Calls
		}
		v, err := sales.SalesCallsPerRep(sales.TeamInput{Calls: calls, Reps: x.repCount()})
		if err != nil {
			return figure{}, undefined(err, "no rep in reps.csv for the period")
		}
		return figure{num: v, note: itoa(calls) + " calls"}, nil
	},

	// Campaigns.
	"campaign_roi": func(x *periodData) (figure, error) {
		cost, revenue := x.campaignTotals()
		p, err := sales.CampaignROI(sales.CampaignInput{AttributedRevenue: revenue, Cost: cost})
		if err != nil {
			return figure{}, undefined(err, "no campaign cost in the period")
		}
		return figure{num: p.Points(), note: moneyText(revenue, x.currency) + " attributed to " +
			plural(len(x.campaigns), "campaign", "campaigns") + " costing " + moneyText(cost, x.currency)}, nil
	},
	"average_revenue_per_campaign": func(x *periodData) (figure, error) {
		_, revenue := x.campaignTotals()
		v, err := sales.AverageRevenuePerCampaign(sales.CampaignInput{AttributedRevenue: revenue, Campaigns: len(x.campaigns)})
		return figure{num: v}, undefined(err, "no campaign started in the period")
	},
	"cost_per_lead": func(x *periodData) (figure, error) {
		cost, _ := x.campaignTotals()
		s, err := leadStats(x.leads, x.p.Sales())
		if err != nil {
			return figure{}, err
		}
		leads := s.LeadsGenerated()
		v, err := sales.CostPerLead(sales.CampaignInput{Cost: cost, Leads: leads})
		if err != nil {
			return figure{}, undefined(err, "no lead created in the period")
		}
		return figure{num: v, note: "campaign cost over " + plural(leads, "lead", "leads")}, nil
	},
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
