package sales_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// The binary forms written out by hand from their documentation
// (encoding.go), so that a change of layout fails a test.

func uv(v uint64) []byte { return binary.AppendUvarint(nil, v) }

func tm(t time.Time) []byte {
	b, err := t.MarshalBinary()
	if err != nil {
		panic(err)
	}
	return append([]byte{byte(len(b))}, b...)
}

// amt is an amount: its scale, then its coefficient's magnitude.
func amt(scale uint64, mag ...byte) []byte {
	return append(append(uv(scale), uv(uint64(len(mag)))...), mag...)
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// statsForm is the binary form of a DealStats over p with the counts won,
// lost, open, created and created-and-won, the cycle time hi·2⁶⁴ + lo, and
// no revenue or pipeline beyond zero at scale 0.
func statsForm(p metrics.Period, counts [5]uint64, hi, lo uint64) []byte {
	b := cat([]byte{'D', 1}, tm(p.Start), tm(p.End))
	for _, n := range counts {
		b = append(b, uv(n)...)
	}
	b = cat(b, uv(hi), uv(lo))
	if counts[0] > 0 {
		b = append(b, amt(0)...)
	}
	if counts[2] > 0 {
		b = append(b, amt(0)...)
	}
	return b
}

func TestDealStatsBinaryForm(t *testing.T) {
	// Won: 10.50 after 2 days; open: 3; created in january: both.
	s := accumulate(t, []sales.Deal{
		{Amount: dec("10.50"), Stage: sales.StageWon, Created: at(1), Closed: at(3)},
		{Amount: dec("3"), Stage: sales.StageOpen, Created: at(2)},
	}, january)
	got, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := cat([]byte{'D', 1}, tm(january.Start), tm(january.End),
		uv(1), uv(0), uv(1), uv(2), uv(1), // won, lost, open, created, created and won
		uv(0), uv(uint64(2*day)), // cycle time
		amt(2, 0x04, 0x1a), // 10.50: 1050 at scale 2
		amt(0, 0x03))       // 3
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MarshalBinary (-want +got):\n%s", diff)
	}
	// The zero DealStats: the zero Period (all time), zero counts, no sums.
	got, err = sales.DealStats{}.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(statsForm(metrics.Period{}, [5]uint64{}, 0, 0), got); diff != "" {
		t.Errorf("MarshalBinary of the zero DealStats (-want +got):\n%s", diff)
	}
}

// dataInput describes an Unmarshal's parameter for RequireFieldOf.
//
//lint:ignore U1000 RequireFieldOf reads it by reflection
type dataInput struct{ data []byte }

