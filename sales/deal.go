package sales

import (
	"math"
	"strconv"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// Stage is where a deal stands: open, won or lost. As text (JSON, CSV) it
// is "open", "won" or "lost"; the zero Stage, which no valid deal has, is
// the empty text.
type Stage int

// The stages. The zero value is not a stage: a Deal with Stage zero is
// invalid, so a record whose stage was never set is caught rather than
// counted.
const (
	StageOpen Stage = iota + 1 // still being worked; Closed is zero
	StageWon                   // closed and won at Closed
	StageLost                  // closed and lost at Closed
)

// stageNames are the texts of the stages, indexed by Stage.
var stageNames = [...]string{"", "open", "won", "lost"}

// String returns "open", "won", "lost", or "Stage(n)" for any other value.
func (s Stage) String() string {
	if s >= StageOpen && s <= StageLost {
		return stageNames[s]
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText implements [encoding.TextMarshaler]: "open", "won", "lost",
// and the empty text for the zero Stage.
//
// MarshalText returns an error if:
//   - s is none of these ([metrics.ErrInvalid])
func (s Stage) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(stageNames) {
		return nil, check.Err("sales.Stage.MarshalText", "Stage", s, metrics.ErrInvalid, "is not a stage")
	}
	return []byte(stageNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads the texts
// that [Stage.MarshalText] writes. On error s is unchanged.
//
// UnmarshalText returns an error if:
//   - text is none of "open", "won", "lost" and "" ([metrics.ErrInvalid])
func (s *Stage) UnmarshalText(text []byte) error {
	for i, name := range stageNames {
		if string(text) == name {
			*s = Stage(i)
			return nil
		}
	}
	return check.Err("sales.Stage.UnmarshalText", "text", strconv.Quote(string(text)), metrics.ErrInvalid,
		`is not a stage: want "open", "won" or "lost"`)
}

// Deal is one sales opportunity, as a CRM records it. [DealStats] reads
// Amount, Stage, Created and Closed, and [DealStatsByOwner] Owner; ID is for
// the caller. In JSON its keys are id, amount (a string, exact), stage
// ("open", "won", "lost"), created, closed (absent while the deal is open)
// and owner.
//
// A deal's place in a [metrics.Period] depends on what is counted:
//   - A won or lost deal counts in the period that contains its Closed time
//     (sales revenue, win rate, sales cycle length): revenue is booked when
//     a deal is won, not when it was opened.
//   - An opportunity counts in the period that contains its Created time
//     (close rate), and it counts as won for that period if it was won
//     before the period's End.
//   - A deal is open in a period if it was open at the period's end: created
//     before End and not closed before End (open opportunities, the open
//     pipeline, pipeline velocity). A deal won or lost at End or later was
//     still open then, so a past period's pipeline does not change as deals
//     close.
//
// A deal is invalid if:
//   - Stage is not StageOpen, StageWon or StageLost ([metrics.ErrInvalid])
//   - Amount is negative ([metrics.ErrNegative])
//   - Created is the zero time ([metrics.ErrInvalid])
//   - Closed is set on an open deal, unset on a won or lost one, or before
//     Created ([metrics.ErrInconsistent])
//   - Closed − Created does not fit in a [time.Duration], about 292 years
//     ([metrics.ErrOutOfRange])
//
// [DealStats.Add] reports an invalid deal with the Field "Deal.Closed";
// [DealStats.AddAll] and [DealStatsByOwner], given a slice, with the Field
// "Deals.Closed" and the deal's Index, which reads "Deals[3].Closed".
type Deal struct {
	// ID is the caller's identifier for the deal; kpikit does not read it.
	ID string `json:"id"`
	// Amount is the deal's value in the caller's currency: the amount won for
	// a won deal, the expected amount for an open one. Not negative.
	Amount decimal.Decimal `json:"amount"`
	// Stage is StageOpen, StageWon or StageLost.
	Stage Stage `json:"stage"`
	// Created is when the opportunity was created. Required.
	Created time.Time `json:"created"`
	// Closed is when the deal was won or lost. The zero time means not
	// closed: it must be zero for an open deal and set for a won or lost one,
	// and not before Created.
	Closed time.Time `json:"closed,omitzero"`
	// Owner is the sales rep or consultant who owns the deal
	// ([DealStatsByOwner] groups by it). It may be empty.
	Owner string `json:"owner,omitempty"`
}

// checkDeal validates one deal. It is the single place where a deal's rules
// live, so that every path over deals reports the same error for the same
// record. The error's Field is field (the parameter: "Deal", or "Deals" for
// element i of a slice; i is −1 for a single deal) and the deal's field. It
// allocates only when it reports an error.
//
// It checks the rules listed in Deal's documentation, in that order, and
// returns a valid deal's cycle, Closed − Created: a non-negative
// time.Duration for a won or lost deal, zero for an open one.
func checkDeal(metric, field string, i int, d *Deal) (time.Duration, error) {
	switch d.Stage {
	case StageOpen, StageWon, StageLost:
	default:
		return 0, check.ErrAt(metric, field+".Stage", i, d.Stage, metrics.ErrInvalid, "is not a stage")
	}
	if d.Amount.Sign() < 0 {
		return 0, check.ErrAt(metric, field+".Amount", i, d.Amount, metrics.ErrNegative, "is negative")
	}
	if d.Created.IsZero() {
		return 0, check.ErrAt(metric, field+".Created", i, nil, metrics.ErrInvalid, "is not set")
	}
	if d.Stage == StageOpen {
		if !d.Closed.IsZero() {
			return 0, check.ErrAt(metric, field+".Closed", i, d.Closed, metrics.ErrInconsistent, "is set for an open deal")
		}
		return 0, nil
	}
	if d.Closed.IsZero() {
		return 0, check.ErrAt(metric, field+".Closed", i, nil, metrics.ErrInconsistent, "is not set for a "+d.Stage.String()+" deal")
	}
	// Sub is negative exactly when Closed is before Created (it saturates
	// rather than wrapping), so one Sub serves both checks.
	switch cycle := d.Closed.Sub(d.Created); {
	case cycle < 0:
		return 0, check.ErrAt(metric, field+".Closed", i, d.Closed, metrics.ErrInconsistent, "is before Created "+check.Text(d.Created))
	case cycle == math.MaxInt64:
		return 0, check.ErrAt(metric, field+".Closed", i, d.Closed, metrics.ErrOutOfRange,
			"is too long after Created "+check.Text(d.Created)+" for a time.Duration")
	default:
		return cycle, nil
	}
}

// checkPeriod reports metrics.ErrInvalid, with the Field field+".End",
// unless p.End is after p.Start.
func checkPeriod(metric, field string, p metrics.Period) error {
	if !p.End.After(p.Start) {
		return check.Err(metric, field+".End", p.End, metrics.ErrInvalid,
			"is not after "+field+".Start "+check.Text(p.Start))
	}
	return nil
}
