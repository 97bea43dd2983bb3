package dataset

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The cell parsers take a cell's text, trimmed and not empty, and return its
// value and "", or a zero value and the problem in a few words.

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDecimal parses a decimal written with an optional minus sign, digits
// and an optional dot followed by digits: "12", "-0.5", "1234.56". It
// refuses a comma, a thousands separator, an exponent and a leading plus or
// dot, so that a value means the same in every locale; the problem then
// says how to write the value, when the text says it unambiguously.
func parseDecimal(s string) (decimal.Decimal, string) {
	t := strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(t, ".")
	if !isDigits(intPart) || (hasDot && !isDigits(frac)) {
		return decimal.Decimal{}, "not a decimal" + decimalHint(s)
	}
	// The digits, without the dot, are the coefficient; the number of
	// digits after the dot is the exponent's opposite.
	coef, _ := new(big.Int).SetString(intPart+frac, 10) // digits only: cannot fail
	if t != s {
		coef.Neg(coef)
	}
	return decimal.NewFromBigInt(coef, -int32(len(frac))), ""
}

// decimalHint returns " (write 1234.56)" for a number written with
// thousands separators or a decimal comma ("1,234.56", "1.234,56", "12,5"),
// a hint naming both readings for "1,234" or "1.234,5"-like text that could
// be either, and "" for text that is no number at all.
func decimalHint(s string) string {
	sign, t := "", s
	if strings.HasPrefix(t, "-") {
		sign, t = "-", t[1:]
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return ""
		}
	}
	lastComma, lastDot := strings.LastIndexByte(t, ','), strings.LastIndexByte(t, '.')
	if lastComma < 0 {
		return "" // dots alone: "1.2.3" is no number, and "1.234.567" too rare to guess
	}
	if lastDot < 0 && strings.Count(t, ",") > 1 {
		if groupedByThousands(t, ',') {
			return " (write " + sign + strings.ReplaceAll(t, ",", "") + ")" // "1,234,567"
		}
		return ""
	}
	// The decimal separator is the last of the two kinds that appears; the
	// other kind groups thousands.
	dec, group := byte(','), "."
	if lastDot > lastComma {
		dec, group = '.', ","
	}
	last := strings.LastIndexByte(t, dec)
	whole, frac := strings.ReplaceAll(t[:last], group, ""), t[last+1:]
	if !isDigits(whole) || !isDigits(frac) || !groupedByThousands(t[:last], group[0]) {
		return ""
	}
	plain := sign + whole + "." + frac
	if strings.Contains(t, ".") || len(frac) != 3 {
		return " (write " + plain + ")"
	}
	// One comma followed by three digits: a decimal comma or a thousands
	// separator, and the two readings differ a thousandfold.
	return " (write " + sign + whole + frac + " if the comma separates thousands, or " + plain + " if it is a decimal comma)"
}

// groupedByThousands reports whether the separators sep in the whole part
// s of a number each follow one to three digits at the start and three
// digits after: "1.234.567" but not "12.34".
func groupedByThousands(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	for i, p := range parts {
		if !isDigits(p) || (i == 0 && len(p) > 3 && len(parts) > 1) || (i > 0 && len(p) != 3) {
			return false
		}
	}
	return true
}

// parseMoney parses an amount of money: a decimal that is not negative.
func parseMoney(s string) (decimal.Decimal, string) {
	d, p := parseDecimal(s)
	if p == "" && d.Sign() < 0 {
		return decimal.Decimal{}, "negative"
	}
	return d, p
}

// parseRate parses an exchange rate: a decimal above zero.
func parseRate(s string) (decimal.Decimal, string) {
	d, p := parseDecimal(s)
	if p == "" && d.Sign() <= 0 {
		return decimal.Decimal{}, "not above zero"
	}
	return d, p
}

// parsePercent parses a percentage in points ("78" for 78%) within 0..100.
func parsePercent(s string) (metrics.Percent, string) {
	d, p := parseDecimal(s)
	if p != "" {
		return metrics.Percent{}, p
	}
	if d.Sign() < 0 || d.Cmp(decimal.NewFromInt(100)) > 0 {
		return metrics.Percent{}, "outside 0..100"
	}
	return metrics.NewPercent(d), ""
}

// parseCount parses a count: a whole number, not negative.
func parseCount(s string) (int, string) {
	t := strings.TrimPrefix(s, "-")
	if !isDigits(t) {
		return 0, "not a whole number"
	}
	if t != s {
		return 0, "negative"
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, "too large"
	}
	return n, ""
}

// parseSeconds parses a duration written as a whole number of seconds.
func parseSeconds(s string) (time.Duration, string) {
	n, p := parseCount(s)
	if p != "" {
		return 0, p
	}
	if int64(n) > math.MaxInt64/int64(time.Second) {
		return 0, "too large"
	}
	return time.Duration(n) * time.Second, ""
}

// parseScore parses a survey score: a whole number, possibly negative (the
// survey's scale is checked with the whole row).
func parseScore(s string) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil {
		if isDigits(strings.TrimPrefix(s, "-")) {
			return 0, "too large"
		}
		return 0, "not a whole number"
	}
	return n, ""
}

// parseTime parses an RFC 3339 timestamp ("2025-03-14T09:30:00Z") and
// returns it in UTC. An explicit offset ("+01:00") is accepted and converted.
func parseTime(s string) (time.Time, string) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, "not an RFC 3339 time (write 2025-03-14T09:30:00Z)"
	}
	return t.UTC(), ""
}

// parseMonth parses a month written YYYY-MM ("2025-03") and returns its
// first instant in UTC.
func parseMonth(s string) (time.Time, string) {
	if len(s) != len("2006-01") {
		return time.Time{}, "not a month (write 2025-03)"
	}
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, "not a month (write 2025-03)"
	}
	return t, ""
}

// parseCurrency parses an ISO 4217 currency code: three capital letters.
func parseCurrency(s string) (string, string) {
	if len(s) != 3 {
		return "", "not a currency code (write EUR)"
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return "", "not a currency code (write EUR)"
		}
	}
	return s, ""
}

// The formatters write values back in the form the parsers read.

// formatMoney writes an amount with two digits after the point ("49.00"),
// or more when it has more ("0.125").
func formatMoney(d decimal.Decimal) string {
	if d.Exponent() < -2 {
		return formatDecimal(d)
	}
	return d.StringFixed(2)
}

// formatDecimal writes d in plain notation without trailing zeros, without
// reading shopspring's formatting globals.
func formatDecimal(d decimal.Decimal) string {
	if d.Exponent() >= 0 {
		return d.StringFixed(0)
	}
	s := strings.TrimRight(d.StringFixed(-d.Exponent()), "0")
	return strings.TrimSuffix(s, ".")
}

// formatTime writes t in RFC 3339 in UTC, or "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// formatMonth writes the month of t as YYYY-MM.
func formatMonth(t time.Time) string { return t.UTC().Format("2006-01") }
