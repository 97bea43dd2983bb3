package crm_test

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

// Each survey metric's descriptor is listed once, under the ID its Go
// function's name gives (NPS → nps), with the unit of the function's result:
// a Percent is UnitPercent, a decimal score UnitScore.
func TestSurveyCatalog(t *testing.T) {
	listed := map[string]int{}
	for _, d := range crm.Descriptors() {
		listed[d.ID]++
	}
	percent := reflect.TypeFor[metrics.Percent]()
	for _, fn := range []any{crm.NPS, crm.CSAT, crm.CES} {
		v := reflect.ValueOf(fn)
		full := runtime.FuncForPC(v.Pointer()).Name()
		name := full[strings.LastIndex(full, ".")+1:]
		id := strings.ToLower(name) // one initialism: the snake_case rule gives its lower case
		d, ok := crm.Describe(id)
		if !ok {
			t.Errorf("%s: no descriptor %q", name, id)
			continue
		}
		unit := metrics.UnitScore
		if v.Type().Out(0) == percent {
			unit = metrics.UnitPercent
		}
		got := []any{listed[id], d.Category, d.Class, d.Unit, d.Better}
		want := []any{1, metrics.CategoryCRM, metrics.ClassCustomerPerception, unit, metrics.HigherIsBetter}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: times listed, category, class, unit, direction of %q (-want +got):\n%s", name, id, diff)
		}
	}
}
