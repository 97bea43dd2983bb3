package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The seed of the simulation. Changing it changes every file.
const seed1, seed2 = 2025, 6

var (
	periodStart = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	months      = 12
	asOf        = periodStart.AddDate(0, months, 0) // the moment the data is exported
)

const euro = "EUR" // the second currency; the reporting currency is USD

// The plans and their list price per month for one pack of seats.
var (
	planNames  = []string{"Starter", "Team", "Business", "Enterprise"}
	planPrices = []int64{49, 149, 399, 1190}
)

var (
	reps        = []string{"Amelia Hart", "Bruno Salas", "Chen Wei", "Dara Okafor", "Elin Berg"}
	consultants = []string{"Farah Nadeem", "Gustav Lind", "Hana Sato", "Iker Mendez", "Jonas Weber"}
)

// eurRates are the EUR→USD rates of fx_rates.csv, from December 2024.
var eurRates = []string{"1.0475", "1.0350", "1.0415", "1.0810", "1.1230", "1.1280", "1.1520",
	"1.1680", "1.1640", "1.1730", "1.1630", "1.1560", "1.1710"}

// customer is the simulation's state of one account.
type customer struct {
	id       string
	happy    float64 // satisfaction, 0..1: drives churn, expansion, tickets and scores
	currency string  // "" for USD
	billing  dataset.Billing
	plan     int // index in planNames
	packs    int // packs of seats, 1..4
	anchor   time.Time
	subs     []int     // indexes in gen.subs, oldest first
	left     time.Time // when the customer last left; zero if never
}

// active reports whether c is a customer at t.
func (g *gen) active(c *customer, t time.Time) bool {
	for _, i := range c.subs {
		s := &g.subs[i]
		if !t.Before(s.Started) && (s.Ended.IsZero() || t.Before(s.Ended)) {
			return true
		}
	}
	return false
}

// current returns the index of c's subscription in force, or −1.
func (c *customer) current(g *gen) int {
	if n := len(c.subs); n > 0 && g.subs[c.subs[n-1]].Ended.IsZero() {
		return c.subs[n-1]
	}
	return -1
}

// gen holds the simulation.
type gen struct {
	rng       *rand.Rand
	customers []*customer
	nextID    int // the next customer number

	subs      []dataset.Subscription
	deals     []*deal
	leads     []dataset.Lead
	campaigns []*campaign
	tickets   []dataset.Ticket
	surveys   []dataset.SurveyAnswer
}

// deal is a deal and, for a won services deal, its project.
type deal struct {
	dataset.Deal
	project *dataset.Project
	lead    int // index in gen.leads of the lead a won new deal converted, or −1
}

type campaign struct {
	dataset.Campaign
	weight int // how many leads it draws relative to others
}

func generate() *dataset.Dataset {
	g := &gen{rng: rand.New(rand.NewPCG(seed1, seed2))}
	g.campaignsFor()
	g.initialCustomers()
	for m := range months {
		g.month(m)
	}
	for m := range months {
		g.supportAndSurveys(m)
	}
	return g.dataset()
}

// Random helpers.

func (g *gen) chance(p float64) bool          { return g.rng.Float64() < p }
func (g *gen) uniform(lo, hi float64) float64 { return lo + (hi-lo)*g.rng.Float64() }
func (g *gen) between(lo, hi int) int         { return lo + g.rng.IntN(hi-lo+1) }
func (g *gen) pick(list []string) string      { return list[g.rng.IntN(len(list))] }
func (g *gen) days(lo, hi float64) time.Duration {
	return time.Duration(g.uniform(lo, hi) * 24 * float64(time.Hour)).Round(time.Second)
}

// timeIn returns a time in [from, to), to the second.
func (g *gen) timeIn(from, to time.Time) time.Time {
	secs := int64(to.Sub(from) / time.Second)
	if secs <= 0 {
		return from
	}
	return from.Add(time.Duration(g.rng.Int64N(secs)) * time.Second)
}

