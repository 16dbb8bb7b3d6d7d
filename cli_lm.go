package main

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"embedlab/corpus"
	"embedlab/model"
)

// printLanguageModelStart prints the first lines of training a language
// model: why this objective with the unigram baseline, the vocabulary, the
// windows and the softmax. requested is the config before Prepare, whose
// NumWords Prepare may have lowered.
func printLanguageModelStart(w io.Writer, c *corpus.Corpus, m *model.Model, train, val *model.Dataset, requested model.Config) {
	// --objective classify is suggested only for a corpus with labels,
	// because it fails on one without.
	reason := "the corpus has no labels"
	if requested.Objective == "lm" {
		reason = "--objective lm"
		if len(c.Classes) > 0 {
			reason += "; the corpus has labels, so --objective classify would train a classifier"
		}
	}
	cfg := m.Config
	baseline := ""
	if u := model.UnigramPerplexity(train, val, cfg.NumWords); !math.IsNaN(u) {
		baseline = fmt.Sprintf("; baseline: a unigram model scores val_perplexity %.2f", u)
	}
	fmt.Fprintf(w, "training a next-word language model (%s)%s\n", reason, baseline)
	softmax := fmt.Sprintf("full softmax over all %d words", cfg.NumWords-1)
	if s := cfg.Candidates(); s > 0 {
		softmax = fmt.Sprintf("sampled softmax over %d candidates", s)
	}
	fmt.Fprintf(w, "corpus %s: %d documents, %d words in the vocabulary, %d training and %d validation windows of %d words, %s\n",
		c.Name, len(c.Docs), cfg.NumWords-1, train.Len(), val.Len(), cfg.MaxLen, softmax)
	if cfg.NumWords < requested.NumWords {
		fmt.Fprintf(w, "num_words lowered from %d to %d: the text has %d distinct words\n", requested.NumWords, cfg.NumWords, cfg.NumWords-1)
	}
}

// formatTrainingLoss formats a language model's training loss and
// accuracy for an epoch line. The sampled softmax's loss is not the full
// softmax's (it is usually lower), so it is labelled sampled_loss, and its
// accuracy, over the candidates only, is left out.
func formatTrainingLoss(e model.EpochStats, sampled bool) string {
	if sampled {
		return fmt.Sprintf("sampled_loss %.4f", e.Loss)
	}
	return fmt.Sprintf("loss %.4f  accuracy %.4f", e.Loss, e.Accuracy)
}

// addLanguageModelKeys adds a language model's keys to the JSON object obj
// of epoch e: val_perplexity and unigram_perplexity (null without a
// validation set) and, for a sampled softmax, sampled_loss in place of
// loss and no accuracy.
func addLanguageModelKeys(obj map[string]any, e model.EpochStats, sampled bool) {
	obj["val_perplexity"], obj["unigram_perplexity"] = nil, nil
	if !math.IsNaN(e.ValLoss) {
		obj["val_perplexity"] = e.ValPerplexity
		obj["unigram_perplexity"] = nullIfNaN(e.UnigramPerplexity)
	}
	if sampled {
		obj["sampled_loss"] = obj["loss"]
		delete(obj, "loss")
		delete(obj, "accuracy")
	}
}

// formatPerplexity formats an epoch's validation perplexity, "-" without
// a validation set.
func formatPerplexity(e model.EpochStats) string {
	if math.IsNaN(e.ValLoss) {
		return "-"
	}
	return fmt.Sprintf("%.2f", e.ValPerplexity)
}

// nextWords is the result of one text for a language model, as
// 'embedlab predict --json' prints it.
type nextWords struct {
	Text  string           `json:"text"`
	Next  []model.WordProb `json:"next_words"`
	Known int              `json:"known_words"` // words of the text in the vocabulary
}

// predictNextWords prints the top most probable next words of language
// model m after each text, as a block or as one JSON object per text.
func predictNextWords(m *model.Model, texts []string, top int, asJSON bool, stdout, stderr io.Writer) int {
	if top < 1 {
		return fail(stderr, "predict", fmt.Errorf("--top %d is invalid; give 1 or more next words", top))
	}
	next, err := m.NextWords(texts, top)
	if err != nil {
		return fail(stderr, "predict", err)
	}
	for i, text := range texts {
		p := nextWords{Text: text, Next: next[i], Known: len(m.Tokenizer.PredictSequence(text))}
		if p.Next == nil {
			p.Next = []model.WordProb{}
		}
		if err := emitResult(stdout, i, p, asJSON, printNextWords); err != nil {
			return fail(stderr, "predict", err)
		}
	}
	return 0
}

// printNextWords prints p as a block: the text, then one line per next word
// with its probability.
func printNextWords(w io.Writer, p nextWords) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "text\t%s\n", p.Text)
	if len(p.Next) == 0 {
		fmt.Fprintf(tw, "next words\tnone: no word of the text is in the vocabulary\n")
		return tw.Flush()
	}
	fmt.Fprintf(tw, "#\tnext word\tprobability\n")
	for k, wp := range p.Next {
		fmt.Fprintf(tw, "%d\t%s\t%.4f\n", k+1, wp.Word, wp.Prob)
	}
	return tw.Flush()
}
