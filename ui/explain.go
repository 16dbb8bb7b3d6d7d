package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// explanation returns the classroom text of step (stepCorpus … stepPredict)
// in Markdown. Equations sit in code blocks, so that their columns line up
// in the monospace font. They write indices with Unicode sub- and
// superscripts because that font clips underscores in Fyne v2.7.1.
func explanation(step int) string {
	switch step {
	case stepTrain:
		return lang.X("explain.train",
			"## Train: Embedding → LSTM → Dense\n\n"+
				"**Embedding.** Each word index selects one row of a matrix E with num_words rows and d columns, "+
				"the embedding dimension. That row is the word's vector. Training moves the rows, so words that "+
				"affect the prediction in the same way end up close together; Explore shows them.\n\n"+
				"**LSTM.** The LSTM reads the vectors x₁ … xₙ (n = maxlen) in order and carries a cell state c and an output h "+
				"of 'units' numbers each. At step t, with σ the logistic sigmoid and ⊙ the element-wise product "+
				"(the superscripts name the gate a weight belongs to):\n\n"+
				"```\n"+
				"iₜ = σ(Wⁱ xₜ + Uⁱ hₜ₋₁ + bⁱ)       input gate\n"+
				"fₜ = σ(Wᶠ xₜ + Uᶠ hₜ₋₁ + bᶠ)       forget gate\n"+
				"gₜ = tanh(Wᵍ xₜ + Uᵍ hₜ₋₁ + bᵍ)    candidate\n"+
				"oₜ = σ(Wᵒ xₜ + Uᵒ hₜ₋₁ + bᵒ)       output gate\n"+
				"cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ\n"+
				"hₜ = oₜ ⊙ tanh(cₜ)\n"+
				"```\n\n"+
				"The forget gate decides how much of the old cell state stays, and the input gate how much of the "+
				"candidate enters. The last output hₙ sums up the whole sequence.\n\n"+
				"**Dense.** One Dense layer turns hₙ into the prediction: p = σ(w · hₙ + b) for two classes, "+
				"and a softmax over one output per class for more.\n\n"+
				"**Loss.** For two classes the loss is the binary cross-entropy, averaged over the batch:\n\n"+
				"```\n"+
				"L = −[ y log p + (1 − y) log(1 − p) ]      y ∈ {0, 1}\n"+
				"```\n\n"+
				"For more classes it is −log of the probability of the true class.\n\n"+
				"**Adam.** Backpropagation through time gives the gradient of the loss for every weight. Adam keeps "+
				"running means of the gradient and of its square and moves each weight by about "+
				"lr · mean / √(mean square), so every weight gets its own step size.\n\n"+
				"**Settings.**\n\n"+
				"- Vocabulary (num_words): the words kept, most frequent first; the others are dropped.\n"+
				"- Embedding dimension: the length d of each word vector.\n"+
				"- Sequence length (maxlen): the tokens read per document, after padding or truncating.\n"+
				"- LSTM units: the length of h and c.\n"+
				"- Batch size: the documents per weight update.\n"+
				"- Learning rate (Adam): lr above; 0.001 is Keras' default.\n"+
				"- Epochs: the passes over the training documents.\n"+
				"- Validation split: the share of documents held back and never trained on; val_loss and "+
				"val_accuracy are measured on them.\n"+
				"- Seed: fixes the initial weights, the split and the shuffling, so the same seed repeats a run exactly.\n"+
				"\n**More options.**\n\n"+
				"- Objective: auto trains a classifier when the documents have labels and a next-word language model "+
				"when they have none; classify and lm force one of them.\n"+
				"- Sampled softmax candidates: the words the language model scores per batch in place of the whole "+
				"vocabulary; 0 means 64.\n"+
				"- Class weights: balanced weights each document's loss by n_samples / (n_classes · documents of its class), "+
				"so that a rare class counts as much as a frequent one.\n"+
				"- Validation set: how the validation documents are picked: shuffled (with the seed), last (the last ones "+
				"in file order, as Keras' validation_split) or stratified (the same share of every class).\n"+
				"- Validation file: a separate file or folder to validate on, in place of a split of the corpus.\n"+
				"- Early stopping patience: training stops after this many epochs without a lower val_loss, and the "+
				"weights of the best epoch come back; 0 turns it off.\n"+
				"- Learning-rate schedule: constant; step multiplies lr by the schedule factor every N epochs; plateau "+
				"multiplies it by the schedule factor after the plateau patience in epochs without a lower val_loss, "+
				"not below the minimum learning rate.\n"+
				"- Clip gradient norm: rescales the gradients of each batch so that their joint L2 norm is at most this "+
				"value; 0 turns it off.\n"+
				"- Dropout before Dense: the share of the LSTM output set to zero at random during training, against "+
				"overfitting.\n"+
				"- LSTM layers and dropout between layers: stacked LSTMs, each reading the whole output sequence of the "+
				"one below, with dropout on that sequence.\n"+
				"- Mask padding (mask_zero): padding steps leave the LSTM state unchanged, as if the sequence had no padding.\n"+
				"- Bidirectional LSTM: a second LSTM reads the text backwards, and the outputs of both are joined.")
	case stepExplore:
		return lang.X("explain.explore",
			"## Explore: the geometry of word vectors\n\n"+
				"**Cosine similarity.** The cosine of the angle between two vectors, from −1 to 1, whatever their lengths:\n\n"+
				"```\n"+
				"cos(a, b) = a · b / (‖a‖ ‖b‖)\n"+
				"```\n\n"+
				"Nearest neighbours are the words with the highest cosine to the word typed, or the smallest "+
				"Euclidean distance when that metric is chosen.\n\n"+
				"**Analogies (3CosAdd).** \"a is to b as c is to ?\" is answered with the word x, other than a, b and c, "+
				"whose vector has the highest cosine to b − a + c, after each of the three is scaled to length 1. "+
				"The classic example is king − man + woman ≈ queen. 3CosMul multiplies the cosines instead of adding them, "+
				"so one very similar word dominates less.\n\n"+
				"**Similarity and odd one out.** Compare shows the cosine of two words. Odd one out picks the word "+
				"whose vector has the lowest cosine to the mean of all the words' vectors.\n\n"+
				"**PCA map.** The vectors have d dimensions and the screen has two. Principal component analysis "+
				"subtracts the mean vector and projects every word onto the two directions along which the words vary most. "+
				"PC1 and PC2 give the share of the variance each direction keeps. The rest is lost, so two words close "+
				"on the map can still be far apart in d dimensions; the neighbour list measures in all of them.\n\n"+
				"A classifier's embedding is shaped by its task: words that push the prediction the same way end up "+
				"close, whatever else they mean.\n\n"+
				"**Controls.** k is the number of neighbours listed. Words sets how many of the most frequent words the map "+
				"shows. The colour choice colours the map by frequency (blue for the most frequent words, amber for the rarest, on a log scale of rank), by the search match, or by the class the model "+
				"predicts for each word on its own. The clicked-word choice also copies a word clicked on the map into "+
				"a field of the tools.")
	case stepPredict:
		return lang.X("explain.predict",
			"## Predict: the running probability\n\n"+
				"The sentence goes through the same steps as the training data: it is tokenized, mapped to the model's "+
				"word indices (words outside the vocabulary are skipped, as Keras does), padded or truncated to maxlen, "+
				"embedded and read by the LSTM.\n\n"+
				"The running probability applies the Dense layer to the LSTM output hₜ after every word, not only "+
				"after the last one. The curve shows how the probability of one class changes while the model reads. "+
				"With two classes it is always the second class (pos in the demo), so a high curve means that class "+
				"and a low one the other, whichever the model predicts. With more classes it is the predicted class. "+
				"The axis names the class, a dashed line marks 0.5, and the last point is the model's output for the "+
				"whole sentence. A word that moves the curve a lot is one the model "+
				"has learned to weigh. A word the model skipped has a grey column and a red label marked ×, "+
				"because it has no probability of its own; the line joins the words on either side.\n\n"+
				"For a language model, Predict lists the most probable next words after the text typed: the softmax "+
				"over the vocabulary of the Dense layer applied to the last output.")
	}
	return lang.X("explain.corpus",
		"## Corpus: from text to numbers\n\n"+
			"**Files.** Drop files or a folder anywhere on the window. Embedding Lab reads one plain-text file per class "+
			"with one document a line (such as rt-polarity.pos and rt-polarity.neg, dropped together), a CSV, TSV "+
			"or semicolon-separated file, a JSON Lines or fastText file, or a folder with one subfolder of .txt "+
			"files per class (aclImdb). A single file without labels, with one document a line or a book that it "+
			"splits into paragraphs, trains a next-word language model. Files may be UTF-8 (with or without a "+
			"byte-order mark), UTF-16 with a byte-order mark, Windows-1252 or GB18030. Open… picks one file at a "+
			"time: a file that carries its own labels (CSV, TSV, JSON Lines or fastText) loads at once, and "+
			"plain-text files are collected until you click Load selected.\n\n"+
			"**Tokenizing.** The tokenizer follows the rules of Keras' Tokenizer: it lower-cases the text, "+
			"removes ASCII punctuation and splits at spaces. Chinese and Japanese text has no spaces, "+
			"so the segmenter first cuts it into words or single characters. The tokenizer preview on the right "+
			"shows each step for a sentence you type.\n\n"+
			"**Vocabulary.** Every distinct word gets an index by frequency: 1 for the most frequent word, "+
			"2 for the next, and so on. Index 0 is never a word, because it marks padding. "+
			"num_words keeps only the indices below num_words, so the model sees the num_words − 1 most "+
			"frequent words and drops the others. The coverage line says what share of all tokens that keeps.\n\n"+
			"**Padding and truncating.** The model reads sequences of one length, maxlen. "+
			"A shorter sequence gets zeros in front ('pre' padding), and a longer one loses its first words "+
			"('pre' truncating), so the end of every document is kept. With maxlen 6, for example:\n\n"+
			"```\n"+
			"\"a truly moving film\"  →  [5 310 42 3]  →  [0 0 5 310 42 3]\n"+
			"```\n\n"+
			"The length chart marks maxlen, and Use in Train copies the suggested maxlen, which fits 95% of the documents.\n\n"+
			"**Choices.** Format overrides the detected format. Text column and Label column pick the columns of a CSV, "+
			"TSV or JSON Lines file. Segmenter chooses how Chinese and Japanese text is cut: auto, none (at spaces only), "+
			"words (with a dictionary) or characters (every character a word).")
}

