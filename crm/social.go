package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// SocialEngagementInput holds the counts of one social media post, or of a
// set of posts (a campaign, an account over a period, several platforms),
// summed over the posts.
type SocialEngagementInput struct {
	// Engagements is the number of interactions with the posts: reactions
	// (likes), comments, shares, saves and clicks, each interaction counted
	// once, as the platform reports "engagements".
	Engagements int
	// Impressions is the number of times the posts were displayed, a person
	// who saw a post twice counting twice, over the same posts and period.
	Impressions int
}

// SocialEngagementRate returns the interactions per hundred displays of social
// media posts:
//
//	social engagement rate = Engagements / Impressions × 100
//
// The result is a non-negative Percent, usually a few percent.
//
// Sources divide engagements by impressions, by reach (the unique people who
// saw a post) or by followers. kpikit divides by impressions because
// engagements and impressions are both additive: they sum over posts, days and
// platforms, so the rate of a campaign is computed from the sums, and every
// platform reports both for organic posts and for ads. Reach is a count of
// unique people and does not sum across posts or days (the same person is
// reached by several posts), and followers measure the size of the audience,
// not the exposure of the posts: posts are seen by non-followers, and a rate
// by followers mixes audience growth with content performance. To compute a
// rate by reach or by followers, pass that count as Impressions; the formula is
// the same ratio.
//
// Engagements are not a subset of the impressions: one display may lead to a
// like, a comment and a share. So Engagements above Impressions is not an
// error and the rate may exceed 100%, though it is rare in practice.
//
// Descriptor ID: social_engagement_rate.
//
// SocialEngagementRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - Impressions is zero ([metrics.ErrUndefined])
func SocialEngagementRate(in SocialEngagementInput) (metrics.Percent, error) {
	const metric = "crm.SocialEngagementRate"
	if err := check.First(
		check.Count(metric, "Engagements", in.Engagements),
		check.Count(metric, "Impressions", in.Impressions),
		check.Denominator(metric, "Impressions", in.Impressions),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.Engagements, in.Impressions)), nil
}

var socialEngagementRateDescriptor = metrics.Descriptor{
	ID:       "social_engagement_rate",
	Name:     "Social media engagement rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "Engagements / Impressions × 100",
}
