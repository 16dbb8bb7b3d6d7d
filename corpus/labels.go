package corpus

import (
	"slices"
	"strconv"
	"strings"

	"embedlab/internal/usermsg"
)

// Class names that normalised labels get.
const (
	ClassPositive = "positive"
	ClassNegative = "negative"
)

// labelSpellings maps the lower-case spellings that normalisation
// recognises to the class they stand for.
var labelSpellings = map[string]string{
	"pos": ClassPositive, "positive": ClassPositive, "1": ClassPositive, "true": ClassPositive,
	"yes": ClassPositive, "正面": ClassPositive, "积极": ClassPositive,
	"neg": ClassNegative, "negative": ClassNegative, "0": ClassNegative, "false": ClassNegative,
	"no": ClassNegative, "负面": ClassNegative, "消极": ClassNegative,
}

// normalLabel returns the class that label spells, or "".
func normalLabel(label string) string {
	return labelSpellings[strings.ToLower(strings.TrimSpace(label))]
}

// labelMapping returns, for a set of labels as written, the normalised
// class of each, or nil when some label is not a recognised spelling. All
// or nothing: with labels 1 to 5 (star ratings), mapping 1 to positive
// would merge a class into another.
func labelMapping(labels map[string]bool) map[string]string {
	if len(labels) == 0 {
		return nil
	}
	m := make(map[string]string, len(labels))
	for l := range labels {
		n := normalLabel(l)
		if n == "" {
			return nil
		}
		m[l] = n
	}
	return m
}

// labelStage sits between the readers and the caller's visit function
// and normalises labels. It holds back the first holdBack documents (all
// of them when holdBack < 0) and decides from their labels whether to
// normalise; documents after that pass straight through.
type labelStage struct {
	holdBack int
	visit    func(Document) error
	s        *scanner

	held      []Document
	normalise bool // the documents carry labels that may be normalised
	decided   bool
	mapping   map[string]string // nil: labels stay as written
}

func (l *labelStage) add(d Document, normalise bool) error {
	if !l.decided {
		l.normalise = l.normalise || normalise
		l.held = append(l.held, d)
		if l.holdBack >= 0 && len(l.held) >= l.holdBack {
			return l.flush()
		}
		return nil
	}
	if l.mapping == nil {
		return l.visit(d)
	}
	for _, raw := range append([]string{d.Label}, d.Labels...) {
		if raw != "" && normalLabel(raw) == "" {
			l.s.skip(d.Source, d.Line, usermsg.Sprintf("label %q is not a spelling of %s or %s, which the "+
				"first %d rows use; fix the label or remove the row", raw, ClassPositive, ClassNegative, l.holdBack))
			return nil
		}
	}
	l.apply(&d)
	return l.visit(d)
}

// flush decides on the documents held back and passes them on. It may be
// called more than once.
func (l *labelStage) flush() error {
	if !l.decided {
		l.decided = true
		if l.normalise && !l.s.opts.KeepLabels {
			l.decide()
		}
	}
	held := l.held
	l.held = nil
	for i := range held {
		l.apply(&held[i])
		if err := l.visit(held[i]); err != nil {
			return err
		}
	}
	return nil
}

func (l *labelStage) decide() {
	seen := make(map[string]bool)
	for _, d := range l.held {
		if d.Label != "" {
			seen[d.Label] = true
		}
		for _, x := range d.Labels {
			seen[x] = true
		}
	}
	l.mapping = labelMapping(seen)
	if l.mapping == nil {
		l.warnUnknown(seen)
		return
	}
	changed := make(map[string]string)
	for raw, n := range l.mapping {
		if raw != n {
			changed[raw] = n
		}
	}
	if len(changed) > 0 {
		l.s.info.LabelMap = changed
	}
}

// warnUnknown warns about labels that kept the others from being
// normalised: one to three spellings that are not recognised, among
// recognised ones. It warns even when such a label is frequent, because a
// third class that is meant stays as written anyway, and the warning says
// why pos and neg were not renamed. More than three unknown spellings,
// such as star ratings 1 to 5, are a labelling of their own and get no
// warning. The warning counts the rows of each label and names up to five
// of their line numbers.
func (l *labelStage) warnUnknown(seen map[string]bool) {
	var unknown []string
	for label := range seen {
		if normalLabel(label) == "" {
			unknown = append(unknown, label)
		}
	}
	if len(unknown) == 0 || len(unknown) > 3 || len(unknown) == len(seen) {
		return
	}
	slices.Sort(unknown)

	lines := make(map[string][]int)
	rows := make(map[string]int)
	for _, d := range l.held {
		labels := d.Labels
		if len(labels) == 0 {
			labels = []string{d.Label}
		}
		for j, x := range labels {
			if !slices.Contains(unknown, x) || slices.Contains(labels[:j], x) {
				continue
			}
			rows[x]++
			if len(lines[x]) < unknownLinesListed {
				lines[x] = append(lines[x], d.Line)
			}
		}
	}

	parts := make([]usermsg.Formatted, len(unknown))
	for i, u := range unknown {
		parts[i] = unknownLabelRows(u, rows[u], lines[u])
	}
	if len(unknown) == 1 {
		l.s.warn(usermsg.Sprintf("labels were kept as written, because %v is not a spelling of %s or %s, "+
			"so no label was renamed to those classes; fix or remove those rows, "+
			"or keep them only if they form a class of their own", parts[0], ClassPositive, ClassNegative))
		return
	}
	l.s.warn(usermsg.Sprintf("labels were kept as written, because %v are not a spelling of %s or %s, "+
		"so no label was renamed to those classes; fix or remove those rows, "+
		"or keep them only if they form a class of their own", joinMessages(parts), ClassPositive, ClassNegative))
}

// unknownLinesListed is the number of line numbers that the warning about
// an unknown label names; the row count covers the rest.
const unknownLinesListed = 5

// unknownLabelRows describes the rows of an unknown label, such as
// `"maybe" (1 row: line 13)`.
func unknownLabelRows(label string, rows int, lines []int) usermsg.Formatted {
	nums := make([]string, len(lines))
	for i, n := range lines {
		nums[i] = strconv.Itoa(n)
	}
	list := usermsg.List(rows > len(lines), nums...)
	if rows == 1 {
		return usermsg.Sprintf("%q (1 row: line %s)", label, list)
	}
	return usermsg.Sprintf("%q (%d rows: lines %s)", label, rows, list)
}

// apply rewrites the labels of d with the mapping, and records in
// Info.LabelMap a spelling first met after the decision.
func (l *labelStage) apply(d *Document) {
	if l.mapping == nil {
		return
	}
	conv := func(raw string) string {
		n := normalLabel(raw)
		if n == "" {
			return raw
		}
		if n != raw {
			if l.s.info.LabelMap == nil {
				l.s.info.LabelMap = make(map[string]string)
			}
			l.s.info.LabelMap[raw] = n
		}
		return n
	}
	if d.Label != "" {
		d.Label = conv(d.Label)
	}
	if len(d.Labels) > 0 {
		labels := make([]string, len(d.Labels))
		for i, x := range d.Labels {
			labels[i] = conv(x)
		}
		d.Labels = labels
	}
}
