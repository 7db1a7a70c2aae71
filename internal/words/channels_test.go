package words

import (
	"testing"

	"github.com/cjm-portal/cjm/internal/content"
)

// TestChannelWords: every built-in channel has a name in every language,
// and a word cjm does not know is shown as written.
func TestChannelWords(t *testing.T) {
	for _, lang := range content.Languages {
		for _, ch := range content.Channels {
			if channelWords[lang][ch] == "" {
				t.Errorf("%s lacks a name for the channel %q", lang, ch)
			}
		}
	}
	if got := ChannelName("ru", "airport", "Airport"); got != "Airport" {
		t.Errorf("an unknown channel is %q, want it as written", got)
	}
	if got := ChannelName("ru", "app", "app"); got != "Приложение" {
		t.Errorf("app in Russian is %q", got)
	}
}
