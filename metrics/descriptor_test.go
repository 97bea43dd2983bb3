package metrics_test

import (
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleDescriptor() {
	d, _ := crm.Describe("churn_rate")
	fmt.Println(d.Name)
	fmt.Println(d.Category, "/", d.Class, "/", d.Unit, "/", d.Better)
	fmt.Println(d.Formula)
	// Output:
	// Customer churn rate
	// CRM / customer perception / percent / lower is better
	// CustomersLost / CustomersAtStart × 100
}

func ExampleDescriptor_json() {
	d := metrics.Descriptor{ID: "win_rate", Name: "Win rate", Category: metrics.CategorySales,
		Class: metrics.ClassBusinessPerformance, Unit: metrics.UnitPercent, Better: metrics.HigherIsBetter,
		Formula: "Won / (Won + Lost) × 100"}
	b, _ := json.Marshal(d)
	fmt.Println(string(b))
	var back metrics.Descriptor
	err := json.Unmarshal(b, &back)
	fmt.Println(back == d, err)
	// Output:
	// {"id":"win_rate","name":"Win rate","category":"sales","class":"business_performance","unit":"percent","better":"higher_is_better","formula":"Won / (Won + Lost) × 100"}
	// true <nil>
}

func TestEnumStrings(t *testing.T) {
	got := []string{
		metrics.CategoryCRM.String(), metrics.CategorySales.String(), metrics.Category(0).String(),
		metrics.ClassBusinessPerformance.String(), metrics.ClassUserAdoption.String(),
		metrics.ClassCustomerPerception.String(), metrics.Class(9).String(),
		metrics.HigherIsBetter.String(), metrics.LowerIsBetter.String(), metrics.Direction(0).String(),
	}
	want := []string{
		"CRM", "sales", "Category(0)",
		"business performance", "user adoption", "customer perception", "Class(9)",
		"higher is better", "lower is better", "Direction(0)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	units := map[metrics.Unit]string{
		metrics.UnitPercent: "percent", metrics.UnitMoney: "money", metrics.UnitCount: "count",
		metrics.UnitDuration: "duration", metrics.UnitRatio: "ratio", metrics.UnitScore: "score",
		metrics.UnitMonths: "months", metrics.UnitDays: "days", metrics.UnitMoneyPerDay: "money per day",
		metrics.UnitCountPerDay: "count per day", metrics.UnitCountPerRep: "count per person", metrics.Unit(0): "Unit(0)",
	}
	for u, w := range units {
		if u.String() != w {
			t.Errorf("Unit(%d).String() = %q, want %q", int(u), u.String(), w)
		}
	}
}

// enum is what the enumerations' text round trip needs.
type enum interface {
	encoding.TextMarshaler
	String() string
}

func TestEnumText(t *testing.T) {
	tests := []struct {
		v    enum
		want string
		back func([]byte) (enum, error)
	}{
		{metrics.CategoryCRM, "crm", unmarshal[metrics.Category]},
		{metrics.CategorySales, "sales", unmarshal[metrics.Category]},
		{metrics.ClassBusinessPerformance, "business_performance", unmarshal[metrics.Class]},
		{metrics.ClassUserAdoption, "user_adoption", unmarshal[metrics.Class]},
		{metrics.ClassCustomerPerception, "customer_perception", unmarshal[metrics.Class]},
		{metrics.UnitPercent, "percent", unmarshal[metrics.Unit]},
		{metrics.UnitMoney, "money", unmarshal[metrics.Unit]},
		{metrics.UnitCount, "count", unmarshal[metrics.Unit]},
		{metrics.UnitDuration, "duration", unmarshal[metrics.Unit]},
		{metrics.UnitRatio, "ratio", unmarshal[metrics.Unit]},
		{metrics.UnitScore, "score", unmarshal[metrics.Unit]},
		{metrics.UnitMonths, "months", unmarshal[metrics.Unit]},
		{metrics.UnitDays, "days", unmarshal[metrics.Unit]},
		{metrics.UnitMoneyPerDay, "money_per_day", unmarshal[metrics.Unit]},
		{metrics.UnitCountPerDay, "count_per_day", unmarshal[metrics.Unit]},
		{metrics.UnitCountPerRep, "count_per_rep", unmarshal[metrics.Unit]},
		{metrics.HigherIsBetter, "higher_is_better", unmarshal[metrics.Direction]},
		{metrics.LowerIsBetter, "lower_is_better", unmarshal[metrics.Direction]},
	}
	for _, tt := range tests {
		got, err := tt.v.MarshalText()
		if diff := cmp.Diff(tt.want, string(got)); diff != "" || err != nil {
			t.Errorf("%v.MarshalText() (-want +got):\n%s (%v)", tt.v, diff, err)
		}
		back, err := tt.back(got)
		if err != nil || back != tt.v {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", got, back, err, tt.v)
		}
	}
}

// unmarshal decodes text into a new E.
func unmarshal[E any, P interface {
	*E
	encoding.TextUnmarshaler
	enum
}](text []byte) (enum, error) {
	var v E
	err := P(&v).UnmarshalText(text)
	return any(v).(enum), err
}

func TestEnumTextErrors(t *testing.T) {
	// The receiver is named by its type.
	for _, tt := range []struct {
		v  enum
		in any
	}{
		{metrics.Category(0), struct{ Category metrics.Category }{}}, {metrics.Category(3), struct{ Category metrics.Category }{}},
		{metrics.Class(0), struct{ Class metrics.Class }{}}, {metrics.Class(-1), struct{ Class metrics.Class }{}},
		{metrics.Unit(0), struct{ Unit metrics.Unit }{}}, {metrics.Unit(12), struct{ Unit metrics.Unit }{}},
		{metrics.Direction(0), struct{ Direction metrics.Direction }{}}, {metrics.Direction(3), struct{ Direction metrics.Direction }{}},
	} {
		b, err := tt.v.MarshalText()
		testkit.RequireSentinel(t, err, metrics.ErrInvalid)
		testkit.RequireFieldOf(t, err, tt.in)
		if b != nil {
			t.Errorf("%v.MarshalText() = %q with its error", tt.v, b)
		}
	}
	for _, text := range []string{"", "CRM", "crm ", "Sales", "higher is better", "money per day", "x"} {
		for _, u := range []encoding.TextUnmarshaler{new(metrics.Category), new(metrics.Class), new(metrics.Unit), new(metrics.Direction)} {
			err := u.UnmarshalText([]byte(text))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ text []byte }{})
		}
	}
	// A failed decode leaves the value as it was.
	d := metrics.LowerIsBetter
	if err := d.UnmarshalText([]byte("sideways")); err == nil || d != metrics.LowerIsBetter {
		t.Errorf("UnmarshalText(sideways) = %v, left %v", err, d)
	}
}

func FuzzEnumUnmarshalText(f *testing.F) {
	for _, s := range []string{"crm", "sales", "user_adoption", "count_per_rep", "lower_is_better", "", "x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, u := range []interface {
			encoding.TextUnmarshaler
			encoding.TextMarshaler
		}{new(metrics.Category), new(metrics.Class), new(metrics.Unit), new(metrics.Direction)} {
			if err := u.UnmarshalText(text); err != nil {
				testkit.RequireSentinel(t, err, metrics.ErrInvalid)
				continue
			}
			back, err := u.MarshalText()
			if err != nil || string(back) != string(text) {
				t.Fatalf("%T: %q decodes, encodes as %q (%v)", u, text, back, err)
			}
		}
	})
}
