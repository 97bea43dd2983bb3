// Package dataset reads the CSV files of the report example into plain row
// structs, and writes them back in the same layout for the generator.
//
// The layout (files, columns, formats) is documented in examples/report/DATA.md.
// In short: one CSV file per kind of record, a header row naming the columns
// (in any order), RFC 3339 timestamps in UTC, decimals with a dot, months as
// YYYY-MM, and an empty cell for an absent value. Load checks every cell and
// the rules that tie the cells of a row together (a ticket is not resolved
// before it was opened) and across files (a lead's campaign exists), and
// reports each problem with its file, line and column.
package dataset

import (
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Dataset is the content of the data directory: one company's records. All
// times are in UTC; money is in the currency its row names (see Convert).
type Dataset struct {
	// Missing lists the files that were not in the data directory, in
	// the order of Encode: no records of their kind. company.csv is never
	// missing (Load requires it).
	Missing []string

	Company       Company           // company.csv: one row
	FXRates       []FXRate          // fx_rates.csv
	Surveys       []SurveyAnswer    // surveys.csv
	Tickets       []Ticket          // tickets.csv
	Subscriptions []Subscription    // subscriptions.csv
	Deals         []Deal            // deals.csv
	Projects      []Project         // projects.csv
	Leads         []Lead            // leads.csv
	Campaigns     []Campaign        // campaigns.csv
	Website       []WebsiteMonth    // website.csv
	Operations    []OperationsMonth // operations.csv
	Reps          []RepMonth        // reps.csv
}

// Company is the company the data describes and the settings of its report.
type Company struct {
	Name string
	// Currency is the reporting currency (ISO 4217, "USD"): money in another
	// currency is converted to it with FXRates.
	Currency string
	// FirstMonth and LastMonth are the first instants of the first and last
	// months of the report period, both included.
	FirstMonth, LastMonth time.Time
	// GrossMargin is the share of revenue left after the cost of serving
	// customers, 0..100 (for the CAC payback period).
	GrossMargin metrics.Percent
	// DiscountRate is the yearly cost of capital, 0..100 (for the discounted
	// lifetime value).
	DiscountRate metrics.Percent
}

// Has reports whether the data directory held file ("tickets.csv"), even
// with no rows.
func (d *Dataset) Has(file string) bool {
	for _, m := range d.Missing {
		if m == file {
			return false
		}
	}
	return true
}

// PeriodEnd returns the first instant after the report period: the start of
// the month after LastMonth.
func (c Company) PeriodEnd() time.Time { return c.LastMonth.AddDate(0, 1, 0) }

// FXRate is the exchange rate of one currency during one month.
type FXRate struct {
	Month    time.Time       // first instant of the month
	Currency string          // the foreign currency ("EUR")
	Rate     decimal.Decimal // units of the reporting currency per unit of Currency, above zero
}

// Survey names a survey programme, and so the scale of its answers.
type Survey string

// The surveys.
const (
	SurveyNPS  Survey = "nps"  // "How likely are you to recommend us?", 0..10
	SurveyCSAT Survey = "csat" // "How satisfied are you?", 1 (very dissatisfied)..5 (very satisfied)
	SurveyCES  Survey = "ces"  // "The company made it easy to handle my issue", 1 (strongly disagree)..7 (strongly agree)
)

// Scale returns the lowest and highest score of the survey's answers.
func (s Survey) Scale() (lo, hi int) {
	switch s {
	case SurveyNPS:
		return 0, 10
	case SurveyCSAT:
		return 1, 5
	case SurveyCES:
		return 1, 7
	}
	return 0, -1
}

// SurveyAnswer is one customer's answer to one survey question.
type SurveyAnswer struct {
	ID         string
	CustomerID string
	Answered   time.Time // when the customer answered
	Survey     Survey
	Score      int // within Survey.Scale()
}

// Ticket is one support ticket.
type Ticket struct {
	ID         string
	CustomerID string
	Opened     time.Time // when the customer opened it
	// FirstResponse is when the support team first answered, or the zero
	// time if it has not answered yet. Not before Opened.
	FirstResponse time.Time
	// Resolved is when the ticket was resolved, or the zero time if it is
	// still open. Not before Opened nor before FirstResponse.
	Resolved time.Time
}

// Billing is how often a subscription is invoiced.
type Billing string

// The billing periods.
const (
	BillingWeekly    Billing = "weekly"
	BillingMonthly   Billing = "monthly"
	BillingQuarterly Billing = "quarterly"
	BillingYearly    Billing = "yearly"
)

// PeriodsPerYear returns the number of billing periods in a year: 52, 12, 4
// or 1. A subscription's monthly recurring revenue is Amount ×
// PeriodsPerYear / 12.
func (b Billing) PeriodsPerYear() int {
	switch b {
	case BillingWeekly:
		return 52
	case BillingMonthly:
		return 12
	case BillingQuarterly:
		return 4
	case BillingYearly:
		return 1
	}
	return 0
}

// Subscription is one customer's subscription to one plan at one price over
// a span of time. A change of price (an upgrade, a downgrade) ends the row
// and starts a new one at the same instant; a customer who leaves has no row
// covering the time after Ended; a customer who comes back gets a new row.
type Subscription struct {
	ID         string
	CustomerID string
	Plan       string
	Billing    Billing
	Amount     decimal.Decimal // price per billing period, not negative, in Currency
	Currency   string          // the reporting currency when the cell is empty
	Started    time.Time       // first instant the row is in force
	Ended      time.Time       // first instant it is no longer in force; zero if it still is
}

// Stage is where a deal stands.
type Stage string

// The stages.
const (
	StageOpen Stage = "open"
	StageWon  Stage = "won"
	StageLost Stage = "lost"
)

// DealKind is what a deal sells.
type DealKind string

// The kinds of deals.
const (
	KindNew       DealKind = "new"       // a first subscription, to a new customer
	KindExpansion DealKind = "expansion" // more of the subscription, to a customer
	KindServices  DealKind = "services"  // a consulting project (see Project)
)

// Deal is one sales opportunity.
type Deal struct {
	ID         string
	CustomerID string // the account, customer or prospect
	Owner      string // the sales rep who owns the deal
	Kind       DealKind
	Amount     decimal.Decimal // value won, or expected while open; in Currency
	Currency   string          // the reporting currency when the cell is empty
	Stage      Stage
	Created    time.Time // when the opportunity was created
	// Proposal is when a proposal (a quote) was sent, or the zero time if
	// none was. Within Created..Closed.
	Proposal time.Time
	// Closed is when the deal was won or lost: set for won and lost deals,
	// zero for open ones, not before Created.
	Closed time.Time
}

// Project is a consulting project sold by a won services deal.
type Project struct {
	ID         string
	DealID     string // the won services deal in deals.csv
	Consultant string // who leads it
	Due        time.Time
	Delivered  time.Time // zero if not delivered yet
}

// Lead is one prospect who showed interest.
type Lead struct {
	ID         string
	CampaignID string    // the campaign that brought the lead, "" for none
	Created    time.Time // when the lead was generated
	Qualified  time.Time // when it was judged a real prospect; zero if not (yet)
	Converted  time.Time // when it became a paying customer; zero if not (yet)
}

// Campaign is one marketing campaign and what it achieved. The channel's
// counts are present as groups: email counts for an email campaign, reach
// and responses for an outreach (webinar, event, call), impressions and
// engagements for social posts.
type Campaign struct {
	ID                string
	Name              string
	Channel           string // "email", "social", "search", "event", ...
	Started           time.Time
	Ended             time.Time
	Cost              decimal.Decimal // everything it cost, in Currency
	AttributedRevenue decimal.Decimal // revenue attributed to it, in Currency
	Currency          string          // the reporting currency when the cell is empty

	// HasEmail reports whether the email counts are present.
	HasEmail bool
	// EmailsDelivered is the number of emails delivered; EmailsOpened, of
	// those, the number opened; EmailsClicked, of those opened, the number
	// in which a link was clicked.
	EmailsDelivered, EmailsOpened, EmailsClicked int

	// HasOutreach reports whether Reached and Responses are present.
	HasOutreach bool
	// Reached is the number of contacts the campaign reached; Responses, of
	// those, the number who responded.
	Reached, Responses int

	// HasSocial reports whether Impressions and Engagements are present.
	HasSocial bool
	// Impressions is the number of times the posts were shown; Engagements
	// the number of interactions with them (reactions, comments, shares,
	// clicks).
	Impressions, Engagements int
}

// WebsiteMonth is one month of the website's analytics.
type WebsiteMonth struct {
	Month              time.Time
	Visits             int           // visits (sessions)
	VisitsWithPurchase int           // of those, visits with a purchase
	TimeOnSite         time.Duration // total duration of the visits
}

// OperationsMonth is one month of figures about the company's own use of
// its CRM, its data and its costs.
type OperationsMonth struct {
	Month          time.Time
	LicensedUsers  int // CRM seats
	ActiveUsers    int // of those, people who used the CRM in the month
	Records        int // records in the CRM at the end of the month, duplicates included
	Duplicates     int // of those, surplus copies of a record
	RequiredFields int // required field slots over those records
	FilledFields   int // of those, slots filled
	// SalesCost is the month's sales and marketing cost other than
	// campaigns (salaries, commissions, tools), in the reporting currency.
	SalesCost decimal.Decimal
	// RetentionSpend is the month's spend on keeping customers (customer
	// success, loyalty offers), in the reporting currency.
	RetentionSpend decimal.Decimal
	Consultants    int // consultants on staff
}

// RepMonth is one sales rep's quota and activity in one month.
type RepMonth struct {
	Month time.Time
	Rep   string          // as in Deal.Owner
	Quota decimal.Decimal // revenue target, in the reporting currency
	Calls int             // sales calls made
}
