package crm_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

func projectDeliveryAccuracy(part, whole int) (metrics.Percent, error) {
	return crm.ProjectDeliveryAccuracy(crm.DeliveryInput{ProjectsDelivered: whole, DeliveredOnTime: part})
}

// The consultancy of "Métriques CRM vs Métriques de Vente : Quelle est la
// différence ?" (in French, undated) delivered 20 projects this year, 18 of
// them by the agreed date.
func ExampleProjectDeliveryAccuracy() {
	accuracy, err := crm.ProjectDeliveryAccuracy(crm.DeliveryInput{ProjectsDelivered: 20, DeliveredOnTime: 18})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(accuracy)
	// Output:
	// 90%
}

func TestProjectDeliveryAccuracy(t *testing.T) {
	supportRunRate(t, projectDeliveryAccuracy, []supportRateCase{
		{"18 of 20", 18, 20, metrics.PercentInt(90)},
		{"all late", 0, 4, metrics.PercentInt(0)},
		{"all on time", 4, 4, metrics.PercentInt(100)},
		{"five in six", 5, 6, metrics.MustParsePercent("83.3333333333")},
		{"seven in eight", 7, 8, metrics.MustParsePercent("87.5")},
	})
}

func TestProjectDeliveryAccuracyErrors(t *testing.T) {
	supportRunRateErrors(t, projectDeliveryAccuracy, crm.DeliveryInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "ProjectsDelivered"},
		{"negative delivered", 0, -1, metrics.ErrNegative, "ProjectsDelivered"},
		{"negative on time", -2, 5, metrics.ErrNegative, "DeliveredOnTime"},
		{"on time above delivered", 6, 5, metrics.ErrInconsistent, "DeliveredOnTime"},
	})
}

func TestProjectDeliveryAccuracyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { supportRateProperties(t, projectDeliveryAccuracy, 0) })
}

func FuzzProjectDeliveryAccuracy(f *testing.F) {
	f.Add(18, 20)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(6, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, onTime, delivered int) {
		supportFuzzRate(t, projectDeliveryAccuracy, crm.DeliveryInput{}, onTime, delivered)
	})
}