// ShowExplanation opens the explanation of the step shown, for F1 and the
// Explain this step button.
func (a *App) ShowExplanation() {
	step := a.tabs.SelectedIndex()
	text := newMarkdown(explanation(step))
	text.Wrapping = wrapMode()
	d := dialog.NewCustom(lang.X("explain.title", "Explain this step"), lang.X("dialog.close", "Close"),
		container.NewVScroll(text), a.win)
	size := a.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), size.Height*0.85))
	a.showInfo(d)
}

// newMarkdown returns a RichText showing md in which each run of body text
// is one segment. Fyne v2.7.1 wraps a segment that starts less than a
// letter's width before the right edge one letter per line, so every
// place where one segment of a paragraph ends and the next begins risks
// that at some window width. goldmark ends a text node at each
// underscore, so "num_words" made such a place, and so did inline code.
// newMarkdown therefore shows inline code as body text and joins the
// runs; bold words stay separate segments.
func newMarkdown(md string) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(md)
	rt.Segments = joinTextRuns(rt.Segments)
	return rt
}

// joinTextRuns merges each run of body text segments in segs, and in the
// lists and paragraphs inside them, into its first segment and returns the
// shortened slice. Inline code counts as body text. Fyne appends a space
// to a text node that another inline node follows, so a node that ends in
// an underscore ends in "_ ". joinTextRuns removes that space when an
// inline text segment follows, so that "num_words" reads as one word.
func joinTextRuns(segs []widget.RichTextSegment) []widget.RichTextSegment {
	out := segs[:0]
	for _, seg := range segs {
		switch seg := seg.(type) {
		case *widget.ListSegment:
			seg.Items = joinTextRuns(seg.Items)
		case *widget.ParagraphSegment:
			seg.Texts = joinTextRuns(seg.Texts)
		case *widget.TextSegment:
			if seg.Style == widget.RichTextStyleCodeInline {
				seg.Style = widget.RichTextStyleInline
			}
			prev := previousInlineText(out)
			if prev == nil {
				break
			}
			if strings.HasSuffix(prev.Text, "_ ") && seg.Inline() {
				prev.Text = strings.TrimSuffix(prev.Text, " ")
			}
			if bodyText(prev) && bodyText(seg) {
				prev.Text += seg.Text
				prev.Style.Inline = seg.Style.Inline // a paragraph's last segment ends the line
				continue
			}
		}
		out = append(out, seg)
	}
	return out
}

// previousInlineText returns the last segment of segs if it is an inline
// TextSegment, or nil.
func previousInlineText(segs []widget.RichTextSegment) *widget.TextSegment {
	if len(segs) == 0 {
		return nil
	}
	prev, ok := segs[len(segs)-1].(*widget.TextSegment)
	if !ok || !prev.Inline() {
		return nil
	}
	return prev
}

// bodyText reports whether seg has the style of body text, inline or at
// the end of a paragraph.
func bodyText(seg *widget.TextSegment) bool {
	style := seg.Style
	style.Inline = true
	return style == widget.RichTextStyleInline
}
