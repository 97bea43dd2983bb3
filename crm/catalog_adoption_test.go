package crm_test

import (
	"strings"
	"testing"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

func TestAdoptionDescriptors(t *testing.T) {
	supportCheckDescriptors(t, []supportDescriptorWant{
		{crm.CRMAdoptionRateID, metrics.ClassUserAdoption, metrics.UnitPercent, metrics.HigherIsBetter},
		{crm.DuplicateRecordRateID, metrics.ClassUserAdoption, metrics.UnitPercent, metrics.LowerIsBetter},
		{crm.RecordCompletenessID, metrics.ClassUserAdoption, metrics.UnitPercent, metrics.HigherIsBetter},
	})
}

// TestAdoptionGlobalsIgnored pins the adoption metrics' results, repeating
// quotients included, while shopspring/decimal's globals change.
func TestAdoptionGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		for _, r := range []struct {
			f           supportRate
			part, whole int
		}{
			{crmAdoptionRate, 2, 3},
			{crmAdoptionRate, 1, 64},
			{duplicateRecordRate, 1, 7},
			{recordCompleteness, 11, 12},
		} {
			p, err := r.f(r.part, r.whole)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(p.String())
			b.WriteByte('|')
		}
		return b.String()
	})
}