// workTime returns a time in [from, to), most often on a weekday between
// 8:00 and 18:00.
func (g *gen) workTime(from, to time.Time) time.Time {
	for range 8 {
		t := g.timeIn(from, to)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if wd := day.Weekday(); (wd == time.Saturday || wd == time.Sunday) && g.chance(0.8) {
			continue
		}
		if g.chance(0.85) {
			t = day.Add(time.Duration(8*3600+g.rng.IntN(10*3600)) * time.Second)
		}
		if !t.Before(from) && t.Before(to) {
			return t
		}
	}
	return g.timeIn(from, to)
}

// lognormal returns a duration whose logarithm is normal, with the median
// and the spread sigma given, to the second.
func (g *gen) lognormal(median time.Duration, sigma float64) time.Duration {
	d := time.Duration(float64(median) * math.Exp(sigma*g.rng.NormFloat64()))
	return max(d.Round(time.Second), time.Minute)
}

func clamp(x float64, lo, hi int) int {
	return int(math.Max(float64(lo), math.Min(float64(hi), math.Round(x))))
}

func monthStart(m int) time.Time { return periodStart.AddDate(0, m, 0) }

// Customers and subscriptions.

func (g *gen) newCustomer() *customer {
	g.nextID++
	c := &customer{
		id:    fmt.Sprintf("C-%04d", g.nextID),
		happy: math.Max(0, math.Min(1, 0.68+0.2*g.rng.NormFloat64())),
	}
	if g.chance(0.07) {
		c.currency = euro
	}
	switch r := g.rng.Float64(); {
	case r < 0.55:
		c.billing = dataset.BillingMonthly
	case r < 0.80:
		c.billing = dataset.BillingYearly
	case r < 0.93:
		c.billing = dataset.BillingQuarterly
	default:
		c.billing = dataset.BillingWeekly
	}
	switch r := g.rng.Float64(); {
	case r < 0.35:
		c.plan = 0
	case r < 0.73:
		c.plan = 1
	case r < 0.93:
		c.plan = 2
	default:
		c.plan = 3
	}
	switch r := g.rng.Float64(); {
	case r < 0.5:
		c.packs = 1
	case r < 0.8:
		c.packs = 2
	case r < 0.95:
		c.packs = 3
	default:
		c.packs = 4
	}
	g.customers = append(g.customers, c)
	return c
}

// amount returns the price per billing period of a plan and packs: the
// monthly price, three months less 5% a quarter, ten months a year, or the
// monthly price × 12 / 52 a week, to the cent.
func amount(b dataset.Billing, plan, packs int) decimal.Decimal {
	monthly := decimal.NewFromInt(planPrices[plan] * int64(packs))
	switch b {
	case dataset.BillingWeekly:
		return monthly.Mul(decimal.NewFromInt(12)).DivRound(decimal.NewFromInt(52), 2)
	case dataset.BillingQuarterly:
		return monthly.Mul(decimal.RequireFromString("2.85")).Round(2)
	case dataset.BillingYearly:
		return monthly.Mul(decimal.NewFromInt(10))
	}
	return monthly
}

// acv returns the yearly value of a subscription: its amount × periods per year.
func acv(b dataset.Billing, plan, packs int) decimal.Decimal {
	return amount(b, plan, packs).Mul(decimal.NewFromInt(int64(b.PeriodsPerYear())))
}

func (g *gen) start(c *customer, t time.Time) {
	g.subs = append(g.subs, dataset.Subscription{
		CustomerID: c.id,
		Plan:       planNames[c.plan],
		Billing:    c.billing,
		Amount:     amount(c.billing, c.plan, c.packs),
		Currency:   c.currency,
		Started:    t,
	})
	c.subs = append(c.subs, len(g.subs)-1)
}

func (g *gen) end(c *customer, t time.Time) {
	if i := c.current(g); i >= 0 {
		g.subs[i].Ended = t
	}
}

// change moves c to another plan or number of packs at t.
func (g *gen) change(c *customer, t time.Time, plan, packs int) {
	g.end(c, t)
	c.plan, c.packs = plan, packs
	g.start(c, t)
}

