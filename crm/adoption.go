package crm

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// AdoptionInput holds the CRM's users of one period.
type AdoptionInput struct {
	// LicensedUsers is the number of people who hold a CRM licence (a seat)
	// at the end of the period.
	LicensedUsers int
	// ActiveUsers is the number of those people who used the CRM during the
	// period, by the organisation's definition of use (signed in, or created
	// or updated a record).
	ActiveUsers int
}

// CRMAdoptionRate returns the share of the people licensed to use the CRM who
// used it during a period, a user adoption metric in Bill Band's
// classification as "Mesures CRM que vous devez connaître" (in French,
// undated) reports it:
//
//	CRM adoption rate = ActiveUsers / LicensedUsers × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// The denominator is licences, not employees: the rate measures whether the
// seats the organisation pays for are used, which is the question adoption
// answers. Active users without a licence (a shared or lapsed seat) are not
// counted; count each person once, however often they used the CRM.
//
// Descriptor ID: crm_adoption_rate.
//
// CRMAdoptionRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - LicensedUsers is zero ([metrics.ErrUndefined])
//   - ActiveUsers exceeds LicensedUsers ([metrics.ErrInconsistent])
func CRMAdoptionRate(in AdoptionInput) (metrics.Percent, error) {
	const metric = "crm.CRMAdoptionRate"
	if err := check.First(
		check.Count(metric, "LicensedUsers", in.LicensedUsers),
		check.Count(metric, "ActiveUsers", in.ActiveUsers),
		check.Denominator(metric, "LicensedUsers", in.LicensedUsers),
		check.PartOf(metric, "ActiveUsers", in.ActiveUsers, "LicensedUsers", in.LicensedUsers),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.ActiveUsers, in.LicensedUsers)), nil
}

var crmAdoptionRateDescriptor = metrics.Descriptor{
	ID:       "crm_adoption_rate",
	Name:     "CRM adoption rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassUserAdoption,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "ActiveUsers / LicensedUsers × 100",
}

// DuplicateInput holds the record counts of one CRM data set (contacts,
// accounts, ...) at one moment.
type DuplicateInput struct {
	// TotalRecords is the number of records in the data set, duplicates
	// included.
	TotalRecords int
	// DuplicateRecords is the number of surplus copies: the records that
	// merging every group of duplicates would remove. A customer entered
	// three times is two duplicate records.
	DuplicateRecords int
}

// DuplicateRecordRate returns the share of a CRM data set's records that are
// surplus copies of another record, a data quality and user adoption metric
// ("Mesures CRM que vous devez connaître" (in French, undated) warns:
// "Assurez-vous que les clients ne sont pas entrés deux fois dans votre
// système", make sure customers are not entered twice in your system):
//
//	duplicate record rate = DuplicateRecords / TotalRecords × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise. The
// exact rate is below 100, since each duplicate copies a record that stays;
// only rounding can reach 100, beyond 2×10¹² records.
//
// Some tools count every record of a duplicate group, the original too; then
// one customer entered twice among 100 records is 2%, where kpikit says 1%.
// kpikit counts surplus copies because the rate is then the share of records
// a clean-up removes, and 2% means 2 records in 100 to delete.
//
// Descriptor ID: duplicate_record_rate.
//
// DuplicateRecordRate returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - TotalRecords is zero ([metrics.ErrUndefined])
//   - DuplicateRecords is not below TotalRecords ([metrics.ErrInconsistent])
func DuplicateRecordRate(in DuplicateInput) (metrics.Percent, error) {
	const metric = "crm.DuplicateRecordRate"
	if err := check.First(
		check.Count(metric, "TotalRecords", in.TotalRecords),
		check.Count(metric, "DuplicateRecords", in.DuplicateRecords),
		check.Denominator(metric, "TotalRecords", in.TotalRecords),
	); err != nil {
		return metrics.Percent{}, err
	}
	if in.DuplicateRecords >= in.TotalRecords {
		return metrics.Percent{}, check.Err(metric, "DuplicateRecords", in.DuplicateRecords, metrics.ErrInconsistent,
			"is not below TotalRecords "+strconv.Itoa(in.TotalRecords)+" (each duplicate copies a record that stays)")
	}
	return metrics.NewPercent(exact.RateInt(in.DuplicateRecords, in.TotalRecords)), nil
}

var duplicateRecordRateDescriptor = metrics.Descriptor{
	ID:       "duplicate_record_rate",
	Name:     "Duplicate record rate",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassUserAdoption,
	Unit:     metrics.UnitPercent,
	Better:   metrics.LowerIsBetter,
	Formula:  "DuplicateRecords / TotalRecords × 100",
}

// CompletenessInput holds the required fields of a CRM data set's records,
// counted across all the records.
type CompletenessInput struct {
	// RequiredFields is the number of required field slots: for each record,
	// the number of fields it must have filled, summed over the records
	// (1,000 contacts with 4 required fields each are 4,000 slots).
	RequiredFields int
	// FilledFields is the number of those slots that hold a value.
	FilledFields int
}

// RecordCompleteness returns the share of the required fields of a CRM data
// set's records that are filled, a data quality and user adoption metric
// ("Mesures CRM que vous devez connaître" (in French, undated): "assurez-vous
// que les informations collectées sur chaque client sont exactes", make sure
// the information collected on each customer is accurate):
//
//	record completeness = FilledFields / RequiredFields × 100
//
// The result is a Percent within 0..100, exact when the quotient terminates
// and rounded half away from zero at [metrics.Scale] digits otherwise.
//
// Completeness is counted field by field across the records, not as the
// share of records with every required field filled: a record missing one
// field of ten counts for nine tenths, not zero, so the rate moves with every
// field users fill in. Records of different kinds may have different numbers
// of required fields; the sum weighs each record by its number of fields.
//
// Descriptor ID: record_completeness.
//
// RecordCompleteness returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - RequiredFields is zero ([metrics.ErrUndefined])
//   - FilledFields exceeds RequiredFields ([metrics.ErrInconsistent])
func RecordCompleteness(in CompletenessInput) (metrics.Percent, error) {
	const metric = "crm.RecordCompleteness"
	if err := check.First(
		check.Count(metric, "RequiredFields", in.RequiredFields),
		check.Count(metric, "FilledFields", in.FilledFields),
		check.Denominator(metric, "RequiredFields", in.RequiredFields),
		check.PartOf(metric, "FilledFields", in.FilledFields, "RequiredFields", in.RequiredFields),
	); err != nil {
		return metrics.Percent{}, err
	}
	return metrics.NewPercent(exact.RateInt(in.FilledFields, in.RequiredFields)), nil
}

var recordCompletenessDescriptor = metrics.Descriptor{
	ID:       "record_completeness",
	Name:     "CRM record completeness",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassUserAdoption,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "FilledFields / RequiredFields × 100",
}
