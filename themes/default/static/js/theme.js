// The header's light/dark toggle. The portal follows the reader's system
// until the reader presses the toggle; the choice is then kept in
// localStorage ("cjm-theme") and set as data-theme on <html> by a line in
// the page's head, before the first paint. Choosing what the system would
// show anyway forgets the choice, so the portal follows the system again.
(function () {
  'use strict';
  const button = document.querySelector('.theme-toggle');
  if (!button) return;
  const root = document.documentElement;
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const label = button.querySelector('.visually-hidden');

  function dark() {
    const chosen = root.dataset.theme;
    return chosen ? chosen === 'dark' : system.matches;
  }
  function show() {
    const on = dark();
    button.setAttribute('aria-pressed', String(on));
    button.title = on ? button.dataset.light : button.dataset.dark;
    if (label) label.textContent = button.dataset.dark;
  }
  function remember(choice) {
    try {
      if (choice) localStorage.setItem('cjm-theme', choice);
      else localStorage.removeItem('cjm-theme');
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  button.addEventListener('click', function () {
    const want = dark() ? 'light' : 'dark';
    if ((want === 'dark') === system.matches) {
      delete root.dataset.theme;
      remember('');
    } else {
      root.dataset.theme = want;
      remember(want);
    }
    show();
  });
  system.addEventListener('change', show);
  // Another tab changed the choice.
  window.addEventListener('storage', function (e) {
    if (e.key !== 'cjm-theme') return;
    if (e.newValue === 'light' || e.newValue === 'dark') root.dataset.theme = e.newValue;
    else delete root.dataset.theme;
    show();
  });
  show();
  button.hidden = false;
})();

// On a phone the header's sections scroll sideways: bring the current one
// into view, so the reader sees where they are.
(function () {
  'use strict';
  const current = document.querySelector('.site-nav [aria-current], .site-nav .active');
  if (current) current.scrollIntoView({ block: 'nearest', inline: 'center' });
})();
