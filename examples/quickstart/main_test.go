package main

import (
	"bufio"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// want is the program's output: the article it follows, then each worked
// example with kpikit's result beside the article's.
const want = `Worked examples of "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client?" (French, 3 October 2024)

metric                       worked example                                 kpikit     article
MRR growth rate              MRR 50,000 -> 60,000                           20%        20%
Customer acquisition cost    100,000 spent / 500 new customers              200        200
Customer lifetime value      (100 x 4) x 5 years x 80% retention            1600       1600
Churn rate                   25 lost of 500 at start                        5%         5%
Lead conversion rate         20 converted of 100 leads                      20%        20%
Net Promoter Score           200 promoters, 150 passives, 150 detractors    10         10
Avg ticket resolution time   500 h over 100 tickets                         5h0m0s     5h0m0s
`

func TestQuickstartOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// Every row's kpikit column must equal the article's figure.
func TestQuickstartMatchesArticle(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	rows := 0
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for range 3 { // the article, a blank line, the header
		sc.Scan()
	}
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		got, article := fields[len(fields)-2], fields[len(fields)-1]
		if got != article {
			t.Errorf("%q: kpikit %s, article %s", sc.Text(), got, article)
		}
		rows++
	}
	if rows != 7 {
		t.Errorf("got %d rows, want 7:\n%s", rows, out.String())
	}
}
