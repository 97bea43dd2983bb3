package sales_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func ExampleDescriptors() {
	for _, d := range sales.Descriptors()[:3] {
		fmt.Printf("%s: %s (%s, %s)\n", d.ID, d.Name, d.Unit, d.Better)
	}
	// Output:
	// leads_generated: Leads generated (count, higher is better)
	// qualified_leads: Qualified leads (count, higher is better)
	// lead_conversion_rate: Lead conversion rate (percent, higher is better)
}

func ExampleDescribe() {
	d, ok := sales.Describe(sales.WinRateID)
	fmt.Println(ok, d.Name, d.Category, d.Class)
	fmt.Println(d.Formula)
	_, ok = sales.Describe("cac") // customer acquisition cost lives in crm
	fmt.Println(ok)
	// Output:
	// true Win rate sales business performance
	// Won / (Won + Lost) × 100
	// false
}

// ids lists every exported ID constant, to check that each is
// in the catalog.
var ids = []string{
	sales.LeadsGeneratedID, sales.QualifiedLeadsID, sales.LeadConversionRateID, sales.NewCustomersAcquiredID,
	sales.SalesRevenueID, sales.NewRevenueID, sales.AverageDealSizeID, sales.AverageProjectSizeID,
	sales.WinRateID, sales.CloseRateID, sales.ProposalWinRateID, sales.QuotaAttainmentID,
	sales.PipelineCoverageID, sales.SalesCycleLengthID, sales.PipelineVelocityID, sales.OpenOpportunitiesID,
	sales.RevenuePerRepID, sales.RevenuePerConsultantID, sales.SalesCallsPerRepID, sales.CampaignROIID,
	sales.AverageRevenuePerCampaignID, sales.CostPerLeadID,
}

func TestDescriptors(t *testing.T) {
	all := sales.Descriptors()
	if diff := cmp.Diff(len(ids), len(all)); diff != "" {
		t.Errorf("number of descriptors (-want +got):\n%s", diff)
	}
	snake := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	seen := map[string]bool{}
	for _, d := range all {
		if seen[d.ID] {
			t.Errorf("duplicate ID %q", d.ID)
		}
		seen[d.ID] = true
		if !snake.MatchString(d.ID) {
			t.Errorf("ID %q is not snake case", d.ID)
		}
		if d.Name == "" || d.Formula == "" {
			t.Errorf("%s: empty name or formula: %+v", d.ID, d)
		}
		if d.Category != metrics.CategorySales || d.Class != metrics.ClassBusinessPerformance {
			t.Errorf("%s: category %v, class %v", d.ID, d.Category, d.Class)
		}
		if strings.HasPrefix(d.Unit.String(), "Unit(") || strings.HasPrefix(d.Better.String(), "Direction(") {
			t.Errorf("%s: unit %v, direction %v", d.ID, d.Unit, d.Better)
		}
		got, ok := sales.Describe(d.ID)
		if !ok {
			t.Errorf("Describe(%q) found nothing", d.ID)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("Describe(%q) (-want +got):\n%s", d.ID, diff)
		}
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("ID %q has no descriptor", id)
		}
	}
	// IDs other packages rely on.
	if d, ok := sales.Describe("lead_conversion_rate"); !ok || d.Unit != metrics.UnitPercent || d.Better != metrics.HigherIsBetter {
		t.Errorf(`Describe("lead_conversion_rate") = %+v, %v`, d, ok)
	}
	// CAC has one implementation, in crm.
	if _, ok := sales.Describe("cac"); ok {
		t.Error(`sales describes "cac", which belongs to crm`)
	}
}

func TestDescriptorsDirectionsAndUnits(t *testing.T) {
	want := map[string][2]string{
		sales.LeadConversionRateID: {"percent", "higher is better"},
		sales.SalesRevenueID:       {"money", "higher is better"},
		sales.SalesCycleLengthID:   {"days", "lower is better"},
		sales.PipelineVelocityID:   {"money per day", "higher is better"},
		sales.PipelineCoverageID:   {"ratio", "higher is better"},
		sales.SalesCallsPerRepID:   {"count per person", "higher is better"},
		sales.OpenOpportunitiesID:  {"count", "higher is better"},
		sales.CostPerLeadID:        {"money", "lower is better"},
		sales.CampaignROIID:        {"percent", "higher is better"},
	}
	for id, w := range want {
		d, _ := sales.Describe(id)
		if diff := cmp.Diff(w, [2]string{d.Unit.String(), d.Better.String()}); diff != "" {
			t.Errorf("%s unit and direction (-want +got):\n%s", id, diff)
		}
	}
}

