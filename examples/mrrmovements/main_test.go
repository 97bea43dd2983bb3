package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/metrics"
)

// The movements were worked out by hand from subscriptions.csv, customer by
// customer, at 1 EUR = 1.08 USD (and again with a few lines of Python over
// exact fractions):
//   - new: C-17 350 + C-18 75 EUR a week = 81 × 52/12 = 351 + C-19 99 (free
//     before, so new, not reactivated) = 800, 3 customers;
//   - expansion: C-09 450 − 300 = 150, C-10 (225 − 150) EUR × 1.08 = 81,
//     C-11's add-on 60 = 291, 3 customers;
//   - contraction: C-12 9600/12 − 560 = 240, C-13 450/3 − 120 = 30 = 270;
//   - churned: C-14 180, C-15 90 EUR = 97.20, C-16 3600/12 = 300 (ended at
//     midnight on April 1, so churned in March) = 577.20;
//   - reactivation: C-20 220, C-21 600 EUR/3 × 1.08 = 216 = 436; C-22 came
//     and went inside March and moves nothing.
//
// So 10689.80 + 800 + 291 − 270 − 577.20 + 436 = 11369.60 and 20 + 3 + 2 − 3
// = 22 customers. Gross MRR churn = 847.20 / 10689.80 = 7.925%, NRR =
// 10133.60 / 10689.80 = 94.797%, quick ratio = 1527 / 847.20 = 1.802, MRR
// growth = 679.80 / 10689.80 = 6.359% in the month, 1.06359^12 − 1 = 109.56%
// a year, above the built-in yearly figures' exceptional 30%.
func TestMRRMovementsOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out, "subscriptions.csv", sampleExport, "2025-03"); err != nil {
		t.Fatal(err)
	}
	want := `MRR movements in 2025-03, in USD (1 EUR = 1.08 USD)

                       MRR  customers
start             10689.80         20
+ new               800.00          3
+ expansion         291.00          3
- contraction       270.00          2
- churned           577.20          3
+ reactivation      436.00          2
= end             11369.60         22

check: 10689.80 + 800.00 + 291.00 - 270.00 - 577.20 + 436.00 = 11369.60,
       the MRR of the rows in force at 2025-04-01T00:00:00Z

gross MRR churn    7.93%  (churned + contraction) / start
net MRR churn      1.12%  (churned + contraction - expansion - reactivation) / start
NRR               94.80%  (start + expansion - contraction - churned) / start
GRR               92.07%  (start - contraction - churned) / start
quick ratio         1.80  (new + expansion + reactivation) / (contraction + churned)
MRR growth         6.36%  — 109.56% a year compounded: exceptional (30% or more a year; SaaS, United States)
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// A month without losses has no quick ratio, and says so.
func TestMRRMovementsNoLosses(t *testing.T) {
	csv := header + "\nA,monthly,100,USD,2025-01-01T00:00:00Z,\nB,monthly,50,EUR,2025-03-10T00:00:00Z,\n"
	var out strings.Builder
	if err := run(&out, "my.csv", csv, "2025-03"); err != nil {
		t.Fatal(err)
	}
	// 100 + 50 × 1.08 = 154: 54% growth in the month, 1.54^12 − 1 = 17692.98%
	// a year, exceptional at 30% or more.
	for _, want := range []string{
		"= end               154.00          2\n",
		"quick ratio          n/a  no MRR lost, so nothing to divide by\n",
		"MRR growth        54.00%  — 17692.98% a year compounded: exceptional (30% or more a year; SaaS, United States)\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestMRRMovementsBadExport(t *testing.T) {
	const row = "A,monthly,100,USD,2025-01-01T00:00:00Z,\n"
	tests := []struct {
		name, text, month string
		want              string
		sentinel          error // nil for the CSV's own errors
	}{
		{"unquoted decimal comma", header + "\n" + row + "B,monthly,12,50,USD,2025-01-01T00:00:00Z,\n", "2025-03",
			"my.csv:3:1: wrong number of fields", nil},
		{"decimal comma", header + "\n" + row + `B,monthly,"12,50",USD,2025-01-01T00:00:00Z,` + "\n", "2025-03",
			`my.csv:3:3: amount "12,50" is not a decimal number`, nil},
		{"billing", header + "\nA,montly,100,USD,2025-01-01T00:00:00Z,\n", "2025-03",
			`my.csv:2:2: billing "montly": want weekly, monthly, quarterly or yearly`, nil},
		{"date", header + "\nA,monthly,100,USD,2025-01-01,\n", "2025-03",
			`my.csv:2:5: started_at "2025-01-01": want an RFC 3339 time such as 2025-03-01T00:00:00Z`, nil},
		{"ended before it started", header + "\n" + row + "B,yearly,1200,USD,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z\n", "2025-03",
			"my.csv:3:6: crm.MRRLedger.Add: Subscription.End 2025-01-01T00:00:00Z is before Start 2025-02-01T00:00:00Z: inconsistent input",
			metrics.ErrInconsistent},
		{"negative amount", header + "\n" + row + "B,monthly,-5,USD,2025-01-01T00:00:00Z,\n", "2025-03",
			"my.csv:3:3: crm.MRRLedger.Add: Subscription.Amount -5 is negative: negative value",
			metrics.ErrNegative},
		{"currency without a rate", header + "\n" + row + "B,monthly,5,GBP,2025-01-01T00:00:00Z,\n", "2025-03",
			"my.csv:3:4: crm.MRRLedger.Add: Subscription.Currency GBP has no rate to USD in Rates: mismatched kinds",
			metrics.ErrMismatch},
		{"lower-case currency", header + "\n" + row + "B,monthly,5,usd,2025-01-01T00:00:00Z,\n", "2025-03",
			`my.csv:3:4: crm.MRRLedger.Add: Subscription.Currency "usd" is not an ISO 4217 code (three capital letters): invalid value`,
			metrics.ErrInvalid},
		{"no customer", header + "\n,monthly,5,USD,2025-01-01T00:00:00Z,\n", "2025-03",
			"my.csv:2:1: crm.MRRLedger.Add: Subscription.CustomerID is empty: invalid value",
			metrics.ErrInvalid},
		{"no start", header + "\nA,monthly,5,USD,,\n", "2025-03",
			"my.csv:2:5: crm.MRRLedger.Add: Subscription.Start is the zero time: invalid value",
			metrics.ErrInvalid},
		{"header", "id,plan\n", "2025-03",
			`my.csv:1:1: header "id,plan", want customer,billing,amount,currency,started_at,ended_at`, nil},
		{"empty file", "", "2025-03",
			"my.csv: empty file, want the header customer,billing,amount,currency,started_at,ended_at", nil},
		{"empty", header + "\n", "2025-03",
			"my.csv: no subscriptions after the header", nil},
		{"month", header + "\n" + row, "2025-3", `month "2025-3": want YYYY-MM`, nil},
		{"nothing at the start", header + "\n" + row, "2024-12",
			"2024-12: crm.GrossMRRChurnRate: StartMRR 0 is zero: undefined for this input", metrics.ErrUndefined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(&out, "my.csv", tt.text, tt.month)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v\nwant  %s", err, tt.want)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error does not wrap %v", tt.sentinel)
			}
			if out.Len() != 0 {
				t.Errorf("printed %q with an error", out.String())
			}
		})
	}
}
