package dataset

import (
	"strconv"
	"strings"
)

// maxErrors is the number of errors Load collects before it stops reading.
const maxErrors = 10

// Error is one problem in the data files, located at a file, a line and a
// column. Its message reads like a compiler's:
//
//	deals.csv:14:5: amount "12,5": not a decimal (write 12.5)
type Error struct {
	// File is the file's name in the data directory ("deals.csv").
	File string
	// Line is the 1-based line of the file where the problem is, or 0 when
	// the problem concerns the whole file (a missing file).
	Line int
	// Column is the 1-based column (the CSV field number, 1 for the first
	// field) of the cell at fault, or 0 when the problem concerns a whole
	// line. For a CSV syntax error (a stray quote) it is the character
	// position in the line, as encoding/csv reports it.
	Column int
	// Msg says what is wrong: `amount "12,5": not a decimal (write 12.5)`.
	Msg string
}

// Error returns "file:line:column: message", leaving out a zero line or
// column.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is what Load returns when the files are not valid: the problems
// found, in file order, at most maxErrors of them.
type Errors struct {
	// List holds the problems found, at least one.
	List []*Error
	// Truncated reports that Load stopped reading when it had found
	// maxErrors problems, so more may follow once these are fixed.
	Truncated bool
}

// Error returns one problem per line.
func (e *Errors) Error() string {
	lines := make([]string, 0, len(e.List)+1)
	for _, x := range e.List {
		lines = append(lines, x.Error())
	}
	if e.Truncated {
		lines = append(lines, "(stopped at "+strconv.Itoa(maxErrors)+" errors; there may be more)")
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so that errors.As finds the first *Error.
func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.List))
	for i, x := range e.List {
		errs[i] = x
	}
	return errs
}

// errorList collects errors up to maxErrors.
type errorList struct {
	list      []*Error
	truncated bool
}

// add records e, unless the list is full. Once it is, reading stops, so
// the list is marked truncated.
func (l *errorList) add(e *Error) {
	if l.full() {
		return
	}
	l.list = append(l.list, e)
	l.truncated = l.full()
}

// full reports whether no more errors are recorded, so reading can stop.
func (l *errorList) full() bool { return len(l.list) == maxErrors }

// cell records a problem with the value of a cell.
func (l *errorList) cell(file string, line, col int, name, value, problem string) {
	l.add(&Error{File: file, Line: line, Column: col, Msg: name + " " + strconv.Quote(value) + ": " + problem})
}

// err returns the collected errors as an *Errors, or nil if there are none.
func (l *errorList) err() error {
	if len(l.list) == 0 {
		return nil
	}
	return &Errors{List: l.list, Truncated: l.truncated}
}
