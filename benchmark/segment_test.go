package benchmark_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
)

func ExampleSegment_String() {
	fmt.Println(benchmark.Segment{Industry: "SaaS", Region: "United States"})
	fmt.Println(benchmark.Segment{Industry: "all industries"})
	// Output:
	// SaaS, United States
	// all industries
}

func ExampleSource_String() {
	b, _ := benchmark.Lookup("nps", benchmark.Segment{Industry: "all industries"})
	src := b.Spec().Source
	fmt.Println(src)
	fmt.Println(src.Section)
	fmt.Println(src.Quote)
	// Output:
	// seed 004
	// Score de promoteur net (NPS), Benchmarks de l'industrie
	// un score de promoteur net de 50 ou plus est considéré comme excellent
}

func TestSegmentString(t *testing.T) {
	tests := []struct {
		seg  benchmark.Segment
		want string
	}{
		{benchmark.Segment{Industry: "CRM software", Region: "United States"}, "CRM software, United States"},
		{benchmark.Segment{Industry: "e-commerce"}, "e-commerce"},
		{benchmark.Segment{}, ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.seg.String()); diff != "" {
			t.Errorf("%#v (-want +got):\n%s", tt.seg, diff)
		}
	}
	if diff := cmp.Diff("our 2024 quarters", benchmark.Source{Name: "our 2024 quarters", Section: "Q1–Q4"}.String()); diff != "" {
		t.Errorf("Source.String (-want +got):\n%s", diff)
	}
}
