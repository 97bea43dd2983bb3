package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// SupportResponseInput holds the support requests of one period.
type SupportResponseInput struct {
	// RequestsReceived is the number of support requests customers sent
	// during the period.
	RequestsReceived int
	// RequestsAnswered is the number of those requests the support team has
	// answered, at any time up to the moment of computing.
	RequestsAnswered int
}

// SupportResponseRate returns the share of the support requests received
// during a period that the support team answered, the "taux de réponse aux
// demandes de support client" (response rate to customer support requests)
// of "Métriques CRM vs Métriques de Vente : Quelle est la différence ?" (in
// French, undated):
//
//	support response rate = RequestsAnswered / RequestsReceived × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// Both counts are about the same requests, those received during the period:
// an answer sent during the period to an older request does not count, so
// the rate cannot exceed 100%. (Counting answers sent against requests
// received, as some help desks do, mixes two cohorts and can.) Count each
// request once, however many answers it got.
//
// Descriptor ID: support_response_rate.
//
// SupportResponseRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - RequestsReceived is zero ([metrics.ErrUndefined])
//   - RequestsAnswered exceeds RequestsReceived ([metrics.ErrInconsistent])
func SupportResponseRate(in SupportResponseInput) (metrics.Percent, error) {
	const metric = "crm.SupportResponseRate"
	if err := check.First(
		check.Count(metric, "RequestsReceived", in.RequestsReceived),
		check.Count(metric, "RequestsAnswered", in.RequestsAnswered),
		check.Denominator(metric, "RequestsReceived", in.RequestsReceived),
		check.PartOf(metric, "RequestsAnswered", in.RequestsAnswered, "RequestsReceived", in.RequestsReceived),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.RequestsAnswered, in.RequestsReceived)), nil
}

var supportResponseRateDescriptor = metrics.Descriptor{
	ID:       "support_response_rate",
	Name:     "Support request response rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "RequestsAnswered / RequestsReceived × 100",
}

// CasesClosedInput holds the support cases closed during one period and the
// period's length.
type CasesClosedInput struct {
	// CasesClosed is the number of support cases the team closed during the
	// period, whenever they were opened.
	CasesClosed int
	// Days is the length of the period in days: calendar days for a rate
	// per calendar day, or the team's working days for a rate per working day.
	Days int
}

// CasesClosedPerDay returns the number of support cases the team closes per
// day over a period, "le nombre de dossiers qu'ils clôturent chaque jour"
// (the number of cases they close each day) in "Mesures CRM que vous devez
// connaître" (in French, undated):
//
//	cases closed per day = CasesClosed / Days
//
// The result is a number of cases per day (metrics.UnitCountPerDay), a
// decimal.Decimal, exact when the quotient terminates and rounded half away
// from zero at [metrics.Scale] digits otherwise: 42 cases in 5 days is 8.4.
//
// The rate counts closures, not distinct cases: a case reopened and closed
// again within the period counts twice. Days is the caller's choice of
// calendar or working days; a rate per working day is the higher of the two
// and only comparable with other rates per working day.
//
// Descriptor ID: cases_closed_per_day.
//
// CasesClosedPerDay returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - Days is zero ([metrics.ErrUndefined])
func CasesClosedPerDay(in CasesClosedInput) (decimal.Decimal, error) {
	const metric = "crm.CasesClosedPerDay"
	if err := check.First(
		check.Count(metric, "Days", in.Days),
		check.Count(metric, "CasesClosed", in.CasesClosed),
		check.Denominator(metric, "Days", in.Days),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.QuoInt(in.CasesClosed, in.Days), nil
}

var casesClosedPerDayDescriptor = metrics.Descriptor{
	ID:       "cases_closed_per_day",
	Name:     "Support cases closed per day",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitCountPerDay,
	Better:   metrics.HigherIsBetter,
	Formula:  "CasesClosed / Days",
}
