package benchmark

import "strings"

// Source says where a benchmark's figures come from, so that a reader can
// find it: an article's title, publisher, date and language for the
// built-ins, or the user's own label ("our 2025 quarters").
type Source struct {
	// Name is what a report prints: an article's title, or the user's own
	// label. It must not be empty.
	Name string `json:"name"`
	// Publisher is the site or publisher of the source, if known.
	Publisher string `json:"publisher,omitempty"`
	// Date is the source's date as ISO 8601 ("2024-10-03"), if known.
	Date string `json:"date,omitempty"`
	// Language is the language the source is written in ("French"), if not
	// English.
	Language string `json:"language,omitempty"`
	// Section locates the figures within the source, with an English
	// translation of a heading in another language:
	// "Taux de désabonnement (Churn rate) › Benchmarks de l'industrie
	// (Industry benchmarks)". Optional.
	Section string `json:"section,omitempty"`
	// Quote is the source's own wording of the figures, in its own language,
	// so that a reader can check how its words became bounds. Optional.
	Quote string `json:"quote,omitempty"`
	// Translation is an English translation of Quote, when Quote is in
	// another language.
	Translation string `json:"translation,omitempty"`
}

// String returns the Name, followed by the publisher, date and language that
// are known, in parentheses:
//
//	Quels sont les 7 principaux KPI ... ? (2024-10-03, in French)
//	our 2025 quarters
func (s Source) String() string {
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if s.Date != "" {
		parts = append(parts, s.Date)
	}
	if s.Language != "" {
		parts = append(parts, "in "+s.Language)
	}
	if len(parts) == 0 {
		return s.Name
	}
	return s.Name + " (" + strings.Join(parts, ", ") + ")"
}
