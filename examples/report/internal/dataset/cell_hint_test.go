package dataset

import "testing"

// TestDecimalHints checks the hint for numbers written in a locale's way:
// each hint is the number the text means, and text that could mean two
// numbers a thousandfold apart gets both readings, never one guess.
func TestDecimalHints(t *testing.T) {
	tests := []struct{ in, want string }{
		{"12,5", `not a decimal (write 12.5)`},
		{"-12,50", `not a decimal (write -12.50)`},
		{"1,234.56", `not a decimal (write 1234.56)`},
		{"1.234,56", `not a decimal (write 1234.56)`},
		{"1.234.567,8", `not a decimal (write 1234567.8)`},
		{"1,234,567", `not a decimal (write 1234567)`},
		{"1,234,567.25", `not a decimal (write 1234567.25)`},
		{"1,234", `not a decimal (write 1234 if the comma separates thousands, or 1.234 if it is a decimal comma)`},
		{"12,34.5", `not a decimal`},
		{"1.2.3", `not a decimal`},
		{"12 USD", `not a decimal`},
		{"1e3", `not a decimal`},
		{",5", `not a decimal`},
	}
	for _, tt := range tests {
		if _, got := parseDecimal(tt.in); got != tt.want {
			t.Errorf("parseDecimal(%q) problem = %q, want %q", tt.in, got, tt.want)
		}
	}
}
