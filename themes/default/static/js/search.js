// Search of the portal in the browser, with no server: the build writes
// search.json (internal/render/search.go explains its form), and this
// script fetches it on first use and searches it as the reader types.
//
// An item matches when every word of the query starts a word of its title
// or text: "подтв" finds "Подтверждение перевода", "odpr" finds "Odprawa
// online". Case, diacritics and ё/е, ł/l do not matter. Items whose title
// matches come first, then those whose body's headings do, then the rest;
// results are grouped by kind, at most PER_KIND each. A result found by
// its body shows a snippet of it around the first word found.
//
// Keys: "/" anywhere (but in a field) focuses the box; Up and Down move
// through the results, Enter opens one (the first when none is chosen),
// Escape closes the results and, pressed again, clears the box. The box is
// an ARIA combobox: the focus stays in it, and aria-activedescendant names
// the chosen result.
(function () {
  'use strict';
  const form = document.querySelector('form.search');
  if (!form) return;
  const input = form.querySelector('input');
  const list = form.querySelector('[role="listbox"]');
  const status = form.querySelector('[role="status"]');
  const base = form.dataset.base || '/';
  const PER_KIND = 8;

  // normalize must turn text into what normalizeSearch in search.go does:
  // letters and digits only, lower case, no diacritics, words split by one
  // space. Letters Unicode does not decompose are folded by hand.
  const FOLD = { 'ł': 'l', 'đ': 'd', 'ø': 'o', 'ß': 'ss', 'ı': 'i', 'ς': 'σ' };
  const FOLDED = /[łđøßıς]/g;
  const MARKS = /\p{M}+/gu;
  const NONWORD = /[^\p{L}\p{N}]+/gu;
  const WORD = /^[\p{L}\p{N}]+$/u;
  const fold = (s) => s.normalize('NFD').replace(MARKS, '').toLowerCase().replace(FOLDED, (c) => FOLD[c]);
  const normalize = (s) => fold(s).replace(NONWORD, ' ').trim();

  let index = null; // the prepared search.json
  let loading = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.index)
        .then((r) => {
          if (!r.ok) throw new Error(`${form.dataset.index}: ${r.status}`);
          return r.json();
        })
        .then((data) => {
          index = prepare(data);
          return index;
        });
      loading.catch((err) => {
        console.warn('search:', err);
        loading = null; // try again on the next focus
      });
    }
    return loading;
  }

  // prepare normalises every title and body once and joins them to the
  // item's text and headings, each with a space before every word, so that
  // a word prefix is found by one indexOf(" " + word).
  function prepare(data) {
    const items = data.items;
    const titles = new Array(items.length);
    const heads = new Array(items.length);
    const hay = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const t = ' ' + normalize(it[1]);
      titles[i] = t;
      heads[i] = it[5] ? ' ' + it[5] : '';
      hay[i] = t + (it[4] ? ' ' + it[4] : '') + heads[i] + (it[6] ? ' ' + normalize(it[6]) : '');
    }
    return { kinds: data.kinds, items, titles, heads, hay };
  }

  // path is an item's path from the site's root: a number in the item's
  // ctx names its parent, whose path comes first.
  function path(i) {
    const it = index.items[i];
    return typeof it[3] === 'number' ? path(it[3]) + it[2] : it[2];
  }

  function context(i) {
    const ctx = index.items[i][3];
    if (typeof ctx !== 'number') return ctx;
    const up = context(ctx);
    return up ? up + ' › ' + index.items[ctx][1] : index.items[ctx][1];
  }

  // search returns the items matching query, best first: the title starts
  // with the query (score 0), holds it (1), holds all its words (2); the
  // title and the headings hold them all (3); the title holds some (4), the
  // headings some (5); only the text or body matches (6). Then in the
  // index's order. It returns null while the index is not loaded.
  function search(query) {
    if (!index) return null;
    const q = normalize(query);
    if (!q) return [];
    const words = q.split(' ').map((w) => ' ' + w);
    const phrase = ' ' + q;
    const { hay, titles, heads } = index;
    const found = [];
    next: for (let i = 0; i < hay.length; i++) {
      const h = hay[i];
      for (let k = 0; k < words.length; k++) {
        if (h.indexOf(words[k]) < 0) continue next;
      }
      const t = titles[i];
      let score = 0;
      if (!t.startsWith(phrase)) {
        if (t.indexOf(phrase) >= 0) {
          score = 1;
        } else {
          const hd = heads[i];
          let inTitle = 0, inHeads = 0, inEither = 0;
          for (let k = 0; k < words.length; k++) {
            const a = t.indexOf(words[k]) >= 0, b = hd !== '' && hd.indexOf(words[k]) >= 0;
            if (a) inTitle++;
            if (b) inHeads++;
            if (a || b) inEither++;
          }
          score = inTitle === words.length ? 2 : inEither === words.length ? 3 : inTitle > 0 ? 4 : inHeads > 0 ? 5 : 6;
        }
      }
      found.push(new Result(i, score));
    }
    found.sort((a, b) => a.score - b.score || a.i - b.i);
    return found;
  }

  // Result is one item found. A query may find thousands, of which a few
  // are shown: what only those need is worked out when asked for.
  class Result {
    constructor(i, score) {
      this.i = i;
      this.score = score;
    }
    get kindIndex() { return index.items[this.i][0]; }
    get kind() { return index.kinds[this.kindIndex]; }
    get title() { return index.items[this.i][1]; }
    get url() { return base + path(this.i); }
    get context() { return context(this.i); }
    get body() { return index.items[this.i][6] || ''; }
  }

  // snippet is the part of text around the first place a word of the query
  // starts a word of it, cut between words, with "…" where it is cut; ""
  // when no word is found there.
  const BEFORE = 40, AFTER = 110;
  function snippet(text, words) {
    const chars = Array.from(text);
    const norm = chars.map((c) => {
      const f = fold(c);
      return f === '' || WORD.test(f) ? f : ' ';
    });
    let at = -1;
    for (let p = 0; p < chars.length && at < 0; p++) {
      if (norm[p] === '' || norm[p] === ' ') continue;
      let k = p - 1;
      while (k >= 0 && norm[k] === '') k--;
      if (k >= 0 && norm[k] !== ' ') continue;
      let s = '';
      for (let q = p; q < chars.length && norm[q] !== ' ' && s.length < 64; q++) s += norm[q];
      if (words.some((w) => s.startsWith(w))) at = p;
    }
    if (at < 0) return '';
    let start = Math.max(0, at - BEFORE);
    let end = Math.min(chars.length, at + AFTER);
    if (start > 0) {
      const sp = chars.indexOf(' ', start);
      start = sp >= 0 && sp < at ? sp + 1 : at;
    }
    if (end < chars.length) {
      const sp = chars.lastIndexOf(' ', end);
      if (sp > at) end = sp;
    }
    return (start > 0 ? '… ' : '') + chars.slice(start, end).join('').trim() + (end < chars.length ? ' …' : '');
  }

  // highlight writes title into el, marking where words start its words.
  function highlight(el, title, words) {
    const chars = Array.from(title);
    const norm = chars.map((c) => {
      const f = fold(c);
      return f === '' || WORD.test(f) ? f : ' ';
    });
    const hit = new Array(chars.length).fill(false);
    for (let p = 0; p < chars.length; p++) {
      if (norm[p] === '' || norm[p] === ' ') continue;
      let k = p - 1;
      while (k >= 0 && norm[k] === '') k--;
      if (k >= 0 && norm[k] !== ' ') continue; // not the start of a word
      for (const w of words) {
        let s = '';
        let q = p;
        while (q < chars.length && s.length < w.length && norm[q] !== ' ') s += norm[q++];
        if (s.startsWith(w)) hit.fill(true, p, q);
      }
    }
    let run = '';
    let marked = false;
    const flush = () => {
      if (!run) return;
      if (marked) {
        const m = document.createElement('mark');
        m.textContent = run;
        el.append(m);
      } else {
        el.append(run);
      }
      run = '';
    };
    chars.forEach((c, p) => {
      if (hit[p] !== marked) {
        flush();
        marked = hit[p];
      }
      run += c;
    });
    flush();
  }

  let options = []; // the result links shown
  let active = -1; // the chosen one, -1 for none
  let announce = 0;

  function say(text) {
    clearTimeout(announce);
    // Let typing settle, so a screen reader reads the count once.
    announce = setTimeout(() => {
      status.textContent = text;
    }, 400);
  }

  function open() {
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    // The results hang from the box's right edge, unless that puts them
    // off the screen's left, as when the box wraps to a line of its own.
    list.classList.remove('search-results-left');
    if (list.getBoundingClientRect().left < 0) list.classList.add('search-results-left');
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    choose(-1);
  }

  function choose(n) {
    if (active >= 0 && options[active]) {
      options[active].classList.remove('is-active');
      options[active].setAttribute('aria-selected', 'false');
    }
    active = n;
    if (n < 0 || !options[n]) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const o = options[n];
    o.classList.add('is-active');
    o.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', o.id);
    o.scrollIntoView({ block: 'nearest' });
  }

  function show(query) {
    const results = search(query);
    if (results === null) {
      load().then(() => {
        if (input.value === query) show(query);
      }, () => {});
      return;
    }
    list.textContent = '';
    list.dataset.query = query; // what the results are for; tests wait on it
    options = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!normalize(query)) {
      close();
      say('');
      return;
    }
    if (results.length === 0) {
      const p = document.createElement('p');
      p.className = 'search-none';
      p.textContent = form.dataset.none;
      list.append(p);
      open();
      say(form.dataset.none);
      return;
    }
    // Groups come in the order of their best result.
    const groups = new Map();
    for (const r of results) {
      if (!groups.has(r.kindIndex)) groups.set(r.kindIndex, []);
      groups.get(r.kindIndex).push(r);
    }
    const words = normalize(query).split(' ');
    for (const [k, rs] of groups) {
      const group = document.createElement('div');
      group.className = 'search-group';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-labelledby', `search_k${k}`);
      const head = document.createElement('div');
      head.className = 'search-kind';
      head.id = `search_k${k}`;
      head.setAttribute('role', 'presentation');
      head.textContent = rs[0].kind + ' ';
      const count = document.createElement('span');
      count.className = 'search-count';
      count.textContent = rs.length;
      head.append(count);
      group.append(head);
      for (const r of rs.slice(0, PER_KIND)) {
        const a = document.createElement('a');
        a.className = 'search-option';
        a.id = `search_o${options.length}`;
        a.href = r.url;
        a.tabIndex = -1;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        const title = document.createElement('span');
        title.className = 'search-title';
        highlight(title, r.title, words);
        a.append(title);
        if (r.context) {
          const ctx = document.createElement('span');
          ctx.className = 'search-context';
          ctx.textContent = r.context;
          a.append(ctx);
        }
        const snip = r.score > 2 && r.body ? snippet(r.body, words) : '';
        if (snip) {
          const sn = document.createElement('span');
          sn.className = 'search-snippet';
          highlight(sn, snip, words);
          a.append(sn);
        }
        group.append(a);
        options.push(a);
      }
      if (rs.length > PER_KIND) {
        const more = document.createElement('div');
        more.className = 'search-more';
        more.setAttribute('aria-hidden', 'true');
        more.textContent = form.dataset.more.replace('%d', rs.length - PER_KIND);
        group.append(more);
      }
      list.append(group);
    }
    open();
    say(form.dataset.count.replace('%d', results.length));
  }

  function go(n) {
    const o = options[n];
    if (!o) return;
    close();
    o.click(); // a real link: the browser follows it
  }

  input.addEventListener('focus', () => {
    load().catch(() => {});
    if (input.value && list.hidden) show(input.value);
  });
  input.addEventListener('input', () => show(input.value));

  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (list.hidden) {
          if (input.value) show(input.value);
          return;
        }
        e.preventDefault();
        if (options.length) {
          const step = e.key === 'ArrowDown' ? 1 : -1;
          choose(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
        }
        break;
      case 'Home':
      case 'End':
        if (active < 0) return; // in the text: move the caret
        e.preventDefault();
        choose(e.key === 'Home' ? 0 : options.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        if (!list.hidden) close();
        else input.value = '';
        break;
      case 'Enter':
        e.preventDefault();
        if (!list.hidden) go(active < 0 ? 0 : active);
        break;
    }
  });

  form.addEventListener('submit', (e) => e.preventDefault());
  // Keep the focus in the box while a result is clicked.
  list.addEventListener('mousedown', (e) => e.preventDefault());
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget)) close();
  });
  document.addEventListener('pointerdown', (e) => {
    if (!form.contains(e.target)) close();
  });

  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  // Returning to the page (back button) shows it as it was left: close.
  window.addEventListener('pageshow', () => close());

  window.cjmSearch = search;
  window.cjmSearch.load = () => load().then(() => true);
  window.cjmSearch.normalize = normalize;
  window.cjmSearch.snippet = (text, query) => snippet(text, normalize(query).split(' '));
  form.hidden = false;
})();
