package crm_test

import (
	"fmt"
	"regexp"
	"testing"

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
	d, ok := crm.Describe(crm.ChurnRateID)
	fmt.Println(ok, d.Name, "-", d.Formula)
	_, ok = crm.Describe("no_such_metric")
	fmt.Println(ok)
	// Output:
	// true Customer churn rate - CustomersLost / CustomersAtStart × 100
	// false
}

func TestDescriptors(t *testing.T) {
	id := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	all := crm.Descriptors()
	if len(all) == 0 {
		t.Fatal("no descriptors")
	}
	seen := map[string]bool{}
	for _, d := range all {
		if !id.MatchString(d.ID) {
			t.Errorf("ID %q is not snake case", d.ID)
		}
		if seen[d.ID] {
			t.Errorf("ID %q listed twice", d.ID)
		}
		seen[d.ID] = true
		if d.Name == "" || d.Formula == "" {
			t.Errorf("%s: empty name or formula", d.ID)
		}
		if d.Category != metrics.CategoryCRM {
			t.Errorf("%s: category %v, want CRM", d.ID, d.Category)
		}
		for what, s := range map[string]fmt.Stringer{"class": d.Class, "unit": d.Unit, "direction": d.Better} {
			if regexp.MustCompile(`\(\d+\)$`).MatchString(s.String()) {
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
