package site

import "testing"

func TestParseBaseAndLink(t *testing.T) {
	tests := []struct {
		base, rel, link, abs string
	}{
		{"", "journeys/x/", "/journeys/x/", "/journeys/x/"},
		{"/", "", "/", "/"},
		{"/cjm", "journeys/x/", "/cjm/journeys/x/", "/cjm/journeys/x/"},
		{"https://org.github.io/cjm/", "personas/olga/", "/cjm/personas/olga/", "https://org.github.io/cjm/personas/olga/"},
		{"https://org.github.io", "/glossary/#stage", "/glossary/#stage", "https://org.github.io/glossary/#stage"},
		{"/", "journeys/перевод/этап/", "/journeys/%D0%BF%D0%B5%D1%80%D0%B5%D0%B2%D0%BE%D0%B4/%D1%8D%D1%82%D0%B0%D0%BF/", "/journeys/%D0%BF%D0%B5%D1%80%D0%B5%D0%B2%D0%BE%D0%B4/%D1%8D%D1%82%D0%B0%D0%BF/"},
	}
	for _, tt := range tests {
		b, err := ParseBase(tt.base)
		if err != nil {
			t.Fatalf("ParseBase(%q): %v", tt.base, err)
		}
		if got := b.Link(tt.rel); got != tt.link {
			t.Errorf("ParseBase(%q).Link(%q) = %q, want %q", tt.base, tt.rel, got, tt.link)
		}
		if got := b.Abs(tt.rel); got != tt.abs {
			t.Errorf("ParseBase(%q).Abs(%q) = %q, want %q", tt.base, tt.rel, got, tt.abs)
		}
	}
	for _, bad := range []string{"ftp://x/", "https://x/?a=1", "//host-only/", "https://x/#frag"} {
		if _, err := ParseBase(bad); err == nil {
			t.Errorf("ParseBase(%q) succeeded, want an error", bad)
		}
	}
}
