// live.js: the cjm dev server injects this into every page it serves.
// It reloads the page after each rebuild and shows build errors over the
// last good page. Plain script, no dependencies.
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script) return;
  // The build this page came from; the server's hello event says whether
  // a newer one happened while we were not listening.
  let build = Number(script.dataset.build);
  // live.js and events live side by side under {base}__cjm/.
  const eventsURL = new URL('events', script.src).href;
  const overlayID = 'cjm-build-errors';

  let source = null;

  function connect() {
    if (source) return;
    source = new EventSource(eventsURL);
    source.addEventListener('hello', (e) => {
      const state = JSON.parse(e.data);
      if (state.build !== build) {
        location.reload();
        return;
      }
      if (state.errors && state.errors.length > 0) {
        showErrors(state.errors);
      } else {
        hideErrors();
      }
      // Says the page listens, for tests and the curious.
      document.documentElement.dataset.cjmLive = 'listening';
    });
    source.addEventListener('reload', (e) => {
      // pages, when given, are the only pages that changed: any other
      // page is as the new build made it, and stays.
      let state = {};
      try { state = JSON.parse(e.data); } catch (err) { /* reload */ }
      if (!Array.isArray(state.pages) || state.pages.includes(here())) {
        location.reload();
        return;
      }
      build = state.build;
      hideErrors();
    });
    source.addEventListener('errors', (e) => showErrors(JSON.parse(e.data)));
    // On errors EventSource reconnects by itself; nothing to do.
  }

  // here is this page's URL path as the server names pages: unescaped,
  // a folder's index.html by the folder.
  function here() {
    let p = location.pathname;
    try { p = decodeURIComponent(p); } catch (err) { /* keep it escaped */ }
    return p.endsWith('/index.html') ? p.slice(0, -'index.html'.length) : p;
  }

  function disconnect() {
    if (!source) return;
    source.close();
    source = null;
  }

  // Background tabs give their connection back: browsers allow only a few
  // per host over HTTP/1.1. When the tab is shown again, hello reloads it
  // if a build happened meanwhile.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      disconnect();
    } else {
      connect();
    }
  });

  // el makes an element; text goes in with textContent only, because
  // error messages quote user content and must never become markup.
  function el(tag, style, text) {
    const node = document.createElement(tag);
    node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hideErrors() {
    const old = document.getElementById(overlayID);
    if (old) old.remove();
  }

  function showErrors(errors) {
    hideErrors();
    if (!Array.isArray(errors) || errors.length === 0) return;

    const panel = el('div',
      'position:fixed;top:0;left:0;right:0;z-index:2147483647;' +
      'max-height:70vh;overflow:auto;background:#fff;color:#1a1a1a;' +
      'font:15px/1.45 system-ui,sans-serif;text-align:left;' +
      'box-shadow:0 4px 16px rgba(0,0,0,.35)');
    panel.id = overlayID;
    panel.setAttribute('role', 'alert');

    const header = el('div',
      'display:flex;align-items:center;justify-content:space-between;' +
      'gap:1em;padding:.6em 1em;background:#8b0000;color:#fff;font-weight:bold');
    const n = errors.length;
    header.append(el('span', '', `Build failed: ${n} ${n === 1 ? 'error' : 'errors'}`));
    const close = el('button',
      'background:none;border:0;color:inherit;font:inherit;font-size:1.4em;' +
      'line-height:1;cursor:pointer;padding:0 .2em', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', hideErrors);
    header.append(close);
    panel.append(header);

    for (const err of errors) {
      const item = el('div', 'padding:.6em 1em;border-bottom:1px solid #eee');
      const where = err.line > 0 ? `${err.file}:${err.line}` : String(err.file || '');
      item.append(el('div', 'font-family:ui-monospace,monospace;color:#8b0000', where));
      item.append(el('div', 'margin-top:.2em', String(err.message || '')));
      if (err.hint) {
        item.append(el('div', 'margin-top:.2em;color:#555', String(err.hint)));
      }
      panel.append(item);
    }
    (document.body || document.documentElement).append(panel);
  }

  if (document.visibilityState !== 'hidden') connect();
})();
