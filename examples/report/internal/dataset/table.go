package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// column describes one column of a file: its name, whether a value is
// required, and how a cell is read into a row and written from it.
type column[R any] struct {
	name string
	// optional allows an empty cell (an absent value).
	optional bool
	// omittable allows the column to be left out of the header: its absence
	// means the same as a column of empty cells. A column whose absence
	// would change what the other columns mean (ended_at: without it every
	// subscription would look active forever) is optional, not omittable:
	// its cells may be empty, but it must be there.
	omittable bool
	// why says, for a column that is optional but not omittable, what its
	// absence would make the report believe.
	why string
	// parse reads s, trimmed and not empty, into r; it returns the problem,
	// or "" if s is valid.
	parse func(r *R, s string) string
	// format writes the cell of r, "" for an absent value.
	format func(r *R) string
}

// rowCheck checks the rules between the cells of one row, whose cells are
// each valid. has reports whether a column has a value in the row. It
// returns the column at fault and the problem, or "", "".
type rowCheck[R any] func(r *R, has func(col string) bool) (col, problem string)

// table describes one file.
type table[R any] struct {
	file    string
	columns []column[R]
	// keys are the columns whose values together identify a row: no two
	// rows may have the same. Nil for none.
	keys  []string
	check rowCheck[R] // nil for none
}

// rows is a file's content: its rows and where they came from. A missing
// file is a nil *rows, which holds no rows.
type rows[R any] struct {
	items []R
	lines []int          // lines[i] is the line of items[i]
	cols  map[string]int // the 1-based column number of each column present
}

// read reads the table's file from fsys. It records every problem in errs
// and returns nil if there was any, or if the file does not exist and
// missingOK is set (no records of that kind).
func (t *table[R]) read(fsys fs.FS, errs *errorList, missingOK bool) *rows[R] {
	data, err := fs.ReadFile(fsys, t.file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if !missingOK {
				errs.add(&Error{File: t.file, Msg: "missing file (it is required; see DATA.md for its columns)"})
			}
			return nil
		}
		errs.add(&Error{File: t.file, Msg: "cannot read the file: " + err.Error()})
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte order mark, as spreadsheets write
	if line := invalidUTF8Line(data); line > 0 {
		errs.add(&Error{File: t.file, Line: line, Msg: "not UTF-8 text (save the file as UTF-8; a spreadsheet's " +
			"\"CSV UTF-8\" export does)"})
		return nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1 // checked below, with a clearer message
	header, err := r.Read()
	if err == io.EOF {
		errs.add(&Error{File: t.file, Line: 1, Column: 1, Msg: "empty file: the first line must name the columns (" + t.names() + ")"})
		return nil
	}
	if err != nil {
		errs.add(t.syntaxError(err))
		return nil
	}
	pos, cols := t.header(header, errs)
	if pos == nil {
		return nil
	}
	out := &rows[R]{cols: cols}
	has := func(rec []string) func(string) bool {
		return func(col string) bool {
			c, ok := cols[col]
			return ok && strings.TrimSpace(rec[c-1]) != ""
		}
	}
	seen := map[string]int{} // key → line
	bad := false
	for !errs.full() {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.add(t.syntaxError(err))
			return nil
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			errs.add(&Error{File: t.file, Line: line, Column: min(len(rec), len(header)) + 1,
				Msg: strconv.Itoa(len(rec)) + " cells, but the header has " + strconv.Itoa(len(header)) + " columns"})
			bad = true
			continue
		}
		var row R
		ok := true
		for i, c := range t.columns {
			p := pos[i]
			if p < 0 {
				continue
			}
			s := strings.TrimSpace(rec[p])
			problem := ""
			switch {
			case s == "" && c.optional:
				continue
			case s == "":
				problem = "empty, but a value is required"
			default:
				problem = c.parse(&row, s)
			}
			if problem != "" {
				l, _ := r.FieldPos(p)
				errs.cell(t.file, l, p+1, c.name, s, problem)
				ok = false
			}
		}
		if ok && t.check != nil {
			if col, problem := t.check(&row, has(rec)); problem != "" {
				p := cols[col] - 1
				l, _ := r.FieldPos(p)
				errs.cell(t.file, l, p+1, col, strings.TrimSpace(rec[p]), problem)
				ok = false
			}
		}
		if ok && t.keys != nil {
			key, desc := t.key(rec, cols)
			if first, dup := seen[key]; dup {
				p := cols[t.keys[0]] - 1
				errs.add(&Error{File: t.file, Line: line, Column: p + 1, Msg: desc + ": duplicate of line " + strconv.Itoa(first)})
				ok = false
			} else {
				seen[key] = line
			}
		}
		if !ok {
			bad = true
			continue
		}
		out.items = append(out.items, row)
		out.lines = append(out.lines, line)
	}
	if bad || errs.full() {
		return nil
	}
	return out
}

