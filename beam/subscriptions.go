package kpibeam

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func init() {
	registerRecordCoder[crm.Subscription]()
	registerRecordCoder[crm.Customer]()
	registerRecordCoder[crm.SubscriptionMovements]()
	registerRecordCoder[metrics.Period]()
	registerCombiner[crm.MRRLedger, crm.Subscription](MRR{})
	registerCombiner[crm.Cohorts, crm.Customer](Cohorts{})
	register.Function1x2(keyByCustomer)
	register.DoFn3x1[string, *crm.MRRLedger, func(metrics.Period, crm.SubscriptionMovements), error](&customerMovements{})
	register.DoFn2x0[[]byte, func(metrics.Period, crm.SubscriptionMovements)](&emptyMovements{})
	register.Emitter2[metrics.Period, crm.SubscriptionMovements]()
	register.Combiner2[crm.SubscriptionMovements, crm.SubscriptionMovements](&sumMovements{})
}

// MRR is the combiner of subscription records ([crm.Subscription]) into a
// [crm.MRRLedger], from which [crm.MRRLedger.Movements] reads how monthly
// recurring revenue moved over any period, and how many customers made each
// movement. [MRRMovements] builds on it to compute the movements of many
// periods with one customer's subscriptions per ledger.
//
// Its settings are Currency and Rates, those of every ledger it creates:
// the reporting currency, and the rates that convert the records' other
// currencies into it. Importing this package also registers exact coders
// for crm.Subscription and crm.SubscriptionMovements, whose amounts and
// times Beam's default coder would drop.
type MRR struct {
	// Currency is the reporting currency, as [crm.MRRLedger.Currency]
	// describes; empty to take the first record's.
	Currency string
	// Rates converts the records' currencies to Currency, as
	// [crm.MRRLedger.Rates] describes; nil when every record is in
	// Currency.
	Rates map[string]decimal.Decimal
}

// CreateAccumulator returns an empty ledger with f's Currency and Rates.
func (f MRR) CreateAccumulator() *crm.MRRLedger {
	return &crm.MRRLedger{Currency: f.Currency, Rates: f.Rates}
}

// AddInput adds one subscription to l, as [crm.MRRLedger.Add] does.
func (MRR) AddInput(l *crm.MRRLedger, s crm.Subscription) (*crm.MRRLedger, error) { return add(l, s) }

// MergeAccumulators adds u to l, as [crm.MRRLedger.Merge] does.
func (MRR) MergeAccumulators(l, u *crm.MRRLedger) (*crm.MRRLedger, error) { return merge(l, u) }

// ExtractOutput returns the ledger itself.
func (MRR) ExtractOutput(l *crm.MRRLedger) *crm.MRRLedger { return l }

func (MRR) shape() (reflect.Type, reflect.Type) {
	return shapeOf[crm.MRRLedger, crm.Subscription]()
}

// check asks the library whether Currency and Rates are settings a ledger
// takes, by adding a free subscription in Currency and in each currency of
// Rates to a scratch ledger: a record of MRR zero leaves no trace.
func (f MRR) check() error {
	l := f.CreateAccumulator()
	currencies := []string{f.Currency}
	for c := range f.Rates {
		currencies = append(currencies, c)
	}
	slices.Sort(currencies[1:])
	for _, c := range currencies {
		if c == "" {
			continue
		}
		err := l.Add(crm.Subscription{CustomerID: "check", Interval: crm.BillingMonthly,
			Start: time.Unix(0, 0), Currency: c})
		if err != nil {
			if e, ok := err.(*metrics.Error); ok && strings.HasPrefix(e.Field, "Subscription.") {
				field := "Rates"
				if c == f.Currency {
					field = "Currency"
				}
				return &metrics.Error{Metric: e.Metric, Field: field, Index: -1, Value: c,
					Detail: "is not a currency code, three capital letters", Err: e.Err}
			}
			return err
		}
	}
	return nil
}

// mrrJSON is MRR's JSON form: the rates as coefficient and exponent, since
// a decimal's own JSON drops trailing zeros ("0.920" would come back with
// another exponent).
type mrrJSON struct {
	Currency string            `json:"currency,omitempty"`
	Rates    map[string]string `json:"rates,omitempty"`
}

