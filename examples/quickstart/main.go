// Command quickstart prints the worked examples of the article "Quels sont
// les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la
// relation client?" (in French, 3 October 2024: "What are the 7 main KPIs
// of a CRM software company?"), each computed by kpikit, next to the figure
// the article gives.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// article is the title, language and date of the article whose worked
// examples run prints.
const article = `"Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client?" (French, 3 October 2024)`

// run prints the article it follows, then one line per worked example: the
// metric, its inputs, kpikit's result and the article's. It stops at the
// first error.
func run(w io.Writer) error {
	usd := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }

	mrrGrowth, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: usd("50000"), CurrentMRR: usd("60000")})
	if err != nil {
		return err
	}
	cac, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: usd("100000"), NewCustomers: 500})
	if err != nil {
		return err
	}
	cltv, err := crm.CLTV(crm.CLTVInput{
		AveragePurchaseValue: usd("100"),
		PurchasesPerYear:     decimal.NewFromInt(4),
		LifespanYears:        decimal.NewFromInt(5),
		RetentionRate:        metrics.PercentInt(80),
	})
	if err != nil {
		return err
	}
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil {
		return err
	}
	conversion, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: 100, Converted: 20})
	if err != nil {
		return err
	}
	nps, err := crm.NPS(crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150})
	if err != nil {
		return err
	}
	resolution, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{
		TotalResolutionTime: 500 * time.Hour, TicketsResolved: 100})
	if err != nil {
		return err
	}

	rows := []struct{ metric, input, got, article string }{
		{"MRR growth rate", "MRR 50,000 -> 60,000", mrrGrowth.String(), "20%"},
		{"Customer acquisition cost", "100,000 spent / 500 new customers", cac.String(), "200"},
		{"Customer lifetime value", "(100 x 4) x 5 years x 80% retention", cltv.String(), "1600"},
		{"Churn rate", "25 lost of 500 at start", churn.String(), "5%"},
		{"Lead conversion rate", "20 converted of 100 leads", conversion.String(), "20%"},
		{"Net Promoter Score", "200 promoters, 150 passives, 150 detractors", nps.String(), "10"},
		{"Avg ticket resolution time", "500 h over 100 tickets", resolution.String(), "5h0m0s"},
	}
	fmt.Fprintf(w, "Worked examples of %s\n\n", article)
	fmt.Fprintf(w, "%-28s %-46s %-10s %s\n", "metric", "worked example", "kpikit", "article")
	for _, r := range rows {
		fmt.Fprintf(w, "%-28s %-46s %-10s %s\n", r.metric, r.input, r.got, r.article)
	}
	return nil
}
