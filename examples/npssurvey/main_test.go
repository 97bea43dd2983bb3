package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/metrics"
)

// The expected counts were tallied from answers.csv by hand (awk), and the
// scores follow: Q1 (15 − 24)/48 × 100 = −18.75, Q2 (34 − 16)/62 × 100 =
// 29.03; the difference is 47.78 points. Its Wald standard error is
// √(12.726² + 10.792²) = 16.686 points (per sample 100·√((p+d−(p−d)²)/n)), so
// the 95% interval is 47.78 ± 1.96 × 16.686 = 15.1 to 80.5, z = 2.86 and the
// two-sided p-value 0.004.
func TestNPSSurveyOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out, "answers.csv", sampleExport); err != nil {
		t.Fatal(err)
	}
	want := `2025-Q1   48 answers   15 promoters    9 passives   24 detractors  NPS  -18.8  95% CI -41.6 to 6.3
2025-Q2   62 answers   34 promoters   12 passives   16 detractors  NPS   29.0  95% CI 7.1 to 48.3
2025-Q2 vs 2025-Q1: +47.8 points (Wald 95% CI +15.1 to +80.5, p = 0.004): a real change at 95% confidence
detractors to call back in 2025-Q2: c049 (6), c052 (6), c053 (6), c054 (5), c066 (6), c073 (6), c074 (6), c082 (5), c083 (6), c089 (6), c090 (6), c093 (6), c094 (5), c100 (3), c104 (6), c106 (5)
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestNPSSurveyBadExport(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"off scale", "respondent,quarter,score\nc1,Q1,9\nc2,Q1,11\n", "my.csv:3:3: crm.CategorizeNPSScore: score 11 is outside the NPS scale 0..10: out of range"},
		{"not a number", "respondent,quarter,score\nc1,Q1,nine\n", `my.csv:2:3: score "nine" is not a whole number`},
		{"header", "id,q,s\n", `my.csv:1:1: header "id,q,s", want respondent,quarter,score`},
		{"no answers", "respondent,quarter,score\n", "my.csv: no answers"},
		{"empty file", "", "my.csv: empty file, want the header respondent,quarter,score"},
		{"quote", "respondent,quarter,score\nc1,\"Q1,9\n", `my.csv: parse error on line 2, column 10: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(&out, "my.csv", tt.text)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("printed %q with an error", out.String())
			}
		})
	}
	err := run(&strings.Builder{}, "my.csv", "respondent,quarter,score\nc1,Q1,12\n")
	if !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("an off-scale score does not wrap metrics.ErrOutOfRange: %v", err)
	}
}
