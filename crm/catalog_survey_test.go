package crm_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

func TestSurveyCatalog(t *testing.T) {
	tests := []struct {
		id     string
		unit   metrics.Unit
		better metrics.Direction
	}{
		{crm.NPSID, metrics.UnitScore, metrics.HigherIsBetter},
		{crm.CSATID, metrics.UnitPercent, metrics.HigherIsBetter},
		{crm.CESID, metrics.UnitScore, metrics.HigherIsBetter},
	}
	if diff := cmp.Diff([]string{"nps", "csat", "ces"}, []string{crm.NPSID, crm.CSATID, crm.CESID}); diff != "" {
		t.Errorf("survey IDs (-want +got):\n%s", diff)
	}
	listed := map[string]int{}
	for _, d := range crm.Descriptors() {
		listed[d.ID]++
	}
	for _, tt := range tests {
		d, ok := crm.Describe(tt.id)
		if !ok {
			t.Errorf("Describe(%q): no descriptor", tt.id)
			continue
		}
		if listed[tt.id] != 1 {
			t.Errorf("Descriptors lists %q %d times, want once", tt.id, listed[tt.id])
		}
		got := []any{d.ID, d.Category, d.Class, d.Unit, d.Better}
		want := []any{tt.id, metrics.CategoryCRM, metrics.ClassCustomerPerception, tt.unit, tt.better}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("descriptor %q (-want +got):\n%s", tt.id, diff)
		}
		if d.Name == "" || d.Formula == "" {
			t.Errorf("descriptor %q lacks a name or formula: %+v", tt.id, d)
		}
	}
}
