package corpus

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"embedlab/internal/usermsg"
)

// looksJSONLines reports whether most of the first lines are JSON
// objects: four in five, and at least one.
func looksJSONLines(lines []string) bool {
	n := 0
	for _, l := range lines {
		if _, _, err := parseObject(l); err == nil {
			n++
		}
	}
	return len(lines) > 0 && n*5 >= len(lines)*4
}

// parseObject parses one JSON object and returns its keys in the order
// written and its values.
func parseObject(line string) ([]string, map[string]json.RawMessage, error) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "{") {
		return nil, nil, usermsg.Errorf("it does not start with {")
	}
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	var keys []string
	values := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, nil, usermsg.Errorf("a key is not a string")
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := values[key]; !dup {
			keys = append(keys, key)
		}
		values[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if dec.More() || dec.InputOffset() < int64(len(line)) {
		return nil, nil, usermsg.Errorf("there is more after the object")
	}
	return keys, values, nil
}

// jsonText returns a JSON string value.
func jsonText(v json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", false
	}
	return s, true
}

// jsonLabels returns the labels a JSON value gives: a string, a number as
// written, true or false, or an array of those for several labels. null
// gives none.
func jsonLabels(v json.RawMessage) []string {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(v, &items) != nil {
			return nil
		}
		var out []string
		for _, it := range items {
			out = append(out, jsonLabels(it)...)
		}
		return out
	}
	if s, ok := jsonText(v); ok {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	switch s := string(v); {
	case s == "true" || s == "false":
		return []string{s}
	case isNumber(s):
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
			return []string{strconv.FormatInt(int64(f), 10)}
		}
		return []string{s}
	}
	return nil
}

// readJSONLines reads one JSON object per line. The text and label fields
// are chosen by Options.TextColumn and Options.LabelColumn, then by the
// names of textColumns and labelColumns. Failing those, the objects of the
// sample decide: the text is the string field with the longest mean
// length, and the label the field with few distinct values. An array of
// labels gives a multi-label document. Lines that are not JSON objects or
// lack the text are skipped with their line numbers.
func (s *scanner) readJSONLines(t *textFile) error {
	text, label, err := s.jsonFields(t)
	if err != nil {
		return err
	}
	multi := 0
	err = s.readAllLines(t, func(line string, n int) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		_, obj, err := parseObject(line)
		if err != nil {
			// NOTE: the errors of encoding/json are English and stay so in
			// a translated reason.
			s.skip(t.base, n, usermsg.Sprintf("not a JSON object (%v)", err))
			return nil
		}
		v, ok := obj[text]
		if !ok {
			s.skip(t.base, n, usermsg.Sprintf("the object has no %q field", text))
			return nil
		}
		txt, ok := jsonText(v)
		switch {
		case !ok:
			s.skip(t.base, n, usermsg.Sprintf("the %q field is not a string", text))
			return nil
		case strings.TrimSpace(txt) == "":
			s.skip(t.base, n, usermsg.Sprintf("text is empty"))
			return nil
		}
		d := Document{Text: txt, Source: t.base, Line: n}
		if label != "" {
			labels := jsonLabels(obj[label])
			if len(labels) == 0 {
				s.skip(t.base, n, usermsg.Sprintf("label is empty"))
				return nil
			}
			d.Label = labels[0]
			if len(labels) > 1 {
				d.Labels = labels
				multi++
			}
		}
		return s.emit(d, true)
	})
	if err != nil {
		return err
	}
	s.noteMultiLabel(multi, t.base)
	return nil
}

// jsonFields finds the text and label fields from the objects in the
// sample and records them in Info. label is "" when there is none.
func (s *scanner) jsonFields(t *textFile) (text, label string, err error) {
	var keys []string
	seen := make(map[string]bool)
	var objs []map[string]json.RawMessage
	for line := range strings.Lines(t.sample) {
		if len(objs) == sampleRows {
			break
		}
		k, obj, err := parseObject(line)
		if err != nil {
			continue
		}
		for _, key := range k {
			if !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
		objs = append(objs, obj)
	}
	s.info.Columns = keys

	// Column statistics over the fields, as for a delimited file: strings
	// for text, and scalar values for labels.
	rows := make([][]string, len(objs))
	textual := make([]int, len(keys))
	for i, obj := range objs {
		rows[i] = make([]string, len(keys))
		for j, k := range keys {
			v, ok := obj[k]
			if !ok {
				continue
			}
			if str, isStr := jsonText(v); isStr {
				rows[i][j] = str
				textual[j]++
			} else if ls := jsonLabels(v); len(ls) > 0 {
				rows[i][j] = ls[0]
			}
		}
	}
	cols := columnStats(rows, len(keys))
	for j, c := range cols {
		if textual[j]*2 < c.filled {
			c.numbers = c.filled // not strings, so not a text field
		}
	}

	ti, err := chooseColumn(t.path, keys, s.opts.TextColumn, false)
	if err != nil {
		return "", "", err
	}
	li, err := chooseColumn(t.path, keys, s.opts.LabelColumn, true)
	if err != nil {
		return "", "", err
	}
	if ti < 0 && s.opts.TextColumn == "" {
		if ti = findColumn(keys, textColumns); ti < 0 {
			ti = textByContent(cols, li)
		}
	}
	if ti < 0 {
		return "", "", withColumns(errorf(t.path, 0, "has no text field among the fields %s of its first objects; name "+
			"the text field %s, or choose the text field yourself", quoteList(keys), orList(textColumns)), keys)
	}
	if li < 0 && s.opts.LabelColumn == "" {
		if li = findColumn(keys, labelColumns); li < 0 {
			li = labelByContent(cols, ti)
		}
	}
	text = keys[ti]
	s.info.TextColumn = text
	if li >= 0 {
		label = keys[li]
		s.info.LabelColumn = label
	}
	return text, label, nil
}
