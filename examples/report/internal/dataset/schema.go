package dataset

import (
	"strconv"
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The files, in the order Load reads them and Encode writes them. Each
// table's columns are listed in the order Encode writes them; DATA.md
// documents them.

var companyTable = table[Company]{
	file: "company.csv",
	columns: []column[Company]{
		textCol("name", func(r *Company) *string { return &r.Name }),
		currencyCol("currency", func(r *Company) *string { return &r.Currency }),
		monthCol("first_month", func(r *Company) *time.Time { return &r.FirstMonth }),
		monthCol("last_month", func(r *Company) *time.Time { return &r.LastMonth }),
		percentCol("gross_margin", func(r *Company) *metrics.Percent { return &r.GrossMargin }),
		percentCol("discount_rate", func(r *Company) *metrics.Percent { return &r.DiscountRate }),
	},
	check: func(r *Company, _ func(string) bool) (string, string) {
		if r.LastMonth.Before(r.FirstMonth) {
			return "last_month", "before first_month " + formatMonth(r.FirstMonth)
		}
		return "", ""
	},
}

var fxTable = table[FXRate]{
	file: "fx_rates.csv",
	columns: []column[FXRate]{
		monthCol("month", func(r *FXRate) *time.Time { return &r.Month }),
		currencyCol("currency", func(r *FXRate) *string { return &r.Currency }),
		rateCol("rate", func(r *FXRate) *decimal.Decimal { return &r.Rate }),
	},
	keys: []string{"month", "currency"},
}

var surveyTable = table[SurveyAnswer]{
	file: "surveys.csv",
	columns: []column[SurveyAnswer]{
		textCol("id", func(r *SurveyAnswer) *string { return &r.ID }),
		textCol("customer_id", func(r *SurveyAnswer) *string { return &r.CustomerID }),
		timeCol("answered_at", func(r *SurveyAnswer) *time.Time { return &r.Answered }),
		enumCol("survey", func(r *SurveyAnswer) *Survey { return &r.Survey }, SurveyNPS, SurveyCSAT, SurveyCES),
		scoreCol("score", func(r *SurveyAnswer) *int { return &r.Score }),
	},
	keys: []string{"id"},
	check: func(r *SurveyAnswer, _ func(string) bool) (string, string) {
		if lo, hi := r.Survey.Scale(); r.Score < lo || r.Score > hi {
			return "score", "outside " + strconv.Itoa(lo) + ".." + strconv.Itoa(hi) + " for a " + string(r.Survey) + " answer"
		}
		return "", ""
	},
}

var ticketTable = table[Ticket]{
	file: "tickets.csv",
	columns: []column[Ticket]{
		textCol("id", func(r *Ticket) *string { return &r.ID }),
		textCol("customer_id", func(r *Ticket) *string { return &r.CustomerID }),
		timeCol("opened_at", func(r *Ticket) *time.Time { return &r.Opened }),
		optional(timeCol("first_response_at", func(r *Ticket) *time.Time { return &r.FirstResponse }),
			"without it every ticket would count as never answered"),
		optional(timeCol("resolved_at", func(r *Ticket) *time.Time { return &r.Resolved }),
			"without it every ticket would count as still open"),
	},
	keys: []string{"id"},
	check: func(r *Ticket, _ func(string) bool) (string, string) {
		if col, p := notBefore("first_response_at", r.FirstResponse, "opened_at", r.Opened); p != "" {
			return col, p
		}
		if col, p := notBefore("resolved_at", r.Resolved, "opened_at", r.Opened); p != "" {
			return col, p
		}
		return notBefore("resolved_at", r.Resolved, "first_response_at", r.FirstResponse)
	},
}

var subscriptionTable = table[Subscription]{
	file: "subscriptions.csv",
	columns: []column[Subscription]{
		textCol("id", func(r *Subscription) *string { return &r.ID }),
		textCol("customer_id", func(r *Subscription) *string { return &r.CustomerID }),
		textCol("plan", func(r *Subscription) *string { return &r.Plan }),
		enumCol("billing", func(r *Subscription) *Billing { return &r.Billing },
			BillingWeekly, BillingMonthly, BillingQuarterly, BillingYearly),
		moneyCol("amount", func(r *Subscription) *decimal.Decimal { return &r.Amount }),
		omittable(currencyCol("currency", func(r *Subscription) *string { return &r.Currency })),
		timeCol("started_at", func(r *Subscription) *time.Time { return &r.Started }),
		optional(timeCol("ended_at", func(r *Subscription) *time.Time { return &r.Ended }),
			"without it every subscription would count as active to this day"),
	},
	keys: []string{"id"},
	check: func(r *Subscription, _ func(string) bool) (string, string) {
		if !r.Ended.IsZero() && !r.Ended.After(r.Started) {
			return "ended_at", "not after started_at " + formatTime(r.Started)
		}
		return "", ""
	},
}

var dealTable = table[Deal]{
	file: "deals.csv",
	columns: []column[Deal]{
		textCol("id", func(r *Deal) *string { return &r.ID }),
		textCol("customer_id", func(r *Deal) *string { return &r.CustomerID }),
		textCol("owner", func(r *Deal) *string { return &r.Owner }),
		enumCol("kind", func(r *Deal) *DealKind { return &r.Kind }, KindNew, KindExpansion, KindServices),
		moneyCol("amount", func(r *Deal) *decimal.Decimal { return &r.Amount }),
		omittable(currencyCol("currency", func(r *Deal) *string { return &r.Currency })),
		enumCol("stage", func(r *Deal) *Stage { return &r.Stage }, StageOpen, StageWon, StageLost),
		timeCol("created_at", func(r *Deal) *time.Time { return &r.Created }),
		optional(timeCol("proposal_at", func(r *Deal) *time.Time { return &r.Proposal }),
			"without it no deal would count as having had a proposal"),
		optional(timeCol("closed_at", func(r *Deal) *time.Time { return &r.Closed }),
			"won and lost deals need it, and open deals leave it empty"),
	},
	keys: []string{"id"},
	check: func(r *Deal, _ func(string) bool) (string, string) {
		switch {
		case r.Stage == StageOpen && !r.Closed.IsZero():
			return "closed_at", "set, but the deal is open"
		case r.Stage != StageOpen && r.Closed.IsZero():
			return "closed_at", "empty, but required for a " + string(r.Stage) + " deal"
		}
		if col, p := notBefore("closed_at", r.Closed, "created_at", r.Created); p != "" {
			return col, p
		}
		if col, p := notBefore("proposal_at", r.Proposal, "created_at", r.Created); p != "" {
			return col, p
		}
		if !r.Closed.IsZero() && r.Proposal.After(r.Closed) {
			return "proposal_at", "after closed_at " + formatTime(r.Closed)
		}
		return "", ""
	},
}

var projectTable = table[Project]{
	file: "projects.csv",
	columns: []column[Project]{
		textCol("id", func(r *Project) *string { return &r.ID }),
		textCol("deal_id", func(r *Project) *string { return &r.DealID }),
		textCol("consultant", func(r *Project) *string { return &r.Consultant }),
		timeCol("due_at", func(r *Project) *time.Time { return &r.Due }),
		optional(timeCol("delivered_at", func(r *Project) *time.Time { return &r.Delivered }),
			"without it no project would count as delivered"),
	},
	keys: []string{"id"},
}

var leadTable = table[Lead]{
	file: "leads.csv",
	columns: []column[Lead]{
		textCol("id", func(r *Lead) *string { return &r.ID }),
		omittable(textCol("campaign_id", func(r *Lead) *string { return &r.CampaignID })),
		timeCol("created_at", func(r *Lead) *time.Time { return &r.Created }),
		optional(timeCol("qualified_at", func(r *Lead) *time.Time { return &r.Qualified }),
			"without it no lead would count as qualified"),
		optional(timeCol("converted_at", func(r *Lead) *time.Time { return &r.Converted }),
			"without it no lead would count as converted"),
	},
	keys: []string{"id"},
	check: func(r *Lead, _ func(string) bool) (string, string) {
		if col, p := notBefore("qualified_at", r.Qualified, "created_at", r.Created); p != "" {
			return col, p
		}
		return notBefore("converted_at", r.Converted, "created_at", r.Created)
	},
}

var campaignTable = table[Campaign]{
	file: "campaigns.csv",
	columns: []column[Campaign]{
		textCol("id", func(r *Campaign) *string { return &r.ID }),
		textCol("name", func(r *Campaign) *string { return &r.Name }),
		textCol("channel", func(r *Campaign) *string { return &r.Channel }),
		timeCol("started_at", func(r *Campaign) *time.Time { return &r.Started }),
		timeCol("ended_at", func(r *Campaign) *time.Time { return &r.Ended }),
		moneyCol("cost", func(r *Campaign) *decimal.Decimal { return &r.Cost }),
		moneyCol("attributed_revenue", func(r *Campaign) *decimal.Decimal { return &r.AttributedRevenue }),
		omittable(currencyCol("currency", func(r *Campaign) *string { return &r.Currency })),
		groupCountCol("emails_delivered", func(r *Campaign) *int { return &r.EmailsDelivered }, hasEmail),
		groupCountCol("emails_opened", func(r *Campaign) *int { return &r.EmailsOpened }, hasEmail),
		groupCountCol("emails_clicked", func(r *Campaign) *int { return &r.EmailsClicked }, hasEmail),
		groupCountCol("reached", func(r *Campaign) *int { return &r.Reached }, hasOutreach),
		groupCountCol("responses", func(r *Campaign) *int { return &r.Responses }, hasOutreach),
		groupCountCol("impressions", func(r *Campaign) *int { return &r.Impressions }, hasSocial),
		groupCountCol("engagements", func(r *Campaign) *int { return &r.Engagements }, hasSocial),
	},
	keys: []string{"id"},
	check: func(r *Campaign, has func(string) bool) (string, string) {
		if r.Ended.Before(r.Started) {
			return "ended_at", "before started_at " + formatTime(r.Started)
		}
		var p string
		if r.HasEmail, p = group(has, "emails_delivered", "emails_opened", "emails_clicked"); p != "" {
			return p, "empty, but the other email counts are set (give all three or none)"
		}
		if r.HasOutreach, p = group(has, "reached", "responses"); p != "" {
			return p, "empty, but the other of reached and responses is set (give both or none)"
		}
		if r.HasSocial, p = group(has, "impressions", "engagements"); p != "" {
			return p, "empty, but the other of impressions and engagements is set (give both or none)"
		}
		switch {
		case r.EmailsOpened > r.EmailsDelivered:
			return "emails_opened", "more than emails_delivered " + strconv.Itoa(r.EmailsDelivered)
		case r.EmailsClicked > r.EmailsOpened:
			return "emails_clicked", "more than emails_opened " + strconv.Itoa(r.EmailsOpened)
		case r.Responses > r.Reached:
			return "responses", "more than reached " + strconv.Itoa(r.Reached)
		}
		return "", ""
	},
}

func hasEmail(r *Campaign) bool    { return r.HasEmail }
func hasOutreach(r *Campaign) bool { return r.HasOutreach }
func hasSocial(r *Campaign) bool   { return r.HasSocial }

// group reports whether the columns of a group all have a value; when some
// do and some do not, it returns the first column without one.
func group(has func(string) bool, cols ...string) (all bool, missing string) {
	n := 0
	for _, c := range cols {
		switch {
		case has(c):
			n++
		case missing == "":
			missing = c
		}
	}
	if n == 0 || n == len(cols) {
		return n > 0, ""
	}
	return false, missing
}

var websiteTable = table[WebsiteMonth]{
	file: "website.csv",
	columns: []column[WebsiteMonth]{
		monthCol("month", func(r *WebsiteMonth) *time.Time { return &r.Month }),
		countCol("visits", func(r *WebsiteMonth) *int { return &r.Visits }),
		countCol("visits_with_purchase", func(r *WebsiteMonth) *int { return &r.VisitsWithPurchase }),
		secondsCol("time_on_site_seconds", func(r *WebsiteMonth) *time.Duration { return &r.TimeOnSite }),
	},
	keys: []string{"month"},
	check: func(r *WebsiteMonth, _ func(string) bool) (string, string) {
		if r.VisitsWithPurchase > r.Visits {
			return "visits_with_purchase", "more than visits " + strconv.Itoa(r.Visits)
		}
		return "", ""
	},
}

var operationsTable = table[OperationsMonth]{
	file: "operations.csv",
	columns: []column[OperationsMonth]{
		monthCol("month", func(r *OperationsMonth) *time.Time { return &r.Month }),
		countCol("licensed_users", func(r *OperationsMonth) *int { return &r.LicensedUsers }),
		countCol("active_users", func(r *OperationsMonth) *int { return &r.ActiveUsers }),
		countCol("records", func(r *OperationsMonth) *int { return &r.Records }),
		countCol("duplicate_records", func(r *OperationsMonth) *int { return &r.Duplicates }),
		countCol("required_fields", func(r *OperationsMonth) *int { return &r.RequiredFields }),
		countCol("filled_fields", func(r *OperationsMonth) *int { return &r.FilledFields }),
		moneyCol("sales_cost", func(r *OperationsMonth) *decimal.Decimal { return &r.SalesCost }),
		moneyCol("retention_spend", func(r *OperationsMonth) *decimal.Decimal { return &r.RetentionSpend }),
		countCol("consultants", func(r *OperationsMonth) *int { return &r.Consultants }),
	},
	keys: []string{"month"},
	check: func(r *OperationsMonth, _ func(string) bool) (string, string) {
		switch {
		case r.ActiveUsers > r.LicensedUsers:
			return "active_users", "more than licensed_users " + strconv.Itoa(r.LicensedUsers)
		case r.Duplicates > r.Records:
			return "duplicate_records", "more than records " + strconv.Itoa(r.Records)
		case r.FilledFields > r.RequiredFields:
			return "filled_fields", "more than required_fields " + strconv.Itoa(r.RequiredFields)
		}
		return "", ""
	},
}

var repTable = table[RepMonth]{
	file: "reps.csv",
	columns: []column[RepMonth]{
		monthCol("month", func(r *RepMonth) *time.Time { return &r.Month }),
		textCol("rep", func(r *RepMonth) *string { return &r.Rep }),
		moneyCol("quota", func(r *RepMonth) *decimal.Decimal { return &r.Quota }),
		countCol("calls", func(r *RepMonth) *int { return &r.Calls }),
	},
	keys: []string{"month", "rep"},
}

// notBefore returns col and a problem if t is set and before the set time
// ref, named refCol; "", "" otherwise.
func notBefore(col string, t time.Time, refCol string, ref time.Time) (string, string) {
	if !t.IsZero() && !ref.IsZero() && t.Before(ref) {
		return col, "before " + refCol + " " + formatTime(ref)
	}
	return "", ""
}
