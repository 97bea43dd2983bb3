package crm

import (
	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

var arrMonthsPerYear = decimal.NewFromInt(12)

// ARRInput holds the monthly recurring revenue from which ARR is annualised.
type ARRInput struct {
	// MRR is the monthly recurring revenue: the subscription revenue of one
	// month (money per month), without one-off fees.
	MRR decimal.Decimal
}

// ARR returns the annual recurring revenue: the subscription revenue of a
// month, annualised.
//
//	ARR = MRR × 12
//
// The result is money per year, in MRR's currency, exact. It is a run rate:
// the revenue a year would bring if this month's subscriptions stayed as they
// are, not the revenue of the last twelve months. An MRR of zero gives an ARR
// of zero. From subscription records, the MRR at a period's end is
// [MRRMovements.EndMRR] of what [MRRLedger.Movements] returns.
//
// Descriptor ID: arr.
//
// ARR returns an error if:
//   - MRR is negative ([metrics.ErrNegative])
func ARR(in ARRInput) (decimal.Decimal, error) {
	const metric = "crm.ARR"
	if err := check.Amount(metric, "MRR", in.MRR); err != nil {
		return decimal.Decimal{}, err
	}
	return in.MRR.Mul(arrMonthsPerYear), nil
}

// ARPAInput holds a month's recurring revenue and the accounts paying it.
type ARPAInput struct {
	// MRR is the monthly recurring revenue of the month (money per month).
	MRR decimal.Decimal
	// Accounts is the number of paying accounts (customers) that the MRR
	// comes from, counted in the same month.
	Accounts int
}

// ARPA returns the average revenue per account: the monthly recurring revenue
// a paying account brings on average.
//
//	ARPA = MRR / Accounts
//
// The result is money per account per month, in MRR's currency; it is exact
// when the quotient terminates and rounded at [metrics.Scale] otherwise. An
// account is a paying customer (a company with several users is one account),
// so ARPA is the input [LTV] and [CACPaybackMonths] expect. From
// subscription records, [MRRLedger.Movements] gives both: MRR.EndMRR() and
// CustomersAtEnd.
//
// Descriptor ID: arpa.
//
// ARPA returns an error if:
//   - MRR or Accounts is negative ([metrics.ErrNegative])
//   - Accounts is zero ([metrics.ErrUndefined])
func ARPA(in ARPAInput) (decimal.Decimal, error) {
	const metric = "crm.ARPA"
	if err := check.First(
		check.Amount(metric, "MRR", in.MRR),
		check.Count(metric, "Accounts", in.Accounts),
		check.Denominator(metric, "Accounts", in.Accounts),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return exact.Quo(in.MRR, decimal.NewFromInt(int64(in.Accounts))), nil
}

var arrDescriptor = metrics.Descriptor{
	ID:       "arr",
	Name:     "Annual recurring revenue (ARR)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "MRR × 12",
}

var arpaDescriptor = metrics.Descriptor{
	ID:       "arpa",
	Name:     "Average revenue per account (ARPA)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassBusinessPerformance,
	Unit:     metrics.UnitMoney,
	Better:   metrics.HigherIsBetter,
	Formula:  "MRR / Accounts",
}