func TestDescriptorsIsACopy(t *testing.T) {
	all := sales.Descriptors()
	all[0].ID = "changed"
	if sales.Descriptors()[0].ID == "changed" {
		t.Fatal("Descriptors returned the package's own slice")
	}
	if _, ok := sales.Describe("no_such_metric"); ok {
		t.Fatal(`Describe("no_such_metric") found a descriptor`)
	}
}

// TestGlobalsIgnored computes every metric whose result involves a division
// that does not terminate, and requires the same text whatever shopspring's
// globals say.
func TestGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		put := func(v any, err error) {
			if err != nil {
				b.WriteString(err.Error())
			}
			switch x := v.(type) {
			case decimal.Decimal:
				b.WriteString(exact.Text(x))
			case metrics.Percent:
				b.WriteString(x.String())
			case map[string]decimal.Decimal:
				for _, k := range []string{"", "ann", "bob"} {
					b.WriteString(k + "=" + exact.Text(x[k]) + ",")
				}
			default:
				fmt.Fprint(&b, x)
			}
			b.WriteByte(';')
		}
		deals := append(exampleDeals(), sales.Deal{Amount: dec("1.01"), Stage: sales.StageWon, Created: q1.Start, Closed: q1.Start.Add(7 * 3600e9)})
		put(sales.LeadConversionRate(sales.LeadConversionInput{Leads: 3, Converted: 2}))
		put(sales.LeadConversionRateFromLeads(exampleLeads(), sales.Period{Start: exampleJanuary.Start, End: exampleJanuary.End.AddDate(0, 1, 0)}))
		put(sales.NewRevenue(sales.NewRevenueInput{Revenue: dec("1.23456789012345678901"), ExistingCustomerRevenue: dec("0.1")}))
		put(sales.SalesRevenue(deals, q1))
		put(sales.RevenueByOwner(deals, q1))
		put(sales.AverageDealSize(sales.DealSizeInput{WonRevenue: dec("100000"), DealsWon: 3}))
		put(sales.AverageDealSizeFromDeals(deals, q1))
		put(sales.AverageProjectSize(sales.ProjectSizeInput{ProjectRevenue: dec("2"), ProjectsWon: 7}))
		put(sales.WinRate(sales.WinRateInput{Won: 2, Lost: 1}))
		put(sales.WinRateFromDeals(deals, q1))
		put(sales.CloseRate(sales.CloseRateInput{Opportunities: 7, Won: 1}))
		put(sales.CloseRateFromDeals(deals, q1))
		put(sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: 6, ProjectsWon: 5}))
		put(sales.QuotaAttainment(sales.QuotaInput{Actual: dec("1"), Quota: dec("3")}))
		put(sales.PipelineCoverage(sales.PipelineCoverageInput{OpenPipeline: dec("100"), RemainingQuota: dec("30")}))
		put(sales.PipelineCoverageFromDeals(deals, q1, dec("70000")))
		put(sales.SalesCycleLength(deals, q1))
		put(sales.PipelineVelocity(sales.PipelineVelocityInput{OpenOpportunities: 2, WinRate: pct("66.6666666667"), AverageDealSize: dec("10000"), SalesCycleLength: dec("35")}))
		put(sales.PipelineVelocityFromDeals(deals, q1))
		put(sales.RevenuePerRep(sales.RevenuePerRepInput{Revenue: dec("10"), Reps: 3}))
		put(sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: dec("20"), Consultants: 3}))
		put(sales.SalesCallsPerRep(sales.SalesCallsInput{Calls: 100, Reps: 3}))
		put(sales.CampaignROI(sales.CampaignROIInput{AttributedRevenue: dec("1"), Cost: dec("3")}))
		put(sales.AverageRevenuePerCampaign(sales.CampaignRevenueInput{Revenue: dec("1"), Campaigns: 9}))
		put(sales.CostPerLead(sales.CostPerLeadInput{Cost: dec("1000"), Leads: 7}))
		put(sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: 500, CustomersAtEnd: 530, CustomersLost: 25}))
		put(sales.LeadsGenerated(exampleLeads(), exampleJanuary))
		put(sales.QualifiedLeads(exampleLeads(), exampleJanuary))
		put(sales.NewCustomersFromLeads(exampleLeads(), exampleJanuary))
		put(sales.OpenOpportunities(deals, q1))
		// Errors carry values formatted without the globals too.
		put(sales.SalesRevenue([]sales.Deal{{Stage: sales.StageOpen, Amount: dec("-0.000001"), Created: q1.Start}}, q1))
		return b.String()
	})
}
