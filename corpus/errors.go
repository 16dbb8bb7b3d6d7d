package corpus

import "embedlab/internal/usermsg"

// Error is a problem with the user's corpus files, worded so that the UI
// and the CLI can show it as it is.
type Error struct {
	File string // path as given to Load, or several paths joined by " + "; may be empty
	Line int    // 1-based line in File; 0 when the problem is not on one line
	Msg  string // what is wrong and what to do
	Err  error  // underlying cause, such as an fs error; may be nil

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

// what returns Msg with the format it was made from, or Msg itself when
// it was set directly.
func (e *Error) what() usermsg.Formatted { return formattedText(e.Msg, e.msg) }

// Unwrap returns the underlying cause, so that errors.Is(err, fs.ErrNotExist) works.
func (e *Error) Unwrap() error { return e.Err }

func errorf(file string, line int, format string, args ...any) *Error {
	m := usermsg.Sprintf(format, args...)
	return &Error{File: file, Line: line, Msg: m.String(), msg: m}
}
