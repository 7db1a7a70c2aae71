package swimlane

import (
	"strings"
	"testing"
)

func TestFunnel(t *testing.T) {
	steps := []FunnelStep{
		{Label: "Awareness", URL: "journeys/j/awareness/", Reaching: 1},
		{Label: "Search <&> a long title that does not fit on one line of the label column at all", URL: "journeys/j/search/", Reaching: 0.625},
		{Label: "Поддержка", URL: "journeys/j/support/", Reaching: 0.3, Unknown: true},
	}
	svg := Funnel(steps, Options{Lang: "en", Link: func(s string) string { return "/cjm/" + s }})
	if err := wellFormed(svg); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	goldenCheck(t, "funnel", svg)
	s := string(svg)
	for _, want := range []string{
		`href="/cjm/journeys/j/search/"`,
		`width="360"`,    // the first stage: everybody, the widest bar
		`width="225"`,    // 62.5 % of 360
		`>62.5 %</text>`, // the share, written out
		`>≤ 30 %</text>`, // after a stage with no conversion: at most
		"Search &lt;&amp;&gt;",
		`<desc id="funnel-desc">Awareness: 100 %; Search &lt;&amp;&gt; a long title`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("funnel lacks %q", want)
		}
	}
	if Funnel(nil, Options{}) != nil {
		t.Error("no steps should draw nothing")
	}
}
