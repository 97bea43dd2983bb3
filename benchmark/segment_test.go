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
	fmt.Println(src.Translation)
	fmt.Println(benchmark.Source{Name: "our 2025 quarters"})
	// Output:
	// Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French)
	// Score de promoteur net (NPS) (Net Promoter Score (NPS)) › Benchmarks de l'industrie (Industry benchmarks)
	// un score de promoteur net de 50 ou plus est considéré comme excellent
	// a net promoter score of 50 or more is considered excellent
	// our 2025 quarters
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
}

func TestSourceString(t *testing.T) {
	tests := []struct {
		src  benchmark.Source
		want string
	}{
		{benchmark.Source{Name: "our 2024 quarters", Section: "Q1–Q4", Quote: "q"}, "our 2024 quarters"},
		{benchmark.Source{Name: "Churn report", Publisher: "Acme Research"}, "Churn report (Acme Research)"},
		{benchmark.Source{Name: "Churn report", Publisher: "Acme Research", Date: "2025-01-31", Language: "German"},
			"Churn report (Acme Research, 2025-01-31, in German)"},
		{benchmark.Source{Name: "Rapport", Language: "French"}, "Rapport (in French)"},
		{benchmark.Source{Name: "Report", Date: "2025"}, "Report (2025)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.src.String()); diff != "" {
			t.Errorf("%#v (-want +got):\n%s", tt.src, diff)
		}
	}
}
