// The header's links in one row: those that do not fit it move, from the
// last, into a "More" menu after it, and come back when the window widens.
// The menu opens on its button, closes on Escape (the focus back on the
// button), on a click elsewhere or when the focus leaves it. Without
// JavaScript the row scrolls sideways instead.
(function () {
  'use strict';
  const nav = document.querySelector('.site-nav');
  if (!nav) return;
  const row = nav.querySelector(':scope > ul');
  const more = nav.querySelector('.nav-more');
  if (!row || !more) return;
  const button = more.querySelector('button');
  const menu = more.querySelector('ul');
  const items = Array.from(row.children);

  function open(on) {
    menu.hidden = !on;
    button.setAttribute('aria-expanded', String(on));
  }

  function fit() {
    for (const li of items) row.append(li); // all back, in order
    more.hidden = true;
    if (row.scrollWidth <= row.clientWidth) {
      open(false);
      return;
    }
    more.hidden = false;
    for (let i = items.length - 1; i > 0 && row.scrollWidth > row.clientWidth; i--) {
      menu.prepend(items[i]);
    }
    // The current page's link in the menu marks the button.
    button.classList.toggle('active', !!menu.querySelector('[aria-current], .active'));
  }

  button.addEventListener('click', () => open(menu.hidden));
  more.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) {
      open(false);
      button.focus();
    }
  });
  more.addEventListener('focusout', (e) => {
    if (!more.contains(e.relatedTarget)) open(false);
  });
  document.addEventListener('pointerdown', (e) => {
    if (!more.contains(e.target)) open(false);
  });
  new ResizeObserver(fit).observe(nav);
  if (document.fonts) document.fonts.ready.then(fit);
  fit();
})();