// header maps the header's cells to the table's columns. It returns, for each
// of t.columns, its index in a record (−1 for an optional column left out),
// and the 1-based column number of each column present; or nil, nil after
// recording the problems in errs.
func (t *table[R]) header(header []string, errs *errorList) ([]int, map[string]int) {
	if len(header) == 1 && strings.ContainsAny(header[0], ",;\t") {
		// One column whose name holds a separator: the header was quoted
		// as one cell, or mixes separators.
		errs.add(&Error{File: t.file, Line: 1, Column: 1, Msg: "one column " + strconv.Quote(header[0]) +
			": separate the columns with commas, semicolons or tabs, the same on every line"})
		return nil, nil
	}
	index := map[string]int{}
	for i, c := range t.columns {
		index[c.name] = i
	}
	pos := make([]int, len(t.columns))
	for i := range pos {
		pos[i] = -1
	}
	cols := map[string]int{}
	ok := true
	for j, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		i, known := index[name]
		switch {
		case !known:
			errs.add(&Error{File: t.file, Line: 1, Column: j + 1,
				Msg: "column " + strconv.Quote(h) + ": unknown (the columns are " + t.names() + ")"})
			ok = false
		case pos[i] >= 0:
			errs.add(&Error{File: t.file, Line: 1, Column: j + 1,
				Msg: "column " + strconv.Quote(h) + ": duplicate of column " + strconv.Itoa(pos[i]+1)})
			ok = false
		default:
			pos[i] = j
			cols[name] = j + 1
		}
	}
	for i, c := range t.columns {
		if pos[i] >= 0 || c.omittable {
			continue
		}
		// Reported just past the last column, where it could be added.
		msg := "missing column " + strconv.Quote(c.name)
		if c.optional {
			msg += " (required even if every cell is empty: " + c.why + ")"
		}
		errs.add(&Error{File: t.file, Line: 1, Column: len(header) + 1, Msg: msg})
		ok = false
	}
	if !ok {
		return nil, nil
	}
	return pos, cols
}

// key returns the identity of the row rec, and its description for a
// message: `id "D-0001"` or `month "2025-03", currency "EUR"`.
func (t *table[R]) key(rec []string, cols map[string]int) (key, desc string) {
	var k, d []string
	for _, name := range t.keys {
		v := strings.TrimSpace(rec[cols[name]-1])
		k = append(k, v)
		d = append(d, name+" "+strconv.Quote(v))
	}
	return strings.Join(k, "\x00"), strings.Join(d, ", ")
}

// syntaxError converts an encoding/csv error to an *Error.
func (t *table[R]) syntaxError(err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: t.file, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
	}
	return &Error{File: t.file, Msg: err.Error()}
}

