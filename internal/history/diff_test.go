package history_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/history"
)

func tp(t *testing.T, front string) *content.Touchpoint {
	t.Helper()
	it, diags := content.Decode("content/journeys/j/01-s/x.md", []byte("---\ntitle: X\n"+front+"\n---\n"))
	if diags.HasErrors() {
		t.Fatalf("%s: %v", front, diags)
	}
	return it.(*content.Touchpoint)
}

func stages(t *testing.T, list ...string) []*content.Stage {
	t.Helper()
	var out []*content.Stage
	for _, s := range list {
		folder, front, _ := strings.Cut(s, ":")
		it, diags := content.Decode("content/journeys/j/"+folder+"/_index.md", []byte("---\n"+front+"\n---\n"))
		if diags.HasErrors() {
			t.Fatalf("%s: %v", s, diags)
		}
		out = append(out, it.(*content.Stage))
	}
	content.Sort(out)
	return out
}

func says(cs []history.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, strings.Join(slices.DeleteFunc([]string{string(c.Kind), c.Stage, c.Detail, c.From + ">" + c.To, c.Unit}, func(s string) bool { return s == "" || s == ">" }), " "))
	}
	return out
}

func TestTouchpointChanges(t *testing.T) {
	both := []string{"anna", "boris"}
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{"nothing", "emotion: 1", "emotion: 1", nil},
		{"emotion for all", "emotion: -1", "emotion: 1", []string{"emotion -1>1"}},
		{"emotion per persona", "emotion: 1", "emotion: {anna: 1, boris: -2}", []string{"emotion boris 1>-2"}},
		{"a persona's emotion given", "emotion: {anna: 1}", "emotion: {anna: 1, boris: 0}", []string{"emotion boris >0"}},
		{"emotion taken away", "emotion: 2", "", []string{"emotion anna 2>", "emotion boris 2>"}},
		{"pain added", "pains: [Slow]", "pains: [Slow, Dear]", []string{"pain-added Dear"}},
		{"pain resolved", "pains: [Slow, Dear]", "pains: [Dear]", []string{"pain-resolved Slow"}},
		{"barrier added and resolved", "barriers: [Login]", "barriers: [Captcha]", []string{"barrier-added Captcha", "barrier-resolved Login"}},
		{"gain added", "", "gains: [Free delivery]", []string{"gain-added Free delivery"}},
		{"gain removed", "gains: [{text: Free delivery, source: survey}]", "", []string{"gain-removed Free delivery"}},
		{"owner assigned", "owner: none", "owner: crm", []string{"owner-assigned >crm"}},
		{"owner assigned where none was named", "", "owner: crm", []string{"owner-assigned >crm"}},
		{"owner changed", "owner: crm", "owner: web", []string{"owner-changed crm>web"}},
		{"owner removed", "owner: crm", "owner: none", []string{"owner-removed crm>"}},
		{"KPI current changed", "kpis: [{name: Time, current: 40, unit: min}]", "kpis: [{name: Time, current: 4, unit: min}]", []string{"kpi Time 40>4 min"}},
		{"KPI target alone changed", "kpis: [{name: Time, current: 4, target: 2}]", "kpis: [{name: Time, current: 4, target: 1}]", nil},
		{"KPI measured", "", "kpis: [{name: Time, current: 4}]", []string{"kpi-added Time >4"}},
		{"metrics changed", "metrics: {csi: 3, nps: 10}", "metrics: {csi: 3.5, nps: 10, conversion: 40%}", []string{"metric csi 3>3.5", "metric conversion >0.4"}},
		{"opportunity opened", "", "opportunities: [{title: Push, status: planned}]", []string{"opportunity-opened Push >planned"}},
		{"opportunity opened as an idea", "", "opportunities: [{title: Push}]", []string{"opportunity-opened Push >idea"}},
		{"opportunity moved on", "opportunities: [{title: Push}]", "opportunities: [{title: Push, status: in-progress}]", []string{"opportunity-status Push idea>in-progress"}},
		{"opportunity done", "opportunities: [{title: Push, status: in-progress}]", "opportunities: [{title: Push, status: done}]", []string{"opportunity-done Push in-progress>"}},
		{"opportunity added done", "", "opportunities: [{title: Push, status: done}]", []string{"opportunity-done Push"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := says(history.Touchpoint(tp(t, tc.old), tp(t, tc.new), both, both))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStageChanges(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []string
		want     []string
	}{
		{"nothing", []string{"01-a:title: A", "02-b:title: B"}, []string{"01-a:title: A", "02-b:title: B"}, nil},
		{"added", []string{"01-a:title: A"}, []string{"01-a:title: A", "02-b:title: B"}, []string{"stage-added B"}},
		{"removed", []string{"01-a:title: A", "02-b:title: B"}, []string{"01-a:title: A"}, []string{"stage-removed B"}},
		{"renamed", []string{"01-a:title: A"}, []string{"01-a:title: Aa"}, []string{"stage-renamed Aa A>Aa"}},
		{"reordered by number", []string{"01-a:title: A", "02-b:title: B"}, []string{"02-a:title: A", "01-b:title: B"}, []string{"stages-reordered >B → A"}},
		{"reordered by weight", []string{"01-a:title: A", "02-b:title: B"}, []string{"01-a:title: A", "02-b:{title: B, weight: -1}"}, []string{"stages-reordered >B → A"}},
		{"added in front, the rest in order", []string{"01-a:title: A"}, []string{"01-a:title: A", "00-z:title: Z"}, []string{"stage-added Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := says(history.Stages(stages(t, tc.old...), stages(t, tc.new...)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	feel := func(v ...int) []history.Feeling {
		var out []history.Feeling
		for i, x := range v {
			out = append(out, history.Feeling{Persona: []string{"anna", "boris"}[i], Value: x})
		}
		return out
	}
	a := &history.Point{Stages: []history.PointStage{
		{Slug: "buy", Title: "Buy", Touchpoints: []history.PointTouchpoint{{Slug: "cart", Title: "Cart", Feelings: feel(-1, -1)}, {Slug: "gone", Title: "Gone"}}},
		{Slug: "pay", Title: "Pay", Touchpoints: []history.PointTouchpoint{{Slug: "card", Title: "Card", Feelings: feel(0, 0)}}},
	}}
	b := &history.Point{Stages: []history.PointStage{
		{Slug: "buy", Title: "Buy", Touchpoints: []history.PointTouchpoint{{Slug: "cart", Title: "Cart", Feelings: feel(1, -2)}, {Slug: "card", Title: "Pay by card", Feelings: feel(1, 1)}}},
		{Slug: "pay", Title: "Pay", Touchpoints: []history.PointTouchpoint{{Slug: "new", Title: "New"}}},
	}}
	got := says(history.Compare(a, b))
	want := []string{"emotion anna -1>1", "emotion boris -1>-2", "touchpoint-renamed Card>Pay by card", "touchpoint-moved Pay>Buy", "emotion 0>1", "touchpoint-added Pay", "touchpoint-removed Buy"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
