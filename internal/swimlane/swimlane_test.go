package swimlane

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func journey(title string, tps ...string) *site.Journey {
	j := &site.Journey{Journey: &content.Journey{Meta: content.Meta{Slug: "j", Title: title}}, URL: "journeys/j/"}
	st := &site.Stage{Stage: &content.Stage{Meta: content.Meta{Slug: "s", Title: title}}, URL: "journeys/j/s/", Journey: j}
	j.Stages = []*site.Stage{st}
	for i, tt := range tps {
		e := i%5 - 2
		tp := &site.Touchpoint{Touchpoint: &content.Touchpoint{Meta: content.Meta{Slug: "t", Title: tt}, Emotion: &e}, URL: "journeys/j/s/t/", Journey: j, Stage: st}
		st.Touchpoints = append(st.Touchpoints, tp)
		j.Touchpoints = append(j.Touchpoints, tp)
	}
	return j
}

// TestWellFormed checks that the SVG parses as XML whatever the content holds.
func TestWellFormed(t *testing.T) {
	nasty := []string{
		"<script>alert('x')</script> & \"quotes\"",
		"control \x00\x01\x08\x0b\x0c\x1f characters",
		"emoji 😀👩‍👩‍👧 and RTL שלום عربى and CJK 顧客体験",
		strings.Repeat("Длинноесловобезпробелов", 6),
		"invalid utf-8 \xff\xfe here",
		"\ufffe\uffff non-characters",
	}
	for _, s := range nasty {
		svg := SVG(journey(s, s, s), Options{Lang: "ru"})
		dec := xml.NewDecoder(strings.NewReader(string(svg)))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed for %q: %v\n%s", s, err, svg)
			}
		}
		if strings.Contains(string(svg), "<script") {
			t.Errorf("unescaped markup for %q", s)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  []string
	}{
		{"Order confirmation email", 150, []string{"Order confirmation", "email"}},
		{"", 100, []string{""}},
		{"abcdefghijklmnopqrstuvwxyz", 74, []string{"abcdefghij", "klmnopqrst", "uvwxyz"}},
	}
	for _, tt := range tests {
		got := wrap(tt.text, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}
