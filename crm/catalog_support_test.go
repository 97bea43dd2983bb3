package crm_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

// supportDescriptorWant is what a group's test expects of one descriptor.
type supportDescriptorWant struct {
	id     string
	class  metrics.Class
	unit   metrics.Unit
	better metrics.Direction
}

// supportCheckDescriptors checks that every descriptor is listed once in
// crm.Descriptors, in the given order, that crm.Describe finds it, and that
// its fields are complete and as expected.
func supportCheckDescriptors(t *testing.T, wants []supportDescriptorWant) {
	t.Helper()
	all := crm.Descriptors()
	seen := map[string]int{}
	for _, d := range all {
		seen[d.ID]++
	}
	last := -1
	for _, w := range wants {
		if seen[w.id] != 1 {
			t.Errorf("ID %q listed %d times in crm.Descriptors, want once", w.id, seen[w.id])
		}
		pos := -1
		for i, d := range all {
			if d.ID == w.id {
				pos = i
			}
		}
		if pos <= last {
			t.Errorf("ID %q at position %d, want after %d", w.id, pos, last)
		}
		last = pos
		d, ok := crm.Describe(w.id)
		if !ok {
			t.Errorf("crm.Describe(%q) found nothing", w.id)
			continue
		}
		got := supportDescriptorWant{d.ID, d.Class, d.Unit, d.Better}
		if diff := cmp.Diff(w, got, cmp.AllowUnexported(supportDescriptorWant{})); diff != "" {
			t.Errorf("descriptor %q (-want +got):\n%s", w.id, diff)
		}
		if d.Category != metrics.CategoryCRM || d.Name == "" || d.Formula == "" {
			t.Errorf("descriptor %q incomplete: %+v", w.id, d)
		}
		if strings.ToLower(d.ID) != d.ID || strings.ContainsAny(d.ID, " -") {
			t.Errorf("ID %q is not snake case", d.ID)
		}
	}
}

func TestSupportDescriptors(t *testing.T) {
	if crm.AverageResolutionTimeID != "avg_ticket_resolution_time" {
		t.Errorf("AverageResolutionTimeID = %q, a fixed ID others rely on", crm.AverageResolutionTimeID)
	}
	supportCheckDescriptors(t, []supportDescriptorWant{
		{crm.AverageResolutionTimeID, metrics.ClassCustomerPerception, metrics.UnitDuration, metrics.LowerIsBetter},
		{crm.FirstResponseTimeID, metrics.ClassCustomerPerception, metrics.UnitDuration, metrics.LowerIsBetter},
		{crm.SupportResponseRateID, metrics.ClassCustomerPerception, metrics.UnitPercent, metrics.HigherIsBetter},
		{crm.CasesClosedPerDayID, metrics.ClassCustomerPerception, metrics.UnitCountPerDay, metrics.HigherIsBetter},
		{crm.RepeatCustomerRateID, metrics.ClassCustomerPerception, metrics.UnitPercent, metrics.HigherIsBetter},
		{crm.ProjectDeliveryAccuracyID, metrics.ClassCustomerPerception, metrics.UnitPercent, metrics.HigherIsBetter},
	})
}

// TestSupportGlobalsIgnored pins the support metrics' results, repeating
// quotients included, while shopspring/decimal's globals change.
func TestSupportGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(s string, err error) {
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(s)
			b.WriteByte('|')
		}
		avg, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: time.Hour, TicketsResolved: 7})
		add(avg.String(), err)
		first, err := crm.FirstResponseTime(crm.FirstResponseInput{Tickets: []crm.TicketResponse{
			supportAnswered(0, time.Minute), supportAnswered(0, 0), supportAnswered(0, 0),
		}})
		add(first.String(), err)
		rate, err := crm.SupportResponseRate(crm.SupportResponseInput{RequestsReceived: 3, RequestsAnswered: 2})
		add(rate.String(), err)
		perDay, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: 20, Days: 3})
		add(perDay.StringFixed(30), err)
		perDay, err = crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: 7, Days: 64})
		add(perDay.StringFixed(30), err)
		rate, err = crm.RepeatCustomerRate(crm.RepeatCustomerInput{PurchasingCustomers: 6, RepeatCustomers: 1})
		add(rate.String(), err)
		rate, err = crm.ProjectDeliveryAccuracy(crm.DeliveryInput{ProjectsDelivered: 7, DeliveredOnTime: 6})
		add(rate.String(), err)
		return b.String()
	})
}
