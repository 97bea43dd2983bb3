package main

import (
	"bufio"
	"strings"
	"testing"
)

// Every row's kpikit column must equal the seed's figure.
func TestQuickstartMatchesSeed(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	rows := 0
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		got, seed := fields[len(fields)-2], fields[len(fields)-1]
		if got != seed {
			t.Errorf("%q: kpikit %s, seed %s", sc.Text(), got, seed)
		}
		rows++
	}
	if rows != 7 {
		t.Errorf("got %d rows, want 7:\n%s", rows, out.String())
	}
}
