package sales_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

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
	d, ok := sales.Describe("win_rate")
	fmt.Println(ok, d.Name, d.Category, d.Class)
	fmt.Println(d.Formula)
	_, ok = sales.Describe("cac") // customer acquisition cost lives in crm
	fmt.Println(ok)
	// Output:
	// true Win rate sales business performance
	// Won / (Won + Lost) × 100
	// false
}

// snake is the ID style: a Go name in snake_case, an initialism counting
// as one word (CampaignROI is campaign_roi, NPSTally nps_tally).
func snake(name string) string {
	r := []rune(name)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) {
			prevLower := unicode.IsLower(r[i-1])
			endOfInitialism := unicode.IsUpper(r[i-1]) && i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || endOfInitialism {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func TestSnake(t *testing.T) {
	for name, want := range map[string]string{
		"AverageDealSize": "average_deal_size", "CampaignROI": "campaign_roi", "NPS": "nps",
		"MRRGrowthRate": "mrr_growth_rate", "LTVToCAC": "ltv_to_cac", "WinRate": "win_rate",
	} {
		if diff := cmp.Diff(want, snake(name)); diff != "" {
			t.Errorf("snake(%q) (-want +got):\n%s", name, diff)
		}
	}
}

// documented is an exported function, or a method of an exported type, of
// the package, with its doc comment.
type documented struct {
	name, recv, doc string
	inputParam      bool // it takes one parameter of a type named …Input
}

// packageDocs parses the package's sources (not its tests).
func packageDocs(t *testing.T) []documented {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var out []documented
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() {
				continue
			}
			d := documented{name: fn.Name.Name, doc: fn.Doc.Text()}
			if fn.Recv != nil {
				typ := fn.Recv.List[0].Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				d.recv = typ.(*ast.Ident).Name
			}
			if params := fn.Type.Params.List; len(params) == 1 && len(params[0].Names) == 1 {
				if id, ok := params[0].Type.(*ast.Ident); ok && strings.HasSuffix(id.Name, "Input") {
					d.inputParam = true
				}
			}
			out = append(out, d)
		}
	}
	return out
}

var descriptorIDLine = regexp.MustCompile(`(?m)^Descriptor ID: ([a-z0-9_]+)\.$`)

// TestDescriptorIDsNameTheirFunctions checks the ID rule against the
// source: every descriptor's ID is stated ("Descriptor ID: x.") in the doc
// comment of the function or method whose name it is in snake_case; every
// such line names a descriptor; and every function over a typed input (a
// formula metric) states its ID.
func TestDescriptorIDsNameTheirFunctions(t *testing.T) {
	stated := map[string][]string{} // ID → the functions that state it
	for _, d := range packageDocs(t) {
		m := descriptorIDLine.FindStringSubmatch(d.doc)
		full := d.name
		if d.recv != "" {
			full = d.recv + "." + d.name
		}
		if m == nil {
			if d.inputParam {
				t.Errorf("%s takes a typed input but states no Descriptor ID", full)
			}
			continue
		}
		if m[1] != snake(d.name) {
			t.Errorf("%s states Descriptor ID %s, want %s", full, m[1], snake(d.name))
		}
		if _, ok := sales.Describe(m[1]); !ok {
			t.Errorf("%s states Descriptor ID %s, which has no descriptor", full, m[1])
		}
		stated[m[1]] = append(stated[m[1]], full)
	}
	for _, d := range sales.Descriptors() {
		if len(stated[d.ID]) == 0 {
			t.Errorf("descriptor %s: no function or method states it", d.ID)
		}
	}
}

func TestDescriptors(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range sales.Descriptors() {
		if seen[d.ID] {
			t.Errorf("duplicate ID %q", d.ID)
		}
		seen[d.ID] = true
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
	// CAC has one implementation, in crm.
	if _, ok := sales.Describe("cac"); ok {
		t.Error(`sales describes "cac", which belongs to crm`)
	}
	if _, ok := sales.Describe("no_such_metric"); ok {
		t.Error(`Describe("no_such_metric") found a descriptor`)
	}
}

func TestDescriptorsIsACopy(t *testing.T) {
	all := sales.Descriptors()
	all[0].ID = "changed"
	if sales.Descriptors()[0].ID == "changed" {
		t.Fatal("Descriptors returned the package's own slice")
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
			default:
				fmt.Fprint(&b, x)
			}
			b.WriteByte(';')
		}
		deals := append(exampleDeals(), sales.Deal{Amount: dec("1.01"), Stage: sales.StageWon, Created: q1.Start, Closed: q1.Start.Add(7 * 3600e9)})
		s := accumulate(t, deals, q1)
		put(s.SalesRevenue(), nil)
		put(s.OpenPipeline(), nil)
		put(s.AverageDealSize())
		put(s.WinRate())
		put(s.CloseRate())
		put(s.SalesCycleLength())
		put(s.PipelineVelocity())
		js, err := s.MarshalJSON()
		put(string(js), err)
		leads := accumulateLeads(t, exampleLeads(), metrics.Period{Start: exampleJanuary.Start, End: exampleJanuary.End.AddDate(0, 1, 0)})
		put(leads.LeadConversionRate())
		put(sales.LeadConversionRate(sales.LeadConversionInput{Leads: 3, Converted: 2}))
		put(sales.NewRevenue(sales.NewRevenueInput{Revenue: dec("1.23456789012345678901"), ExistingCustomerRevenue: dec("0.1")}))
		put(sales.AverageDealSize(sales.DealSizeInput{WonRevenue: dec("100000"), DealsWon: 3}))
		put(sales.AverageProjectSize(sales.ProjectSizeInput{ProjectRevenue: dec("2"), ProjectsWon: 7}))
		put(sales.WinRate(sales.WinRateInput{Won: 2, Lost: 1}))
		put(sales.CloseRate(sales.CloseRateInput{Opportunities: 7, Won: 1}))
		put(sales.ProposalWinRate(sales.ProposalWinRateInput{ProposalsSubmitted: 6, ProjectsWon: 5}))
		put(sales.QuotaAttainment(sales.QuotaInput{Actual: dec("1"), Quota: dec("3")}))
		put(sales.PipelineCoverage(sales.PipelineCoverageInput{OpenPipeline: dec("100"), RemainingQuota: dec("30")}))
		put(sales.PipelineVelocity(sales.PipelineVelocityInput{OpenOpportunities: 2, WinRate: pct("66.6666666667"), AverageDealSize: dec("10000"), SalesCycleLength: dec("35")}))
		put(sales.RevenuePerRep(sales.TeamInput{Revenue: dec("10"), Reps: 3}))
		put(sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: dec("20"), Consultants: 3}))
		put(sales.SalesCallsPerRep(sales.TeamInput{Calls: 100, Reps: 3}))
		put(sales.CampaignROI(sales.CampaignInput{AttributedRevenue: dec("1"), Cost: dec("3")}))
		put(sales.AverageRevenuePerCampaign(sales.CampaignInput{AttributedRevenue: dec("1"), Campaigns: 9}))
		put(sales.CostPerLead(sales.CampaignInput{Cost: dec("1000"), Leads: 7}))
		put(sales.NewCustomersAcquired(sales.NewCustomersInput{CustomersAtStart: 500, CustomersAtEnd: 530, CustomersLost: 25}))
		// Errors carry values formatted without the globals too.
		bad := sales.DealStats{Period: q1}
		put(nil, bad.Add(sales.Deal{Stage: sales.StageOpen, Amount: dec("-0.000001"), Created: q1.Start}))
		return b.String()
	})
}
