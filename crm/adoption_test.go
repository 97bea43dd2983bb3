package crm_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

func crmAdoptionRate(part, whole int) (metrics.Percent, error) {
	return crm.CRMAdoptionRate(crm.AdoptionInput{LicensedUsers: whole, ActiveUsers: part})
}

func duplicateRecordRate(part, whole int) (metrics.Percent, error) {
	return crm.DuplicateRecordRate(crm.DuplicateInput{TotalRecords: whole, DuplicateRecords: part})
}

func recordCompleteness(part, whole int) (metrics.Percent, error) {
	return crm.RecordCompleteness(crm.CompletenessInput{RequiredFields: whole, FilledFields: part})
}

// A sales organisation pays for 50 CRM seats; 42 people used the CRM this
// month.
func ExampleCRMAdoptionRate() {
	rate, err := crm.CRMAdoptionRate(crm.AdoptionInput{LicensedUsers: 50, ActiveUsers: 42})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 84%
}

func TestCRMAdoptionRate(t *testing.T) {
	supportRunRate(t, crmAdoptionRate, []supportRateCase{
		{"42 of 50", 42, 50, metrics.PercentInt(84)},
		{"nobody", 0, 12, metrics.PercentInt(0)},
		{"everybody", 12, 12, metrics.PercentInt(100)},
		{"two in three rounds up", 2, 3, metrics.MustParsePercent("66.6666666667")},
		{"one in 40", 1, 40, metrics.MustParsePercent("2.5")},
	})
}

func TestCRMAdoptionRateErrors(t *testing.T) {
	supportRunRateErrors(t, crmAdoptionRate, crm.AdoptionInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "LicensedUsers"},
		{"negative licences", 0, -1, metrics.ErrNegative, "LicensedUsers"},
		{"negative active", -1, 10, metrics.ErrNegative, "ActiveUsers"},
		{"active above licensed", 11, 10, metrics.ErrInconsistent, "ActiveUsers"},
	})
}

func TestCRMAdoptionRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { supportRateProperties(t, crmAdoptionRate, 0) })
}

func FuzzCRMAdoptionRate(f *testing.F) {
	f.Add(42, 50)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(6, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, active, licensed int) {
		supportFuzzRate(t, crmAdoptionRate, crm.AdoptionInput{}, active, licensed)
	})
}

// A contact list of 2,000 records in which 30 customers were entered twice
// and 5 three times holds 30 + 2×5 = 40 surplus copies.
func ExampleDuplicateRecordRate() {
	rate, err := crm.DuplicateRecordRate(crm.DuplicateInput{TotalRecords: 2000, DuplicateRecords: 30 + 2*5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 2%
}

func ExampleDuplicateRecordRate_error() {
	_, err := crm.DuplicateRecordRate(crm.DuplicateInput{TotalRecords: 3, DuplicateRecords: 3})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.DuplicateRecordRate: DuplicateRecords 3 is not below TotalRecords 3 (each duplicate copies a record that stays): inconsistent input
	// true
}

func TestDuplicateRecordRate(t *testing.T) {
	supportRunRate(t, duplicateRecordRate, []supportRateCase{
		{"40 of 2000", 40, 2000, metrics.PercentInt(2)},
		{"one twice among 100", 1, 100, metrics.PercentInt(1)},
		{"clean", 0, 1, metrics.PercentInt(0)},
		{"one record entered twice", 1, 2, metrics.PercentInt(50)},
		{"one record entered three times", 2, 3, metrics.MustParsePercent("66.6666666667")},
		{"three in eight", 3, 8, metrics.MustParsePercent("37.5")},
	})
}

func TestDuplicateRecordRateErrors(t *testing.T) {
	supportRunRateErrors(t, duplicateRecordRate, crm.DuplicateInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "TotalRecords"},
		{"negative total", 0, -1, metrics.ErrNegative, "TotalRecords"},
		{"negative duplicates", -1, 10, metrics.ErrNegative, "DuplicateRecords"},
		{"every record a duplicate", 10, 10, metrics.ErrInconsistent, "DuplicateRecords"},
		{"duplicates above total", 11, 10, metrics.ErrInconsistent, "DuplicateRecords"},
		{"duplicates without records", 1, 0, metrics.ErrUndefined, "TotalRecords"},
	})
	_, err := duplicateRecordRate(10, 10)
	if !strings.Contains(err.Error(), "TotalRecords 10") {
		t.Errorf("error %q does not name the total", err)
	}
}

func TestDuplicateRecordRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		supportRateProperties(t, duplicateRecordRate, 1)
		// The rate stays below 100 (some record always remains), even
		// rounded: up to 10¹² records, 1 in whole is at least 10⁻¹⁰ points.
		whole := rapid.IntRange(1, supportMaxWhole).Draw(t, "total")
		got, err := duplicateRecordRate(whole-1, whole)
		if err != nil || got.Cmp(metrics.PercentInt(100)) >= 0 {
			t.Fatalf("%d duplicates of %d records: %v (%v)", whole-1, whole, got, err)
		}
		_, err = duplicateRecordRate(whole, whole)
		testkit.RequireSentinel(t, err, metrics.ErrInconsistent)
	})
}

func FuzzDuplicateRecordRate(f *testing.F) {
	f.Add(40, 2000)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, 5)
	f.Add(math.MaxInt-1, math.MaxInt)
	f.Fuzz(func(t *testing.T, duplicates, total int) {
		supportFuzzRate(t, duplicateRecordRate, crm.DuplicateInput{}, duplicates, total)
		if _, err := duplicateRecordRate(duplicates, total); err == nil && duplicates >= total {
			t.Fatalf("no error for %d duplicates of %d records", duplicates, total)
		}
	})
}

// 1,000 contacts must each have 4 fields filled (name, e-mail, company,
// owner): 4,000 required fields, of which 3,900 are filled.
func ExampleRecordCompleteness() {
	rate, err := crm.RecordCompleteness(crm.CompletenessInput{RequiredFields: 1000 * 4, FilledFields: 3900})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 97.5%
}

func TestRecordCompleteness(t *testing.T) {
	supportRunRate(t, recordCompleteness, []supportRateCase{
		{"3900 of 4000", 3900, 4000, metrics.MustParsePercent("97.5")},
		{"one field of ten missing", 9, 10, metrics.PercentInt(90)},
		{"all empty", 0, 10, metrics.PercentInt(0)},
		{"all filled", 10, 10, metrics.PercentInt(100)},
		{"one in three", 1, 3, metrics.MustParsePercent("33.3333333333")},
		{"eleven in twelve", 11, 12, metrics.MustParsePercent("91.6666666667")},
	})
}

func TestRecordCompletenessErrors(t *testing.T) {
	supportRunRateErrors(t, recordCompleteness, crm.CompletenessInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "RequiredFields"},
		{"negative required", 0, -4, metrics.ErrNegative, "RequiredFields"},
		{"negative filled", -1, 4, metrics.ErrNegative, "FilledFields"},
		{"filled above required", 5, 4, metrics.ErrInconsistent, "FilledFields"},
	})
}

func TestRecordCompletenessProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { supportRateProperties(t, recordCompleteness, 0) })
}

func FuzzRecordCompleteness(f *testing.F) {
	f.Add(3900, 4000)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(6, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, filled, required int) {
		supportFuzzRate(t, recordCompleteness, crm.CompletenessInput{}, filled, required)
	})
}
