package clv_test

import (
	"errors"
	"fmt"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleConvergenceError() {
	// Nobody ever bought again: the likelihood keeps growing as the
	// purchase rate goes to zero, so there is no estimate to return.
	customers := []clv.RFM{{Age: 10}, {Age: 20}, {Age: 30}}
	_, err := clv.FitBGNBD(customers, clv.FitOptions{})
	var ce *clv.ConvergenceError
	if errors.As(err, &ce) {
		fmt.Println(errors.Is(err, metrics.ErrNotConverged), ce.Reason)
	}
	// Output:
	// true likelihood flat at the optimum
}

func ExampleConvergenceReason_String() {
	fmt.Println(clv.ReasonIterationLimit)
	// Output:
	// iteration limit reached
}

func ExampleConvergenceReason_MarshalText() {
	b, err := clv.ReasonDiverged.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// diverged <nil>
}
