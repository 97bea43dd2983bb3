package crm_test

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

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleDescriptors() {
	for _, d := range crm.Descriptors()[:3] {
		fmt.Printf("%s: %s (%s, %s)\n", d.ID, d.Name, d.Unit, d.Better)
	}
	// Output:
	// mrr_growth_rate: MRR growth rate (percent, higher is better)
	// arr: Annual recurring revenue (ARR) (money, higher is better)
	// arpa: Average revenue per account (ARPA) (money, higher is better)
}

func ExampleDescribe() {
	d, ok := crm.Describe("average_resolution_time")
	fmt.Println(ok, d.Name, "-", d.Formula)
	_, ok = crm.Describe("no_such_metric")
	fmt.Println(ok)
	// Output:
	// true Average support ticket resolution time - TotalResolutionTime / TicketsResolved
	// false
}

// snakeCase writes a Go name in snake case, an initialism as one word:
// LTVToCAC → ltv_to_cac, CRMAdoptionRate → crm_adoption_rate.
func snakeCase(name string) string {
	r := []rune(name)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) {
			prevLower := !unicode.IsUpper(r[i-1])
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func TestSnakeCase(t *testing.T) {
	for name, want := range map[string]string{
		"ChurnRate": "churn_rate", "NPS": "nps", "MRRGrowthRate": "mrr_growth_rate", "LTVToCAC": "ltv_to_cac",
		"AverageTimeOnSite": "average_time_on_site", "CACPaybackMonths": "cac_payback_months",
		"CRMAdoptionRate": "crm_adoption_rate", "DiscountedCLTV": "discounted_cltv", "P90": "p90",
	} {
		if got := snakeCase(name); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", name, got, want)
		}
	}
}

// exportedNames parses the package's source (not its tests) and returns the
// snake case of every exported function and of every exported method of an
// exported type, each with the Go name it comes from.
func exportedNames(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() {
				continue
			}
			name := fn.Name.Name
			if fn.Recv != nil {
				typ := fn.Recv.List[0].Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				id, ok := typ.(*ast.Ident)
				if !ok || !id.IsExported() {
					continue
				}
				name = id.Name + "." + name
				// A method's ID may follow its type's name, singular:
				// Cohorts.Retention spells cohort_retention.
				names[strings.TrimSuffix(snakeCase(id.Name), "s")+"_"+snakeCase(fn.Name.Name)] = name
			}
			names[snakeCase(fn.Name.Name)] = name
		}
	}
	return names
}

// invalidEnum is how the metrics enums print a value they do not know.
var invalidEnum = regexp.MustCompile(`\(\d+\)$`)

// TestDescriptors checks every descriptor against the code: its ID is the
// snake case of an exported function or method that computes it, no ID is
// listed twice, Describe finds each, and the descriptive fields are set to
// known values.
func TestDescriptors(t *testing.T) {
	names := exportedNames(t)
	all := crm.Descriptors()
	if len(all) == 0 {
		t.Fatal("no descriptors")
	}
	seen := map[string]bool{}
	for _, d := range all {
		if _, ok := names[d.ID]; !ok {
			t.Errorf("ID %q is not the snake case of any exported function or method of package crm", d.ID)
		}
		if seen[d.ID] {
			t.Errorf("ID %q listed twice", d.ID)
		}
		seen[d.ID] = true
		if strings.TrimSpace(d.Name) == "" || strings.TrimSpace(d.Formula) == "" {
			t.Errorf("%s: empty name or formula", d.ID)
		}
		if d.Category != metrics.CategoryCRM {
			t.Errorf("%s: category %v, want CRM", d.ID, d.Category)
		}
		for what, s := range map[string]fmt.Stringer{"class": d.Class, "unit": d.Unit, "direction": d.Better} {
			if invalidEnum.MatchString(s.String()) {
				t.Errorf("%s: invalid %s %v", d.ID, what, s)
			}
		}
		got, ok := crm.Describe(d.ID)
		if !ok || got != d {
			t.Errorf("Describe(%q) = %+v, %v", d.ID, got, ok)
		}
	}
	// The list is a copy: changing it does not change the package's.
	all[0].Name = "changed"
	if crm.Descriptors()[0].Name == "changed" {
		t.Error("Descriptors returned the package's own slice")
	}
}
