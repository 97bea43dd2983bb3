package benchmark

// Source says where a benchmark's figures come from: a seed article and its
// section for the built-ins, or the user's own label ("our 2024 quarters").
type Source struct {
	// Name is the short name a report prints ("seed 004"). It must not be
	// empty.
	Name string
	// Section locates the figures within the source, if it has sections
	// ("Taux de désabonnement, Benchmarks de l'industrie").
	Section string
	// Quote is the source's own wording of the figures, so that a reader can
	// check how its words became bounds. Optional.
	Quote string
}

// String returns the source's Name.
func (s Source) String() string { return s.Name }