func TestDealStatsUnmarshalBinaryErrors(t *testing.T) {
	valid := statsForm(january, [5]uint64{1, 0, 1, 1, 1}, 0, uint64(day))
	head := cat([]byte{'D', 1}, tm(january.Start), tm(january.End))
	n := len(head)
	tests := []struct {
		name string
		data []byte
		at   int // the offset the error names
	}{
		{"nil", nil, 0},
		{"one byte", []byte{'D'}, 0},
		{"another kind", cat([]byte{'L', 1}, valid[2:]), 0},
		{"another version", cat([]byte{'D', 2}, valid[2:]), 1},
		{"trailing byte", cat(valid, []byte{0}), len(valid)},
		{"time length beyond the data", cat([]byte{'D', 1, 200}, valid[3:]), 2},
		{"not a time", cat([]byte{'D', 1, 2, 9, 9}, valid[3+int(valid[2]):]), 2},
		{"time in a form MarshalBinary does not write", cat([]byte{'D', 1}, noncanonicalTime(january.Start), tm(january.End), valid[n:]), 2},
		{"time with no RFC 3339 form", cat([]byte{'D', 1}, tm(time.Date(10_000, 1, 1, 0, 0, 0, 0, time.UTC)), tm(january.End), valid[n:]), 2},
		{"reversed period", cat([]byte{'D', 1}, tm(january.End), tm(january.Start), valid[n:]), 2 + len(tm(january.End))},
		{"empty period", cat([]byte{'D', 1}, tm(january.Start), tm(january.Start), valid[n:]), 2 + len(tm(january.Start))},
		{"overlong varint", cat(head, []byte{0x81, 0x00}, valid[n+1:]), n},
		{"varint beyond 64 bits", cat(head, bytes.Repeat([]byte{0xff}, 11)), n},
		{"count beyond math.MaxInt", cat(head, uv(math.MaxUint64)), n},
		{"more won than created", statsForm(january, [5]uint64{0, 0, 0, 1, 2}, 0, 0), n},
		{"cycle time without a won deal", statsForm(january, [5]uint64{0, 0, 0, 0, 0}, 0, 1), n},
		{"cycle time too long for one deal", statsForm(january, [5]uint64{1, 0, 0, 0, 0}, 0, 1<<63), n},
		{"cycle time too long for two deals", statsForm(january, [5]uint64{2, 0, 0, 0, 0}, 1, 0), n},
		{"revenue scale beyond 65536", cat(head, uv(1), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), amt(1<<16+1, 1)), n + 7},
		{"revenue with a leading zero byte", cat(head, uv(1), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), amt(0, 0, 1)), n + 7},
		{"revenue length beyond the data", cat(head, uv(1), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), uv(1<<40)), n + 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulate(t, goodDeals, january)
			before := view(s)
			err := s.UnmarshalBinary(tt.data)
			requireError(t, dataInput{}, nil, err, metrics.ErrInvalid, "data", tt.at)
			if diff := cmp.Diff(before, view(s)); diff != "" {
				t.Errorf("a failed UnmarshalBinary changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	// Every strict prefix of a valid form is an error.
	for i := range valid {
		var s sales.DealStats
		if err := s.UnmarshalBinary(valid[:i]); err == nil {
			t.Errorf("prefix of %d bytes: no error", i)
		} else {
			testkit.RequireFieldOf(t, err, dataInput{})
		}
	}
	var s sales.DealStats
	if err := s.UnmarshalBinary(valid); err != nil {
		t.Fatalf("the valid form: %v", err)
	}
	// A declared length of 2⁴⁰ bytes allocates nothing of that size.
	huge := cat(head, uv(1), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), uv(0), uv(1<<40))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_ = s.UnmarshalBinary(huge)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("rejecting a huge declared length allocates %d bytes", n)
	}
}

// noncanonicalTime is t in the version 2 form of time.Time's binary
// encoding, with a zero seconds offset, which MarshalBinary never writes for
// UTC.
func noncanonicalTime(t time.Time) []byte {
	b := tm(t)[1:]
	b[0] = 2
	b = append(b, 0)
	return append([]byte{byte(len(b))}, b...)
}

func TestDealStatsMarshalErrors(t *testing.T) {
	// A Period that is neither zero nor valid has no form.
	bad := sales.DealStats{Period: metrics.Period{Start: at(3), End: at(3)}}
	_, err := bad.MarshalBinary()
	requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period.End", -1)
	_, err = bad.MarshalJSON()
	requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period.End", -1)
	_, err = json.Marshal(bad)
	testkit.RequireSentinel(t, err, metrics.ErrInvalid)

	s := accumulate(t, goodDeals, january)
	s.Period = metrics.Month(2024, 2, nil)
	_, err = s.MarshalBinary()
	requireError(t, addInput{}, nil, err, metrics.ErrMismatch, "Period", -1)

	// A period beyond year 9999 has no RFC 3339 form, so neither form holds
	// it.
	far := accumulate(t, nil, metrics.Year(10_000, nil))
	_, err = far.MarshalBinary()
	requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period", -1)
	_, err = far.MarshalJSON()
	requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period", -1)
	// Nor does one whose zone offset has seconds, as RFC 3339 drops them.
	lmt := time.FixedZone("LMT", 19*60+32)
	old := accumulate(t, nil, metrics.Period{Start: time.Date(1900, 1, 1, 0, 0, 0, 0, lmt), End: time.Date(1901, 1, 1, 0, 0, 0, 0, lmt)})
	_, err = old.MarshalBinary()
	requireError(t, addInput{}, nil, err, metrics.ErrInvalid, "Period", -1)

	// A sum with more than 65536 digits after the point has no binary form.
	tiny := accumulate(t, []sales.Deal{{Amount: decimal.New(1, -70_000), Stage: sales.StageWon, Created: at(1), Closed: at(2)}}, january)
	_, err = tiny.MarshalBinary()
	requireError(t, struct{ SalesRevenue decimal.Decimal }{}, nil, err, metrics.ErrOutOfRange, "SalesRevenue", -1)
}

