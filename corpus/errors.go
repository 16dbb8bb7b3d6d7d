package corpus

import "fmt"

// Error is a problem with the user's corpus files, worded so that the UI
// and the CLI can show it as it is.
type Error struct {
	File string // path as given to Load, or several paths joined by " + "; may be empty
	Line int    // 1-based line in File; 0 when the problem is not on one line
	Msg  string // what is wrong and what to do
	Err  error  // underlying cause, such as an fs error; may be nil
}

// Error formats e as "corpus: FILE: msg" or "corpus: line N of FILE: msg".
func (e *Error) Error() string {
	switch {
	case e.File == "":
		return "corpus: " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("corpus: line %d of %s: %s", e.Line, e.File, e.Msg)
	default:
		return fmt.Sprintf("corpus: %s: %s", e.File, e.Msg)
	}
}

// Unwrap returns the underlying cause, so that errors.Is(err, fs.ErrNotExist) works.
func (e *Error) Unwrap() error { return e.Err }

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
