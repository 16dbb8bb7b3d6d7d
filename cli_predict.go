package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"embedlab/corpus"
	"embedlab/model"
)

// prediction is the result of one text, as 'embedlab predict --json'
// prints it.
type prediction struct {
	Text          string             `json:"text"`
	Class         string             `json:"class"`
	Probability   float64            `json:"probability"`
	Probabilities map[string]float64 `json:"probabilities"`
	Labels        []string           `json:"labels,omitempty"` // multi-label models: every class above 0.5
	Tokens        []tokenStep        `json:"tokens"`
	OOV           []string           `json:"oov"`
	Known         int                `json:"known_words"` // words of the text in the vocabulary

	// bidirectional marks a prediction of a bidirectional model, whose
	// running probabilities printPrediction explains.
	bidirectional bool
}

// tokenStep is one token of a text with the probability of the predicted
// class right after it; Probability is nil for a word the sequence skips
// (OOV) or drops because the text is longer than maxlen (Truncated).
type tokenStep struct {
	Token       string   `json:"token"`
	ID          int      `json:"id"`
	Probability *float64 `json:"probability"`
	OOV         bool     `json:"oov,omitempty"`
	Truncated   bool     `json:"truncated,omitempty"`
}

func runPredict(args []string, stdout, stderr io.Writer) int {
	var modelPath string
	var asJSON bool
	var top int
	fs := flag.NewFlagSet("predict", flag.ContinueOnError)
	fs.StringVar(&modelPath, "model", "", "model file written by 'embedlab train --out'")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object per text instead of a text block")
	fs.IntVar(&top, "top", 10, "number of next words a language model prints for each text")
	texts, status, ok := parseFlags(fs, "predict", "embedlab predict --model MODEL [--json] [--top N] TEXT...", args, stdout, stderr)
	if !ok {
		return status
	}
	switch {
	case modelPath == "":
		return fail(stderr, "predict", errors.New("no model given; use --model MODEL (written by 'embedlab train --out MODEL')"))
	case len(texts) == 0:
		return fail(stderr, "predict", errors.New("no text given; usage: embedlab predict --model MODEL [--json] TEXT..., with each text quoted"))
	}

	m, err := model.Load(modelPath)
	if err != nil {
		return fail(stderr, "predict", err)
	}
	if m.Config.Head == model.HeadLanguageModel {
		return predictNextWords(m, texts, top, asJSON, stdout, stderr)
	}
	if flagSet(fs, "top") {
		fmt.Fprintln(stderr, "warning: --top has no effect on a classifier; it sets how many next words a language model lists")
	}
	for i, text := range texts {
		p, err := predictText(m, text)
		if err != nil {
			return fail(stderr, "predict", err)
		}
		if err := emitResult(stdout, i, p, asJSON, printPrediction); err != nil {
			return fail(stderr, "predict", err)
		}
	}
	return 0
}

// predictText returns the prediction of m for text with the running
// probability of the predicted class after each token.
func predictText(m *model.Model, text string) (prediction, error) {
	tokens, ids, steps, err := m.PredictSteps(text)
	if err != nil {
		return prediction{}, err
	}
	// The final probabilities come from the same padded sequence as
	// PredictSteps' last step, and also cover a text with no known word.
	x := corpus.PadSequences([][]int{m.Tokenizer.PredictSequence(text)}, m.Config.MaxLen, "pre", "pre", 0)
	probs := m.PredictProba(x)[0]

	best := 0
	for k, p := range probs {
		if p > probs[best] {
			best = k
		}
	}
	out := prediction{Text: text, Class: m.Classes[best], Probability: float64(probs[best]),
		Probabilities: map[string]float64{}, Tokens: []tokenStep{}, OOV: []string{},
		bidirectional: m.Config.Bidirectional}
	for k, p := range probs {
		out.Probabilities[m.Classes[k]] = float64(p)
		if m.Config.Head == model.HeadMultiLabel && p > 0.5 {
			out.Labels = append(out.Labels, m.Classes[k])
		}
	}
	for i, tok := range tokens {
		step := tokenStep{Token: tok, ID: ids[i]}
		if ids[i] != 0 {
			out.Known++
		}
		switch {
		case ids[i] == 0:
			step.OOV = true
			out.OOV = append(out.OOV, tok)
		case steps[i] == nil:
			step.Truncated = true
		default:
			p := float64(steps[i][best])
			step.Probability = &p
		}
		out.Tokens = append(out.Tokens, step)
	}
	return out, nil
}

// printPrediction prints p as a block: the text, the class and its
// probability, the words outside the vocabulary, then one line per token.
func printPrediction(w io.Writer, p prediction) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "text\t%s\n", p.Text)
	fmt.Fprintf(tw, "class\t%s\n", p.Class)
	fmt.Fprintf(tw, "probability\t%.4f\n", p.Probability)
	if len(p.Labels) > 0 {
		fmt.Fprintf(tw, "labels\t%s\n", strings.Join(p.Labels, ", "))
	}
	if len(p.OOV) > 0 {
		fmt.Fprintf(tw, "not in vocabulary\t%s\n", strings.Join(p.OOV, ", "))
	}
	switch {
	case p.Known == 0:
		fmt.Fprintf(tw, "note\tno word of the text is in the vocabulary, so this is the model's output for padding alone\n")
	case p.bidirectional:
		fmt.Fprintf(tw, "note\ta bidirectional model: each running probability below pairs the forward LSTM after the word with the backward LSTM over the whole text, so only the last is the model's own prediction\n")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(p.Tokens) == 0 {
		return nil
	}

	// The tokens get columns of their own widths.
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "#\ttoken\tP(%s) after it\n", p.Class)
	for i, s := range p.Tokens {
		value := "-"
		switch {
		case s.OOV:
			value = "- (not in vocabulary, skipped)"
		case s.Truncated:
			value = "- (cut off: the text is longer than maxlen)"
		case s.Probability != nil:
			value = fmt.Sprintf("%.4f", *s.Probability)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\n", i+1, s.Token, value)
	}
	return tw.Flush()
}

// emitResult writes the result p of the i-th text: as one line of JSON, or
// with print after a blank line that separates it from the one before.
func emitResult[T any](stdout io.Writer, i int, p T, asJSON bool, print func(io.Writer, T) error) error {
	if asJSON {
		line, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", line)
		return err
	}
	if i > 0 {
		fmt.Fprintln(stdout)
	}
	return print(stdout, p)
}