func TestDealStatsJSONForm(t *testing.T) {
	s := accumulate(t, []sales.Deal{
		{Amount: dec("10.50"), Stage: sales.StageWon, Created: at(1), Closed: at(3)},
		{Amount: dec("1E3"), Stage: sales.StageOpen, Created: at(2)},
	}, january)
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},"won":1,"lost":0,"open_opportunities":1,` +
		`"opportunities":2,"opportunities_won":1,"sales_revenue":"10.50","open_pipeline":"1000","won_cycle_time_ns":"172800000000000"}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	// A value marshals as its pointer does.
	byValue, err := json.Marshal(*s)
	if err != nil || string(byValue) != want {
		t.Errorf("by value: %s, %v", byValue, err)
	}
	// The zero Period (all time) has no "period" key.
	got, err = json.Marshal(sales.DealStats{})
	want = `{"won":0,"lost":0,"open_opportunities":0,"opportunities":0,"opportunities_won":0,` +
		`"sales_revenue":"0","open_pipeline":"0","won_cycle_time_ns":"0"}`
	if err != nil || string(got) != want {
		t.Errorf("the zero DealStats: %s, %v; want %s", got, err, want)
	}
	got, err = json.Marshal(sales.LeadStats{})
	want = `{"leads_generated":0,"qualified_leads":0,"converted":0,"new_customers_acquired":0}`
	if err != nil || string(got) != want {
		t.Errorf("the zero LeadStats: %s, %v; want %s", got, err, want)
	}
}

// jsonInput describes the JSON form's fields for RequireFieldOf.
type jsonInput struct {
	//lint:ignore U1000 RequireFieldOf reads it by reflection
	data                                                            []byte
	Period                                                          metrics.Period
	Won, Lost, OpenOpportunities, Opportunities, OpportunitiesWon   int
	SalesRevenue, OpenPipeline, WonCycleTime                        string
	LeadsGenerated, QualifiedLeads, Converted, NewCustomersAcquired int
}

