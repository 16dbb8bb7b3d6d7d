package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DemoSize is the number of documents Demo returns, half "pos" and half "neg".
const DemoSize = 4000

// DemoGroup is a group of related words in the demo corpus. Every word
// occurs in Demo's output for any seed and is one token for a tokenizer with
// the segmenter that DetectSegmenter chooses for that output.
type DemoGroup struct {
	Name     string // such as "strong positive adjectives"
	Polarity int    // +1 positive, -1 negative, 0 neutral
	Words    []string
}

// Demo returns the built-in labelled sentiment corpus in language lang
// ("en" or "zh"; any other value gives English). It generates DemoSize
// sentences of 4 to 15 words from templates, with a generator seeded by
// seed, so the same seed gives the same corpus. The classes are "neg" and
// "pos" with equal counts. The Chinese corpus is natural Simplified Chinese
// without spaces, so DetectSegmenter chooses SegmentWords for it, and that
// segmenter cuts it into the words of DemoGroups.
//
// The words come from the groups of DemoGroups, and each group has one role
// in the label: strong adjectives and verbs decide it, while mild
// adjectives are flipped by "not" and overridden by a strong adjective or
// a verb of the other polarity. A classifier moves word vectors only along
// directions that change its prediction, so training should bring the
// sentiment groups back as nearest neighbours. The neutral topic groups do
// not cluster, because no topic word changes the label.
//
// NOTE: the clustering is the design goal; this package does not train a
// model, so its tests check the groups and labels, not the neighbours.
func Demo(lang string, seed uint64) *Corpus {
	l := demoLanguage(lang)
	rng := rand.New(rand.NewPCG(seed, seed))
	g := &demoGen{lang: l, rng: rng, decks: map[string]*demoDeck{}}

	labels := make([]bool, DemoSize)
	for i := range DemoSize / 2 {
		labels[i] = true
	}
	rng.Shuffle(len(labels), func(i, j int) { labels[i], labels[j] = labels[j], labels[i] })

	c := &Corpus{Name: DemoName(lang), Classes: []string{"neg", "pos"}}
	c.Docs = make([]Document, DemoSize)
	for i, pos := range labels {
		c.Docs[i] = Document{Text: g.sentence(pos), Label: c.Classes[polarityIndex(pos)]}
	}
	return c
}

// DemoName returns the Name of the corpus that Demo returns for lang:
// "demo (English)" or "demo (中文)". The CLI prints it and model files
// store it, so it does not follow the language of a window, which may show
// a translated name instead.
func DemoName(lang string) string {
	return "demo (" + demoLanguage(lang).name + ")"
}

// DemoGroups returns the word groups of the demo corpus in lang (as in
// Demo): six sentiment groups, then the two neutral topic groups.
func DemoGroups(lang string) []DemoGroup {
	l := demoLanguage(lang)
	groups := []DemoGroup{
		{"strong positive adjectives", +1, l.strong[1]},
		{"mild positive adjectives", +1, l.mild[1]},
		{"strong negative adjectives", -1, l.strong[0]},
		{"mild negative adjectives", -1, l.mild[0]},
		{"positive verbs", +1, l.verbs[1]},
		{"negative verbs", -1, l.verbs[0]},
	}
	for i, domain := range l.topics {
		words := make([]string, len(domain))
		for j, n := range domain {
			words[j] = n.noun
		}
		groups = append(groups, DemoGroup{demoTopicNames[i], 0, words})
	}

	// Copy the lists so that callers cannot change the generator's words.
	for i := range groups {
		groups[i].Words = append([]string(nil), groups[i].Words...)
	}
	return groups
}

// demoTopicNames names the noun domains of demoLang.topics.
var demoTopicNames = []string{"entertainment topics", "food and travel topics"}

func demoLanguage(lang string) *demoLang {
	if lang == "zh" {
		return &demoChinese
	}
	return &demoEnglish
}

func polarityIndex(pos bool) int {
	if pos {
		return 1
	}
	return 0
}

// demoGen fills templates. Words are dealt from shuffled decks rather than
// drawn independently, so every word of a list occurs about equally often
// and all of them occur.
type demoGen struct {
	lang  *demoLang
	rng   *rand.Rand
	decks map[string]*demoDeck
}

type demoDeck struct {
	order []int
	next  int
}

// deal returns the next index into a list of n items named key.
func (g *demoGen) deal(key string, n int) int {
	d := g.decks[key]
	if d == nil {
		d = &demoDeck{order: make([]int, n)}
		for i := range d.order {
			d.order[i] = i
		}
		d.next = n
		g.decks[key] = d
	}
	if d.next == n {
		g.rng.Shuffle(n, func(i, j int) { d.order[i], d.order[j] = d.order[j], d.order[i] })
		d.next = 0
	}
	d.next++
	return d.order[d.next-1]
}

func (g *demoGen) word(key string, list []string) string {
	return list[g.deal(key, len(list))]
}

// sentence fills a template chosen by weight for the label pos.
func (g *demoGen) sentence(pos bool) string {
	l := g.lang
	total := 0
	for _, t := range l.templates {
		total += t.weight
	}
	pick := g.rng.IntN(total)
	var tmpl string
	for _, t := range l.templates {
		if pick < t.weight {
			tmpl = t.text
			break
		}
		pick -= t.weight
	}

	domain := g.rng.IntN(len(l.topics))
	used := map[string]bool{}
	var b strings.Builder
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := open + strings.IndexByte(tmpl[open:], '}')
		b.WriteString(tmpl[:open])
		b.WriteString(g.slot(tmpl[open+1:end], pos, domain, used))
		tmpl = tmpl[end+1:]
	}

	s := b.String()
	if l.capitalise {
		r, size := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	return s
}

// slot returns the words for one template slot. Nouns already in the
// sentence are dealt again, so a sentence does not compare a noun with itself.
func (g *demoGen) slot(name string, pos bool, domain int, used map[string]bool) string {
	l := g.lang
	p := polarityIndex(pos)
	q := 1 - p
	switch name {
	case "A+":
		if g.rng.IntN(2) == 0 {
			return g.word(fmt.Sprint("strong", p), l.strong[p])
		}
		return g.word(fmt.Sprint("mild", p), l.mild[p])
	case "S+":
		return g.word(fmt.Sprint("strong", p), l.strong[p])
	case "M-":
		return g.word(fmt.Sprint("mild", q), l.mild[q])
	case "HM-":
		return l.hedges[q] + l.wordSep + g.word(fmt.Sprint("mild", q), l.mild[q])
	case "HA+":
		return l.hedges[p] + l.wordSep + g.word(fmt.Sprint("mild", p), l.mild[p])
	case "V+":
		return g.word(fmt.Sprint("verbs", p), l.verbs[p])
	case "N", "MN":
		nouns := l.topics[domain]
		n := nouns[g.deal(fmt.Sprint("topics", domain), len(nouns))]
		for used[n.noun] {
			n = nouns[g.deal(fmt.Sprint("topics", domain), len(nouns))]
		}
		used[n.noun] = true
		if name == "MN" {
			return n.measured
		}
		return n.noun
	case "P":
		return g.word("people", l.people)
	case "W":
		return g.word("times", l.times)
	case "I":
		return g.word("intens", l.intens)
	case "IV":
		return g.word("verbIntens", l.verbIntens)
	}
	panic("corpus: demo template has an unknown slot {" + name + "}")
}
