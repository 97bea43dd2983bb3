package sales_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

// One example per reader, over the first quarter of exampleDeals: D-1
// (12 000, 30 days) and D-2 (8 000, 40 days) won, D-3 lost, D-4 (20 000)
// and D-5 (9 000, won on 2 April) open at the quarter's end.

func q1Stats() *sales.DealStats {
	s := &sales.DealStats{Period: q1}
	for _, d := range exampleDeals() {
		if err := s.Add(d); err != nil {
			panic(err)
		}
	}
	return s
}

func ExampleDealStats_Won() {
	fmt.Println(q1Stats().Won())
	// Output: 2
}

func ExampleDealStats_Lost() {
	fmt.Println(q1Stats().Lost())
	// Output: 1
}

func ExampleDealStats_OpenOpportunities() {
	fmt.Println(q1Stats().OpenOpportunities())
	// Output: 2
}

func ExampleDealStats_SalesRevenue() {
	fmt.Println(q1Stats().SalesRevenue())
	// Output: 20000
}

func ExampleDealStats_OpenPipeline() {
	fmt.Println(q1Stats().OpenPipeline())
	// Output: 29000
}

func ExampleDealStats_AverageDealSize() {
	size, err := q1Stats().AverageDealSize()
	fmt.Println(size, err)
	// Output: 10000 <nil>
}

func ExampleDealStats_CloseRate() {
	// Created in the quarter: all five; won before April: D-1 and D-2.
	rate, err := q1Stats().CloseRate()
	fmt.Println(rate, err)
	// Output: 40% <nil>
}

func ExampleDealStats_SalesCycleLength() {
	days, err := q1Stats().SalesCycleLength()
	fmt.Println(days, err)
	// Output: 35 <nil>
}

func ExampleDealStats_PipelineVelocity() {
	// 2 open × 2/3 won × 10 000 / 35 days, as one exact quotient.
	v, err := q1Stats().PipelineVelocity()
	fmt.Println(v, err)
	// Output: 380.9523809524 <nil>
}

func ExampleDealStats_UnmarshalBinary() {
	data, err := q1Stats().MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	var s sales.DealStats
	if err := s.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Period, s.SalesRevenue())
	// A damaged form is an error, never a panic.
	fmt.Println(s.UnmarshalBinary(data[:len(data)-1]))
	// Output:
	// [2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z) 20000
	// sales.DealStats.UnmarshalBinary: data[52] declares 2 bytes of the open pipeline but 1 are left: invalid value
}

func ExampleDealStats_UnmarshalJSON() {
	var s sales.DealStats
	err := json.Unmarshal([]byte(`{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-04-01T00:00:00Z"},
		"won":2,"lost":1,"sales_revenue":"20000.00","won_cycle_time_ns":"6048000000000000"}`), &s)
	if err != nil {
		fmt.Println(err)
		return
	}
	days, _ := s.SalesCycleLength()
	rate, _ := s.WinRate()
	fmt.Println(s.SalesRevenue(), days, rate.StringFixed(1))
	// Output: 20000 35 66.7%
}

func janLeads() *sales.LeadStats {
	s := &sales.LeadStats{Period: exampleJanuary}
	for _, l := range exampleLeads() {
		if err := s.Add(l); err != nil {
			panic(err)
		}
	}
	return s
}

func ExampleLeadStats_LeadsGenerated() {
	// L-1 and L-2 were created in January; L-4 on 1 February is not.
	fmt.Println(janLeads().LeadsGenerated())
	// Output: 2
}

func ExampleLeadStats_QualifiedLeads() {
	// Of January's leads, L-1 was qualified in January; L-2 only in February.
	fmt.Println(janLeads().QualifiedLeads())
	// Output: 1
}

func ExampleLeadStats_NewCustomersAcquired() {
	// L-3, created in December, converted in January; L-2 in February.
	fmt.Println(janLeads().NewCustomersAcquired())
	// Output: 1
}

func ExampleLeadStats_UnmarshalJSON() {
	var s sales.LeadStats
	err := json.Unmarshal([]byte(`{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},
		"leads_generated":100,"qualified_leads":40,"converted":20}`), &s)
	if err != nil {
		fmt.Println(err)
		return
	}
	rate, err := s.LeadConversionRate()
	fmt.Println(rate, err)
	err = json.Unmarshal([]byte(`{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},
		"leads_generated":10,"converted":20}`), &s)
	fmt.Println(err)
	// Output:
	// 20% <nil>
	// sales.LeadStats.UnmarshalJSON: Converted 20 exceeds LeadsGenerated 10: invalid value
}

func ExampleLeadStats_UnmarshalBinary() {
	data, err := janLeads().MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	var s sales.LeadStats
	if err := s.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.LeadsGenerated(), s.QualifiedLeads(), s.NewCustomersAcquired())
	// Output: 2 1 1
}

func ExampleStage_MarshalText() {
	text, err := sales.StageLost.MarshalText()
	fmt.Println(string(text), err)
	// Output: lost <nil>
}

func ExampleLeadStats_MarshalBinary() {
	data, err := janLeads().MarshalBinary()
	fmt.Println(len(data), err)
	// The zero LeadStats, over all time, has one too.
	data, err = sales.LeadStats{}.MarshalBinary()
	fmt.Println(len(data), err)
	// A LeadStats whose Period is neither zero nor valid has none.
	empty := sales.LeadStats{Period: metrics.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}}
	empty.Period.End = empty.Period.Start
	_, err = empty.MarshalBinary()
	fmt.Println(err)
	// Output:
	// 38 <nil>
	// 38 <nil>
	// sales.LeadStats.MarshalBinary: Period.End 2024-01-01T00:00:00Z is not after Period.Start 2024-01-01T00:00:00Z: invalid value
}
