package dataset_test

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// valid holds a small data set that uses every column, written by hand.
var valid = map[string]string{
	"company.csv": `name,currency,first_month,last_month,gross_margin,discount_rate
Acme,USD,2025-01,2025-12,78.5,10
`,
	"fx_rates.csv": `month,currency,rate
2025-01,EUR,1.05
2025-03,EUR,1.1
`,
	"surveys.csv": `id,customer_id,answered_at,survey,score
SV-1,C-1,2025-02-03T10:00:00Z,nps,10
SV-2,C-1,2025-02-04T10:00:00Z,csat,1
SV-3,C-2,2025-02-05T10:00:00Z,ces,7
`,
	"tickets.csv": `id,customer_id,opened_at,first_response_at,resolved_at
T-1,C-1,2025-01-02T09:00:00Z,2025-01-02T09:30:00Z,2025-01-02T12:00:00Z
T-2,C-2,2025-01-03T09:00:00Z,,
`,
	"subscriptions.csv": `id,customer_id,plan,billing,amount,currency,started_at,ended_at
S-1,C-1,Team,monthly,149.00,,2024-06-01T00:00:00Z,2025-03-01T00:00:00Z
S-2,C-1,Business,yearly,3990,USD,2025-03-01T00:00:00Z,
S-3,C-2,Starter,weekly,11.31,EUR,2025-01-10T08:00:00Z,
S-4,C-3,Starter,quarterly,139.65,,2025-02-10T08:00:00Z,2025-05-10T08:00:00Z
`,
	"deals.csv": `id,customer_id,owner,kind,amount,currency,stage,created_at,proposal_at,closed_at
D-1,C-1,Ann,new,1788.00,,won,2024-05-01T10:00:00Z,2024-05-10T10:00:00Z,2024-06-01T00:00:00Z
D-2,C-3,Ann,new,600,,lost,2025-01-01T10:00:00Z,,2025-02-01T10:00:00Z
D-3,C-2,Bob,services,12000,EUR,won,2025-01-05T10:00:00Z,2025-01-06T10:00:00Z,2025-01-20T10:00:00Z
D-4,C-4,Bob,expansion,900,,open,2025-12-01T10:00:00Z,,
`,
	"projects.csv": `id,deal_id,consultant,due_at,delivered_at
P-1,D-3,Cleo,2025-03-01T00:00:00Z,2025-03-05T00:00:00Z
P-2,D-3,Dan,2025-04-01T00:00:00Z,
`,
	"leads.csv": `id,campaign_id,created_at,qualified_at,converted_at
L-1,CMP-1,2025-01-01T10:00:00Z,2025-01-02T10:00:00Z,2025-01-10T10:00:00Z
L-2,,2025-01-03T10:00:00Z,,
`,
	"campaigns.csv": `id,name,channel,started_at,ended_at,cost,attributed_revenue,currency,emails_delivered,emails_opened,emails_clicked,reached,responses,impressions,engagements
CMP-1,Newsletter,email,2025-01-01T09:00:00Z,2025-01-08T09:00:00Z,800,1788,,5000,1200,150,,,,
CMP-2,Fair,event,2025-09-01T09:00:00Z,2025-09-03T09:00:00Z,12000,0,EUR,,,,800,120,,
CMP-3,Posts,social,2025-01-01T00:00:00Z,2025-01-31T23:59:59Z,0.125,0,,,,,,,60000,0
`,
	"website.csv": `month,visits,visits_with_purchase,time_on_site_seconds
2025-01,15000,200,2700000
`,
	"operations.csv": `month,licensed_users,active_users,records,duplicate_records,required_fields,filled_fields,sales_cost,retention_spend,consultants
2025-01,38,32,4100,90,24600,23000,61000.00,8000,4
`,
	"reps.csv": `month,rep,quota,calls
2025-01,Ann,11000,200
2025-01,Bob,11000,180
`,
}