func TestDealStatsUnmarshalJSONErrors(t *testing.T) {
	const p = `"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}`
	tests := []struct {
		name  string
		data  string
		field string
		index int
	}{
		{"not JSON", `{"won":`, "data", 7},
		{"a string", `"won"`, "data", 5},
		{"unknown key", `{` + p + `,"wins":1}`, "data", 81},
		{"two values", `{` + p + `} {}`, "data", 74},
		{"a count too large", `{` + p + `,"won":1e30}`, "data", 82},
		{"empty period", `{"period":{"start":"2024-02-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}}`, "Period.End", -1},
		{"reversed period", `{"period":{"start":"2024-02-01T00:00:00Z","end":"2024-01-01T00:00:00Z"}}`, "Period.End", -1},
		{"negative count", `{` + p + `,"lost":-1}`, "Lost", -1},
		{"revenue not a number", `{` + p + `,"won":1,"sales_revenue":"ten"}`, "SalesRevenue", -1},
		{"negative revenue", `{` + p + `,"won":1,"sales_revenue":"-1"}`, "SalesRevenue", -1},
		{"revenue of no deal", `{` + p + `,"sales_revenue":"1"}`, "SalesRevenue", -1},
		{"pipeline of no deal", `{` + p + `,"open_pipeline":"1"}`, "OpenPipeline", -1},
		{"huge exponent", `{` + p + `,"won":1,"sales_revenue":"1e999999"}`, "SalesRevenue", -1},
		{"cycle time not a count", `{` + p + `,"won":1,"won_cycle_time_ns":"-5"}`, "WonCycleTime", -1},
		{"cycle time beyond 2¹²⁸", `{` + p + `,"won":1,"won_cycle_time_ns":"` + strings.Repeat("9", 41) + `"}`, "WonCycleTime", -1},
		{"cycle time without a won deal", `{` + p + `,"won_cycle_time_ns":"5"}`, "WonCycleTime", -1},
		{"more won than created", `{` + p + `,"opportunities":1,"opportunities_won":2}`, "OpportunitiesWon", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulate(t, goodDeals, january)
			before := view(s)
			err := s.UnmarshalJSON([]byte(tt.data))
			requireError(t, jsonInput{}, nil, err, metrics.ErrInvalid, tt.field, tt.index)
			if diff := cmp.Diff(before, view(s)); diff != "" {
				t.Errorf("a failed UnmarshalJSON changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	// Missing keys are zero (no period is the zero Period, all time), and
	// so is null; a positive exponent is brought to 0.
	for _, data := range []string{`null`, `{"won":0}`, `{}`} {
		s := accumulate(t, goodDeals, january)
		if err := s.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if diff := cmp.Diff(view(&sales.DealStats{}), view(s)); diff != "" {
			t.Errorf("%s (-zero DealStats +got):\n%s", data, diff)
		}
	}
	var s sales.DealStats
	if err := s.UnmarshalJSON([]byte(`{` + p + `,"open_opportunities":1,"open_pipeline":"2E2"}`)); err != nil {
		t.Fatal(err)
	}
	if got := s.OpenPipeline().String(); got != "200" || s.OpenPipeline().Exponent() != 0 {
		t.Errorf("open pipeline %s (exponent %d), want 200 at exponent 0", got, s.OpenPipeline().Exponent())
	}
}

// FuzzDealStatsUnmarshalBinary feeds arbitrary bytes: UnmarshalBinary never
// panics; it fails with a kpikit error about data, or accepts a canonical
// form that MarshalBinary writes back byte for byte and whose readers work.
func FuzzDealStatsUnmarshalBinary(f *testing.F) {
	f.Add(statsForm(january, [5]uint64{1, 0, 1, 1, 1}, 0, uint64(day)))
	f.Add(statsForm(january, [5]uint64{}, 0, 0))
	f.Add([]byte{'D', 1})
	if b, err := accumulate(f, exampleDeals(), q1).MarshalBinary(); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sales.DealStats
		if err := s.UnmarshalBinary(data); err != nil {
			testkit.RequireFieldOf(t, err, dataInput{})
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again: %x, want %x", again, data)
		}
		_ = view(&s)
		if err := s.Merge(&s); err != nil && !strings.Contains(err.Error(), "exceeds math.MaxInt") {
			t.Fatal(err)
		}
	})
}

// FuzzDealStatsUnmarshalJSON feeds arbitrary text: UnmarshalJSON never
// panics; what it accepts marshals and unmarshals to the same figures.
func FuzzDealStatsUnmarshalJSON(f *testing.F) {
	if b, err := json.Marshal(accumulate(f, exampleDeals(), q1)); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},"won":1,"sales_revenue":"1.5","won_cycle_time_ns":"7"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sales.DealStats
		if err := s.UnmarshalJSON(data); err != nil {
			testkit.RequireFieldOf(t, err, jsonInput{})
			return
		}
		if diff := cmp.Diff(view(&s), view(roundTrip(t, "JSON", &s))); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(view(&s), view(roundTrip(t, "binary", &s))); diff != "" {
			t.Fatalf("binary round trip (-want +got):\n%s", diff)
		}
	})
}
