package corpus

import (
	"slices"

	"embedlab/internal/usermsg"
)

// Error is a problem with the user's corpus files, worded so that the UI
// and the CLI can show it as it is.
type Error struct {
	File string // path as given to Load, or several paths joined by " + "; may be empty
	Line int    // 1-based line in File; 0 when the problem is not on one line
	Msg  string // what is wrong and what to do
	Err  error  // underlying cause, such as an fs error; may be nil

	// Columns are the column or field names of a delimited or JSON Lines
	// file whose text or label column was not found, so that a caller can
	// offer them as choices. They are nil for other errors.
	Columns []string

	msg usermsg.Message // Msg with its format, for translation; zero when Msg was set directly
}

// Error formats e as "corpus: FILE: msg" or "corpus: line N of FILE: msg".
func (e *Error) Error() string { return e.message().String() }

// UserFormat returns the format and arguments of e's message, for
// usermsg.Catalog.
func (e *Error) UserFormat() (string, []any) { return e.message().UserFormat() }

func (e *Error) message() usermsg.Message {
	msg := e.what()
	switch {
	case e.File == "":
		return usermsg.Sprintf("corpus: %v", msg)
	case e.Line > 0:
		return usermsg.Sprintf("corpus: line %d of %s: %v", e.Line, e.File, msg)
	default:
		return usermsg.Sprintf("corpus: %s: %v", e.File, msg)
	}
}

// what returns Msg as a Formatted, with the format it was made from, or
// Msg alone when it was set directly.
func (e *Error) what() usermsg.Formatted { return formattedText(e.Msg, e.msg) }

// Unwrap returns the underlying cause, so that errors.Is(err, fs.ErrNotExist) works.
func (e *Error) Unwrap() error { return e.Err }

// withColumns sets e.Columns to a copy of columns, the file's column
// names, and returns e. It is for errors about a missing text or label column.
func withColumns(e *Error, columns []string) *Error {
	e.Columns = slices.Clone(columns)
	return e
}

func errorf(file string, line int, format string, args ...any) *Error {
	m := usermsg.Sprintf(format, args...)
	return &Error{File: file, Line: line, Msg: m.String(), msg: m}
}
