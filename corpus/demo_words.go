package corpus

// demoLang is the vocabulary and the templates of the demo corpus in one
// language. Index 0 of each pair is negative, index 1 positive.
type demoLang struct {
	name       string       // shown in Corpus.Name
	capitalise bool         // upper-case the first letter of each sentence
	wordSep    string       // between a hedge and its adjective: " " in English, "" in Chinese
	strong     [2][]string  // adjectives that decide the label wherever they occur
	mild       [2][]string  // adjectives that negation flips and strong words override
	verbs      [2][]string  // verbs that decide the label
	hedges     [2]string    // words before a mild adjective of that polarity, in documents of either label
	topics     [][]demoNoun // domains; a sentence takes its nouns from one domain
	people     []string
	times      []string
	intens     []string // before adjectives
	verbIntens []string // before verbs
	templates  []demoTemplate
}

// demoNoun is a topic noun alone and with what goes between "this" and it
// (the Chinese measure word).
type demoNoun struct{ noun, measured string }

// demoTemplate is a sentence pattern whose label is the polarity written
// "+" in its slots, and how often it is used relative to the others.
//
// Slots: {A+} strong or mild adjective of the label, {S+} strong adjective
// of the label, {M-} mild adjective of the other polarity, {HM-} the same
// after its hedge, {HA+} mild adjective of the label after its hedge, {V+}
// verb of the label, {N} a noun, {MN} a noun with its measure word, {P} a
// person, {W} a time, {I} an intensifier, {IV} an intensifier before a verb.
type demoTemplate struct {
	weight int
	text   string
}

var demoEnglish = demoLang{
	name:       "English",
	capitalise: true,
	wordSep:    " ",
	strong: [2][]string{
		{"terrible", "awful", "horrible", "dreadful", "atrocious", "abysmal", "disgusting", "appalling"},
		{"excellent", "wonderful", "brilliant", "superb", "fantastic", "outstanding", "amazing", "magnificent"},
	},
	mild: [2][]string{
		{"bad", "poor", "weak", "dull", "bland", "boring", "mediocre", "slow"},
		{"good", "nice", "pleasant", "decent", "enjoyable", "charming", "fun", "solid"},
	},
	verbs: [2][]string{
		{"hated", "disliked", "loathed", "despised", "detested", "resented", "regretted", "condemned"},
		{"loved", "enjoyed", "adored", "liked", "appreciated", "admired", "praised", "recommended"},
	},
	hedges: [2]string{"a bit", "fairly"},
	topics: [][]demoNoun{
		nouns("film", "movie", "show", "concert", "book", "album", "game", "play"),
		nouns("meal", "dinner", "restaurant", "hotel", "room", "service", "trip", "coffee"),
	},
	people:     []string{"I", "we", "my friend", "my family", "my sister", "everyone", "my parents", "the kids"},
	times:      []string{"yesterday", "tonight", "today", "recently", "last week", "last night", "on sunday", "this morning"},
	intens:     []string{"really", "very", "truly", "so", "quite"},
	verbIntens: []string{"really", "truly", "absolutely", "totally"},
	templates: []demoTemplate{
		{3, "the {N} was {I} {A+}."},
		{2, "{W} the {N} was {A+}."},
		{1, "the {N} was not {M-}."},
		{1, "honestly, the {N} was not {M-} at all."},
		{1, "the {N} was {M-} but the {N} was {I} {S+}."},
		{1, "although the {N} was {M-}, the {N} was {S+}."},
		{2, "{P} {V+} the {N}."},
		{2, "{P} {IV} {V+} this {N}."},
		{2, "{P} {V+} the {N} because it was {I} {A+}."},
		{1, "{P} {V+} the {N} even though the {N} was {HM-}."},
		{1, "{W} the {N} was {HA+}."},
		{1, "{P} tried the {N}: the {N} was {A+} and the {N} was {I} {A+}."},
	},
}

// demoChinese mirrors demoEnglish in natural Chinese, with punctuation and
// without spaces between words, so that DetectSegmenter chooses the word
// segmenter for it. Its words are chosen so that the segmenter's dictionary
// cuts the sentences back into them: for instance 差 would merge into 很差
// and 不差, and 的话剧 would cut as 的话 剧, so neither is used.
var demoChinese = demoLang{
	name: "中文",
	strong: [2][]string{
		{"糟糕", "可怕", "恶心", "恶劣", "差劲", "离谱", "恐怖", "低劣"},
		{"精彩", "出色", "完美", "卓越", "绝妙", "优秀", "杰出", "惊艳"},
	},
	mild: [2][]string{
		{"粗糙", "一般", "无聊", "单调", "普通", "失望", "枯燥", "拖沓"},
		{"好", "有趣", "舒服", "愉快", "温馨", "顺利", "合适", "贴心"},
	},
	verbs: [2][]string{
		{"讨厌", "厌恶", "后悔", "抱怨", "痛恨", "反感", "嫌弃", "批评"},
		{"喜欢", "热爱", "享受", "欣赏", "推荐", "称赞", "赞美", "怀念"},
	},
	hedges: [2]string{"有点", "还算"},
	topics: [][]demoNoun{
		{{"电影", "部电影"}, {"演出", "场演出"}, {"音乐会", "场音乐会"}, {"小说", "本小说"},
			{"专辑", "张专辑"}, {"游戏", "款游戏"}, {"节目", "个节目"}, {"歌剧", "场歌剧"}},
		{{"晚餐", "顿晚餐"}, {"餐厅", "家餐厅"}, {"酒店", "家酒店"}, {"房间", "间房间"},
			{"服务", "次服务"}, {"旅行", "次旅行"}, {"咖啡", "杯咖啡"}, {"早餐", "顿早餐"}},
	},
	people:     []string{"我", "我们", "朋友", "家人", "同事", "大家", "妈妈", "邻居"},
	times:      []string{"昨天", "今天", "上周", "周末", "最近", "前天", "今晚", "上个月"},
	intens:     []string{"很", "非常", "特别", "真的", "十分"},
	verbIntens: []string{"很", "非常", "真的", "特别"},
	templates: []demoTemplate{
		{3, "这{MN}{I}{A+}。"},
		{2, "{W}的{N}{I}{A+}。"},
		{1, "这{MN}并不算{M-}。"},
		{1, "说实话，{N}根本不算{M-}。"},
		{1, "{N}{HM-}，但是{N}{I}{S+}。"},
		{1, "虽然{N}{I}{M-}，但是{N}{I}{S+}。"},
		{2, "{P}{V+}这{MN}。"},
		{2, "{P}{IV}{V+}这{MN}。"},
		{2, "{P}{V+}这{MN}，因为它{I}{A+}。"},
		{1, "{P}{V+}这{MN}，虽然{N}{HM-}。"},
		{1, "{W}的{N}{HA+}。"},
		{1, "{P}觉得{N}{I}{A+}，而且{N}也{I}{A+}。"},
	},
}

func nouns(words ...string) []demoNoun {
	out := make([]demoNoun, len(words))
	for i, w := range words {
		out[i] = demoNoun{noun: w, measured: w}
	}
	return out
}