// up returns the next plan and packs up from c's, and whether there is one.
func up(c *customer) (int, int, bool) {
	switch {
	case c.packs < 4:
		return c.plan, c.packs + 1, true
	case c.plan < len(planNames)-1:
		return c.plan + 1, 2, true
	}
	return 0, 0, false
}

// down returns the next plan and packs down from c's, and whether there is one.
func down(c *customer) (int, int, bool) {
	switch {
	case c.packs > 1:
		return c.plan, c.packs - 1, true
	case c.plan > 0:
		return c.plan - 1, 2, true
	}
	return 0, 0, false
}

// initialCustomers creates the customers of before 2025: those active at
// its start, some with an earlier change of plan, and former customers.
func (g *gen) initialCustomers() {
	from := time.Date(2021, time.June, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2024, time.December, 20, 0, 0, 0, 0, time.UTC)
	for range 230 {
		c := g.newCustomer()
		t := g.workTime(from, last)
		c.anchor = t
		if g.chance(0.25) {
			if plan, packs, ok := down(c); ok && g.chance(0.75) {
				// Expanded since: start lower.
				cp, ck := c.plan, c.packs
				c.plan, c.packs = plan, packs
				g.start(c, t)
				g.change(c, g.workTime(t.Add(24*time.Hour), last.Add(10*24*time.Hour)), cp, ck)
				continue
			}
		}
		g.start(c, t)
	}
	for range 45 {
		c := g.newCustomer()
		t := g.workTime(time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, time.June, 1, 0, 0, 0, 0, time.UTC))
		c.anchor = t
		g.start(c, t)
		c.left = g.workTime(t.Add(90*24*time.Hour), time.Date(2024, time.December, 15, 0, 0, 0, 0, time.UTC))
		g.end(c, c.left)
	}
}

// renewalIn returns c's renewal date within [ms, me) for a quarterly or
// yearly subscription, and whether there is one.
func renewalIn(c *customer, ms, me time.Time) (time.Time, bool) {
	step := 12
	if c.billing == dataset.BillingQuarterly {
		step = 3
	}
	for k := step; k < 12*10; k += step {
		t := c.anchor.AddDate(0, k, 0)
		if !t.Before(me) {
			return time.Time{}, false
		}
		if !t.Before(ms) {
			return t, true
		}
	}
	return time.Time{}, false
}