// MarshalJSON implements json.Marshaler, keeping each rate's exponent:
// {"currency":"EUR","rates":{"USD":"920e-3"}}. Beam carries a combiner to
// its workers in JSON.
func (f MRR) MarshalJSON() ([]byte, error) {
	j := mrrJSON{Currency: f.Currency}
	if f.Rates != nil {
		j.Rates = map[string]string{}
		for c, r := range f.Rates {
			j.Rates[c] = fmt.Sprintf("%se%d", r.Coefficient(), r.Exponent())
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, reading what MarshalJSON
// writes; a rate that is not a number is a *metrics.Error wrapping
// [metrics.ErrInvalid].
func (f *MRR) UnmarshalJSON(data []byte) error {
	var j mrrJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return &metrics.Error{Metric: "kpibeam.MRR.UnmarshalJSON", Field: "data", Index: -1,
			Detail: err.Error(), Err: metrics.ErrInvalid}
	}
	out := MRR{Currency: j.Currency}
	if j.Rates != nil {
		out.Rates = map[string]decimal.Decimal{}
		for c, s := range j.Rates {
			r, err := decimal.NewFromString(s)
			if err != nil {
				return &metrics.Error{Metric: "kpibeam.MRR.UnmarshalJSON", Field: "Rates", Index: -1,
					Value: s, Detail: "is not a number", Err: metrics.ErrInvalid}
			}
			out.Rates[c] = r
		}
	}
	*f = out
	return nil
}

// Cohorts is the combiner of customers' spans of activity ([crm.Customer])
// into a [crm.Cohorts], from which [crm.Cohorts.Retention] reads a cohort
// retention table over any period. It has no settings. Importing this
// package also registers an exact coder for crm.Customer.
type Cohorts struct{}

// CreateAccumulator returns an empty accumulator.
func (Cohorts) CreateAccumulator() *crm.Cohorts { return new(crm.Cohorts) }

// AddInput adds one customer to c, as [crm.Cohorts.Add] does.
func (Cohorts) AddInput(c *crm.Cohorts, cu crm.Customer) (*crm.Cohorts, error) { return add(c, cu) }

// MergeAccumulators adds u to c, as [crm.Cohorts.Merge] does.
func (Cohorts) MergeAccumulators(c, u *crm.Cohorts) (*crm.Cohorts, error) { return merge(c, u) }

// ExtractOutput returns the accumulator itself.
func (Cohorts) ExtractOutput(c *crm.Cohorts) *crm.Cohorts { return c }

func (Cohorts) shape() (reflect.Type, reflect.Type) { return shapeOf[crm.Cohorts, crm.Customer]() }
func (Cohorts) check() error                        { return nil }

// MRRMovements computes how monthly recurring revenue moved over each of
// periods, from subscriptions, a PCollection of [crm.Subscription]: it
// returns a PCollection of KV pairs of a period and its
// [crm.SubscriptionMovements] (KV<metrics.Period,
// crm.SubscriptionMovements>), one per period, equal to
// [crm.MRRLedger.Movements] of one ledger of all the subscriptions.
//
// It does not build that ledger, which would hold every subscription on one
// worker: it keys the subscriptions by CustomerID, so that one customer's
// subscriptions meet in one ledger (a customer's movement depends on all of
// them), reads each customer's movements in each period, and sums them per
// period, exactly. Use several periods in one call (the twelve months of a
// year) rather than one call per period: the subscriptions are then grouped
// once.
//
// MRRMovements returns an error if:
//   - periods is empty, or a period is invalid ([metrics.ErrInvalid])
//   - a setting of fn is invalid, as for [Globally]
//   - subscriptions is not a PCollection of crm.Subscription
//     ([metrics.ErrMismatch])
//
// A subscription that [crm.MRRLedger.Add] refuses fails the pipeline with
// that error; so does a customer whose movements are in another currency
// than the others' (ErrMismatch), as when fn has no Currency and the
// records come in several.
func MRRMovements(s beam.Scope, fn MRR, subscriptions beam.PCollection, periods ...metrics.Period) (beam.PCollection, error) {
	const metric = "kpibeam.MRRMovements"
	if len(periods) == 0 {
		return beam.PCollection{}, &metrics.Error{Metric: metric, Field: "periods", Index: -1,
			Detail: "is empty", Err: metrics.ErrInvalid}
	}
	for i, p := range periods {
		if err := p.Validate(); err != nil {
			return beam.PCollection{}, &metrics.Error{Metric: metric, Field: "periods", Index: i,
				Value: p.String(), Detail: "is not a period: End is not after Start", Err: metrics.ErrInvalid}
		}
	}
	if err := ready(metric, fn); err != nil {
		return beam.PCollection{}, err
	}
	if !subscriptions.IsValid() || subscriptions.Type().Type() != reflect.TypeFor[crm.Subscription]() {
		return beam.PCollection{}, mismatch(metric, "subscriptions", subscriptions, "crm.Subscription")
	}
	s = s.Scope("kpibeam.MRRMovements")
	byCustomer := beam.ParDo(s, keyByCustomer, subscriptions)
	ledgers, err := PerKey(s, fn, byCustomer)
	if err != nil {
		return beam.PCollection{}, err
	}
	perCustomer := beam.ParDo(s, &customerMovements{Periods: periods}, ledgers)
	// Each period starts from empty movements in fn's Currency, so that a
	// period in which no customer had MRR still has its pair.
	starts := beam.ParDo(s, &emptyMovements{Periods: periods, Currency: fn.Currency}, beam.Impulse(s))
	return beam.CombinePerKey(s, &sumMovements{}, beam.Flatten(s, starts, perCustomer)), nil
}

// keyByCustomer keys a subscription by its CustomerID.
func keyByCustomer(s crm.Subscription) (string, crm.Subscription) { return s.CustomerID, s }

// customerMovements reads one customer's movements in each of Periods.
type customerMovements struct {
	Periods []metrics.Period
}

// ProcessElement emits the customer's movements in each period where the
// customer had MRR at its start or end: other periods add nothing.
func (f *customerMovements) ProcessElement(_ string, l *crm.MRRLedger, emit func(metrics.Period, crm.SubscriptionMovements)) error {
	for _, p := range f.Periods {
		m, err := l.Movements(p)
		if err != nil {
			return err
		}
		if m.CustomersAtStart > 0 || m.CustomersAtEnd > 0 || m.ChurnedCustomers > 0 {
			emit(p, m)
		}
	}
	return nil
}

// emptyMovements emits empty movements in Currency for each of Periods.
type emptyMovements struct {
	Periods  []metrics.Period
	Currency string
}

// ProcessElement emits the empty movements of each period.
func (f *emptyMovements) ProcessElement(_ []byte, emit func(metrics.Period, crm.SubscriptionMovements)) {
	for _, p := range f.Periods {
		emit(p, zeroMovements(f.Currency))
	}
}

// zeroMovements returns movements of nothing in currency.
func zeroMovements(currency string) crm.SubscriptionMovements {
	z := decimal.Zero
	return crm.SubscriptionMovements{Currency: currency, MRR: crm.MRRMovements{StartMRR: z, NewMRR: z,
		ExpansionMRR: z, ContractionMRR: z, ChurnedMRR: z, ReactivationMRR: z}}
}

// sumMovements adds up movements of the same period: amounts exactly,
// customers by count.
type sumMovements struct{}

// CreateAccumulator returns movements of nothing in no currency yet.
func (sumMovements) CreateAccumulator() crm.SubscriptionMovements { return zeroMovements("") }

// AddInput adds b to a.
func (sumMovements) AddInput(a, b crm.SubscriptionMovements) (crm.SubscriptionMovements, error) {
	return addMovements(a, b)
}

// MergeAccumulators adds b to a.
func (sumMovements) MergeAccumulators(a, b crm.SubscriptionMovements) (crm.SubscriptionMovements, error) {
	return addMovements(a, b)
}

// addMovements returns a + b, field by field; an empty Currency takes the
// other's.
func addMovements(a, b crm.SubscriptionMovements) (crm.SubscriptionMovements, error) {
	switch {
	case a.Currency == "":
		a.Currency = b.Currency
	case b.Currency != "" && b.Currency != a.Currency:
		return a, &metrics.Error{Metric: "kpibeam.MRRMovements", Field: "Subscription.Currency", Index: -1,
			Value: b.Currency, Detail: "differs from " + a.Currency + ", the currency of other customers' movements; set MRR.Currency",
			Err: metrics.ErrMismatch}
	}
	a.MRR = crm.MRRMovements{
		StartMRR:        a.MRR.StartMRR.Add(b.MRR.StartMRR),
		NewMRR:          a.MRR.NewMRR.Add(b.MRR.NewMRR),
		ExpansionMRR:    a.MRR.ExpansionMRR.Add(b.MRR.ExpansionMRR),
		ContractionMRR:  a.MRR.ContractionMRR.Add(b.MRR.ContractionMRR),
		ChurnedMRR:      a.MRR.ChurnedMRR.Add(b.MRR.ChurnedMRR),
		ReactivationMRR: a.MRR.ReactivationMRR.Add(b.MRR.ReactivationMRR),
	}
	a.CustomersAtStart += b.CustomersAtStart
	a.NewCustomers += b.NewCustomers
	a.ExpandedCustomers += b.ExpandedCustomers
	a.ContractedCustomers += b.ContractedCustomers
	a.ChurnedCustomers += b.ChurnedCustomers
	a.ReactivatedCustomers += b.ReactivatedCustomers
	a.CustomersAtEnd += b.CustomersAtEnd
	return a, nil
}
