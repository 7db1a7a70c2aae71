package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestFiles(t *testing.T) {
	files := map[string][]byte{
		"index.html":          []byte("home"),
		"journeys/index.html": []byte("journeys"),
		"css/cjm.css":         []byte("body{}"),
		"404.html":            []byte("not found page"),
	}
	srv := httptest.NewServer(Files(files, "/cjm/"))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path   string
		status int
		body   string
		header string
	}{
		{"/cjm/", 200, "home", "text/html; charset=utf-8"},
		{"/cjm/journeys/", 200, "journeys", "text/html; charset=utf-8"},
		{"/cjm/journeys", 301, "", ""},
		{"/cjm", 301, "", ""},
		{"/cjm/css/cjm.css", 200, "body{}", "text/css; charset=utf-8"},
		{"/cjm/nothing/here/", 404, "not found page", "text/html; charset=utf-8"},
		{"/elsewhere/", 404, "not found page", "text/html; charset=utf-8"},
		{"/cjm/../cjm/index.html", 200, "home", "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		res, err := client.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
		}
		if tt.body != "" && string(body) != tt.body {
			t.Errorf("%s: body %q, want %q", tt.path, body, tt.body)
		}
		if tt.header != "" && res.Header.Get("Content-Type") != tt.header {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, res.Header.Get("Content-Type"), tt.header)
		}
	}
}