// names lists the table's column names for a message.
func (t *table[R]) names() string {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// encode writes items in the table's layout: a header with every column,
// then one line per row, with "\n" line ends.
func (t *table[R]) encode(items []R) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rec := make([]string, len(t.columns))
	for i, c := range t.columns {
		rec[i] = c.name
	}
	_ = w.Write(rec) // a bytes.Buffer does not fail
	for k := range items {
		for i, c := range t.columns {
			rec[i] = c.format(&items[k])
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// The column constructors. Each takes the column's name and a function that
// returns a pointer to the row's field.

// optional makes c's cells optional; the column must still be in the
// header, because without it the report would read the other columns
// wrongly: why says how.
func optional[R any](c column[R], why string) column[R] {
	c.optional = true
	c.why = why
	return c
}

// omittable makes c's cells optional and lets the column be left out.
func omittable[R any](c column[R]) column[R] {
	c.optional, c.omittable = true, true
	return c
}

// separator returns the character that separates the cells of the file:
// a comma, or a semicolon or a tab when the header line has one of those
// and no comma (as spreadsheets export in locales with a decimal comma).
func separator(data []byte) rune {
	header, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case bytes.ContainsRune(header, ','):
		return ','
	case bytes.ContainsRune(header, ';'):
		return ';'
	case bytes.ContainsRune(header, '\t'):
		return '\t'
	}
	return ','
}

// invalidUTF8Line returns the 1-based line of the first byte sequence in
// data that is not UTF-8, or 0 when data is UTF-8 text.
func invalidUTF8Line(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !utf8.Valid(line) {
			return i + 1
		}
	}
	return 0
}

func textCol[R any](name string, f func(*R) *string) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) string { *f(r) = s; return "" },
		format: func(r *R) string { return *f(r) },
	}
}

func enumCol[R any, E ~string](name string, f func(*R) *E, values ...E) column[R] {
	list := make([]string, len(values))
	for i, v := range values {
		list[i] = string(v)
	}
	return column[R]{
		name: name,
		parse: func(r *R, s string) string {
			for _, v := range values {
				if string(v) == s {
					*f(r) = v
					return ""
				}
			}
			return "not one of " + strings.Join(list, ", ")
		},
		format: func(r *R) string { return string(*f(r)) },
	}
}

func currencyCol[R any](name string, f func(*R) *string) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseCurrency(s); return p },
		format: func(r *R) string { return *f(r) },
	}
}

func moneyCol[R any](name string, f func(*R) *decimal.Decimal) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseMoney(s); return p },
		format: func(r *R) string { return formatMoney(*f(r)) },
	}
}

func rateCol[R any](name string, f func(*R) *decimal.Decimal) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseRate(s); return p },
		format: func(r *R) string { return formatDecimal(*f(r)) },
	}
}

func percentCol[R any](name string, f func(*R) *metrics.Percent) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parsePercent(s); return p },
		format: func(r *R) string { return formatDecimal(f(r).Points()) },
	}
}

func countCol[R any](name string, f func(*R) *int) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseCount(s); return p },
		format: func(r *R) string { return strconv.Itoa(*f(r)) },
	}
}

// groupCountCol is an optional count that belongs to a group of counts
// present together; present reports whether the row's group is.
func groupCountCol[R any](name string, f func(*R) *int, present func(*R) bool) column[R] {
	c := omittable(countCol(name, f))
	c.format = func(r *R) string {
		if !present(r) {
			return ""
		}
		return strconv.Itoa(*f(r))
	}
	return c
}

func scoreCol[R any](name string, f func(*R) *int) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseScore(s); return p },
		format: func(r *R) string { return strconv.Itoa(*f(r)) },
	}
}

func secondsCol[R any](name string, f func(*R) *time.Duration) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseSeconds(s); return p },
		format: func(r *R) string { return strconv.FormatInt(int64(*f(r)/time.Second), 10) },
	}
}

func timeCol[R any](name string, f func(*R) *time.Time) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseTime(s); return p },
		format: func(r *R) string { return formatTime(*f(r)) },
	}
}

func monthCol[R any](name string, f func(*R) *time.Time) column[R] {
	return column[R]{
		name:   name,
		parse:  func(r *R, s string) (p string) { *f(r), p = parseMonth(s); return p },
		format: func(r *R) string { return formatMonth(*f(r)) },
	}
}
