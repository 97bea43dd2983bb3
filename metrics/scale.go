package metrics

import "github.com/kpikit/kpikit/internal/exact"

// Scale is the number of digits after the decimal point at which kpikit rounds
// a quotient whose decimal expansion does not terminate (1/3, 2/7, ...).
// Rounding is half away from zero. A quotient that terminates is returned
// exactly, whatever its length: 25/500 × 100 is exactly 5, and 1/3 × 100 is
// 33.3333333333.
//
// Scale is a constant, not a setting: results never depend on
// decimal.DivisionPrecision or any other global. Round for display with
// Percent.Round, Percent.StringFixed or decimal's Round and StringFixed.
const Scale = exact.Scale
