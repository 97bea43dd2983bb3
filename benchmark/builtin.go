package benchmark

import (
	"time"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// seed004 is the name every built-in's Source prints.
const seed004 = "seed 004"

// The bound values of the built-in table.
func pct(points int64) Value      { return Percent(metrics.PercentInt(points)) }
func usd(amount int64) Value      { return Money(decimal.NewFromInt(amount), "USD") }
func score(s int64) Value         { return Score(decimal.NewFromInt(s)) }
func hours(h time.Duration) Value { return Duration(h * time.Hour) }

// The rules that turn seed 004's words into bands, shared by every built-in.
const (
	ruleStrict = "A bound the source states strictly (\"below\", \"under\", \"exceeding\") is exclusive; " +
		"a range end or an \"or more\" is inclusive. "
	ruleShared = "An endpoint two of the source's ranges share goes to the better tier. "
)

// builtins is the table Builtins and Lookup read, in seed 004's order.
var builtins = []Benchmark{
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "mrr_growth_rate", Unit: metrics.UnitPercent, Better: metrics.HigherIsBetter},
		Segment: Segment{Industry: "SaaS", Region: "United States"},
		Source: Source{Name: seed004,
			Section: "Taux de croissance des revenus récurrents mensuels (MRR), Benchmarks de l'industrie",
			Quote: "le taux de croissance MRR moyen pour les entreprises SaaS aux États-Unis est d'environ 18 à 20%, " +
				"avec des niveaux de performance exceptionnels atteignant 30% ou plus"},
		Note: ruleStrict + "The source's average (18% to 20%) is typical; growth between 20% and 30%, " +
			"which it does not name, is above average; below 18%, negative growth included, is below typical.",
		Bands: []Band{
			{Tier: BelowTypical, Max: Exclusive(pct(18))},
			{Tier: Typical, Min: Inclusive(pct(18)), Max: Inclusive(pct(20))},
			{Tier: AboveAverage, Min: Exclusive(pct(20)), Max: Exclusive(pct(30))},
			{Tier: Exceptional, Min: Inclusive(pct(30))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cac", Unit: metrics.UnitMoney, Better: metrics.LowerIsBetter},
		Currency: "USD",
		Segment:  Segment{Industry: "SaaS", Region: "United States"},
		Source: Source{Name: seed004,
			Section: "Coût d'acquisition des clients (CAC), Benchmarks de l'industrie",
			Quote: "le CAC typique des sociétés SaaS aux États-Unis varie de 1 000 $ à 1 500 $, tandis que les " +
				"performances supérieures à la moyenne sont considérées comme ayant un CAC de 700 $ à 1 000 $. " +
				"Des performances exceptionnelles constituent un CAC inférieur à 700 $."},
		Note: ruleStrict + ruleShared + "So 1000 USD, the end of both the typical and the above-average range, " +
			"is above average, and 700 USD is above average, exceptional being strictly below 700 USD; " +
			"above 1500 USD is below typical.",
		Bands: []Band{
			{Tier: BelowTypical, Min: Exclusive(usd(1500))},
			{Tier: Typical, Min: Exclusive(usd(1000)), Max: Inclusive(usd(1500))},
			{Tier: AboveAverage, Min: Inclusive(usd(700)), Max: Inclusive(usd(1000))},
			{Tier: Exceptional, Max: Exclusive(usd(700))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cac", Unit: metrics.UnitMoney, Better: metrics.LowerIsBetter},
		Currency: "USD",
		Segment:  Segment{Industry: "e-commerce"},
		Source: Source{Name: seed004,
			Section: "Coût d'acquisition des clients (CAC), Benchmarks de l'industrie",
			Quote: "Dans l'industrie du commerce électronique, le CAC typique se situe entre 10 $ et 30, les " +
				"performances supérieures à la moyenne tombant dans la fourchette de 5 $ à 10 $ et les " +
				"performances exceptionnelles inférieures à 5 $."},
		Note: ruleStrict + ruleShared + "So 10 USD is above average and 5 USD is above average, exceptional " +
			"being strictly below 5 USD; above 30 USD is below typical. The source names no region for " +
			"e-commerce, so the segment has none; its amounts are in dollars in a United States article, " +
			"read as USD.",
		Bands: []Band{
			{Tier: BelowTypical, Min: Exclusive(usd(30))},
			{Tier: Typical, Min: Exclusive(usd(10)), Max: Inclusive(usd(30))},
			{Tier: AboveAverage, Min: Inclusive(usd(5)), Max: Inclusive(usd(10))},
			{Tier: Exceptional, Max: Exclusive(usd(5))},
		},
	}),
	MustNew(Spec{
		Metric:   metrics.Descriptor{ID: "cltv", Unit: metrics.UnitMoney, Better: metrics.HigherIsBetter},
		Currency: "USD",
		Segment:  Segment{Industry: "software", Region: "United States"},
		Source: Source{Name: seed004,
			Section: "Valeur à vie du client (CLTV), Benchmarks de l'industrie",
			Quote: "Dans le contexte américain, les repères CLTV typiques pour l'industrie du logiciel varient de " +
				"500 $ à 2 500 $, avec des niveaux de performance supérieurs à la moyenne atteignant 2 500 $ à " +
				"5 000 $ et des niveaux de performance exceptionnels dépassant 5 000 $ en valeur à vie par client."},
		Note: ruleStrict + ruleShared + "So 2500 USD is above average, and 5000 USD is above average, " +
			"exceptional being strictly above 5000 USD; below 500 USD is below typical.",
		Bands: []Band{
			{Tier: BelowTypical, Max: Exclusive(usd(500))},
			{Tier: Typical, Min: Inclusive(usd(500)), Max: Exclusive(usd(2500))},
			{Tier: AboveAverage, Min: Inclusive(usd(2500)), Max: Inclusive(usd(5000))},
			{Tier: Exceptional, Min: Exclusive(usd(5000))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "churn_rate", Unit: metrics.UnitPercent, Better: metrics.LowerIsBetter},
		Segment: Segment{Industry: "CRM software", Region: "United States"},
		Source: Source{Name: seed004,
			Section: "Taux de désabonnement, Benchmarks de l'industrie",
			Quote: "le taux de désabonnement moyen pour les fournisseurs de logiciels CRM aux États-Unis va de " +
				"10% à 15%, avec des artistes exceptionnels maintenant des taux inférieurs à 5%."},
		Note: ruleStrict + "The source's average (10% to 15%) is typical; churn from 5% to below 10%, " +
			"which it does not name, is above average (5% itself included, exceptional being strictly below " +
			"5%); above 15%, which it does not name either, is below typical.",
		Bands: []Band{
			{Tier: BelowTypical, Min: Exclusive(pct(15))},
			{Tier: Typical, Min: Inclusive(pct(10)), Max: Inclusive(pct(15))},
			{Tier: AboveAverage, Min: Inclusive(pct(5)), Max: Exclusive(pct(10))},
			{Tier: Exceptional, Max: Exclusive(pct(5))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "lead_conversion_rate", Unit: metrics.UnitPercent, Better: metrics.HigherIsBetter},
		Segment: Segment{Industry: "all industries"},
		Source: Source{Name: seed004,
			Section: "Taux de conversion de plomb, Benchmarks de l'industrie",
			Quote: "le taux moyen de conversion du plomb dans diverses industries se situe entre 2% et 5%. " +
				"Cependant, les entreprises les plus performantes peuvent atteindre des taux de conversion de " +
				"plomb de 10% ou plus"},
		Note: ruleStrict + "The source's average (2% to 5%) is typical and its top performers (10% or more) " +
			"exceptional; between 5% and 10%, which it does not name, is above average; below 2% is below " +
			"typical. The figure is for various industries and names no region.",
		Bands: []Band{
			{Tier: BelowTypical, Max: Exclusive(pct(2))},
			{Tier: Typical, Min: Inclusive(pct(2)), Max: Inclusive(pct(5))},
			{Tier: AboveAverage, Min: Exclusive(pct(5)), Max: Exclusive(pct(10))},
			{Tier: Exceptional, Min: Inclusive(pct(10))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "nps", Unit: metrics.UnitScore, Better: metrics.HigherIsBetter},
		Segment: Segment{Industry: "all industries"},
		Source: Source{Name: seed004,
			Section: "Score de promoteur net (NPS), Benchmarks de l'industrie",
			Quote:   "un score de promoteur net de 50 ou plus est considéré comme excellent"},
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
		Segment: Segment{Industry: "CRM software"},
		Source: Source{Name: seed004,
			Section: "Score de promoteur net (NPS), Benchmarks de l'industrie",
			Quote: "Pour les fournisseurs de logiciels dans l'industrie CRM, le NPS moyen va de 30 à 40, avec des " +
				"entreprises les plus performantes atteignant des dizaines de 50 ou plus."},
		Note: ruleStrict + "The source's average (30 to 40) is typical and its top performers (50 or more) " +
			"exceptional; above 40 and below 50, which it does not name, is above average; below 30 is below " +
			"typical. The sentence names no region.",
		Bands: []Band{
			{Tier: BelowTypical, Max: Exclusive(score(30))},
			{Tier: Typical, Min: Inclusive(score(30)), Max: Inclusive(score(40))},
			{Tier: AboveAverage, Min: Exclusive(score(40)), Max: Exclusive(score(50))},
			{Tier: Exceptional, Min: Inclusive(score(50))},
		},
	}),
	MustNew(Spec{
		Metric:  metrics.Descriptor{ID: "avg_ticket_resolution_time", Unit: metrics.UnitDuration, Better: metrics.LowerIsBetter},
		Segment: Segment{Industry: "CRM software", Region: "United States"},
		Source: Source{Name: seed004,
			Section: "Temps moyen de résolution des billets de support, Benchmarks de l'industrie",
			Quote: "le temps moyen de résolution des billets de support pour les fournisseurs de logiciels de " +
				"gestion de la relation client (CRM) aux États-Unis varie de 4 à 8 heures. Les performances " +
				"supérieures à la moyenne consisteraient à résoudre les billets en moins de 4 heures, tandis que " +
				"les performances exceptionnelles constitueraient des billets en moins de 2 heures."},
		Note: ruleStrict + "The source's 4 to 8 hours is typical, 4h and 8h included; under 4h is above " +
			"average down to 2h included, exceptional being strictly under 2h; above 8h, which the source " +
			"does not name, is below typical.",
		Bands: []Band{
			{Tier: BelowTypical, Min: Exclusive(hours(8))},
			{Tier: Typical, Min: Inclusive(hours(4)), Max: Inclusive(hours(8))},
			{Tier: AboveAverage, Min: Inclusive(hours(2)), Max: Exclusive(hours(4))},
			{Tier: Exceptional, Max: Exclusive(hours(2))},
		},
	}),
}

// Builtins returns every built-in benchmark, in seed 004's order: MRR growth
// rate, CAC (SaaS; e-commerce), CLTV, churn rate, lead conversion rate, NPS
// (general; CRM software) and average ticket resolution time. The slice is a
// fresh copy the caller may modify. The package documentation tabulates their
// bands; each one's Spec().Source quotes the seed and Spec().Note states the
// choices made where the seed left one.
func Builtins() []Benchmark {
	out := make([]Benchmark, len(builtins))
	copy(out, builtins)
	return out
}

// Lookup returns the built-in benchmark of the metric with the given
// descriptor ID for the given segment, and false if there is none. Industry
// and region match ignoring case; a segment whose source names no region has
// Region "":
//
//	benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
//	benchmark.Lookup("cac", benchmark.Segment{Industry: "e-commerce"})
//	benchmark.Lookup("nps", benchmark.Segment{Industry: "all industries"})
func Lookup(metric string, segment Segment) (Benchmark, bool) {
	for _, b := range builtins {
		if b.spec.Metric.ID == metric && b.spec.Segment.matches(segment) {
			return b, true
		}
	}
	return Benchmark{}, false
}
