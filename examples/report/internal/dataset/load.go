package dataset

import (
	"io/fs"
	"time"

	"github.com/shopspring/decimal"
)

// Load reads the data files from fsys (the embedded default, or os.DirFS of
// the user's directory) and checks them: every cell, the rules between the
// cells of a row, and the references between files.
//
// Only company.csv is required: a missing file means no records of its
// kind, and Dataset.Missing lists it. When company.csv is missing or a file
// is not valid, Load returns a nil Dataset and an *Errors listing the
// problems (up to 10), each an *Error located at a file, a line and a
// column. It never returns part of the data.
func Load(fsys fs.FS) (*Dataset, error) {
	var errs errorList
	company := companyTable.read(fsys, &errs, false)
	fx := readIfRoom(&fxTable, fsys, &errs)
	surveys := readIfRoom(&surveyTable, fsys, &errs)
	tickets := readIfRoom(&ticketTable, fsys, &errs)
	subs := readIfRoom(&subscriptionTable, fsys, &errs)
	deals := readIfRoom(&dealTable, fsys, &errs)
	projects := readIfRoom(&projectTable, fsys, &errs)
	leads := readIfRoom(&leadTable, fsys, &errs)
	campaigns := readIfRoom(&campaignTable, fsys, &errs)
	website := readIfRoom(&websiteTable, fsys, &errs)
	operations := readIfRoom(&operationsTable, fsys, &errs)
	reps := readIfRoom(&repTable, fsys, &errs)
	if err := errs.err(); err != nil {
		return nil, err
	}

	// company.csv holds exactly one row.
	switch len(company.items) {
	case 0:
		errs.add(&Error{File: companyTable.file, Line: 2, Column: 1, Msg: "no company row (the file needs exactly one, below its header)"})
	case 1:
	default:
		errs.add(&Error{File: companyTable.file, Line: company.lines[1], Column: 1, Msg: "a second company row (the file needs exactly one)"})
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	var missing []string
	for _, m := range []struct {
		file    string
		present bool
	}{
		{fxTable.file, fx != nil}, {surveyTable.file, surveys != nil}, {ticketTable.file, tickets != nil},
		{subscriptionTable.file, subs != nil}, {dealTable.file, deals != nil}, {projectTable.file, projects != nil},
		{leadTable.file, leads != nil}, {campaignTable.file, campaigns != nil}, {websiteTable.file, website != nil},
		{operationsTable.file, operations != nil}, {repTable.file, reps != nil},
	} {
		if !m.present {
			missing = append(missing, m.file)
		}
	}
	d := &Dataset{
		Missing:       missing,
		Company:       company.items[0],
		FXRates:       fx.list(),
		Surveys:       surveys.list(),
		Tickets:       tickets.list(),
		Subscriptions: subs.list(),
		Deals:         deals.list(),
		Projects:      projects.list(),
		Leads:         leads.list(),
		Campaigns:     campaigns.list(),
		Website:       website.list(),
		Operations:    operations.list(),
		Reps:          reps.list(),
	}

	// Currencies: fx_rates.csv converts foreign currencies to the reporting
	// currency, and every foreign currency used has a rate.
	reporting := d.Company.Currency
	rated := map[string]bool{}
	for i, r := range fx.list() {
		if r.Currency == reporting {
			errs.cell(fxTable.file, fx.lines[i], fx.cols["currency"], "currency", r.Currency,
				"the reporting currency (company.csv), which needs no rate")
		}
		rated[r.Currency] = true
	}
	checkCurrency := func(file string, line, col int, cur string) {
		if cur != "" && cur != reporting && !rated[cur] {
			errs.cell(file, line, col, "currency", cur, noRate(cur, reporting, fx != nil))
		}
	}
	for i, r := range subs.list() {
		checkCurrency(subscriptionTable.file, subs.lines[i], subs.cols["currency"], r.Currency)
	}
	for i, r := range deals.list() {
		checkCurrency(dealTable.file, deals.lines[i], deals.cols["currency"], r.Currency)
	}
	for i, r := range campaigns.list() {
		checkCurrency(campaignTable.file, campaigns.lines[i], campaigns.cols["currency"], r.Currency)
	}

	// A lead's campaign is in campaigns.csv.
	campaignIDs := map[string]bool{}
	for _, c := range campaigns.list() {
		campaignIDs[c.ID] = true
	}
	for i, l := range leads.list() {
		if l.CampaignID != "" && !campaignIDs[l.CampaignID] {
			errs.cell(leadTable.file, leads.lines[i], leads.cols["campaign_id"], "campaign_id", l.CampaignID, notIn(campaignTable.file, campaigns != nil))
		}
	}

	// A project's deal is a won services deal in deals.csv.
	dealByID := map[string]*Deal{}
	for i := range deals.list() {
		dealByID[deals.list()[i].ID] = &deals.list()[i]
	}
	for i, p := range projects.list() {
		line, col := projects.lines[i], projects.cols["deal_id"]
		switch dl := dealByID[p.DealID]; {
		case dl == nil:
			errs.cell(projectTable.file, line, col, "deal_id", p.DealID, notIn(dealTable.file, deals != nil))
		case dl.Kind != KindServices || dl.Stage != StageWon:
			errs.cell(projectTable.file, line, col, "deal_id", p.DealID,
				"a "+string(dl.Stage)+" "+string(dl.Kind)+" deal, but a project needs a won services deal")
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// noRate says that currency cur has no exchange rate to the reporting
// currency: no row for it in fx_rates.csv, or no fx_rates.csv at all.
func noRate(cur, reporting string, haveRates bool) string {
	if !haveRates {
		return "no exchange rate from " + cur + " to the reporting currency " + reporting + ": there is no fx_rates.csv"
	}
	return "no exchange rate from " + cur + " to the reporting currency " + reporting + " in fx_rates.csv"
}

// notIn says that a reference is not in file, or that file is missing.
func notIn(file string, present bool) string {
	if !present {
		return "not in " + file + ", which is missing"
	}
	return "not in " + file
}

// readIfRoom reads t unless errs is full already.
func readIfRoom[R any](t *table[R], fsys fs.FS, errs *errorList) *rows[R] {
	if errs.full() {
		return nil
	}
	return t.read(fsys, errs, true)
}

// list returns the rows read, none for a missing file.
func (r *rows[R]) list() []R {
	if r == nil {
		return nil
	}
	return r.items
}

// File is one data file's name and content.
type File struct {
	Name string
	Data []byte
}

// Encode writes d in the layout Load reads: one file per table, with every
// column, in a fixed order, so that the same Dataset always gives the same
// bytes. It does not check d: Load the result to do so.
func Encode(d *Dataset) []File {
	return []File{
		{companyTable.file, companyTable.encode([]Company{d.Company})},
		{fxTable.file, fxTable.encode(d.FXRates)},
		{surveyTable.file, surveyTable.encode(d.Surveys)},
		{ticketTable.file, ticketTable.encode(d.Tickets)},
		{subscriptionTable.file, subscriptionTable.encode(d.Subscriptions)},
		{dealTable.file, dealTable.encode(d.Deals)},
		{projectTable.file, projectTable.encode(d.Projects)},
		{leadTable.file, leadTable.encode(d.Leads)},
		{campaignTable.file, campaignTable.encode(d.Campaigns)},
		{websiteTable.file, websiteTable.encode(d.Website)},
		{operationsTable.file, operationsTable.encode(d.Operations)},
		{repTable.file, repTable.encode(d.Reps)},
	}
}

// Convert returns amount, in currency, in the reporting currency: unchanged
// when currency is empty or the reporting currency, and otherwise multiplied
// by the currency's rate for the month of at. Before the first month with a
// rate the first rate applies, and after the last the last; a month without
// a rate between two others takes the one before it. It reports false if
// the currency has no rate at all (Load refuses such data).
//
// The product is exact: a rate is a multiplier, never a divisor.
func (d *Dataset) Convert(amount decimal.Decimal, currency string, at time.Time) (decimal.Decimal, bool) {
	if currency == "" || currency == d.Company.Currency {
		return amount, true
	}
	var latest, first *FXRate // the latest month not after at; the first month
	for i := range d.FXRates {
		r := &d.FXRates[i]
		if r.Currency != currency {
			continue
		}
		if first == nil || r.Month.Before(first.Month) {
			first = r
		}
		if !r.Month.After(at) && (latest == nil || r.Month.After(latest.Month)) {
			latest = r
		}
	}
	rate := latest
	if rate == nil {
		rate = first
	}
	if rate == nil {
		return decimal.Decimal{}, false
	}
	return amount.Mul(rate.Rate), true
}

// Counts returns the number of rows of each file, by file name, in the
// order of Encode.
func (d *Dataset) Counts() []FileCount {
	return []FileCount{
		{companyTable.file, 1},
		{fxTable.file, len(d.FXRates)},
		{surveyTable.file, len(d.Surveys)},
		{ticketTable.file, len(d.Tickets)},
		{subscriptionTable.file, len(d.Subscriptions)},
		{dealTable.file, len(d.Deals)},
		{projectTable.file, len(d.Projects)},
		{leadTable.file, len(d.Leads)},
		{campaignTable.file, len(d.Campaigns)},
		{websiteTable.file, len(d.Website)},
		{operationsTable.file, len(d.Operations)},
		{repTable.file, len(d.Reps)},
	}
}

// FileCount is the number of rows of one file.
type FileCount struct {
	File string
	Rows int
}
