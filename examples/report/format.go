package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// exactValue returns fig's value in full, and the name of its unit: the
// points of a percent, an amount in the report's currency, the seconds of
// a duration, or a number in the metric's unit.
func exactValue(u metrics.Unit, fig figure) (value, unit string) {
	if u == metrics.UnitDuration {
		return exactText(decimal.New(int64(fig.dur), -9)), unitName(u)
	}
	return exactText(fig.num), unitName(u)
}

// benchmarkValue returns fig, of unit u, as package benchmark rates it.
func benchmarkValue(u metrics.Unit, fig figure, currency string) benchmark.Value {
	switch u {
	case metrics.UnitPercent:
		return benchmark.Percent(metrics.NewPercent(fig.num))
	case metrics.UnitMoney:
		return benchmark.Money(fig.num, currency)
	case metrics.UnitDuration:
		return benchmark.Duration(fig.dur)
	}
	return benchmark.Number(u, fig.num)
}

// display returns fig's value rounded for reading, with its unit.
func display(u metrics.Unit, fig figure, currency string) string {
	switch u {
	case metrics.UnitPercent:
		return metrics.NewPercent(fig.num).StringFixed(1)
	case metrics.UnitMoney:
		return moneyText(fig.num, currency)
	case metrics.UnitMoneyPerDay:
		return moneyText(fig.num, currency) + " a day"
	case metrics.UnitDuration:
		return durationText(fig.dur)
	case metrics.UnitCount:
		return thousands(fig.num.StringFixed(0))
	case metrics.UnitRatio:
		return fig.num.StringFixed(2)
	case metrics.UnitMonths:
		return fig.num.StringFixed(1) + " months"
	case metrics.UnitDays:
		return fig.num.StringFixed(1) + " days"
	case metrics.UnitCountPerDay:
		return perDayText(fig.num)
	case metrics.UnitCountPerRep:
		return fig.num.StringFixed(1) + " per rep"
	}
	return fig.num.StringFixed(1) // a score
}

// intervalText returns "1.2% to 3.4%" for a rate, "18.3 to 40.1" for a
// score.
func intervalText(u metrics.Unit, i *interval) string {
	sign := ""
	if u == metrics.UnitPercent {
		sign = "%"
	}
	return oneDecimal(i.Low) + sign + " to " + oneDecimal(i.High) + sign
}

// oneDecimal formats x with one decimal, without a minus sign on zero.
func oneDecimal(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if s == "-0.0" {
		return "0.0"
	}
	return s
}

// exactText returns d in full, without trailing zeros after the point and
// without reading shopspring's formatting globals.
func exactText(d decimal.Decimal) string {
	if d.Exponent() >= 0 {
		return d.StringFixed(0)
	}
	s := d.StringFixed(-d.Exponent())
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// moneyText returns an amount rounded to the cent, with thousands
// separators and its currency: "12,345.60 USD".
func moneyText(d decimal.Decimal, currency string) string {
	return thousands(d.StringFixed(2)) + " " + currency
}

// thousands inserts a comma between each group of three digits of the whole
// part of a number written with a dot: "-1234567.5" is "-1,234,567.5".
func thousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return sign + b.String()
}

// durationText returns a duration for reading: hours and minutes from an
// hour up ("4h 12m"), minutes and seconds below ("2m 58s").
func durationText(d time.Duration) string {
	if d.Round(time.Minute) >= time.Hour {
		d = d.Round(time.Minute)
		return strconv.Itoa(int(d/time.Hour)) + "h " + strconv.Itoa(int(d%time.Hour/time.Minute)) + "m"
	}
	d = d.Round(time.Second)
	if d >= time.Minute {
		return strconv.Itoa(int(d/time.Minute)) + "m " + strconv.Itoa(int(d%time.Minute/time.Second)) + "s"
	}
	return strconv.Itoa(int(d/time.Second)) + "s"
}

// perDayText returns a count per day for reading: one decimal from one a
// day up ("2.5 a day"), and below that the days per case ("1 every 31
// days"), so that one ticket in a month does not read "0.0 a day".
func perDayText(d decimal.Decimal) string {
	if d.Sign() == 0 {
		return "none"
	}
	if d.Cmp(decimal.NewFromInt(1)) >= 0 {
		return d.StringFixed(1) + " a day"
	}
	every := decimal.NewFromInt(1).DivRound(d, 1)
	return "1 every " + exactText(every) + " days"
}

// itoa is strconv.Itoa with thousands separators.
func itoa(n int) string { return thousands(strconv.Itoa(n)) }

// plural returns "1 lead" or "3 leads".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
