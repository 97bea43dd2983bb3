// Command surveys is a Beam pipeline over a company's survey answers and
// subscriptions, read from CSV files: it writes the Net Promoter Score of
// each quarter, computed with kpikit's combiners, exactly as the library
// computes it in one process.
//
// From the beam directory of a clone, on Beam's local prism runner:
//
//	go run ./examples/surveys
//
// reads testdata/answers.csv beside this file and writes
// nps-per-quarter.csv into --output (a new temporary directory by
// default), then prints it. The same program runs on Dataflow or Flink with
// Beam's --runner flag and its options (see the module's README): the
// inputs and the output may then be gs:// paths.
//
// answers.csv has a header line and the columns respondent, answered_at
// (a date, 2026-01-31, in UTC) and score (0–10).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
)

var (
	answers = flag.String("answers", filepath.Join("examples", "surveys", "testdata", "answers.csv"),
		"survey answers: a CSV file or glob (respondent,answered_at,score)")
	output = flag.String("output", "", "directory the results are written to (default: a new temporary directory)")
)

func init() {
	register.Function2x1(parseAnswer)
	register.Emitter2[string, int]()
	register.Function2x1(formatNPS)
}

// parseAnswer reads one line of answers.csv as the quarter it belongs to
// ("2026-Q1") and its score; the header is skipped.
func parseAnswer(line string, emit func(string, int)) error {
	f := strings.Split(strings.TrimSpace(line), ",")
	if len(f) == 0 || f[0] == "respondent" || line == "" {
		return nil
	}
	if len(f) != 3 {
		return fmt.Errorf("answers: %q: want 3 columns", line)
	}
	day, err := time.Parse(time.DateOnly, f[1])
	if err != nil {
		return fmt.Errorf("answers: %q: answered_at: %w", line, err)
	}
	score, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("answers: %q: score: %w", line, err)
	}
	emit(quarterOf(day), score)
	return nil
}

// quarterOf names the calendar quarter of t: "2026-Q1".
func quarterOf(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3)
}

// formatNPS writes one quarter's line of nps-per-quarter.csv.
func formatNPS(quarter string, t *crm.NPSTally) string {
	c := t.Counts()
	nps, err := t.NPS()
	score := nps.String()
	if err != nil {
		score = "undefined"
	}
	return fmt.Sprintf("%s,%s,%d,%d,%d,%d", quarter, score, t.Total(), c.Promoters, c.Passives, c.Detractors)
}

// npsHeader is the header of nps-per-quarter.csv.
const npsHeader = "quarter,nps,answers,promoters,passives,detractors"

// build adds the pipeline's transforms to s: answers read from answersGlob,
// NPS per quarter written to dir.
func build(s beam.Scope, answersGlob, dir string) error {
	lines := textio.Read(s.Scope("answers"), answersGlob)
	scores := beam.ParDo(s, parseAnswer, lines)
	perQuarter, err := kpibeam.PerKey(s.Scope("nps per quarter"), kpibeam.NPS{}, scores)
	if err != nil {
		return err
	}
	textio.Write(s, dir+"/nps-per-quarter.csv", beam.ParDo(s, formatNPS, perQuarter))
	return nil
}

func main() {
	flag.Parse()
	beam.Init()
	dir := *output
	if dir == "" {
		d, err := os.MkdirTemp("", "kpikit-beam-surveys-")
		if err != nil {
			log.Fatal(err)
		}
		dir = d
	}
	p, s := beam.NewPipelineWithRoot()
	if err := build(s, *answers, dir); err != nil {
		log.Fatal(err)
	}
	if err := beamx.Run(context.Background(), p); err != nil {
		log.Fatalf("pipeline failed: %v", err)
	}
	if strings.Contains(dir, "://") {
		fmt.Println("results written to", dir)
		return
	}
	for _, name := range []string{"nps-per-quarter.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			log.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		slices.Sort(lines) // a runner writes lines in no particular order
		fmt.Printf("%s (%s)\n%s\n%s\n\n", name, filepath.Join(dir, name), npsHeader, strings.Join(lines, "\n"))
	}
}
