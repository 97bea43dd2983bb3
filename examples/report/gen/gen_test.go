package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/shopspring/decimal"
)

// committed is the data directory the generator's output is committed to.
const committed = "../data"

// TestCommittedDataIsGenerated regenerates the data set into a temporary
// directory and checks that the committed files are byte for byte what the
// generator writes, with no file missing or extra.
func TestCommittedDataIsGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	want := csvNames(t, dir)
	if got := csvNames(t, committed); !slices.Equal(got, want) {
		t.Fatalf("committed CSV files %v, generator writes %v", got, want)
	}
	for _, name := range want {
		gen, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		have, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, gen) {
			t.Errorf("%s differs from the generator's output at %s; run go generate in examples/report and commit the data",
				name, firstDifference(have, gen))
		}
	}
}

func csvNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".csv") {
			names = append(names, e.Name())
		}
	}
	return names
}

// firstDifference returns "line n" for the first line where a and b differ.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ": committed " + la[i] + ", generated " + lb[i]
		}
	}
	return "line " + itoa(min(len(la), len(lb))+1) + " (one file is longer)"
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestGenerateIsDeterministic checks that two runs in one process agree, so
// that no map order or clock leaks into the data.
func TestGenerateIsDeterministic(t *testing.T) {
	a, b := dataset.Encode(generate()), dataset.Encode(generate())
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs at %s", a[i].Name, firstDifference(a[i].Data, b[i].Data))
		}
	}
}

