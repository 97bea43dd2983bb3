// Package kpibeam offers kpikit's record accumulators as Apache Beam
// combiners, so that a pipeline on Dataflow, Flink, Spark or Beam's local
// prism runner computes the same exact metrics as one process does with
// the library, over records that outgrow one machine.
//
// Its import path is github.com/kpikit/kpikit/beam, a module of its own, so
// that the library's go.mod never mentions Beam; its name is kpibeam, so
// that it does not shadow Beam's package beam in the same file.
//
// # Combiners
//
// Each combiner is a Beam CombineFn of one kpikit accumulator: it adds
// records to accumulators on many workers, carries them between workers in
// the accumulator's own binary form, merges them in any order, and outputs
// the accumulator, from which the metrics are read with the library's
// methods:
//
//	combiner          records             accumulator (output)
//	[NPS]             int scores 0–10     *crm.NPSTally
//	[Answers]         int answers         *crm.AnswerTally (CSAT, CES)
//	[Tickets]         crm.Ticket          *crm.TicketStats
//	[Sum]             decimal.Decimal     *metrics.Total
//
// Settings (a survey scale, a period) are exported fields of the combiner,
// given to every accumulator it creates: kpibeam.Answers{Scale:
// crm.SurveyScale{Min: 1, Max: 5}}.
//
// [Globally] combines a whole PCollection into one accumulator, [PerKey]
// each key's records into one: both check the combiner's settings and the
// PCollection's type when the pipeline is built, and report a
// *metrics.Error. The combiners are also ordinary CombineFns for
// beam.Combine and beam.CombinePerKey.
//
// A record that an accumulator's Add refuses (a score of 11) fails the
// pipeline with Add's *metrics.Error, which names the field at fault: a
// metric computed without some records would not be the metric. Filter or
// repair the records in a step before the combine to go on without them.
//
// # Coders
//
// Importing the package registers a Beam coder for every accumulator type
// above, which writes the accumulator's MarshalBinary form, and for every
// record type the combiners take that has decimal or time fields
// (decimal.Decimal, crm.Ticket), which writes each field exactly. Beam's
// default coder would silently drop the unexported fields these types keep
// their state in: a tally would arrive empty and an amount as 0. A program
// can make such a drop an error with Beam's
// coder.RequireAllFieldsExported(true), as this package's tests do.
//
// # Exactness
//
// Any split of the records into bundles, encoded and merged in any order,
// gives the accumulator of one pass over all the records, to the last digit:
// the package's tests check it on the prism runner, globally and per key
// (over more keys than Beam keeps in its per-bundle cache, so that partial
// accumulators are encoded and merged), and without a runner through Beam's
// coders, with random shards and merge orders.
//
// # Running
//
// The example program in examples/surveys reads survey answers and
// subscriptions from CSV files and writes NPS per quarter (and MRR
// movements per month); the module's README shows how to run it on prism,
// Dataflow or Flink.
package kpibeam
