package clv_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func date(y int, m time.Month, d, hour int) time.Time {
	return time.Date(y, m, d, hour, 0, 0, 0, time.UTC)
}

// newStore returns the settings of the examples: a 4-week calibration in
// January 2024 and a 2-week holdout.
func newStore() clv.Summaries {
	return clv.Summaries{
		Unit:        clv.Week,
		Calibration: metrics.Period{Start: date(2024, 1, 1, 0), End: date(2024, 1, 29, 0)},
		Holdout:     metrics.Period{Start: date(2024, 1, 29, 0), End: date(2024, 2, 12, 0)},
	}
}

var storeTransactions = []clv.Transaction{
	{Customer: "ann", Time: date(2024, 1, 1, 9), Amount: decimal.RequireFromString("20")},
	{Customer: "ann", Time: date(2024, 1, 8, 10), Amount: decimal.RequireFromString("10")},
	{Customer: "ann", Time: date(2024, 1, 8, 18), Amount: decimal.RequireFromString("2.50")}, // same day: one purchase
	{Customer: "ann", Time: date(2024, 1, 15, 12), Amount: decimal.RequireFromString("5.50")},
	{Customer: "ann", Time: date(2024, 2, 1, 12), Amount: decimal.RequireFromString("7")}, // holdout
	{Customer: "bob", Time: date(2024, 1, 22, 15), Amount: decimal.RequireFromString("30")},
	{Customer: "cy", Time: date(2024, 2, 5, 11), Amount: decimal.RequireFromString("12")}, // first seen in the holdout
}

func ExampleSummaries() {
	s := newStore()
	for _, tx := range storeTransactions {
		if err := s.Add(tx); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, c := range s.Customers() {
		fmt.Printf("%s: x=%d t_x=%.2f T=%.2f mean=%.2f holdout=%d\n",
			c.ID, c.Frequency, c.Recency, c.Age, c.MeanValue, c.HoldoutFrequency)
	}
	// Output:
	// ann: x=2 t_x=2.00 T=3.86 mean=9.00 holdout=1
	// bob: x=0 t_x=0.00 T=0.86 mean=0.00 holdout=0
}

func ExampleSummaries_Add() {
	s := newStore()
	fmt.Println(s.Add(clv.Transaction{Customer: "ann", Time: date(2024, 1, 3, 9), Amount: decimal.RequireFromString("20")}))
	fmt.Println(s.Add(clv.Transaction{Customer: "ann", Time: date(2024, 3, 1, 9), Amount: decimal.RequireFromString("20")}))
	fmt.Println(s.Add(clv.Transaction{Customer: "ann", Time: date(2024, 1, 4, 9), Amount: decimal.RequireFromString("-1")}))
	// Output:
	// <nil>
	// clv.Summaries.Add: Time 2024-03-01T09:00:00Z is outside the calibration and holdout periods: out of range
	// clv.Summaries.Add: Amount -1 is negative: negative value
}

// Shards of the transactions, accumulated apart (in goroutines, processes or
// machines) and merged, give the summaries of one pass.
func ExampleSummaries_Merge() {
	east, west := newStore(), newStore()
	for i, tx := range storeTransactions {
		shard := &east
		if i%2 == 1 {
			shard = &west
		}
		if err := shard.Add(tx); err != nil {
			fmt.Println(err)
			return
		}
	}
	var all clv.Summaries // the zero value takes the settings of the first merged
	for _, shard := range []*clv.Summaries{&west, &east} {
		if err := all.Merge(shard); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, c := range all.Customers() {
		fmt.Println(c.ID, c.Frequency, c.RepeatValue, c.HoldoutValue)
	}
	// Output:
	// ann 2 18 7
	// bob 0 0 0
}

func ExampleSummaries_MarshalBinary() {
	s := newStore()
	for _, tx := range storeTransactions {
		_ = s.Add(tx)
	}
	b, err := s.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	var back clv.Summaries
	if err := back.UnmarshalBinary(b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(b), "bytes;", len(back.Customers()), "customers")
	// Output:
	// 60 bytes; 2 customers
}

func ExampleSummaries_UnmarshalBinary() {
	var s clv.Summaries
	fmt.Println(s.UnmarshalBinary([]byte("not a summary")))
	// Output:
	// clv.Summaries.UnmarshalBinary: data does not start with the header of a Summaries of version 1: invalid value
}

func ExampleSummaries_Customers() {
	s := newStore()
	for _, tx := range storeTransactions {
		_ = s.Add(tx)
	}
	ann := s.Customers()[0]
	fmt.Println(ann.ID, ann.FirstPurchase.Format(time.DateOnly), ann.RepeatValue, ann.HoldoutFrequency, ann.HoldoutValue)
	// Output:
	// ann 2024-01-01 18 1 7
}

func ExampleSummaries_RFM() {
	s := newStore()
	for _, tx := range storeTransactions {
		_ = s.Add(tx)
	}
	for _, r := range s.RFM() {
		fmt.Printf("%+v\n", r)
	}
	// Output:
	// {Frequency:2 Recency:2 Age:3.857142857142857 MeanValue:9}
	// {Frequency:0 Recency:0 Age:0.8571428571428571 MeanValue:0}
}

func ExampleSummaries_HoldoutOnly() {
	s := newStore()
	for _, tx := range storeTransactions {
		_ = s.Add(tx)
	}
	fmt.Println(s.HoldoutOnly()) // cy
	// Output:
	// 1
}

func ExampleSummaries_Periods() {
	s := newStore()
	cal, hold, err := s.Periods()
	fmt.Println(cal, hold, err)
	// Output:
	// 4 2 <nil>
}

func ExampleTimeUnit() {
	for _, u := range []clv.TimeUnit{clv.Day, clv.Week, clv.Month} {
		fmt.Println(u, u.Days())
	}
	// Output:
	// day 1
	// week 7
	// month 30.4375
}

func ExampleTimeUnit_Days() {
	fmt.Println(91 / clv.Month.Days()) // 91 days in months
	// Output:
	// 2.9897330595482545
}

func ExampleTimeUnit_String() {
	fmt.Println(clv.Month.String(), clv.TimeUnit(9).String())
	// Output:
	// month TimeUnit(9)
}

func ExampleTimeUnit_MarshalText() {
	b, _ := json.Marshal(struct{ Unit clv.TimeUnit }{clv.Day})
	fmt.Println(string(b))
	// Output:
	// {"Unit":"day"}
}

func ExampleTimeUnit_UnmarshalText() {
	var cfg struct{ Unit clv.TimeUnit }
	fmt.Println(json.Unmarshal([]byte(`{"Unit":"month"}`), &cfg), cfg.Unit)
	fmt.Println(json.Unmarshal([]byte(`{"Unit":"fortnight"}`), &cfg), cfg.Unit)
	// Output:
	// <nil> month
	// clv.TimeUnit.UnmarshalText: text "fortnight" is not day, week or month: invalid value month
}
