package ui

import (
	"slices"
	"strings"
	"testing"

	"embedlab/model"
)

// TestTrainOptionNames checks that the class weight, validation, schedule
// and objective selects show a name for each model.Config value and store
// the value itself, and that both translation files name every value, the
// Chinese one in Chinese.
func TestTrainOptionNames(t *testing.T) {
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	h.do(func() {
		o := h.a.train.opts
		selects := []struct {
			name   string
			s      *keySelect
			values []string
		}{
			{"class weight", o.classWeight, model.ClassWeightModes},
			{"validation", o.validation, model.ValidationModes},
			{"schedule", o.schedule, model.Schedules},
			{"objective", o.objective, append([]string{"auto"}, model.Objectives...)},
		}
		for _, sel := range selects {
			if !slices.Equal(o.values[sel.s], sel.values) {
				t.Errorf("%s values = %q, want %q", sel.name, o.values[sel.s], sel.values)
			}
			for _, v := range sel.values {
				key := "train.option_" + v
				if en[key] != v {
					t.Errorf("en.json %s = %q, want the value %q itself", key, en[key], v)
				}
				if !strings.ContainsFunc(zh[key], isHan) {
					t.Errorf("zh_Hans.json %s = %q, want a Chinese name", key, zh[key])
				}

				o.setValue(sel.s, v)
				if got, want := sel.s.Selected, trainOptionName(v); got != want || got != en[key] {
					t.Errorf("%s %q shows %q, want %q as in en.json %q", sel.name, v, got, want, en[key])
				}
				if got := o.value(sel.s); got != v {
					t.Errorf("%s shows %q and stores %q, want %q", sel.name, sel.s.Selected, got, v)
				}
			}
		}
		// A value from a newer model file selects nothing rather than an
		// option that would store another value.
		o.setValue(o.schedule, "cosine")
		if got := o.value(o.schedule); got != "" {
			t.Errorf("schedule after an unknown value stores %q, want nothing selected", got)
		}
	})
}
