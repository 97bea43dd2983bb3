package sales_test

import (
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

func ExampleStage_String() {
	fmt.Println(sales.StageOpen, sales.StageWon, sales.StageLost, sales.Stage(0))
	// Output:
	// open won lost Stage(0)
}

func ExampleStage_UnmarshalText() {
	var s sales.Stage
	err := s.UnmarshalText([]byte("won"))
	fmt.Println(s == sales.StageWon, err)
	err = s.UnmarshalText([]byte("closed"))
	fmt.Println(err)
	// Output:
	// true <nil>
	// sales.Stage.UnmarshalText: text "closed" is not a stage: want "open", "won" or "lost": invalid value
}

func ExampleDeal_json() {
	d := exampleDeals()[0]
	b, err := json.Marshal(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"id":"D-1","amount":"12000","stage":"won","created":"2024-01-08T00:00:00Z","closed":"2024-02-07T00:00:00Z","owner":"ann"}
}

var (
	_ encoding.TextMarshaler   = sales.Stage(0)
	_ encoding.TextUnmarshaler = (*sales.Stage)(nil)
)

func TestStageText(t *testing.T) {
	for s, want := range map[sales.Stage]string{0: "", sales.StageOpen: "open", sales.StageWon: "won", sales.StageLost: "lost"} {
		got, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("Stage(%d).MarshalText (-want +got):\n%s", int(s), diff)
		}
		var back sales.Stage = 7
		if err := back.UnmarshalText(got); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %d, %v; want %d", got, int(back), err, int(s))
		}
	}
	for s, want := range map[sales.Stage]string{0: "Stage(0)", 7: "Stage(7)", -1: "Stage(-1)", sales.StageWon: "won"} {
		if diff := cmp.Diff(want, s.String()); diff != "" {
			t.Errorf("Stage(%d).String() (-want +got):\n%s", int(s), diff)
		}
	}
}

func TestStageTextErrors(t *testing.T) {
	for _, s := range []sales.Stage{-1, 4, 99} {
		got, err := s.MarshalText()
		requireError(t, struct{ Stage sales.Stage }{}, got, err, metrics.ErrInvalid, "Stage", -1)
	}
	for _, text := range []string{"Won", "closed_won", " open", "0"} {
		s := sales.StageLost
		err := s.UnmarshalText([]byte(text))
		// The parameter text is read as a whole, as a string.
		requireError(t, struct{ text string }{}, nil, err, metrics.ErrInvalid, "text", -1)
		if s != sales.StageLost {
			t.Errorf("a failed UnmarshalText changed the stage to %v", s)
		}
	}
}

func TestRecordsJSON(t *testing.T) {
	for _, d := range append(exampleDeals(), sales.Deal{}) {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back sales.Deal
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Errorf("Deal round trip through %s (-want +got):\n%s", b, diff)
		}
	}
	for _, l := range exampleLeads() {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back sales.Lead
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(l, back); diff != "" {
			t.Errorf("Lead round trip through %s (-want +got):\n%s", b, diff)
		}
	}
	b, err := json.Marshal(exampleLeads()[3])
	if want := `{"id":"L-4","created":"2024-02-01T00:00:00Z"}`; err != nil || string(b) != want {
		t.Errorf("Lead JSON %s (%v), want %s", b, err, want)
	}
	var d sales.Deal
	if err := json.Unmarshal([]byte(`{"stage":"pending"}`), &d); err == nil {
		t.Error("an unknown stage in JSON: no error")
	}
}

// FuzzStageUnmarshalText: any text either reads as a stage that marshals
// back to the same text, or is a kpikit error leaving the stage unchanged.
func FuzzStageUnmarshalText(f *testing.F) {
	for _, s := range []string{"open", "won", "lost", "", "Won", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := sales.Stage(42)
		if err := s.UnmarshalText([]byte(text)); err != nil {
			testkit.RequireFieldOf(t, err, struct{ text string }{})
			if s != 42 {
				t.Fatalf("a failed UnmarshalText changed the stage to %v", s)
			}
			return
		}
		back, err := s.MarshalText()
		if err != nil || string(back) != text {
			t.Fatalf("%q read as %v, which marshals as %q (%v)", text, s, back, err)
		}
	})
}
