package kpibeam_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// TestWrapperErrors walks the errors of Globally and PerKey: invalid
// settings, a nil combiner, a PCollection of the wrong type.
func TestWrapperErrors(t *testing.T) {
	// in is the parameters of Globally and PerKey, with fn as the union
	// of the combiners' settings, for RequireFieldOf.
	var in struct {
		s  beam.Scope
		fn struct {
			Scale    crm.SurveyScale
			Period   metrics.Period
			Currency string
			Rates    map[string]decimal.Decimal
		}
		records beam.PCollection
	}
	march := metrics.Month(2026, time.March, time.UTC)
	backwards := metrics.Period{Start: march.End, End: march.Start}
	_, s := beam.NewPipelineWithRoot()
	scores := beam.Create(s, 9, 10)
	keyed := beam.ParDo(s, func(x int) (string, int) { return "k", x }, scores)
	words := beam.Create(s, "nine")
	tests := []struct {
		name   string
		fn     kpibeam.Combiner
		global bool
		col    beam.PCollection
		want   error
		field  string
	}{
		{"nil fn", nil, true, scores, metrics.ErrInvalid, "fn"},
		{"nil fn per key", nil, false, keyed, metrics.ErrInvalid, "fn"},
		{"zero scale", kpibeam.Answers{}, true, scores, metrics.ErrInvalid, "fn.Scale"},
		{"scale too wide", kpibeam.Answers{Scale: crm.SurveyScale{Min: 0, Max: 200}}, false, keyed, metrics.ErrOutOfRange, "fn.Scale"},
		{"backwards period", kpibeam.Tickets{Period: backwards}, true, scores, metrics.ErrInvalid, "fn.Period.End"},
		{"deals without period", kpibeam.Deals{}, true, scores, metrics.ErrInvalid, "fn.Period.End"},
		{"leads backwards", kpibeam.Leads{Period: backwards}, false, keyed, metrics.ErrInvalid, "fn.Period.End"},
		{"currency", kpibeam.MRR{Currency: "euro"}, true, scores, metrics.ErrInvalid, "fn.Currency"},
		{"rates without currency", kpibeam.MRR{Rates: map[string]decimal.Decimal{"USD": decimal.NewFromInt(1)}}, true, scores, metrics.ErrInvalid, "fn.Currency"},
		{"rate key", kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"usd": decimal.NewFromInt(1)}}, false, keyed, metrics.ErrInvalid, "fn.Rates"},
		{"negative rate", kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.NewFromInt(-1)}}, false, keyed, metrics.ErrOutOfRange, "fn.Rates"},
		{"strings", kpibeam.NPS{}, true, words, metrics.ErrMismatch, "records"},
		{"keyed globally", kpibeam.NPS{}, true, keyed, metrics.ErrMismatch, "records"},
		{"unkeyed per key", kpibeam.NPS{}, false, scores, metrics.ErrMismatch, "records"},
		{"invalid collection", kpibeam.NPS{}, true, beam.PCollection{}, metrics.ErrMismatch, "records"},
		{"tickets of scores", kpibeam.Tickets{}, false, keyed, metrics.ErrMismatch, "records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.global {
				_, err = kpibeam.Globally(s, tt.fn, tt.col)
			} else {
				_, err = kpibeam.PerKey(s, tt.fn, tt.col)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var e *metrics.Error
			if !errors.As(err, &e) || e.Field != tt.field {
				t.Fatalf("got %#v, want Field %q", err, tt.field)
			}
			testkit.RequireFieldOf(t, err, in)
		})
	}
}

// TestMRRMovementsErrors walks the errors of MRRMovements.
func TestMRRMovementsErrors(t *testing.T) {
	var in struct {
		s             beam.Scope
		fn            kpibeam.MRR
		subscriptions beam.PCollection
		periods       []metrics.Period
	}
	_, s := beam.NewPipelineWithRoot()
	subs := beam.Create(s, crm.Subscription{})
	march := metrics.Month(2026, time.March, time.UTC)
	tests := []struct {
		name    string
		fn      kpibeam.MRR
		col     beam.PCollection
		periods []metrics.Period
		want    error
		field   string
		index   int
	}{
		{"no periods", kpibeam.MRR{}, subs, nil, metrics.ErrInvalid, "periods", -1},
		{"backwards period", kpibeam.MRR{}, subs, []metrics.Period{march, {Start: march.End, End: march.Start}}, metrics.ErrInvalid, "periods", 1},
		{"currency", kpibeam.MRR{Currency: "eur"}, subs, []metrics.Period{march}, metrics.ErrInvalid, "fn.Currency", -1},
		{"scores", kpibeam.MRR{}, beam.Create(s, 1), []metrics.Period{march}, metrics.ErrMismatch, "subscriptions", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kpibeam.MRRMovements(s, tt.fn, tt.col, tt.periods...)
			var e *metrics.Error
			if !errors.Is(err, tt.want) || !errors.As(err, &e) || e.Field != tt.field || e.Index != tt.index {
				t.Fatalf("got %#v, want %v with Field %q and Index %d", err, tt.want, tt.field, tt.index)
			}
			testkit.RequireFieldOf(t, err, in)
		})
	}
}

// TestMRRJSON: a combiner travels to Beam's workers in JSON; MRR's keeps
// each rate's exponent.
func TestMRRJSON(t *testing.T) {
	fn := kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.9200"), "GBP": decimal.New(12, 1)}}
	data, err := json.Marshal(fn)
	if err != nil {
		t.Fatal(err)
	}
	var got kpibeam.MRR
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for c, r := range fn.Rates {
		if g := got.Rates[c]; !g.Equal(r) || g.Exponent() != r.Exponent() {
			t.Errorf("rate %s: %s (exponent %d), want %s (exponent %d)", c, g, g.Exponent(), r, r.Exponent())
		}
	}
	if got.Currency != fn.Currency || len(got.Rates) != len(fn.Rates) {
		t.Errorf("got %+v from %s", got, data)
	}
	for _, bad := range []string{`{"rates":{"USD":"x"}}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &got); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", bad, err)
		}
	}
}
