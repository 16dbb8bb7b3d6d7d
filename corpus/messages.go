package corpus

import (
	"fmt"
	"strings"

	"embedlab/internal/usermsg"
)

// The texts that the package gives the user (Error.Msg, Skip.Reason,
// Info.Warnings, Stats.Warnings, Tokenizer.Describe) are English strings,
// which the CLI prints. Each is also kept as the usermsg.Message it was
// made from, so that the window can word it in its own language with a
// usermsg.Catalog.

// plainText is a text without a format, such as a warning that code
// outside the package put in Info.Warnings. The catalogs have no entry for
// "%s", so they leave it as it is.
type plainText string

// UserFormat returns the format "%s" with the text as its argument.
func (p plainText) UserFormat() (string, []any) { return "%s", []any{string(p)} }

// String returns the text.
func (p plainText) String() string { return string(p) }

// formattedText returns m when it words text, and otherwise text itself,
// which was set or changed after m was made.
func formattedText(text string, m usermsg.Message) usermsg.Formatted {
	if text != "" && m.String() == text {
		return m
	}
	return plainText(text)
}

// formattedTexts returns formattedText of each text with the message at
// the same index in msgs, so that texts appended or changed by code
// outside the package stay as written.
func formattedTexts(texts []string, msgs []usermsg.Formatted) []usermsg.Formatted {
	out := make([]usermsg.Formatted, len(texts))
	for i, text := range texts {
		out[i] = plainText(text)
		if i < len(msgs) && text != "" && fmt.Sprint(msgs[i]) == text {
			out[i] = msgs[i]
		}
	}
	return out
}

// Message returns Reason with the format it was made from, for
// usermsg.Catalog. A Skip made outside the package, or whose Reason was
// changed, returns Reason as it is.
func (s Skip) Message() usermsg.Formatted { return formattedText(s.Reason, s.reason) }

// WarningMessages returns Warnings, each with the format it was made from
// when the reader made it, for usermsg.Catalog.
func (i Info) WarningMessages() []usermsg.Formatted { return formattedTexts(i.Warnings, i.warnings) }

// WarningMessages returns Warnings, each with the format it was made from
// when the reader or the statistics made it, for usermsg.Catalog.
func (s Stats) WarningMessages() []usermsg.Formatted { return formattedTexts(s.Warnings, s.warnings) }

// counted returns one when n is 1 and many otherwise. Both are whole
// messages, such as "1 line has" and "%d lines have", because languages
// count in their own ways.
func counted(n int, one, many usermsg.Message) usermsg.Message {
	if n == 1 {
		return one
	}
	return many
}

// joinMessages joins msgs with commas, as in "a, b, c". A catalog may
// choose another separator.
func joinMessages(msgs []usermsg.Formatted) usermsg.Formatted {
	if len(msgs) == 0 {
		return plainText("")
	}
	out := msgs[0]
	for _, m := range msgs[1:] {
		out = usermsg.Sprintf("%v, %v", out, m)
	}
	return out
}

// orList formats names, at least two of them, as "a, b or c".
func orList(names []string) usermsg.Message {
	return usermsg.Sprintf("%s or %s", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
