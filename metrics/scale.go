package metrics

import "github.com/kpikit/kpikit/internal/kerr"

// Scale is the number of digits after the decimal point at which kpikit rounds
// a quotient whose decimal expansion does not terminate (1/3, 2/7, ...).
// Rounding is half away from zero. A quotient that terminates is returned
// exactly, whatever its length: 25/500 × 100 is exactly 5, and 1/3 × 100 is
// 33.3333333333.
//
// One consequence: two results can be ordered against their true values by
// less than half a unit in the 10th place. 2 / 2^30 terminates and is kept
// whole, 0.00000000186264514923095703125, while 2 / (2^30 + 1), a hair
// smaller, does not terminate and rounds up to 0.0000000019. Compare results
// at a common scale (decimal's Round) when digits beyond the 10th matter.
//
// Scale is a constant, not a setting: results never depend on
// decimal.DivisionPrecision or any other global. Round for display with
// [Percent.StringFixed] or decimal's Round and StringFixed.
const Scale = kerr.Scale
