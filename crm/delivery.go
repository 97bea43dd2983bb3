package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// DeliveryInput holds the projects delivered during one period.
type DeliveryInput struct {
	// ProjectsDelivered is the number of projects delivered to clients
	// during the period.
	ProjectsDelivered int
	// DeliveredOnTime is the number of those projects delivered on or before
	// the delivery date agreed with the client.
	DeliveredOnTime int
}

// ProjectDeliveryAccuracy returns the share of the projects delivered during a
// period that were delivered on time, the consultancy's "exactitude de la
// livraison des projets" (accuracy of project delivery) of "Métriques CRM vs
// Métriques de Vente : Quelle est la différence ?" (in French, undated):
//
//	project delivery accuracy = DeliveredOnTime / ProjectsDelivered × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// That article names the metric without a formula; kpikit measures accuracy
// against the date, the one criterion every project has and both sides can
// check. A firm that also requires scope or budget counts only the projects
// that met them all in DeliveredOnTime. The agreed date is the one in force
// at delivery, after any change the client agreed to. Only delivered projects
// count: a late project not yet delivered lowers the rate when it is
// delivered, not before.
//
// Descriptor ID: project_delivery_accuracy.
//
// ProjectDeliveryAccuracy returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - ProjectsDelivered is zero ([metrics.ErrUndefined])
//   - DeliveredOnTime exceeds ProjectsDelivered ([metrics.ErrInconsistent])
func ProjectDeliveryAccuracy(in DeliveryInput) (metrics.Percent, error) {
	const metric = "crm.ProjectDeliveryAccuracy"
	if err := check.First(
		check.Count(metric, "ProjectsDelivered", in.ProjectsDelivered),
		check.Count(metric, "DeliveredOnTime", in.DeliveredOnTime),
		check.Denominator(metric, "ProjectsDelivered", in.ProjectsDelivered),
		check.PartOf(metric, "DeliveredOnTime", in.DeliveredOnTime, "ProjectsDelivered", in.ProjectsDelivered),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.DeliveredOnTime, in.ProjectsDelivered)), nil
}

var projectDeliveryAccuracyDescriptor = metrics.Descriptor{
	ID:       "project_delivery_accuracy",
	Name:     "Project delivery accuracy",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "DeliveredOnTime / ProjectsDelivered × 100",
}
