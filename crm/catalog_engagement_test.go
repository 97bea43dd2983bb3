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

func TestEngagementDescriptors(t *testing.T) {
	type summary struct {
		ID     string
		Class  metrics.Class
		Unit   metrics.Unit
		Better metrics.Direction
	}
	perception := func(id string, unit metrics.Unit) summary {
		return summary{id, metrics.ClassCustomerPerception, unit, metrics.HigherIsBetter}
	}
	want := []summary{
		perception("email_open_rate", metrics.UnitPercent),
		perception("email_click_through_rate", metrics.UnitPercent),
		perception("email_click_to_open_rate", metrics.UnitPercent),
		perception("social_engagement_rate", metrics.UnitPercent),
		perception("campaign_response_rate", metrics.UnitPercent),
		perception("website_purchase_conversion_rate", metrics.UnitPercent),
		perception("avg_time_on_site", metrics.UnitDuration),
	}
	ids := []string{
		crm.EmailOpenRateID, crm.EmailClickThroughRateID, crm.EmailClickToOpenRateID,
		crm.SocialEngagementRateID, crm.CampaignResponseRateID,
		crm.WebsitePurchaseConversionRateID, crm.AverageTimeOnSiteID,
	}
	var got []summary
	for _, id := range ids {
		d, ok := crm.Describe(id)
		if !ok {
			t.Fatalf("Describe(%q) found nothing", id)
		}
		if d.Category != metrics.CategoryCRM || d.Name == "" || d.Formula == "" {
			t.Errorf("descriptor %q incomplete: %+v", id, d)
		}
		got = append(got, summary{d.ID, d.Class, d.Unit, d.Better})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("engagement descriptors (-want +got):\n%s", diff)
	}

	// IDs are unique across the package, and the engagement metrics appear
	// in Descriptors in the order above.
	seen := map[string]bool{}
	var order []string
	for _, d := range crm.Descriptors() {
		if seen[d.ID] {
			t.Errorf("duplicate descriptor ID %q", d.ID)
		}
		seen[d.ID] = true
		for _, id := range ids {
			if d.ID == id {
				order = append(order, id)
			}
		}
	}
	if diff := cmp.Diff(ids, order); diff != "" {
		t.Errorf("engagement descriptors in Descriptors (-want +got):\n%s", diff)
	}
}

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