// month simulates month m: churn, renewals, expansion, contraction and
// reactivation of the customers, then new customers, lost and open deals,
// services deals and the leads.
func (g *gen) month(m int) {
	ms, me := monthStart(m), monthStart(m+1)
	for _, c := range append([]*customer(nil), g.customers...) {
		cur := c.current(g)
		if cur < 0 {
			if !c.left.IsZero() && c.left.Before(ms.AddDate(0, 0, -45)) && g.chance(0.025) {
				t := g.workTime(ms, me)
				c.anchor = t
				c.left = time.Time{}
				g.start(c, t)
			}
			continue
		}
		since := g.subs[cur].Started
		switch c.billing {
		case dataset.BillingMonthly, dataset.BillingWeekly:
			if g.chance(0.008 + 0.045*(1-c.happy)) {
				t := time.Date(ms.Year(), ms.Month(), min(c.anchor.Day(), 28), c.anchor.Hour(), c.anchor.Minute(), c.anchor.Second(), 0, time.UTC)
				if c.billing == dataset.BillingWeekly || !t.After(since) {
					t = g.timeIn(maxTime(ms, since.Add(time.Hour)), me)
				}
				g.end(c, t)
				c.left = t
				continue
			}
		default:
			if t, ok := renewalIn(c, ms, me); ok {
				fail := 0.04 + 0.35*(1-c.happy)
				if c.billing == dataset.BillingQuarterly {
					fail = 0.02 + 0.15*(1-c.happy)
				}
				if t.After(since) && g.chance(fail) {
					g.end(c, t)
					c.left = t
					continue
				}
			}
		}
		from := maxTime(ms, since.Add(24*time.Hour))
		if !from.Before(me) {
			continue
		}
		switch r := g.rng.Float64(); {
		case r < 0.012+0.03*c.happy:
			if plan, packs, ok := up(c); ok {
				t := g.workTime(from, me)
				before := acv(c.billing, c.plan, c.packs)
				g.change(c, t, plan, packs)
				g.expansionDeal(c, t, acv(c.billing, plan, packs).Sub(before))
			}
		case r < 0.012+0.03*c.happy+0.004+0.025*(1-c.happy):
			if plan, packs, ok := down(c); ok {
				g.change(c, g.workTime(from, me), plan, packs)
			}
		}
	}

	for range g.between(8, 14) {
		g.newBusiness(g.workTime(ms, me), dataset.StageWon)
	}
	for range g.between(18, 28) {
		g.newBusiness(g.workTime(ms, me), dataset.StageLost)
	}
	open := 1
	if m >= months-3 {
		open = g.between(5, 8)
	}
	for range open {
		if g.chance(0.7) {
			g.newBusiness(g.workTime(ms, me), dataset.StageOpen)
		}
	}
	for range g.between(1, 3) {
		g.lostExpansion(ms, me)
	}
	for range g.between(3, 5) {
		g.servicesDeal(ms, me)
	}
	for range g.between(110, 130) {
		g.lead(g.workTime(ms, me), false)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Deals and leads.

func (g *gen) rep() string {
	// The first rep is the team's senior and closes more.
	if g.chance(0.12) {
		return reps[0]
	}
	return g.pick(reps)
}

func (g *gen) addDeal(d dataset.Deal) *deal {
	x := &deal{Deal: d, lead: -1}
	g.deals = append(g.deals, x)
	return x
}

// newBusiness creates a new-business deal closing at t with the stage given
// (for an open deal, t is when it was last touched), with the lead it came
// from. A won deal makes a new customer whose subscription starts at t.
func (g *gen) newBusiness(t time.Time, stage dataset.Stage) {
	c := g.newCustomer()
	if stage != dataset.StageWon {
		// A prospect: keep it out of the customer base.
		g.customers = g.customers[:len(g.customers)-1]
	}
	created := t.Add(-g.days(12, 80))
	d := dataset.Deal{
		CustomerID: c.id,
		Owner:      g.rep(),
		Kind:       dataset.KindNew,
		Amount:     acv(c.billing, c.plan, c.packs),
		Currency:   c.currency,
		Stage:      stage,
		Created:    created,
	}
	switch stage {
	case dataset.StageWon:
		d.Closed = t
		d.Proposal = g.timeIn(created.Add(48*time.Hour), t)
	case dataset.StageLost:
		d.Closed = t
		if g.chance(0.55) {
			d.Proposal = g.timeIn(created.Add(48*time.Hour), t)
		}
	case dataset.StageOpen:
		d.Created = g.timeIn(t.AddDate(0, 0, -20), t)
		if g.chance(0.4) {
			d.Proposal = g.timeIn(d.Created.Add(48*time.Hour), asOf)
		}
	}
	x := g.addDeal(d)
	lead := g.lead(d.Created.Add(-g.days(0.5, 12)), true)
	g.leads[lead].Qualified = d.Created
	if stage == dataset.StageWon {
		g.leads[lead].Converted = t
		x.lead = lead
		c.anchor = t
		g.start(c, t)
	}
}

// expansionDeal records the won deal of an expansion at t worth delta a year.
func (g *gen) expansionDeal(c *customer, t time.Time, delta decimal.Decimal) {
	created := t.Add(-g.days(7, 40))
	g.addDeal(dataset.Deal{
		CustomerID: c.id, Owner: g.rep(), Kind: dataset.KindExpansion,
		Amount: delta, Currency: c.currency, Stage: dataset.StageWon,
		Created: created, Proposal: g.timeIn(created, t), Closed: t,
	})
}

// activeCustomer returns a customer active at t, chosen at random.
func (g *gen) activeCustomer(t time.Time) *customer {
	for {
		c := g.customers[g.rng.IntN(len(g.customers))]
		if g.active(c, t) {
			return c
		}
	}
}

// lostExpansion records an upsell offered during [ms, me) and declined.
func (g *gen) lostExpansion(ms, me time.Time) {
	t := g.workTime(ms, me)
	c := g.activeCustomer(t)
	plan, packs, ok := up(c)
	if !ok {
		return
	}
	created := t.Add(-g.days(7, 50))
	d := dataset.Deal{
		CustomerID: c.id, Owner: g.rep(), Kind: dataset.KindExpansion,
		Amount:   acv(c.billing, plan, packs).Sub(acv(c.billing, c.plan, c.packs)),
		Currency: c.currency, Stage: dataset.StageLost, Created: created, Closed: t,
	}
	if g.chance(0.5) {
		d.Proposal = g.timeIn(created, t)
	}
	g.addDeal(d)
}

// servicesDeal records a consulting deal created during [ms, me), won,
// lost or still open, and the project of a won one.
func (g *gen) servicesDeal(ms, me time.Time) {
	created := g.workTime(ms, me)
	c := g.activeCustomer(created)
	d := dataset.Deal{
		CustomerID: c.id, Owner: g.rep(), Kind: dataset.KindServices,
		Amount:   decimal.NewFromInt(int64(g.between(8, 72)) * 500),
		Currency: c.currency, Stage: dataset.StageOpen, Created: created,
	}
	closed := created.Add(g.days(10, 45))
	d.Proposal = g.timeIn(created.Add(24*time.Hour), created.Add(8*24*time.Hour))
	if d.Proposal.After(asOf) {
		d.Proposal = time.Time{}
	}
	if closed.Before(asOf) {
		d.Closed = closed
		d.Stage = dataset.StageLost
		if g.chance(0.65) {
			d.Stage = dataset.StageWon
		}
		if d.Proposal.IsZero() || d.Proposal.After(closed) {
			d.Proposal = g.timeIn(created, closed)
		}
	}
	x := g.addDeal(d)
	if d.Stage != dataset.StageWon {
		return
	}
	due := closed.Add(g.days(30, 100))
	p := &dataset.Project{Consultant: g.pick(consultants), Due: due}
	if g.chance(0.75) {
		p.Delivered = maxTime(due.Add(-g.days(0, 12)), closed.Add(7*24*time.Hour))
	} else {
		p.Delivered = due.Add(g.days(1, 25))
	}
	if !p.Delivered.Before(asOf) {
		p.Delivered = time.Time{}
	}
	x.project = p
}

// lead records a lead created at t and returns its index. A lead that
// does not come from a deal is qualified a quarter of the time.
func (g *gen) lead(t time.Time, fromDeal bool) int {
	l := dataset.Lead{Created: t}
	if cs := g.campaignsAt(t); len(cs) > 0 && g.chance(0.72) {
		total := 0
		for _, c := range cs {
			total += c.weight
		}
		r := g.rng.IntN(total)
		for _, c := range cs {
			if r -= c.weight; r < 0 {
				l.CampaignID = c.ID
				break
			}
		}
	}
	if !fromDeal && g.chance(0.22) {
		if q := t.Add(g.days(0.1, 9)); q.Before(asOf) {
			l.Qualified = q
		}
	}
	g.leads = append(g.leads, l)
	return len(g.leads) - 1
}

// Campaigns.

// campaignsAt returns the campaigns that can bring a lead at t: those
// running, or ended less than two weeks before.
func (g *gen) campaignsAt(t time.Time) []*campaign {
	var out []*campaign
	for _, c := range g.campaigns {
		if !t.Before(c.Started) && t.Before(c.Ended.Add(14*24*time.Hour)) {
			out = append(out, c)
		}
	}
	return out
}

// campaignsFor creates the campaigns from November 2024 to December 2025:
// a newsletter, social posts and search ads every month, a promotional
// email every other month, a webinar every quarter, and one trade fair in
// Germany paid in euros.
func (g *gen) campaignsFor() {
	n := 0
	add := func(c dataset.Campaign, weight int) *campaign {
		n++
		c.ID = fmt.Sprintf("CMP-%03d", n)
		x := &campaign{Campaign: c, weight: weight}
		g.campaigns = append(g.campaigns, x)
		return x
	}
	money := func(lo, hi int) decimal.Decimal { return decimal.NewFromInt(int64(g.between(lo, hi)) * 10) }
	list := 5200
	for m := -2; m < months; m++ {
		ms, me := monthStart(m), monthStart(m+1)
		label := ms.Format("January 2006")
		day := func(d int) time.Time { return ms.AddDate(0, 0, d-1).Add(9 * time.Hour) }

		list += g.between(40, 120)
		delivered := list - g.between(30, 90)
		opened := int(float64(delivered) * g.uniform(0.21, 0.32))
		nl := add(dataset.Campaign{
			Name: "Newsletter " + label, Channel: "email",
			Started: day(g.between(3, 7)), Cost: money(60, 120), HasEmail: true,
			EmailsDelivered: delivered, EmailsOpened: opened,
			EmailsClicked: int(float64(delivered) * g.uniform(0.02, 0.045)),
		}, 2)
		nl.Ended = nl.Started.Add(7 * 24 * time.Hour)

		impressions := g.between(40000, 90000)
		add(dataset.Campaign{
			Name: "LinkedIn posts " + label, Channel: "social",
			Started: ms, Ended: me.Add(-time.Second), Cost: money(150, 350), HasSocial: true,
			Impressions: impressions, Engagements: int(float64(impressions) * g.uniform(0.012, 0.035)),
		}, 3)

		add(dataset.Campaign{
			Name: "Search ads " + label, Channel: "search",
			Started: ms, Ended: me.Add(-time.Second), Cost: money(400, 800),
		}, 5)

		if m%2 == 0 {
			delivered := list / 2
			opened := int(float64(delivered) * g.uniform(0.18, 0.27))
			p := add(dataset.Campaign{
				Name: "Offer email " + label, Channel: "email",
				Started: day(g.between(14, 18)), Cost: money(100, 200), HasEmail: true,
				EmailsDelivered: delivered, EmailsOpened: opened,
				EmailsClicked: int(float64(opened) * g.uniform(0.1, 0.2)),
			}, 2)
			p.Ended = p.Started.Add(10 * 24 * time.Hour)
		}
		if m >= 0 && m%3 == 1 {
			reached := g.between(300, 700)
			w := add(dataset.Campaign{
				Name: "Webinar: pipeline reviews that work, " + label, Channel: "webinar",
				Started: day(5), Cost: money(250, 500), HasOutreach: true,
				Reached: reached, Responses: int(float64(reached) * g.uniform(0.2, 0.45)),
			}, 2)
			w.Ended = w.Started.Add(21 * 24 * time.Hour)
		}
		if m == 8 {
			f := add(dataset.Campaign{
				Name: "DMEXCO Cologne 2025", Channel: "event", Currency: euro,
				Started: day(17), Cost: decimal.NewFromInt(12400), HasOutreach: true,
				Reached: 880, Responses: 124,
			}, 4)
			f.Ended = f.Started.Add(2 * 24 * time.Hour)
		}
	}
}

// Support and surveys.

// supportAndSurveys creates month m's tickets, their satisfaction answers,
// and the quarterly NPS survey.
func (g *gen) supportAndSurveys(m int) {
	ms, me := monthStart(m), monthStart(m+1)
	for _, c := range g.customers {
		rate := 0.16 + 0.25*(1-c.happy)
		n := 0
		if g.chance(rate) {
			n++
			if g.chance(rate / 2) {
				n++
			}
		}
		for range n {
			t := g.workTime(ms, me)
			if !g.active(c, t) {
				continue
			}
			g.ticket(c, t)
		}
	}
	if m%3 == 1 { // February, May, August, November
		wave := ms.AddDate(0, 0, 11).Add(10 * time.Hour)
		for _, c := range g.customers {
			if g.active(c, wave) && g.chance(0.42) {
				x := 3.4 + 7.5*c.happy + 1.6*g.rng.NormFloat64()
				g.answer(c, g.workTime(wave, wave.AddDate(0, 0, 10)), dataset.SurveyNPS, clamp(x, 0, 10))
			}
		}
	}
}

func (g *gen) answer(c *customer, t time.Time, s dataset.Survey, score int) {
	g.surveys = append(g.surveys, dataset.SurveyAnswer{CustomerID: c.id, Answered: t, Survey: s, Score: score})
}

// ticket records a ticket c opened at t, its answer and resolution, and
// perhaps the customer's CSAT or CES answer about it.
func (g *gen) ticket(c *customer, t time.Time) {
	tk := dataset.Ticket{CustomerID: c.id, Opened: t}
	if g.chance(0.015) {
		g.tickets = append(g.tickets, tk) // fell through the cracks: no answer yet
		return
	}
	first := g.lognormal(70*time.Minute, 1.0)
	if g.chance(0.06) {
		first = time.Duration(float64(first) * g.uniform(4, 15)).Round(time.Second)
	}
	if tk.FirstResponse = t.Add(first); !tk.FirstResponse.Before(asOf) {
		tk.FirstResponse = time.Time{}
		g.tickets = append(g.tickets, tk)
		return
	}
	fix := g.lognormal(150*time.Minute, 1.0)
	if g.chance(0.07) {
		fix = time.Duration(float64(fix) * g.uniform(3, 12)).Round(time.Second)
	}
	if tk.Resolved = tk.FirstResponse.Add(fix); !tk.Resolved.Before(asOf) || g.chance(0.01) {
		tk.Resolved = time.Time{}
	}
	g.tickets = append(g.tickets, tk)
	if tk.Resolved.IsZero() {
		return
	}
	penalty := 0.0
	switch took := tk.Resolved.Sub(t); {
	case took > 24*time.Hour:
		penalty = 1
	case took > 8*time.Hour:
		penalty = 0.4
	}
	at := tk.Resolved.Add(g.days(0.01, 3))
	if !at.Before(asOf) {
		return
	}
	switch r := g.rng.Float64(); {
	case r < 0.4:
		g.answer(c, at, dataset.SurveyCSAT, clamp(2.2+3.2*c.happy-penalty+0.7*g.rng.NormFloat64(), 1, 5))
	case r < 0.62:
		g.answer(c, at, dataset.SurveyCES, clamp(2.9+4.2*c.happy-1.2*penalty+0.9*g.rng.NormFloat64(), 1, 7))
	}
}

// The monthly figures.

func (g *gen) website() []dataset.WebsiteMonth {
	var out []dataset.WebsiteMonth
	for m := range months {
		season := 1 + 0.12*math.Cos(2*math.Pi*float64(m)/12)
		visits := int(15000 * season * math.Pow(1.015, float64(m)) * g.uniform(0.95, 1.05))
		out = append(out, dataset.WebsiteMonth{
			Month:              monthStart(m),
			Visits:             visits,
			VisitsWithPurchase: int(float64(visits) * g.uniform(0.011, 0.016)),
			TimeOnSite:         time.Duration(visits*g.between(150, 205)) * time.Second,
		})
	}
	return out
}

func (g *gen) operations() []dataset.OperationsMonth {
	var out []dataset.OperationsMonth
	for m := range months {
		licensed := 38 + m/3
		records := 4100 + 95*m + g.between(-40, 40)
		required := records * 6
		consultants := 4
		if m >= 6 {
			consultants = 5
		}
		out = append(out, dataset.OperationsMonth{
			Month:          monthStart(m),
			LicensedUsers:  licensed,
			ActiveUsers:    licensed - g.between(3, 8),
			Records:        records,
			Duplicates:     int(float64(records) * g.uniform(0.014, 0.026)),
			RequiredFields: required,
			FilledFields:   int(float64(required) * g.uniform(0.905, 0.955)),
			SalesCost:      decimal.NewFromInt(int64(6100+70*m+g.between(-150, 150)) * 10),
			RetentionSpend: decimal.NewFromInt(int64(720+g.between(0, 220)) * 10),
			Consultants:    consultants,
		})
	}
	return out
}

func (g *gen) repMonths() []dataset.RepMonth {
	var out []dataset.RepMonth
	for m := range months {
		for i, r := range reps {
			quota := int64(11000)
			if i == 0 {
				quota = 14000
			}
			if m >= 6 {
				quota += quota / 20
			}
			out = append(out, dataset.RepMonth{
				Month: monthStart(m), Rep: r, Quota: decimal.NewFromInt(quota), Calls: g.between(170, 260),
			})
		}
	}
	return out
}

func fxRates() []dataset.FXRate {
	var out []dataset.FXRate
	for i, r := range eurRates {
		out = append(out, dataset.FXRate{Month: monthStart(i - 1), Currency: euro, Rate: decimal.RequireFromString(r)})
	}
	return out
}

// dataset assembles the files: the rows sorted by time and numbered, the
// campaigns' attributed revenue summed from their won deals.
func (g *gen) dataset() *dataset.Dataset {
	d := &dataset.Dataset{
		Company: dataset.Company{
			Name: "Larkspur Software", Currency: "USD",
			FirstMonth: periodStart, LastMonth: monthStart(months - 1),
			GrossMargin: metrics.PercentInt(78), DiscountRate: metrics.PercentInt(10),
		},
		FXRates:    fxRates(),
		Website:    g.website(),
		Operations: g.operations(),
		Reps:       g.repMonths(),
	}
	d.Surveys = sortNumber(g.surveys, func(s *dataset.SurveyAnswer) time.Time { return s.Answered },
		func(s *dataset.SurveyAnswer, id string) { s.ID = id }, "SV-%05d")
	d.Tickets = sortNumber(g.tickets, func(t *dataset.Ticket) time.Time { return t.Opened },
		func(t *dataset.Ticket, id string) { t.ID = id }, "T-%05d")
	d.Subscriptions = sortNumber(g.subs, func(s *dataset.Subscription) time.Time { return s.Started },
		func(s *dataset.Subscription, id string) { s.ID = id }, "S-%05d")

	// Campaign revenue: the won deals whose lead the campaign brought, in
	// the campaign's currency.
	fx := &dataset.Dataset{Company: d.Company, FXRates: d.FXRates}
	revenue := map[string]decimal.Decimal{}
	for _, x := range g.deals {
		if x.lead < 0 || g.leads[x.lead].CampaignID == "" {
			continue
		}
		usd, _ := fx.Convert(x.Amount, x.Currency, x.Closed)
		id := g.leads[x.lead].CampaignID
		revenue[id] = revenue[id].Add(usd)
	}
	for _, c := range g.campaigns {
		r := revenue[c.ID]
		if c.Currency == euro {
			one, _ := fx.Convert(decimal.NewFromInt(1), euro, c.Started)
			r = r.DivRound(one, 2)
		}
		c.AttributedRevenue = r.Round(2)
		d.Campaigns = append(d.Campaigns, c.Campaign)
	}

	d.Leads = sortNumber(g.leads, func(l *dataset.Lead) time.Time { return l.Created },
		func(l *dataset.Lead, id string) { l.ID = id }, "L-%05d")

	deals := slices.Clone(g.deals)
	slices.SortStableFunc(deals, func(a, b *deal) int { return a.Created.Compare(b.Created) })
	for i, x := range deals {
		x.ID = fmt.Sprintf("D-%04d", i+1)
		d.Deals = append(d.Deals, x.Deal)
		if x.project != nil {
			p := *x.project
			p.DealID = x.ID
			d.Projects = append(d.Projects, p)
		}
	}
	for i := range d.Projects {
		d.Projects[i].ID = fmt.Sprintf("P-%03d", i+1)
	}
	return d
}

// sortNumber returns rows sorted by time (stable, so that ties keep their
// order of creation) and numbered with format.
func sortNumber[R any](rows []R, at func(*R) time.Time, setID func(*R, string), format string) []R {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b R) int { return at(&a).Compare(at(&b)) })
	for i := range out {
		setID(&out[i], fmt.Sprintf(format, i+1))
	}
	return out
}
