package main

import (
	"errors"
	"strconv"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The cells of the report's tables, each with its exact value and its
// rounded display.

func countCell(n int) Cell { return Cell{Value: strconv.Itoa(n), Display: itoa(n)} }

func moneyCell(d decimal.Decimal, currency string) Cell {
	return Cell{Value: exactText(d), Display: moneyText(d, currency)}
}

// percentCell returns the cell of a rate, or of why it is undefined
// (reason, when err is metrics.ErrUndefined), with its interval if any.
func percentCell(p metrics.Percent, err error, ival *interval, reason string) Cell {
	if err != nil {
		return Cell{NA: naReason(err, reason)}
	}
	c := Cell{Value: exactText(p.Points()), Display: p.StringFixed(1)}
	if ival != nil {
		c.Interval = &Interval{Method: ival.Method, Low: ival.Low, High: ival.High, Display: intervalText(metrics.UnitPercent, ival)}
	}
	return c
}

// scoreCell returns the cell of a score, as percentCell does for a rate.
func scoreCell(d decimal.Decimal, err error, ival *interval, reason string) Cell {
	if err != nil {
		return Cell{NA: naReason(err, reason)}
	}
	c := Cell{Value: exactText(d), Display: d.StringFixed(1)}
	if ival != nil {
		c.Interval = &Interval{Method: ival.Method, Low: ival.Low, High: ival.High, Display: intervalText(metrics.UnitScore, ival)}
	}
	return c
}

// naReason returns reason for an undefined value, and the error otherwise.
func naReason(err error, reason string) string {
	var na *notAvailable
	if e := undefined(err, reason); errors.As(e, &na) {
		return na.reason
	}
	return "error: " + err.Error()
}
