package viz

import "testing"

func TestTranslator(t *testing.T) {
	data := map[string]any{"MaxLen": 57}
	if got, want := tr("chart.maxlen", "maxlen {{.MaxLen}}", data), "maxlen 57"; got != want {
		t.Errorf("without a translator: %q, want %q", got, want)
	}
	SetTranslator(func(key, fallback string, data map[string]any) string {
		return key + "!" // a stand-in for another language
	})
	defer SetTranslator(nil)
	if got, want := tr("chart.maxlen", "maxlen {{.MaxLen}}", data), "chart.maxlen!"; got != want {
		t.Errorf("with a translator: %q, want %q", got, want)
	}
	SetTranslator(nil)
	if got, want := tr("chart.tokens", "tokens", nil), "tokens"; got != want {
		t.Errorf("after removing the translator: %q, want %q", got, want)
	}
}