// files returns the valid data set with some files replaced (a value of ""
// leaves the file out).
func files(replace map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range valid {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range replace {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// edit returns the valid content of file with old replaced by new, which
// must occur exactly once.
func edit(t *testing.T, file, old, new string) string {
	t.Helper()
	if n := strings.Count(valid[file], old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", file, old, n)
	}
	return strings.Replace(valid[file], old, new, 1)
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func month(s string) time.Time {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		panic(err)
	}
	return t
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// cmpOpts compares decimals and percentages by value.
var cmpOpts = []cmp.Option{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b metrics.Percent) bool { return a.Equal(b) }),
}

// wantValid is the valid data set, read by hand.
var wantValid = &dataset.Dataset{
	Company: dataset.Company{Name: "Acme", Currency: "USD", FirstMonth: month("2025-01"), LastMonth: month("2025-12"),
		GrossMargin: metrics.MustParsePercent("78.5"), DiscountRate: metrics.PercentInt(10)},
	FXRates: []dataset.FXRate{
		{Month: month("2025-01"), Currency: "EUR", Rate: dec("1.05")},
		{Month: month("2025-03"), Currency: "EUR", Rate: dec("1.1")},
	},
	Surveys: []dataset.SurveyAnswer{
		{ID: "SV-1", CustomerID: "C-1", Answered: ts("2025-02-03T10:00:00Z"), Survey: dataset.SurveyNPS, Score: 10},
		{ID: "SV-2", CustomerID: "C-1", Answered: ts("2025-02-04T10:00:00Z"), Survey: dataset.SurveyCSAT, Score: 1},
		{ID: "SV-3", CustomerID: "C-2", Answered: ts("2025-02-05T10:00:00Z"), Survey: dataset.SurveyCES, Score: 7},
	},
	Tickets: []dataset.Ticket{
		{ID: "T-1", CustomerID: "C-1", Opened: ts("2025-01-02T09:00:00Z"), FirstResponse: ts("2025-01-02T09:30:00Z"), Resolved: ts("2025-01-02T12:00:00Z")},
		{ID: "T-2", CustomerID: "C-2", Opened: ts("2025-01-03T09:00:00Z")},
	},
	Subscriptions: []dataset.Subscription{
		{ID: "S-1", CustomerID: "C-1", Plan: "Team", Billing: dataset.BillingMonthly, Amount: dec("149"),
			Started: ts("2024-06-01T00:00:00Z"), Ended: ts("2025-03-01T00:00:00Z")},
		{ID: "S-2", CustomerID: "C-1", Plan: "Business", Billing: dataset.BillingYearly, Amount: dec("3990"), Currency: "USD",
			Started: ts("2025-03-01T00:00:00Z")},
		{ID: "S-3", CustomerID: "C-2", Plan: "Starter", Billing: dataset.BillingWeekly, Amount: dec("11.31"), Currency: "EUR",
			Started: ts("2025-01-10T08:00:00Z")},
		{ID: "S-4", CustomerID: "C-3", Plan: "Starter", Billing: dataset.BillingQuarterly, Amount: dec("139.65"),
			Started: ts("2025-02-10T08:00:00Z"), Ended: ts("2025-05-10T08:00:00Z")},
	},
	Deals: []dataset.Deal{
		{ID: "D-1", CustomerID: "C-1", Owner: "Ann", Kind: dataset.KindNew, Amount: dec("1788"), Stage: dataset.StageWon,
			Created: ts("2024-05-01T10:00:00Z"), Proposal: ts("2024-05-10T10:00:00Z"), Closed: ts("2024-06-01T00:00:00Z")},
		{ID: "D-2", CustomerID: "C-3", Owner: "Ann", Kind: dataset.KindNew, Amount: dec("600"), Stage: dataset.StageLost,
			Created: ts("2025-01-01T10:00:00Z"), Closed: ts("2025-02-01T10:00:00Z")},
		{ID: "D-3", CustomerID: "C-2", Owner: "Bob", Kind: dataset.KindServices, Amount: dec("12000"), Currency: "EUR", Stage: dataset.StageWon,
			Created: ts("2025-01-05T10:00:00Z"), Proposal: ts("2025-01-06T10:00:00Z"), Closed: ts("2025-01-20T10:00:00Z")},
		{ID: "D-4", CustomerID: "C-4", Owner: "Bob", Kind: dataset.KindExpansion, Amount: dec("900"), Stage: dataset.StageOpen,
			Created: ts("2025-12-01T10:00:00Z")},
	},
	Projects: []dataset.Project{
		{ID: "P-1", DealID: "D-3", Consultant: "Cleo", Due: ts("2025-03-01T00:00:00Z"), Delivered: ts("2025-03-05T00:00:00Z")},
		{ID: "P-2", DealID: "D-3", Consultant: "Dan", Due: ts("2025-04-01T00:00:00Z")},
	},
	Leads: []dataset.Lead{
		{ID: "L-1", CampaignID: "CMP-1", Created: ts("2025-01-01T10:00:00Z"), Qualified: ts("2025-01-02T10:00:00Z"), Converted: ts("2025-01-10T10:00:00Z")},
		{ID: "L-2", Created: ts("2025-01-03T10:00:00Z")},
	},
	Campaigns: []dataset.Campaign{
		{ID: "CMP-1", Name: "Newsletter", Channel: "email", Started: ts("2025-01-01T09:00:00Z"), Ended: ts("2025-01-08T09:00:00Z"),
			Cost: dec("800"), AttributedRevenue: dec("1788"),
			HasEmail: true, EmailsDelivered: 5000, EmailsOpened: 1200, EmailsClicked: 150},
		{ID: "CMP-2", Name: "Fair", Channel: "event", Started: ts("2025-09-01T09:00:00Z"), Ended: ts("2025-09-03T09:00:00Z"),
			Cost: dec("12000"), AttributedRevenue: dec("0"), Currency: "EUR",
			HasOutreach: true, Reached: 800, Responses: 120},
		{ID: "CMP-3", Name: "Posts", Channel: "social", Started: ts("2025-01-01T00:00:00Z"), Ended: ts("2025-01-31T23:59:59Z"),
			Cost: dec("0.125"), AttributedRevenue: dec("0"),
			HasSocial: true, Impressions: 60000, Engagements: 0},
	},
	Website: []dataset.WebsiteMonth{
		{Month: month("2025-01"), Visits: 15000, VisitsWithPurchase: 200, TimeOnSite: 750 * time.Hour},
	},
	Operations: []dataset.OperationsMonth{
		{Month: month("2025-01"), LicensedUsers: 38, ActiveUsers: 32, Records: 4100, Duplicates: 90,
			RequiredFields: 24600, FilledFields: 23000, SalesCost: dec("61000"), RetentionSpend: dec("8000"), Consultants: 4},
	},
	Reps: []dataset.RepMonth{
		{Month: month("2025-01"), Rep: "Ann", Quota: dec("11000"), Calls: 200},
		{Month: month("2025-01"), Rep: "Bob", Quota: dec("11000"), Calls: 180},
	},
}

func TestLoadValid(t *testing.T) {
	got, err := dataset.Load(files(nil))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantValid, got, cmpOpts...); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

// TestLoadLenient checks the liberties DATA.md allows: columns in any order
// and in any case, omittable columns left out, a byte order mark, CRLF line
// ends, spaces around cells, blank lines, quoted cells (with a line break
// inside), and timestamps with an offset or fractional seconds.
func TestLoadLenient(t *testing.T) {
	got, err := dataset.Load(files(map[string]string{
		"tickets.csv": "\uFEFFResolved_At , id,customer_id,opened_at,first_response_at\r\n" +
			"2025-01-02T13:00:00+01:00, T-1 ,C-1,2025-01-02T09:00:00Z,2025-01-02T09:30:00.000Z\r\n" +
			"\r\n" +
			",\"T-2\",C-2,2025-01-03T09:00:00Z,\r\n",
		"leads.csv": "id,created_at,qualified_at,converted_at\nL-1,2025-01-01T10:00:00Z,,\n",
		"campaigns.csv": "id,name,channel,started_at,ended_at,cost,attributed_revenue\n" +
			"CMP-1,\"Newsletter,\nJanuary\",email,2025-01-01T09:00:00Z,2025-01-08T09:00:00Z,800,1788\n",
		"projects.csv": "id,deal_id,consultant,due_at,delivered_at\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantValid.Tickets, got.Tickets, cmpOpts...); diff != "" {
		t.Errorf("tickets (-want +got):\n%s", diff)
	}
	wantLeads := []dataset.Lead{{ID: "L-1", Created: ts("2025-01-01T10:00:00Z")}}
	if diff := cmp.Diff(wantLeads, got.Leads); diff != "" {
		t.Errorf("leads (-want +got):\n%s", diff)
	}
	wantCampaigns := []dataset.Campaign{{ID: "CMP-1", Name: "Newsletter,\nJanuary", Channel: "email",
		Started: ts("2025-01-01T09:00:00Z"), Ended: ts("2025-01-08T09:00:00Z"), Cost: dec("800"), AttributedRevenue: dec("1788")}}
	if diff := cmp.Diff(wantCampaigns, got.Campaigns, cmpOpts...); diff != "" {
		t.Errorf("campaigns (-want +got):\n%s", diff)
	}
	if len(got.Projects) != 0 {
		t.Errorf("projects = %v, want none", got.Projects)
	}
}

// TestLoadErrors checks that each kind of problem is reported with its file,
// line and column, and that no data comes with an error.
func TestLoadErrors(t *testing.T) {
	dealsHeader := "id,customer_id,owner,kind,amount,currency,stage,created_at,proposal_at,closed_at"
	tests := []struct {
		name    string
		replace map[string]string
		want    string
	}{
		// Cells.
		{"decimal comma", map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,\"12,5\",")},
			`deals.csv:3:5: amount "12,5": not a decimal (write 12.5)`},
		{"thousands separator", map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,\"1,234.50\",")},
			`deals.csv:3:5: amount "1,234.50": not a decimal (write 1234.50)`},
		{"exponent", map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,6e2,")},
			`deals.csv:3:5: amount "6e2": not a decimal`},
		{"trailing dot", map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,600.,")},
			`deals.csv:3:5: amount "600.": not a decimal`},
		{"negative amount", map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,-600,")},
			`deals.csv:3:5: amount "-600": negative`},
		{"rate zero", map[string]string{"fx_rates.csv": edit(t, "fx_rates.csv", "EUR,1.1", "EUR,0.00")},
			`fx_rates.csv:3:3: rate "0.00": not above zero`},
		{"percent above 100", map[string]string{"company.csv": edit(t, "company.csv", "78.5", "178.5")},
			`company.csv:2:5: gross_margin "178.5": outside 0..100`},
		{"percent sign", map[string]string{"company.csv": edit(t, "company.csv", "78.5", "78.5%")},
			`company.csv:2:5: gross_margin "78.5%": not a decimal`},
		{"time with a space", map[string]string{"tickets.csv": edit(t, "tickets.csv", "T-2,C-2,2025-01-03T09:00:00Z", "T-2,C-2,2025-01-03 09:00")},
			`tickets.csv:3:3: opened_at "2025-01-03 09:00": not an RFC 3339 time (write 2025-03-14T09:30:00Z)`},
		{"date only", map[string]string{"leads.csv": edit(t, "leads.csv", "2025-01-03T10:00:00Z", "2025-01-03")},
			`leads.csv:3:3: created_at "2025-01-03": not an RFC 3339 time (write 2025-03-14T09:30:00Z)`},
		{"time without zone", map[string]string{"leads.csv": edit(t, "leads.csv", "2025-01-03T10:00:00Z", "2025-01-03T10:00:00")},
			`leads.csv:3:3: created_at "2025-01-03T10:00:00": not an RFC 3339 time (write 2025-03-14T09:30:00Z)`},
		{"month as a date", map[string]string{"reps.csv": edit(t, "reps.csv", "2025-01,Bob", "2025-01-01,Bob")},
			`reps.csv:3:1: month "2025-01-01": not a month (write 2025-03)`},
		{"month 13", map[string]string{"reps.csv": edit(t, "reps.csv", "2025-01,Bob", "2025-13,Bob")},
			`reps.csv:3:1: month "2025-13": not a month (write 2025-03)`},
		{"count with decimals", map[string]string{"reps.csv": edit(t, "reps.csv", "180", "180.0")},
			`reps.csv:3:4: calls "180.0": not a whole number`},
		{"negative count", map[string]string{"reps.csv": edit(t, "reps.csv", "180", "-180")},
			`reps.csv:3:4: calls "-180": negative`},
		{"huge count", map[string]string{"reps.csv": edit(t, "reps.csv", "180", "99999999999999999999")},
			`reps.csv:3:4: calls "99999999999999999999": too large`},
		{"seconds not a number", map[string]string{"website.csv": edit(t, "website.csv", "2700000", "45m")},
			`website.csv:2:4: time_on_site_seconds "45m": not a whole number`},
		{"currency name", map[string]string{"deals.csv": edit(t, "deals.csv", "12000,EUR", "12000,EURO")},
			`deals.csv:4:6: currency "EURO": not a currency code (write EUR)`},
		{"huge seconds", map[string]string{"website.csv": edit(t, "website.csv", "2700000", "9300000000000")},
			`website.csv:2:4: time_on_site_seconds "9300000000000": too large`},
		{"score not a number", map[string]string{"surveys.csv": edit(t, "surveys.csv", "ces,7", "ces,seven")},
			`surveys.csv:4:5: score "seven": not a whole number`},
		{"huge score", map[string]string{"surveys.csv": edit(t, "surveys.csv", "ces,7", "ces,-99999999999999999999")},
			`surveys.csv:4:5: score "-99999999999999999999": too large`},
		{"currency lower case", map[string]string{"deals.csv": edit(t, "deals.csv", "12000,EUR", "12000,eur")},
			`deals.csv:4:6: currency "eur": not a currency code (write EUR)`},
		{"currency symbol", map[string]string{"deals.csv": edit(t, "deals.csv", "12000,EUR", "12000,€")},
			`deals.csv:4:6: currency "€": not a currency code (write EUR)`},
		{"unknown stage", map[string]string{"deals.csv": edit(t, "deals.csv", ",open,", ",closed,")},
			`deals.csv:5:7: stage "closed": not one of open, won, lost`},
		{"unknown survey", map[string]string{"surveys.csv": edit(t, "surveys.csv", "csat,1", "CSAT,1")},
			`surveys.csv:3:4: survey "CSAT": not one of nps, csat, ces`},
		{"empty required cell", map[string]string{"deals.csv": edit(t, "deals.csv", "D-4,C-4,Bob", "D-4,C-4, ")},
			`deals.csv:5:3: owner "": empty, but a value is required`},
		{"every bad cell of a row", map[string]string{"deals.csv": edit(t, "deals.csv", "D-2,C-3,Ann,new,600,", "D-2,C-3,Ann,old,6OO,")},
			"deals.csv:3:4: kind \"old\": not one of new, expansion, services\n" +
				`deals.csv:3:5: amount "6OO": not a decimal`},

		// Rows and header.
		{"missing column", map[string]string{"deals.csv": "id,customer_id,owner,kind,currency,stage,created_at,proposal_at,closed_at\n" +
			"D-1,C-1,Ann,new,,won,2024-05-01T10:00:00Z,,2024-06-01T00:00:00Z\n"},
			`deals.csv:1:10: missing column "amount"`},
		{"unknown column", map[string]string{"deals.csv": edit(t, "deals.csv", dealsHeader, strings.Replace(dealsHeader, "closed_at", "closed_on", 1))},
			"deals.csv:1:10: column \"closed_on\": unknown (the columns are " + strings.ReplaceAll(dealsHeader, ",", ", ") + ")\n" +
				`deals.csv:1:11: missing column "closed_at" (required even if every cell is empty: won and lost deals need it, and open deals leave it empty)`},
		{"missing ended_at column", map[string]string{"subscriptions.csv": "id,customer_id,plan,billing,amount,currency,started_at\n"},
			`subscriptions.csv:1:8: missing column "ended_at" (required even if every cell is empty: without it every subscription would count as active to this day)`},
		{"missing resolved_at column", map[string]string{"tickets.csv": "id,customer_id,opened_at,first_response_at\n"},
			`tickets.csv:1:5: missing column "resolved_at" (required even if every cell is empty: without it every ticket would count as still open)`},
		{"not UTF-8", map[string]string{"reps.csv": edit(t, "reps.csv", "Bob", "Bj\xf6rn")},
			`reps.csv:3: not UTF-8 text (save the file as UTF-8; a spreadsheet's "CSV UTF-8" export does)`},
		{"one quoted header cell", map[string]string{"reps.csv": "\"month,rep,quota,calls\"\n"},
			`reps.csv:1:1: one column "month,rep,quota,calls": separate the columns with commas, semicolons or tabs, the same on every line`},
		{"semicolons and a decimal comma", map[string]string{"reps.csv": strings.Replace(strings.ReplaceAll(valid["reps.csv"], ",", ";"), "Bob;11000", "Bob;11000,5", 1)},
			`reps.csv:3:3: quota "11000,5": not a decimal (write 11000.5)`},
		{"tabs", map[string]string{"reps.csv": strings.Replace(strings.ReplaceAll(valid["reps.csv"], ",", "\t"), "Bob\t11000", "Bob\t1,234", 1)},
			`reps.csv:3:3: quota "1,234": not a decimal (write 1234 if the comma separates thousands, or 1.234 if it is a decimal comma)`},
		{"duplicate column", map[string]string{"website.csv": "month,visits,visits,visits_with_purchase,time_on_site_seconds\n"},
			`website.csv:1:3: column "visits": duplicate of column 2`},
		{"empty file", map[string]string{"website.csv": "\n"},
			"website.csv:1:1: empty file: the first line must name the columns (month, visits, visits_with_purchase, time_on_site_seconds)"},
		{"missing company file", map[string]string{"company.csv": ""},
			"company.csv: missing file (it is required; see DATA.md for its columns)"},
		{"campaign of a missing file", map[string]string{"campaigns.csv": ""},
			`leads.csv:2:2: campaign_id "CMP-1": not in campaigns.csv, which is missing`},
		{"too few cells", map[string]string{"deals.csv": edit(t, "deals.csv", "2025-12-01T10:00:00Z,,", "2025-12-01T10:00:00Z,")},
			"deals.csv:5:10: 9 cells, but the header has 10 columns"},
		{"too many cells", map[string]string{"reps.csv": edit(t, "reps.csv", "Bob,11000,180", "Bob,11000,180,12")},
			"reps.csv:3:5: 5 cells, but the header has 4 columns"},
		{"stray quote", map[string]string{"tickets.csv": edit(t, "tickets.csv", "T-2,C-2", `T-2,C"2`)},
			`tickets.csv:3:6: bare " in non-quoted-field`},
		{"unclosed quote in header", map[string]string{"reps.csv": "month,\"rep,quota,calls\n"},
			`reps.csv:1:24: extraneous or missing " in quoted-field`}, // where encoding/csv reports it
		{"line numbers after a quoted line break", map[string]string{"campaigns.csv": strings.NewReplacer(
			"CMP-2,Fair,event", "CMP-2,\"Fair\n2025\",event", "23:59:59Z", "23:59:5Z").Replace(valid["campaigns.csv"])},
			`campaigns.csv:5:5: ended_at "2025-01-31T23:59:5Z": not an RFC 3339 time (write 2025-03-14T09:30:00Z)`},
		{"duplicate id", map[string]string{"tickets.csv": edit(t, "tickets.csv", "T-2,", "T-1,")},
			`tickets.csv:3:1: id "T-1": duplicate of line 2`},
		{"duplicate key of two columns", map[string]string{"reps.csv": edit(t, "reps.csv", "Bob", "Ann")},
			`reps.csv:3:1: month "2025-01", rep "Ann": duplicate of line 2`},

		// Rules within a row.
		{"score off the scale", map[string]string{"surveys.csv": edit(t, "surveys.csv", "nps,10", "nps,11")},
			`surveys.csv:2:5: score "11": outside 0..10 for a nps answer`},
		{"csat zero", map[string]string{"surveys.csv": edit(t, "surveys.csv", "csat,1", "csat,0")},
			`surveys.csv:3:5: score "0": outside 1..5 for a csat answer`},
		{"ces eight", map[string]string{"surveys.csv": edit(t, "surveys.csv", "ces,7", "ces,8")},
			`surveys.csv:4:5: score "8": outside 1..7 for a ces answer`},
		{"response before opening", map[string]string{"tickets.csv": edit(t, "tickets.csv", "2025-01-02T09:30:00Z", "2025-01-02T08:30:00Z")},
			`tickets.csv:2:4: first_response_at "2025-01-02T08:30:00Z": before opened_at 2025-01-02T09:00:00Z`},
		{"resolved before opening", map[string]string{"tickets.csv": edit(t, "tickets.csv", "T-2,C-2,2025-01-03T09:00:00Z,,", "T-2,C-2,2025-01-03T09:00:00Z,,2025-01-03T08:00:00Z")},
			`tickets.csv:3:5: resolved_at "2025-01-03T08:00:00Z": before opened_at 2025-01-03T09:00:00Z`},
		{"resolved before response", map[string]string{"tickets.csv": edit(t, "tickets.csv", "2025-01-02T12:00:00Z", "2025-01-02T09:15:00Z")},
			`tickets.csv:2:5: resolved_at "2025-01-02T09:15:00Z": before first_response_at 2025-01-02T09:30:00Z`},
		{"subscription ends as it starts", map[string]string{"subscriptions.csv": edit(t, "subscriptions.csv", "2025-05-10T08:00:00Z", "2025-02-10T08:00:00Z")},
			`subscriptions.csv:5:8: ended_at "2025-02-10T08:00:00Z": not after started_at 2025-02-10T08:00:00Z`},
		{"open deal closed", map[string]string{"deals.csv": edit(t, "deals.csv", "2025-12-01T10:00:00Z,,", "2025-12-01T10:00:00Z,,2025-12-02T10:00:00Z")},
			`deals.csv:5:10: closed_at "2025-12-02T10:00:00Z": set, but the deal is open`},
		{"lost deal not closed", map[string]string{"deals.csv": edit(t, "deals.csv", ",,2025-02-01T10:00:00Z", ",,")},
			`deals.csv:3:10: closed_at "": empty, but required for a lost deal`},
		{"closed before created", map[string]string{"deals.csv": edit(t, "deals.csv", ",,2025-02-01T10:00:00Z", ",,2024-12-01T10:00:00Z")},
			`deals.csv:3:10: closed_at "2024-12-01T10:00:00Z": before created_at 2025-01-01T10:00:00Z`},
		{"proposal before created", map[string]string{"deals.csv": edit(t, "deals.csv", "2025-01-06T10:00:00Z", "2025-01-04T10:00:00Z")},
			`deals.csv:4:9: proposal_at "2025-01-04T10:00:00Z": before created_at 2025-01-05T10:00:00Z`},
		{"proposal after closed", map[string]string{"deals.csv": edit(t, "deals.csv", "2025-01-06T10:00:00Z", "2025-01-21T10:00:00Z")},
			`deals.csv:4:9: proposal_at "2025-01-21T10:00:00Z": after closed_at 2025-01-20T10:00:00Z`},
		{"qualified before created", map[string]string{"leads.csv": edit(t, "leads.csv", "2025-01-02T10:00:00Z", "2024-12-31T10:00:00Z")},
			`leads.csv:2:4: qualified_at "2024-12-31T10:00:00Z": before created_at 2025-01-01T10:00:00Z`},
		{"converted before created", map[string]string{"leads.csv": edit(t, "leads.csv", "2025-01-10T10:00:00Z", "2024-12-31T10:00:00Z")},
			`leads.csv:2:5: converted_at "2024-12-31T10:00:00Z": before created_at 2025-01-01T10:00:00Z`},
		{"campaign ends before it starts", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "2025-09-03T09:00:00Z", "2025-08-03T09:00:00Z")},
			`campaigns.csv:3:5: ended_at "2025-08-03T09:00:00Z": before started_at 2025-09-01T09:00:00Z`},
		{"email counts incomplete", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "5000,1200,150", "5000,,150")},
			`campaigns.csv:2:10: emails_opened "": empty, but the other email counts are set (give all three or none)`},
		{"outreach incomplete", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", ",,,800,120,,", ",,,,120,,")},
			`campaigns.csv:3:12: reached "": empty, but the other of reached and responses is set (give both or none)`},
		{"social incomplete", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "60000,0", "60000,")},
			`campaigns.csv:4:15: engagements "": empty, but the other of impressions and engagements is set (give both or none)`},
		{"opens above deliveries", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "5000,1200,150", "5000,5001,150")},
			`campaigns.csv:2:10: emails_opened "5001": more than emails_delivered 5000`},
		{"clicks above opens", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "5000,1200,150", "5000,1200,1201")},
			`campaigns.csv:2:11: emails_clicked "1201": more than emails_opened 1200`},
		{"responses above reach", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "800,120", "800,801")},
			`campaigns.csv:3:13: responses "801": more than reached 800`},
		{"purchases above visits", map[string]string{"website.csv": edit(t, "website.csv", "15000,200", "150,200")},
			`website.csv:2:3: visits_with_purchase "200": more than visits 150`},
		{"active above licensed", map[string]string{"operations.csv": edit(t, "operations.csv", "38,32", "38,39")},
			`operations.csv:2:3: active_users "39": more than licensed_users 38`},
		{"duplicates above records", map[string]string{"operations.csv": edit(t, "operations.csv", "4100,90", "4100,4101")},
			`operations.csv:2:5: duplicate_records "4101": more than records 4100`},
		{"filled above required", map[string]string{"operations.csv": edit(t, "operations.csv", "24600,23000", "24600,24601")},
			`operations.csv:2:7: filled_fields "24601": more than required_fields 24600`},
		{"period backwards", map[string]string{"company.csv": edit(t, "company.csv", "2025-01,2025-12", "2025-01,2024-12")},
			`company.csv:2:4: last_month "2024-12": before first_month 2025-01`},

		// Rules across rows and files.
		{"no company", map[string]string{"company.csv": "name,currency,first_month,last_month,gross_margin,discount_rate\n"},
			"company.csv:2:1: no company row (the file needs exactly one, below its header)"},
		{"two companies", map[string]string{"company.csv": valid["company.csv"] + "\nBeta,EUR,2025-01,2025-12,70,8\n"},
			"company.csv:4:1: a second company row (the file needs exactly one)"},
		{"rate for the reporting currency", map[string]string{"fx_rates.csv": valid["fx_rates.csv"] + "2025-01,USD,1\n"},
			`fx_rates.csv:4:2: currency "USD": the reporting currency (company.csv), which needs no rate`},
		{"currency without a rate", map[string]string{"subscriptions.csv": edit(t, "subscriptions.csv", "11.31,EUR", "11.31,GBP")},
			`subscriptions.csv:4:6: currency "GBP": no exchange rate from GBP to the reporting currency USD in fx_rates.csv`},
		{"deal currency without a rate", map[string]string{"deals.csv": edit(t, "deals.csv", "12000,EUR", "12000,CHF")},
			`deals.csv:4:6: currency "CHF": no exchange rate from CHF to the reporting currency USD in fx_rates.csv`},
		{"campaign currency without a rate", map[string]string{"campaigns.csv": edit(t, "campaigns.csv", "12000,0,EUR", "12000,0,SEK")},
			`campaigns.csv:3:8: currency "SEK": no exchange rate from SEK to the reporting currency USD in fx_rates.csv`},
		{"unknown campaign", map[string]string{"leads.csv": edit(t, "leads.csv", "CMP-1", "CMP-9")},
			`leads.csv:2:2: campaign_id "CMP-9": not in campaigns.csv`},
		{"unknown deal", map[string]string{"projects.csv": edit(t, "projects.csv", "P-2,D-3", "P-2,D-9")},
			`projects.csv:3:2: deal_id "D-9": not in deals.csv`},
		{"project of a lost deal", map[string]string{"projects.csv": edit(t, "projects.csv", "P-2,D-3", "P-2,D-2")},
			`projects.csv:3:2: deal_id "D-2": a lost new deal, but a project needs a won services deal`},

		// Several problems, in file order.
		{"problems in two files", map[string]string{
			"reps.csv":    edit(t, "reps.csv", "180", "x"),
			"surveys.csv": edit(t, "surveys.csv", "nps,10", "nps,11"),
		}, `surveys.csv:2:5: score "11": outside 0..10 for a nps answer` + "\n" + `reps.csv:3:4: calls "x": not a whole number`},
		{"cross-file checks wait for valid files", map[string]string{
			"leads.csv":   edit(t, "leads.csv", "CMP-1", "CMP-9"),
			"surveys.csv": edit(t, "surveys.csv", "nps,10", "nps,11"),
		}, `surveys.csv:2:5: score "11": outside 0..10 for a nps answer`},
		{"stops at ten", map[string]string{
			"fx_rates.csv": "month,currency,rate\n" + strings.Repeat("2025-1,eur,0\n", 5),
			"reps.csv":     "", // not read: a missing file would be the eleventh problem
		}, tenFXErrors()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dataset.Load(files(tt.replace))
			if got != nil {
				t.Errorf("Load returned data with the error")
			}
			if err == nil {
				t.Fatalf("Load: no error, want\n%s", tt.want)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			var e *dataset.Error
			if !errors.As(err, &e) || e.File == "" {
				t.Errorf("errors.As(%v) found no *dataset.Error naming its file", err)
			}
		})
	}
}

