package usermsg

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
)

// Formatted is implemented by errors and messages that keep the English
// printf format they were made from and its arguments, so that the window
// can word them in another language with a Catalog.
type Formatted interface {
	UserFormat() (format string, args []any)
}

// Error is an error made by Errorf. Its message is English; a Catalog
// translates it.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...): the English text and the wrapped errors
}

// Errorf is fmt.Errorf for messages a person reads: the result formats and
// wraps (%w) exactly as fmt.Errorf does, and also keeps format and args for
// Catalog.Text.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

// Error returns the English message.
func (e *Error) Error() string { return e.err.Error() }

// Unwrap returns the errors that the format wraps with %w.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			return []error{w}
		}
	}
	return nil
}

// UserFormat returns the format and the arguments given to Errorf.
func (e *Error) UserFormat() (string, []any) { return e.format, e.args }

// Message is text for a person that is not an error, such as a warning
// about a corpus. The zero Message is empty.
type Message struct {
	format string
	args   []any
	text   string
}

// Sprintf is fmt.Sprintf that also keeps format and args for Catalog.Text.
func Sprintf(format string, args ...any) Message {
	return Message{format: format, args: args, text: fmt.Sprintf(format, args...)}
}

// String returns the English text.
func (m Message) String() string { return m.text }

// UserFormat returns the format and the arguments given to Sprintf.
func (m Message) UserFormat() (string, []any) { return m.format, m.args }

// Catalog maps English formats, as given to Errorf and Sprintf, to formats
// in another language. A translated format takes the same arguments with
// the same verbs, and may reorder them with explicit indexes such as %[2]s.
// A nil Catalog leaves messages in English.
type Catalog map[string]string

// Text returns err's message in the catalog's language, without the
// engine's package prefixes. It translates the parts made by Errorf and
// their arguments that are errors or messages. An *fs.PathError, such as a
// missing file, and the common system reasons of such errors (a missing
// file, a denied permission, a folder where a file was expected, or the
// reverse) are worded by the catalog's own entries. Other errors stay as
// written.
func (c Catalog) Text(err error) string {
	if err == nil {
		return ""
	}
	return strip(c.text(err))
}

// Message returns m in the catalog's language.
func (c Catalog) Message(m Formatted) string { return strip(c.formatted(m)) }

// The catalog keys that word an *fs.PathError from its operation, path
// and reason, and the common reasons of the system on their own. They are
// listed in Builtin.
const (
	pathNotExist   = "%s: the file or folder %s does not exist"
	pathPermission = "%s: permission to read or write %s was denied"
	pathOther      = "%s %s: %v"

	reasonNotExist   = "no such file or folder"
	reasonPermission = "permission denied"
	reasonIsDir      = "is a folder, not a file"
	reasonNotDir     = "a part of the path is not a folder"

	// listPair joins a list so far and its next item, and listMore ends a
	// list that goes on; List builds lists with them.
	listPair = "%s, %s"
	listMore = "%s, …"
)

// Builtin lists the formats that Catalog uses itself, beside those that
// the engine passes to Errorf and Sprintf. A complete catalog translates
// them too.
var Builtin = []string{pathNotExist, pathPermission, pathOther,
	reasonNotExist, reasonPermission, reasonIsDir, reasonNotDir, listPair, listMore}

// List returns items joined with ", " as a Message, followed by ", …"
// when more is set, so that a catalog words the separator of its
// language. List() is the empty message.
func List(more bool, items ...string) Message {
	m := Sprintf("%s", "")
	for i, item := range items {
		if i == 0 {
			m = Sprintf("%s", item)
			continue
		}
		m = Sprintf(listPair, m, item)
	}
	if more {
		m = Sprintf(listMore, m)
	}
	return m
}

func (c Catalog) text(err error) string {
	if f, ok := err.(Formatted); ok {
		return c.formatted(f)
	}
	if len(c) == 0 {
		return err.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && err == error(pe) {
		// Only when the whole error is the PathError: a wrapped one keeps
		// the words that wrap it.
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			return c.sprintf(pathNotExist, pe.Op, pe.Path)
		case errors.Is(pe.Err, fs.ErrPermission):
			return c.sprintf(pathPermission, pe.Op, pe.Path)
		}
		return c.sprintf(pathOther, pe.Op, pe.Path, pe.Err)
	}
	if key := systemReason(err); key != "" {
		return c.sprintf(key)
	}
	return err.Error()
}

// systemReason returns the catalog key that words err when err is one of
// the common system errors on its own, such as the reason of a path error
// ("no such file or directory"). For any other error it returns "", and
// the error stays in the system's words.
func systemReason(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) || err != error(errno) {
		return ""
	}
	switch {
	case errors.Is(errno, fs.ErrNotExist):
		return reasonNotExist
	case errors.Is(errno, fs.ErrPermission):
		return reasonPermission
	case errno == syscall.EISDIR:
		return reasonIsDir
	case errno == syscall.ENOTDIR:
		return reasonNotDir
	}
	return ""
}

func (c Catalog) formatted(f Formatted) string {
	format, args := f.UserFormat()
	if len(c) == 0 {
		if s, ok := f.(fmt.Stringer); ok {
			return s.String()
		}
		if e, ok := f.(error); ok {
			return e.Error()
		}
	}
	return c.sprintf(format, args...)
}

// sprintf formats with the translation of format, translating the
// arguments that are errors or messages first.
func (c Catalog) sprintf(format string, args ...any) string {
	if t, ok := c[format]; ok {
		format = t
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Formatted:
			out[i] = c.formatted(v)
		case error:
			out[i] = c.text(v)
		default:
			out[i] = a
		}
	}
	return fmt.Sprintf(strings.ReplaceAll(format, "%w", "%v"), out...)
}

// strip removes the engine's package prefixes at the start of msg and
// after a colon, English or Chinese.
func strip(msg string) string {
	for _, p := range enginePrefixes {
		msg = strings.TrimPrefix(msg, p)
		msg = strings.ReplaceAll(msg, ": "+p, ": ")
		msg = strings.ReplaceAll(msg, "："+p, "：")
	}
	return msg
}
