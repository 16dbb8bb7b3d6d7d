package corpus

// DefaultFilters is the set of characters Keras' Tokenizer removes by default.
const DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

// Tokenizer turns texts into sequences of word indices with the rules of
// Keras' text Tokenizer (keras.preprocessing.text.Tokenizer).
type Tokenizer struct {
	NumWords int    // keep indices 1..NumWords-1 in sequences; 0 keeps every word
	Filters  string // characters replaced by Split before splitting
	Lower    bool
	Split    string
	OOVToken string // when not empty, index 1 and the replacement for unknown words

	WordCounts map[string]int
	WordIndex  map[string]int // 1-based, ordered by count with ties in order of first appearance
	IndexWord  []string       // IndexWord[i] is the word with index i; IndexWord[0] is ""
	DocCount   int
}

// NewTokenizer returns a tokenizer with Keras' defaults and num_words numWords.
func NewTokenizer(numWords int) *Tokenizer {
	return &Tokenizer{NumWords: numWords, Filters: DefaultFilters, Lower: true, Split: " "}
}

// FitOnTexts updates the word counts and rebuilds WordIndex and IndexWord.
func (t *Tokenizer) FitOnTexts(texts []string) {}

// Words splits text into words (Keras' text_to_word_sequence).
func (t *Tokenizer) Words(text string) []string { return nil }

// TextsToSequences maps each text to its word indices, dropping words whose
// index is NumWords or more and unknown words, unless OOVToken is set.
func (t *Tokenizer) TextsToSequences(texts []string) [][]int { return nil }

// PadSequences returns a len(seqs)×maxlen matrix, row-major, as Keras'
// pad_sequences does; padding and truncating are "pre" or "post".
func PadSequences(seqs [][]int, maxlen int, padding, truncating string, value int) []int32 {
	return nil
}
