package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// EmailInput holds the counts of one email campaign (or of all the sends of
// one period), as an email service provider reports them.
//
// Opens and clicks are unique counts: a recipient who opens an email three
// times is one open, and a recipient who clicks two links is one click. Most
// providers also count a click as an open when the tracking pixel did not load
// (images blocked), so that UniqueClicks never exceeds UniqueOpens;
// EmailClickToOpenRate relies on that. Opens include the automatic ones of
// mail privacy features (Apple Mail Privacy Protection) unless the provider
// filters them.
//
// The three email functions share this input and each reads and checks only
// the fields its formula uses, so EmailOpenRate works without click counts
// and EmailClickThroughRate without open counts.
type EmailInput struct {
	// Delivered is the number of emails delivered to a mailbox in the
	// campaign or period: emails sent minus hard and soft bounces.
	Delivered int
	// UniqueOpens is the number of delivered emails opened at least once
	// (recipients who opened), in the same campaign or period.
	UniqueOpens int
	// UniqueClicks is the number of delivered emails in which at least one
	// link was clicked (recipients who clicked), in the same campaign or
	// period.
	UniqueClicks int
}

// EmailOpenRate returns the share of delivered emails that were opened:
//
//	open rate = UniqueOpens / Delivered × 100
//
// The result is a Percent within 0..100. The denominator is the emails
// delivered, not the emails sent: a bounced email never reached a mailbox and
// could not be opened, so counting it would mix list quality (the bounce rate)
// into engagement. Compute Delivered as sent − bounced when your provider
// reports only those.
//
// Descriptor ID: email_open_rate.
//
// EmailOpenRate returns an error if:
//   - Delivered or UniqueOpens is negative ([metrics.ErrNegative])
//   - Delivered is zero ([metrics.ErrUndefined])
//   - UniqueOpens exceeds Delivered ([metrics.ErrInconsistent])
func EmailOpenRate(in EmailInput) (metrics.Percent, error) {
	const metric = "crm.EmailOpenRate"
	if err := check.First(
		check.Count(metric, "Delivered", in.Delivered),
		check.Count(metric, "UniqueOpens", in.UniqueOpens),
		check.Denominator(metric, "Delivered", in.Delivered),
		check.PartOf(metric, "UniqueOpens", in.UniqueOpens, "Delivered", in.Delivered),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.UniqueOpens, in.Delivered)), nil
}

// EmailClickThroughRate returns the share of delivered emails in which a link
// was clicked (CTR):
//
//	click-through rate = UniqueClicks / Delivered × 100
//
// The result is a Percent within 0..100. Like EmailOpenRate it divides by the
// emails delivered, not sent, for the same reason; and it counts unique clicks
// (recipients), not total clicks, so that a recipient who clicks five links
// does not weigh five times and the rate cannot exceed 100%. Computed from the
// same counts, it is the product of the two other email rates:
//
//	click-through rate = open rate × click-to-open rate / 100
//
// exactly in rational arithmetic; the functions' results agree with it to the
// rounding at [metrics.Scale] when a quotient does not terminate.
//
// Descriptor ID: email_click_through_rate.
//
// EmailClickThroughRate returns an error if:
//   - Delivered or UniqueClicks is negative ([metrics.ErrNegative])
//   - Delivered is zero ([metrics.ErrUndefined])
//   - UniqueClicks exceeds Delivered ([metrics.ErrInconsistent])
func EmailClickThroughRate(in EmailInput) (metrics.Percent, error) {
	const metric = "crm.EmailClickThroughRate"
	if err := check.First(
		check.Count(metric, "Delivered", in.Delivered),
		check.Count(metric, "UniqueClicks", in.UniqueClicks),
		check.Denominator(metric, "Delivered", in.Delivered),
		check.PartOf(metric, "UniqueClicks", in.UniqueClicks, "Delivered", in.Delivered),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.UniqueClicks, in.Delivered)), nil
}

// EmailClickToOpenRate returns the share of opened emails in which a link was
// clicked (CTOR):
//
//	click-to-open rate = UniqueClicks / UniqueOpens × 100
//
// The result is a Percent within 0..100. Both counts are unique, so the rate
// says how many of the readers the content persuaded to click, independently
// of the subject line and the deliverability that drive the open rate. With
// total clicks in the numerator the ratio would not be a share and could
// exceed 100%; kpikit does not compute that variant.
//
// Descriptor ID: email_click_to_open_rate.
//
// EmailClickToOpenRate returns an error if:
//   - UniqueOpens or UniqueClicks is negative ([metrics.ErrNegative])
//   - UniqueOpens is zero ([metrics.ErrUndefined])
//   - UniqueClicks exceeds UniqueOpens ([metrics.ErrInconsistent]): every
//     unique click is also an open
func EmailClickToOpenRate(in EmailInput) (metrics.Percent, error) {
	const metric = "crm.EmailClickToOpenRate"
	if err := check.First(
		check.Count(metric, "UniqueOpens", in.UniqueOpens),
		check.Count(metric, "UniqueClicks", in.UniqueClicks),
		check.Denominator(metric, "UniqueOpens", in.UniqueOpens),
		check.PartOf(metric, "UniqueClicks", in.UniqueClicks, "UniqueOpens", in.UniqueOpens),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.UniqueClicks, in.UniqueOpens)), nil
}

var emailOpenRateDescriptor = metrics.Descriptor{
	ID:       "email_open_rate",
	Name:     "Email open rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "UniqueOpens / Delivered × 100",
}

var emailClickThroughRateDescriptor = metrics.Descriptor{
	ID:       "email_click_through_rate",
	Name:     "Email click-through rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "UniqueClicks / Delivered × 100",
}

var emailClickToOpenRateDescriptor = metrics.Descriptor{
	ID:       "email_click_to_open_rate",
	Name:     "Email click-to-open rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "UniqueClicks / UniqueOpens × 100",
}