// TestDataExercisesEveryCase checks that the committed data set holds every
// case the report's metrics must handle, and stays small.
func TestDataExercisesEveryCase(t *testing.T) {
	d, err := dataset.Load(os.DirFS(committed))
	if err != nil {
		t.Fatal(err)
	}
	start, end := d.Company.FirstMonth, d.Company.PeriodEnd()
	in := func(x time.Time) bool { return !x.Before(start) && x.Before(end) }
	cases := map[string]int{}
	see := func(name string, ok bool) {
		if ok {
			cases[name]++
		}
	}

	for _, s := range d.Surveys {
		see("nps promoter (9-10)", s.Survey == dataset.SurveyNPS && s.Score >= 9)
		see("nps passive (7-8)", s.Survey == dataset.SurveyNPS && s.Score >= 7 && s.Score <= 8)
		see("nps detractor (0-6)", s.Survey == dataset.SurveyNPS && s.Score <= 6)
		see("csat satisfied (4-5)", s.Survey == dataset.SurveyCSAT && s.Score >= 4)
		see("csat unsatisfied (1-3)", s.Survey == dataset.SurveyCSAT && s.Score <= 3)
		see("ces easy (5-7)", s.Survey == dataset.SurveyCES && s.Score >= 5)
		see("ces hard (1-3)", s.Survey == dataset.SurveyCES && s.Score <= 3)
	}

	for _, tk := range d.Tickets {
		see("ticket without first response", tk.FirstResponse.IsZero())
		see("ticket still open", tk.Resolved.IsZero())
		see("ticket answered but open", !tk.FirstResponse.IsZero() && tk.Resolved.IsZero())
		see("ticket resolved under an hour", !tk.Resolved.IsZero() && tk.Resolved.Sub(tk.Opened) < time.Hour)
		see("ticket resolved after a day", !tk.Resolved.IsZero() && tk.Resolved.Sub(tk.Opened) > 24*time.Hour)
		see("ticket first response after 8 hours", !tk.FirstResponse.IsZero() && tk.FirstResponse.Sub(tk.Opened) > 8*time.Hour)
	}

	// Subscriptions: per customer, what happens at the end of each row.
	byCustomer := map[string][]dataset.Subscription{}
	for _, s := range d.Subscriptions {
		byCustomer[s.CustomerID] = append(byCustomer[s.CustomerID], s)
		see("billing "+string(s.Billing), true)
		see("subscription in EUR", s.Currency == "EUR")
		see("subscription in the reporting currency", s.Currency == "")
		see("subscription started before the period", s.Started.Before(start))
	}
	mrr := func(s dataset.Subscription) decimal.Decimal {
		return s.Amount.Mul(decimal.NewFromInt(int64(s.Billing.PeriodsPerYear())))
	}
	for _, subs := range byCustomer {
		for i, s := range subs {
			if s.Ended.IsZero() || !in(s.Ended) {
				continue
			}
			var next *dataset.Subscription
			if i+1 < len(subs) {
				next = &subs[i+1]
			}
			switch {
			case next == nil:
				see("churn", true)
			case next.Started.Equal(s.Ended) && mrr(*next).GreaterThan(mrr(s)):
				see("expansion", true)
			case next.Started.Equal(s.Ended) && mrr(*next).LessThan(mrr(s)):
				see("contraction", true)
			case next.Started.After(s.Ended):
				see("churn", true)
				see("reactivation", in(next.Started))
			}
		}
	}

	owners := map[string]bool{}
	for _, dl := range d.Deals {
		owners[dl.Owner] = true
		see("deal "+string(dl.Kind)+" "+string(dl.Stage), true)
		see("deal in EUR", dl.Currency == "EUR")
		see("deal with a proposal", !dl.Proposal.IsZero())
		see("closed deal without a proposal", dl.Stage != dataset.StageOpen && dl.Proposal.IsZero())
		see("open deal created before the last quarter", dl.Stage == dataset.StageOpen && dl.Created.Before(end.AddDate(0, -3, 0)))
	}
	see("several deal owners", len(owners) >= 3)

	for _, p := range d.Projects {
		see("project delivered on time", !p.Delivered.IsZero() && !p.Delivered.After(p.Due))
		see("project delivered late", p.Delivered.After(p.Due))
		see("project not delivered yet", p.Delivered.IsZero())
	}

	for _, l := range d.Leads {
		see("lead only created", l.Qualified.IsZero() && l.Converted.IsZero())
		see("lead qualified, not converted", !l.Qualified.IsZero() && l.Converted.IsZero())
		see("lead converted", !l.Converted.IsZero())
		see("lead from a campaign", l.CampaignID != "")
		see("lead without a campaign", l.CampaignID == "")
	}

	for _, c := range d.Campaigns {
		see("campaign with email counts", c.HasEmail)
		see("campaign with outreach counts", c.HasOutreach)
		see("campaign with social counts", c.HasSocial)
		see("campaign with no counts", !c.HasEmail && !c.HasOutreach && !c.HasSocial)
		see("campaign in EUR", c.Currency == "EUR")
		see("campaign with attributed revenue", c.AttributedRevenue.IsPositive())
		see("campaign without attributed revenue", c.AttributedRevenue.IsZero())
	}

	months := func(ms []time.Time) bool {
		for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
			if !slices.ContainsFunc(ms, m.Equal) {
				return false
			}
		}
		return true
	}
	var web, ops, rep []time.Time
	for _, w := range d.Website {
		web = append(web, w.Month)
	}
	for _, o := range d.Operations {
		ops = append(ops, o.Month)
	}
	for _, r := range d.Reps {
		rep = append(rep, r.Month)
	}
	see("website month for each month", months(web))
	see("operations month for each month", months(ops))
	see("rep quotas for each month", months(rep))
	see("EUR rate", slices.ContainsFunc(d.FXRates, func(r dataset.FXRate) bool { return r.Currency == "EUR" }))

	want := []string{
		"nps promoter (9-10)", "nps passive (7-8)", "nps detractor (0-6)",
		"csat satisfied (4-5)", "csat unsatisfied (1-3)", "ces easy (5-7)", "ces hard (1-3)",
		"ticket without first response", "ticket still open", "ticket answered but open",
		"ticket resolved under an hour", "ticket resolved after a day", "ticket first response after 8 hours",
		"billing weekly", "billing monthly", "billing quarterly", "billing yearly",
		"subscription in EUR", "subscription in the reporting currency", "subscription started before the period",
		"churn", "expansion", "contraction", "reactivation",
		"deal new won", "deal new lost", "deal new open", "deal expansion won", "deal expansion lost",
		"deal services won", "deal services lost", "deal services open",
		"deal in EUR", "deal with a proposal", "closed deal without a proposal",
		"open deal created before the last quarter", "several deal owners",
		"project delivered on time", "project delivered late", "project not delivered yet",
		"lead only created", "lead qualified, not converted", "lead converted",
		"lead from a campaign", "lead without a campaign",
		"campaign with email counts", "campaign with outreach counts", "campaign with social counts",
		"campaign with no counts", "campaign in EUR",
		"campaign with attributed revenue", "campaign without attributed revenue",
		"website month for each month", "operations month for each month", "rep quotas for each month", "EUR rate",
	}
	t.Logf("cases: %v", cases)
	for _, name := range want {
		if cases[name] == 0 {
			t.Errorf("the data set has no case of %q", name)
		}
	}

	// Small: a few thousand rows, well under 1 MB.
	rows, size := 0, 0
	for _, f := range dataset.Encode(d) {
		rows += bytes.Count(f.Data, []byte("\n")) - 1
		size += len(f.Data)
	}
	if rows < 2000 || rows > 8000 || size > 512<<10 {
		t.Errorf("data set has %d rows and %d bytes; want 2000..8000 rows and at most 512 KiB", rows, size)
	}
}

func TestWriteError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(filepath.Join(file, "data")); err == nil {
		t.Errorf("write into a path below a file: no error")
	}
}
