package sales

import (
	"math"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Stage is where a deal stands: open, won or lost.
type Stage int

// The stages. The zero value is not a stage: a Deal with Stage zero is
// invalid, so a record whose stage was never set is caught rather than
// counted.
const (
	StageOpen Stage = iota + 1 // still being worked; Closed is zero
	StageWon                   // closed and won at Closed
	StageLost                  // closed and lost at Closed
)

// String returns "open", "won", "lost" or "Stage(n)".
func (s Stage) String() string {
	switch s {
	case StageOpen:
		return "open"
	case StageWon:
		return "won"
	case StageLost:
		return "lost"
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// Deal is one sales opportunity, as a CRM records it. The functions that take
// deals read only Amount, Stage, Created and Closed (and Owner for
// RevenueByOwner and SummarizeDealsByOwner); ID is for the caller.
//
// A deal's place in a Period depends on what is counted:
//   - A won or lost deal counts in the period that contains its Closed time
//     (SalesRevenue, WinRateFromDeals, SalesCycleLength, ...): revenue is
//     booked when a deal is won, not when it was opened.
//   - An opportunity counts in the period that contains its Created time
//     (CloseRateFromDeals), and it counts as won for that period if it was won
//     before the period's End.
//   - A deal is open in a period if it was open at the period's end: created
//     before End and not closed before End (OpenOpportunities, pipeline
//     coverage and velocity). A deal won or lost at End or later was still
//     open then, so a past period's pipeline does not change as deals close.
//
// Every function validates every deal it is given, inside the period or not,
// and reports the first invalid one. The error's Field names the slice and
// the deal's field at fault, "Deals.Closed" (the slice is named Deals although
// it is a parameter; see metrics.Error), its Index is the deal's position,
// and the message reads "Deals[3].Closed ...". A deal is invalid if:
//   - Stage is not StageOpen, StageWon or StageLost (metrics.ErrInvalid)
//   - Amount is negative (metrics.ErrNegative)
//   - Created is the zero time (metrics.ErrInvalid)
//   - Closed is set on an open deal, unset on a won or lost one, or before
//     Created (metrics.ErrInconsistent)
//   - Closed − Created does not fit in a time.Duration, about 292 years
//     (metrics.ErrOutOfRange)
type Deal struct {
	// ID is the caller's identifier for the deal; kpikit does not read it.
	ID string
	// Amount is the deal's value in the caller's currency: the amount won for
	// a won deal, the expected amount for an open one. Not negative.
	Amount decimal.Decimal
	// Stage is StageOpen, StageWon or StageLost.
	Stage Stage
	// Created is when the opportunity was created. Required.
	Created time.Time
	// Closed is when the deal was won or lost. The zero time means not
	// closed: it must be zero for an open deal and set for a won or lost one,
	// and not before Created.
	Closed time.Time
	// Owner is the sales rep or consultant who owns the deal
	// (RevenueByOwner groups by it). It may be empty.
	Owner string
}

// checkDeal validates one deal, element i of the caller's deals. It is the
// single place where a deal's rules live, so that every function over deals
// (and any later aggregate over them) reports the same error for the same
// record. It allocates only when it reports an error.
//
// It checks the rules listed in Deal's documentation, in that order, and
// returns a valid deal's cycle, Closed − Created: a non-negative
// time.Duration for a won or lost deal, zero for an open one.
func checkDeal(metric string, i int, d *Deal) (time.Duration, error) {
	switch d.Stage {
	case StageOpen, StageWon, StageLost:
	default:
		return 0, check.ErrAt(metric, "Deals.Stage", i, d.Stage, metrics.ErrInvalid, "is not a stage")
	}
	if d.Amount.Sign() < 0 {
		return 0, check.ErrAt(metric, "Deals.Amount", i, d.Amount, metrics.ErrNegative, "is negative")
	}
	if d.Created.IsZero() {
		return 0, check.ErrAt(metric, "Deals.Created", i, nil, metrics.ErrInvalid, "is not set")
	}
	if d.Stage == StageOpen {
		if !d.Closed.IsZero() {
			return 0, check.ErrAt(metric, "Deals.Closed", i, d.Closed, metrics.ErrInconsistent, "is set for an open deal")
		}
		return 0, nil
	}
	if d.Closed.IsZero() {
		return 0, check.ErrAt(metric, "Deals.Closed", i, nil, metrics.ErrInconsistent, "is not set for a "+d.Stage.String()+" deal")
	}
	// Sub is negative exactly when Closed is before Created (it saturates
	// rather than wrapping), so one Sub serves both checks.
	switch cycle := d.Closed.Sub(d.Created); {
	case cycle < 0:
		return 0, check.ErrAt(metric, "Deals.Closed", i, d.Closed, metrics.ErrInconsistent, "is before Created "+check.Text(d.Created))
	case cycle == math.MaxInt64:
		return 0, check.ErrAt(metric, "Deals.Closed", i, d.Closed, metrics.ErrOutOfRange,
			"is too long after Created "+check.Text(d.Created)+" for a time.Duration")
	default:
		return cycle, nil
	}
}
