package crm_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
)

// These tests pin results, repeating quotients included, while
// shopspring/decimal's globals change.

func TestEngagementGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(v interface{ String() string }, err error) {
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(v.String())
			b.WriteByte(' ')
		}
		email := crm.EmailInput{Delivered: 7, UniqueOpens: 3, UniqueClicks: 1}
		add(crm.EmailOpenRate(email))
		add(crm.EmailClickThroughRate(email))
		add(crm.EmailClickToOpenRate(email))
		add(crm.SocialEngagementRate(crm.SocialEngagementInput{Engagements: 2, Impressions: 3}))
		add(crm.CampaignResponseRate(crm.CampaignResponseInput{ContactsReached: 6, Responses: 5}))
		site := crm.WebsiteInput{Visits: 7, VisitsWithPurchase: 1, TotalTimeOnSite: time.Hour}
		add(crm.WebsitePurchaseConversionRate(site))
		add(crm.AverageTimeOnSite(site))
		return b.String()
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
