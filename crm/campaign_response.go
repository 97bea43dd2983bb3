package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// CampaignResponseInput holds the contact counts of one marketing campaign
// ("Mesures CRM que vous devez connaître" (in French, undated): "le nombre de
// réponses produites par chaque campagne", the number of responses each
// campaign produces).
type CampaignResponseInput struct {
	// ContactsReached is the number of contacts the campaign reached: emails
	// delivered, calls answered, mail pieces not returned, over the
	// campaign's duration. Each contact counts once.
	ContactsReached int
	// Responses is the number of reached contacts who responded in the way
	// the campaign asks (a reply, a form, a call back, a coupon redeemed),
	// each contact counted once however often they responded.
	Responses int
}

// CampaignResponseRate returns the share of the contacts a campaign reached
// who responded to it:
//
//	campaign response rate = Responses / ContactsReached × 100
//
// The result is a Percent within 0..100. The denominator is the contacts
// reached, not the contacts targeted or the messages sent: a contact the
// campaign never reached (a bounced email, a wrong number) could not respond,
// and counting it would measure the quality of the list rather than the
// campaign. Responses are counted per contact, so the rate is a share of
// people; count responses that the campaign can attribute to itself (a reply
// code, a tracked link) to keep unrelated contacts out.
//
// Descriptor ID: campaign_response_rate.
//
// CampaignResponseRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - ContactsReached is zero ([metrics.ErrUndefined])
//   - Responses exceeds ContactsReached ([metrics.ErrInconsistent])
func CampaignResponseRate(in CampaignResponseInput) (metrics.Percent, error) {
	const metric = "crm.CampaignResponseRate"
	if err := check.First(
		check.Count(metric, "ContactsReached", in.ContactsReached),
		check.Count(metric, "Responses", in.Responses),
		check.Denominator(metric, "ContactsReached", in.ContactsReached),
		check.PartOf(metric, "Responses", in.Responses, "ContactsReached", in.ContactsReached),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.Responses, in.ContactsReached)), nil
}

var campaignResponseRateDescriptor = metrics.Descriptor{
	ID:       "campaign_response_rate",
	Name:     "Campaign response rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Responses / ContactsReached × 100",
}
