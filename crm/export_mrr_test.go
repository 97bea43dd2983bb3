package crm

import (
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// MovementsExact is the exact (slow) path of MRRLedger.Movements, for the
// tests of package crm_test, which check that both paths agree.
func MovementsExact(l *MRRLedger, p metrics.Period) SubscriptionMovements {
	fs, fn, _ := instantOf(p.Start)
	ts, tn, _ := instantOf(p.End)
	return l.movementsExact(fs, fn, ts, tn)
}

// MovementsFast is the fast path of MRRLedger.Movements, and whether it
// could hold the ledger.
func MovementsFast(l *MRRLedger, p metrics.Period) (SubscriptionMovements, bool) {
	if len(l.exact) > 0 {
		return SubscriptionMovements{}, false
	}
	fs, fn, _ := instantOf(p.Start)
	ts, tn, _ := instantOf(p.End)
	return l.movementsFast(fs, fn, ts, tn)
}

// CollideMRRHashes makes every customer hash of the fast path equal until
// the returned function restores them, so that tests exercise the
// comparison of customer IDs.
func CollideMRRHashes() (restore func()) {
	mrrHashMask = 0
	return func() { mrrHashMask = ^uint32(0) }
}

// FastUnits is fastUnits for amount × rate at a billing interval, with the
// normalised MRR it must agree with.
func FastUnits(amount, rate decimal.Decimal, interval BillingInterval) (units uint64, ok bool, want decimal.Decimal) {
	num, den, _ := interval.monthlyFactor()
	want = normalisedMRR(amount, rate, num, den)
	ac, ae, aok := coef64(amount)
	rc, re, rok := coef64(rate)
	if !aok || !rok {
		return 0, false, want
	}
	units, ok = fastUnits(ac, ae, rc, re, num, den)
	return units, ok, want
}