// tenFXErrors is the message for rows of fx_rates.csv with three bad cells
// each: the first ten problems, then a note.
func tenFXErrors() string {
	var lines []string
	for line := 2; len(lines) < 10; line++ {
		l := "fx_rates.csv:" + itoa(line)
		lines = append(lines, l+`:1: month "2025-1": not a month (write 2025-03)`,
			l+`:2: currency "eur": not a currency code (write EUR)`, l+`:3: rate "0": not above zero`)
	}
	return strings.Join(append(lines[:10], "(stopped at 10 errors; there may be more)"), "\n")
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestErrorFields(t *testing.T) {
	_, err := dataset.Load(files(map[string]string{"deals.csv": edit(t, "deals.csv", "C-3,Ann,new,600,", "C-3,Ann,new,\"12,5\",")}))
	var e *dataset.Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As(%v, *Error) = false", err)
	}
	want := dataset.Error{File: "deals.csv", Line: 3, Column: 5, Msg: `amount "12,5": not a decimal (write 12.5)`}
	if diff := cmp.Diff(want, *e); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		e    dataset.Error
		want string
	}{
		{dataset.Error{File: "a.csv", Msg: "m"}, "a.csv: m"},
		{dataset.Error{File: "a.csv", Line: 2, Msg: "m"}, "a.csv:2: m"},
		{dataset.Error{File: "a.csv", Line: 2, Column: 3, Msg: "m"}, "a.csv:2:3: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// TestEncodeRoundTrip checks that Encode writes what Load reads: the valid
// data set read, written and read again is the same, and writing it again
// gives the same bytes.
func TestEncodeRoundTrip(t *testing.T) {
	d, err := dataset.Load(files(nil))
	if err != nil {
		t.Fatal(err)
	}
	first := dataset.Encode(d)
	fsys := fstest.MapFS{}
	for _, f := range first {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	again, err := dataset.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, again, cmpOpts...); diff != "" {
		t.Errorf("Load(Encode(d)) (-want +got):\n%s", diff)
	}
	second := dataset.Encode(again)
	for i := range first {
		if string(first[i].Data) != string(second[i].Data) {
			t.Errorf("%s: second encoding differs:\n%s\n---\n%s", first[i].Name, first[i].Data, second[i].Data)
		}
	}
	// The canonical forms: money with two decimals unless it has more, an
	// absent value as an empty cell, whole seconds.
	for _, f := range first {
		switch f.Name {
		case "campaigns.csv":
			for _, want := range []string{",800.00,1788.00,,5000,1200,150,,,,\n", ",0.125,0.00,,,,,,,60000,0\n"} {
				if !strings.Contains(string(f.Data), want) {
					t.Errorf("campaigns.csv lacks %q:\n%s", want, f.Data)
				}
			}
		case "website.csv":
			if want := "2025-01,15000,200,2700000\n"; !strings.HasSuffix(string(f.Data), want) {
				t.Errorf("website.csv does not end with %q:\n%s", want, f.Data)
			}
		}
	}
}

// TestLoadCommittedData checks that the example's committed data loads and
// is in canonical form: encoding it gives back the files' bytes.
func TestLoadCommittedData(t *testing.T) {
	fsys := os.DirFS("../../data")
	d, err := dataset.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range dataset.Encode(d) {
		data, err := os.ReadFile("../../data/" + f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != string(f.Data) {
			t.Errorf("%s is not what Encode writes for its content", f.Name)
		}
	}
}

func TestConvert(t *testing.T) {
	d := &dataset.Dataset{
		Company: dataset.Company{Currency: "USD"},
		FXRates: []dataset.FXRate{
			{Month: month("2025-03"), Currency: "EUR", Rate: dec("1.1")},
			{Month: month("2025-01"), Currency: "EUR", Rate: dec("1.05")},
			{Month: month("2025-02"), Currency: "GBP", Rate: dec("1.25")},
			{Month: month("2025-06"), Currency: "EUR", Rate: dec("1.2")},
		},
	}
	tests := []struct {
		name     string
		amount   string
		currency string
		at       string
		want     string
		ok       bool
	}{
		{"reporting currency", "100", "USD", "2025-03-10T00:00:00Z", "100", true},
		{"empty currency", "100", "", "2025-03-10T00:00:00Z", "100", true},
		{"rate of the month", "100", "EUR", "2025-03-10T00:00:00Z", "110", true},
		{"first instant of the month", "100", "EUR", "2025-03-01T00:00:00Z", "110", true},
		{"last instant of the month before", "100", "EUR", "2025-02-28T23:59:59Z", "105", true},
		{"month without a rate takes the one before", "100", "EUR", "2025-05-31T00:00:00Z", "110", true},
		{"before the first rate", "100", "EUR", "2024-01-01T00:00:00Z", "105", true},
		{"after the last rate", "100", "EUR", "2027-01-01T00:00:00Z", "120", true},
		{"another currency's rates", "10.10", "GBP", "2025-01-15T00:00:00Z", "12.625", true},
		{"exact product", "0.01", "EUR", "2025-01-15T00:00:00Z", "0.0105", true},
		{"no rate", "100", "CHF", "2025-01-15T00:00:00Z", "0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := d.Convert(dec(tt.amount), tt.currency, ts(tt.at))
			if ok != tt.ok || !got.Equal(dec(tt.want)) {
				t.Errorf("Convert(%s %s, %s) = %s, %v; want %s, %v", tt.amount, tt.currency, tt.at, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestEnums(t *testing.T) {
	scales := map[dataset.Survey][2]int{
		dataset.SurveyNPS: {0, 10}, dataset.SurveyCSAT: {1, 5}, dataset.SurveyCES: {1, 7}, "other": {0, -1},
	}
	for s, want := range scales {
		if lo, hi := s.Scale(); lo != want[0] || hi != want[1] {
			t.Errorf("%q.Scale() = %d, %d; want %d, %d", s, lo, hi, want[0], want[1])
		}
	}
	periods := map[dataset.Billing]int{
		dataset.BillingWeekly: 52, dataset.BillingMonthly: 12, dataset.BillingQuarterly: 4, dataset.BillingYearly: 1, "daily": 0,
	}
	for b, want := range periods {
		if got := b.PeriodsPerYear(); got != want {
			t.Errorf("%q.PeriodsPerYear() = %d, want %d", b, got, want)
		}
	}
	c := dataset.Company{LastMonth: month("2025-12")}
	if got, want := c.PeriodEnd(), month("2026-01"); !got.Equal(want) {
		t.Errorf("PeriodEnd() = %v, want %v", got, want)
	}
}

func TestCounts(t *testing.T) {
	d, err := dataset.Load(files(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []dataset.FileCount{
		{"company.csv", 1}, {"fx_rates.csv", 2}, {"surveys.csv", 3}, {"tickets.csv", 2},
		{"subscriptions.csv", 4}, {"deals.csv", 4}, {"projects.csv", 2}, {"leads.csv", 2},
		{"campaigns.csv", 3}, {"website.csv", 1}, {"operations.csv", 1}, {"reps.csv", 2},
	}
	if diff := cmp.Diff(want, d.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
}

// TestLoadMissingFiles checks that a file left out means no records of its
// kind, listed in Missing, and that only company.csv is required (the
// missing company file and a reference into a missing file are errors in
// TestLoadErrors).
func TestLoadMissingFiles(t *testing.T) {
	replace := map[string]string{}
	for name := range valid {
		if name != "company.csv" && name != "subscriptions.csv" && name != "fx_rates.csv" { // a subscription is in EUR
			replace[name] = ""
		}
	}
	got, err := dataset.Load(files(replace))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"surveys.csv", "tickets.csv", "deals.csv", "projects.csv", "leads.csv",
		"campaigns.csv", "website.csv", "operations.csv", "reps.csv"}
	if diff := cmp.Diff(want, got.Missing); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	if !got.Has("subscriptions.csv") || got.Has("tickets.csv") || len(got.Subscriptions) == 0 || got.Tickets != nil {
		t.Errorf("Has(subscriptions.csv) = %v, Has(tickets.csv) = %v, %d subscriptions, tickets %v",
			got.Has("subscriptions.csv"), got.Has("tickets.csv"), len(got.Subscriptions), got.Tickets)
	}
}
