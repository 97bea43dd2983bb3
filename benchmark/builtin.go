package benchmark

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// article is the source of every built-in: its title, date and language,
// as the article gives them. The copy kpikit holds names no publisher.
func article(section, quote, translation string) Source {
	return Source{
		Name:        "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client?",
		Date:        "2024-10-03",
		Language:    "French",
		Section:     section + " › Benchmarks de l'industrie (Industry benchmarks)",
		Quote:       quote,
		Translation: translation,
	}
}

// The bound values of the built-in table.
func pct(points int64) Value      { return Percent(metrics.PercentInt(points)) }
func usd(amount int64) Value      { return Money(decimal.NewFromInt(amount), "USD") }
func score(s int64) Value         { return Number(metrics.UnitScore, decimal.NewFromInt(s)) }
func hours(h time.Duration) Value { return Duration(h * time.Hour) }

// The rules that turn the article's words into bands, shared by every built-in.
const (
	ruleStrict = "A bound the source states strictly (\"below\", \"under\", \"exceeding\") is exclusive; " +
		"a range end or an \"or more\" is inclusive. "
	ruleShared = "An endpoint two of the source's ranges share goes to the better tier. "
)

// The readings of the period the figures describe.
const (
	perYearly = "kpikit reads the figures as yearly. Rate a rate measured over a month or a quarter after " +
		"converting it to its yearly compound; if you read the figures otherwise, copy this Spec, set Per, " +
		"and build your own with New."
	perNone = " So the benchmark has no basis and rates a value measured over any period."
)

