package crm

import "github.com/shopspring/decimal"

// MRRMovementsFast and MRRMovementsExact expose the two paths of
// MRRMovementsFromSubscriptions to the tests of package crm_test, which check
// that they agree with each other and with an oracle.
func MRRMovementsFast(in SubscriptionMovementsInput) (SubscriptionMovements, bool, error) {
	const metric = "crm.MRRMovementsFromSubscriptions"
	if err := checkMovementsInput(metric, &in); err != nil {
		return SubscriptionMovements{}, false, err
	}
	return mrrMovementsFast(metric, &in)
}

// MRRMovementsExact is the exact (slow) path of MRRMovementsFromSubscriptions.
func MRRMovementsExact(in SubscriptionMovementsInput) (SubscriptionMovements, error) {
	const metric = "crm.MRRMovementsFromSubscriptions"
	if err := checkMovementsInput(metric, &in); err != nil {
		return SubscriptionMovements{}, err
	}
	return mrrMovementsExact(metric, &in)
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
