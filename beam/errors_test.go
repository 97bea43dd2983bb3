package kpibeam_test

import (
	"errors"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

// TestWrapperErrors walks the errors of Globally and PerKey: invalid
// settings, a nil combiner, a PCollection of the wrong type.
func TestWrapperErrors(t *testing.T) {
	// in is the parameters of Globally and PerKey, with fn as the union
	// of the combiners' settings, for RequireFieldOf.
	type in struct {
		s  beam.Scope
		fn struct {
			Scale  crm.SurveyScale
			Period metrics.Period
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
			testkit.RequireFieldOf(t, err, in{})
		})
	}
}