// builtins is the table Builtins and Lookup read, in the article's order.
var builtins = []Benchmark{
	MustNew(Spec{
		Metric: metrics.Descriptor{ID: "mrr_growth_rate", Unit: metrics.UnitPercent, Better: metrics.HigherIsBetter},
		Per:    Year,
		PerNote: "The source states no period: its benchmark sentence names none, its definition says " +
			"\"sur une période spécifique\" (over a specific period), and its worked example compares one " +
			"month's MRR with the previous month's. Read as monthly, the typical 18% to 20% would compound to " +
			"629% to 792% a year (1.18^12 − 1, 1.20^12 − 1), a seven- to ninefold MRR every year, which kpikit " +
			"judges the article cannot mean by the typical growth of subscription businesses (\"les taux de croissance " +
			"typiques ... pour les entreprises basées sur l'abonnement\"). " + perYearly +
			" A month's growth converts with Value.CompoundGrowth.",
		Segment: Segment{Industry: "SaaS", Region: "United States"},
		Source: article("Taux de croissance des revenus récurrents mensuels (MRR) (Monthly recurring revenue (MRR) growth rate)",
			"le taux de croissance MRR moyen pour les entreprises SaaS aux États-Unis est d'environ 18 à 20%, "+
				"avec des niveaux de performance exceptionnels atteignant 30% ou plus",
			"the average MRR growth rate for SaaS companies in the United States is about 18 to 20%, "+
				"with exceptional performance levels reaching 30% or more"),
		Note: ruleStrict + "The source's average (18% to 20%) is typical; growth between 20% and 30%, " +
			"which it does not name, is better than typical; below 18%, negative growth included, is worse " +
			"than typical.",
		Bands: []Band{
			{Tier: WorseThanTypical, Max: Exclusive(pct(18))},
			{Tier: Typical, Min: Inclusive(pct(18)), Max: Inclusive(pct(20))},
			{Tier: BetterThanTypical, Min: Exclusive(pct(20)), Max: Exclusive(pct(30))},
			{Tier: Exceptional, Min: Inclusive(pct(30))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cac", Unit: metrics.UnitMoney, Better: metrics.LowerIsBetter},
		Currency: "USD",
		PerNote:  perCAC,
		Segment:  Segment{Industry: "SaaS", Region: "United States"},
		Source: article(sectionCAC,
			"le CAC typique des sociétés SaaS aux États-Unis varie de 1 000 $ à 1 500 $, tandis que les "+
				"performances supérieures à la moyenne sont considérées comme ayant un CAC de 700 $ à 1 000 $. "+
				"Des performances exceptionnelles constituent un CAC inférieur à 700 $.",
			"the typical CAC of SaaS companies in the United States ranges from $1,000 to $1,500, while "+
				"above-average performance is considered to be a CAC of $700 to $1,000. Exceptional "+
				"performance is a CAC below $700."),
		Note: ruleStrict + ruleShared + "So 1000 USD, the end of both the typical and the above-average range, " +
			"is better than typical, and 700 USD is better than typical, exceptional being strictly below " +
			"700 USD; above 1500 USD is worse than typical.",
		Bands: []Band{
			{Tier: WorseThanTypical, Min: Exclusive(usd(1500))},
			{Tier: Typical, Min: Exclusive(usd(1000)), Max: Inclusive(usd(1500))},
			{Tier: BetterThanTypical, Min: Inclusive(usd(700)), Max: Inclusive(usd(1000))},
			{Tier: Exceptional, Max: Exclusive(usd(700))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cac", Unit: metrics.UnitMoney, Better: metrics.LowerIsBetter},
		Currency: "USD",
		PerNote:  perCAC,
		Segment:  Segment{Industry: "e-commerce"},
		Source: article(sectionCAC,
			"Dans l'industrie du commerce électronique, le CAC typique se situe entre 10 $ et 30, les "+
				"performances supérieures à la moyenne tombant dans la fourchette de 5 $ à 10 $ et les "+
				"performances exceptionnelles inférieures à 5 $.",
			"In the e-commerce industry, the typical CAC lies between $10 and 30, with above-average "+
				"performance falling in the range of $5 to $10 and exceptional performance below $5."),
		Note: ruleStrict + ruleShared + "So 10 USD is better than typical and 5 USD is better than typical, " +
			"exceptional being strictly below 5 USD; above 30 USD is worse than typical. The source names no " +
			"region for e-commerce, so the segment has none; its amounts are in dollars in an article about " +
			"the United States, read as USD.",
		Bands: []Band{
			{Tier: WorseThanTypical, Min: Exclusive(usd(30))},
			{Tier: Typical, Min: Exclusive(usd(10)), Max: Inclusive(usd(30))},
			{Tier: BetterThanTypical, Min: Inclusive(usd(5)), Max: Inclusive(usd(10))},
			{Tier: Exceptional, Max: Exclusive(usd(5))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cltv", Unit: metrics.UnitMoney, Better: metrics.HigherIsBetter},
		Currency: "USD",
		PerNote: "The figures are a value over a customer's whole life (\"en valeur à vie par client\", in " +
			"lifetime value per customer), not over a period." + perNone,
		Segment: Segment{Industry: "software", Region: "United States"},
		Source: article("Valeur à vie du client (CLTV) (Customer lifetime value (CLTV))",
			"Dans le contexte américain, les repères CLTV typiques pour l'industrie du logiciel varient de "+
				"500 $ à 2 500 $, avec des niveaux de performance supérieurs à la moyenne atteignant 2 500 $ à "+
				"5 000 $ et des niveaux de performance exceptionnels dépassant 5 000 $ en valeur à vie par client.",
			"In the American context, typical CLTV benchmarks for the software industry range from $500 to "+
				"$2,500, with above-average performance levels reaching $2,500 to $5,000 and exceptional "+
				"performance levels exceeding $5,000 in lifetime value per customer."),
		Note: ruleStrict + ruleShared + "So 2500 USD is better than typical, and 5000 USD is better than " +
			"typical, exceptional being strictly above 5000 USD; below 500 USD is worse than typical.",
		Bands: []Band{
			{Tier: WorseThanTypical, Max: Exclusive(usd(500))},
			{Tier: Typical, Min: Inclusive(usd(500)), Max: Exclusive(usd(2500))},
			{Tier: BetterThanTypical, Min: Inclusive(usd(2500)), Max: Inclusive(usd(5000))},
			{Tier: Exceptional, Min: Exclusive(usd(5000))},
		},
	}),
	MustNew(Spec{
		Metric: metrics.Descriptor{ID: "churn_rate", Unit: metrics.UnitPercent, Better: metrics.LowerIsBetter},
		Per:    Year,
		PerNote: "The source states no period: its benchmark sentence names none, its definition says " +
			"\"dans un délai précis\" (within a precise time frame), and its worked example computes a month's " +
			"churn (25 of 500 customers, 5%). Read as monthly, the average 10% to 15% would lose 71.8% to " +
			"85.8% of the customers every year (1 − 0.90^12, 1 − 0.85^12), and even the exceptional \"below " +
			"5%\" up to 46%; kpikit judges that those cannot be the average and the best of an industry that sells " +
			"subscriptions. " +
			"The worked example shows how to compute the rate, not the period of the benchmark. " + perYearly +
			" A month's churn converts with Value.CompoundLoss.",
		Segment: Segment{Industry: "CRM software", Region: "United States"},
		Source: article("Taux de désabonnement (Churn rate)",
			"le taux de désabonnement moyen pour les fournisseurs de logiciels CRM aux États-Unis va de "+
				"10% à 15%, avec des artistes exceptionnels maintenant des taux inférieurs à 5%.",
			"the average churn rate for CRM software providers in the United States ranges from 10% to 15%, "+
				"with exceptional performers (\"artistes\", literally artists) maintaining rates below 5%."),
		Note: ruleStrict + "The source's average (10% to 15%) is typical; churn from 5% to below 10%, " +
			"which it does not name, is better than typical (5% itself included, exceptional being strictly " +
			"below 5%); above 15%, which it does not name either, is worse than typical.",
		Bands: []Band{
			{Tier: WorseThanTypical, Min: Exclusive(pct(15))},
			{Tier: Typical, Min: Inclusive(pct(10)), Max: Inclusive(pct(15))},
			{Tier: BetterThanTypical, Min: Inclusive(pct(5)), Max: Exclusive(pct(10))},
			{Tier: Exceptional, Max: Exclusive(pct(5))},
		},
	}),
	MustNew(Spec{
		Metric: metrics.Descriptor{ID: "lead_conversion_rate", Unit: metrics.UnitPercent, Better: metrics.HigherIsBetter},
		PerNote: "The figures are a share of leads converted, which does not grow with the length of the " +
			"period as a churn or growth rate does; neither the benchmark sentence nor the worked example " +
			"(\"sur une certaine période\", over a certain period) names one." + perNone,
		Segment: Segment{Industry: "all industries"},
		Source: article("Taux de conversion de plomb (Lead conversion rate; \"plomb\", literally the metal lead)",
			"le taux moyen de conversion du plomb dans diverses industries se situe entre 2% et 5%. "+
				"Cependant, les entreprises les plus performantes peuvent atteindre des taux de conversion de "+
				"plomb de 10% ou plus",
			"the average lead conversion rate across various industries lies between 2% and 5%. However, "+
				"the best-performing companies can reach lead conversion rates of 10% or more"),
		Note: ruleStrict + "The source's average (2% to 5%) is typical and its top performers (10% or more) " +
			"exceptional; between 5% and 10%, which it does not name, is better than typical; below 2% is " +
			"worse than typical. The figure is for various industries and names no region.",
		Bands: []Band{
			{Tier: WorseThanTypical, Max: Exclusive(pct(2))},
			{Tier: Typical, Min: Inclusive(pct(2)), Max: Inclusive(pct(5))},
			{Tier: BetterThanTypical, Min: Exclusive(pct(5)), Max: Exclusive(pct(10))},
			{Tier: Exceptional, Min: Inclusive(pct(10))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "nps", Unit: metrics.UnitScore, Better: metrics.HigherIsBetter},
		PerNote: perNPS,
		Segment: Segment{Industry: "all industries"},
		Source: article(sectionNPS,
			"un score de promoteur net de 50 ou plus est considéré comme excellent",
			"a net promoter score of 50 or more is considered excellent"),
		Note: ruleStrict + "The general figure names one level only: 50 or more is excellent, hence " +
			"exceptional. Below 50 the source gives no verdict, so every score below 50 is typical, " +
			"meaning only \"not excellent\"; the CRM software benchmark grades it further. " +
			"The figure is general and names no region.",
		Bands: []Band{
			{Tier: Typical, Max: Exclusive(score(50))},
			{Tier: Exceptional, Min: Inclusive(score(50))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "nps", Unit: metrics.UnitScore, Better: metrics.HigherIsBetter},
		PerNote: perNPS,
		Segment: Segment{Industry: "CRM software"},
		Source: article(sectionNPS,
			"Pour les fournisseurs de logiciels dans l'industrie CRM, le NPS moyen va de 30 à 40, avec des "+
				"entreprises les plus performantes atteignant des dizaines de 50 ou plus.",
			"For software providers in the CRM industry, the average NPS ranges from 30 to 40, with the "+
				"best-performing companies reaching scores (\"dizaines\", literally tens) of 50 or more."),
		Note: ruleStrict + "The source's average (30 to 40) is typical and its top performers (50 or more) " +
			"exceptional; above 40 and below 50, which it does not name, is better than typical; below 30 is " +
			"worse than typical. The sentence names no region.",
		Bands: []Band{
			{Tier: WorseThanTypical, Max: Exclusive(score(30))},
			{Tier: Typical, Min: Inclusive(score(30)), Max: Inclusive(score(40))},
			{Tier: BetterThanTypical, Min: Exclusive(score(40)), Max: Exclusive(score(50))},
			{Tier: Exceptional, Min: Inclusive(score(50))},
		},
	}),
	MustNew(Spec{
		Metric: metrics.Descriptor{ID: "average_resolution_time", Unit: metrics.UnitDuration, Better: metrics.LowerIsBetter},
		PerNote: "The figures are a mean time per ticket. The worked example takes a month's tickets " +
			"(\"100 billets de soutien en un mois\", 100 support tickets in a month), but the mean of a month's " +
			"tickets and of a year's measure the same thing; the benchmark sentence names no period." + perNone,
		Segment: Segment{Industry: "CRM software", Region: "United States"},
		Source: article("Temps moyen de résolution des billets de support (Average support ticket resolution time)",
			"le temps moyen de résolution des billets de support pour les fournisseurs de logiciels de "+
				"gestion de la relation client (CRM) aux États-Unis varie de 4 à 8 heures. Les performances "+
				"supérieures à la moyenne consisteraient à résoudre les billets en moins de 4 heures, tandis que "+
				"les performances exceptionnelles constitueraient des billets en moins de 2 heures.",
			"the average support ticket resolution time for customer relationship management (CRM) software "+
				"providers in the United States ranges from 4 to 8 hours. Above-average performance would be "+
				"resolving tickets in under 4 hours, while exceptional performance would be tickets in under "+
				"2 hours."),
		Note: ruleStrict + "The source's 4 to 8 hours is typical, 4h and 8h included; under 4h is better than " +
			"typical down to 2h included, exceptional being strictly under 2h; above 8h, which the source " +
			"does not name, is worse than typical.",
		Bands: []Band{
			{Tier: WorseThanTypical, Min: Exclusive(hours(8))},
			{Tier: Typical, Min: Inclusive(hours(4)), Max: Inclusive(hours(8))},
			{Tier: BetterThanTypical, Min: Inclusive(hours(2)), Max: Exclusive(hours(4))},
			{Tier: Exceptional, Max: Exclusive(hours(2))},
		},
	}),
}

// Texts two built-ins share.
const (
	sectionCAC = "Coût d'acquisition des clients (CAC) (Customer acquisition cost (CAC))"
	perCAC     = "The figures are an amount per customer acquired, which does not depend on the length of " +
		"the period it is measured over: the source's worked example divides a year's spending " +
		"(\"100 000 $ pour les ventes et le marketing en un an\", $100,000 on sales and marketing in a year) by " +
		"the year's 500 new customers, and a month's spending over a month's customers measures the same " +
		"thing." + perNone
	sectionNPS = "Score de promoteur net (NPS) (Net Promoter Score (NPS))"
	perNPS     = "The figures are a score of a survey, a level at the time of the survey, not a rate per period." +
		perNone
)

// Builtins returns every built-in benchmark, in the article's order: MRR
// growth rate, CAC (SaaS; e-commerce), CLTV, churn rate, lead conversion
// rate, NPS (general; CRM software) and average ticket resolution time. The
// slice is a fresh copy the caller may modify. The package documentation
// tabulates their bands and periods; each one's Spec().Source cites the
// article and quotes it with an English translation, Spec().PerNote says
// which period its figures describe and why, and Spec().Note states the
// choices made where the article left one.
func Builtins() []Benchmark {
	out := make([]Benchmark, len(builtins))
	copy(out, builtins)
	return out
}

// Lookup returns the built-in benchmark of the metric with the given
// descriptor ID for the given segment. Industry and region match ignoring
// case; a segment whose source names no region has Region "":
//
//	benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
//	benchmark.Lookup("cac", benchmark.Segment{Industry: "e-commerce"})
//	benchmark.Lookup("nps", benchmark.Segment{Industry: "all industries"})
//
// Lookup returns an error wrapping [metrics.ErrInvalid] if no built-in rates
// the metric (the message lists the metrics that have one), or none
// describes the segment (the message lists the metric's segments).
func Lookup(metric string, segment Segment) (Benchmark, error) {
	const name = "benchmark.Lookup"
	var segments []string
	for _, b := range builtins {
		if b.spec.Metric.ID != metric {
			continue
		}
		if b.spec.Segment.matches(segment) {
			return b, nil
		}
		segments = append(segments, strconv.Quote(b.spec.Segment.String()))
	}
	if len(segments) == 0 {
		var ids []string
		for _, b := range builtins {
			if !slices.Contains(ids, b.spec.Metric.ID) {
				ids = append(ids, b.spec.Metric.ID)
			}
		}
		slices.Sort(ids)
		return Benchmark{}, check.Err(name, "metric", strconv.Quote(metric), metrics.ErrInvalid,
			"has no built-in benchmark; the metrics that have one: "+strings.Join(ids, ", "))
	}
	return Benchmark{}, check.Err(name, "segment", strconv.Quote(segment.String()), metrics.ErrInvalid,
		"has no built-in "+metric+" benchmark; its segments: "+strings.Join(segments, ", "))
}
