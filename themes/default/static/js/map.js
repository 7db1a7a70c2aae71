// The journey map's viewer. The page draws the map in four panes inside a
// scrolling box (see partials/map-viewer.html): lane names and stage headers
// stick to its edges with or without this script. The script adds zoom:
//
//   - the map opens fitted to the width of its box (to the screen in full
//     screen), so every stage and the whole emotion curve are in view; on
//     a phone, where that would be too small to read, it opens with the
//     lane names and about one stage in view, to swipe through;
//   - buttons: fit, 100 %, zoom out and in, full screen;
//   - Ctrl + wheel and pinch zoom around the pointer; dragging pans;
//   - keys in the focused map: + and - zoom, 0 fits, 1 is 100 %, the
//     arrows scroll;
//   - a link to #stage-SLUG or #tp-SLUG zooms to that stage or touchpoint,
//     centres it and outlines it for a moment;
//   - the zoom and the place are kept for the tab (sessionStorage), so a
//     live reload under `cjm serve` lands where the reader was.
//
// Zoom is one CSS variable, --zoom, on the viewer: the grid of panes takes
// its size from it, and the SVGs, being drawings, stay sharp at any size.
(function () {
  'use strict';
  const MIN = 0.1, MAX = 4, STEP = 1.25;

  function viewer(root) {
    const box = root.querySelector('.map-view');
    const tools = root.querySelector('.map-tools');
    const level = root.querySelector('.map-level');
    const full = root.querySelector('[data-map="full"]');
    const W = parseFloat(root.dataset.w), H = parseFloat(root.dataset.h), LW = parseFloat(root.dataset.lw);
    const key = 'cjm-map:' + location.pathname;
    let zoom = 1;

    // fit is the zoom at which the whole width fits the box; in full screen
    // the whole map fits the screen.
    function fit() {
      const w = box.clientWidth - 2;
      let z = w / W;
      if (document.fullscreenElement === root) z = Math.min(z, (box.clientHeight - 2) / H);
      return Math.max(MIN, Math.min(MAX, z));
    }

    // set zooms to z, keeping the map's point under (px, py), in the box's
    // own pixels, where it was.
    function set(z, px, py) {
      z = Math.max(MIN, Math.min(MAX, z));
      if (px === undefined) { px = box.clientWidth / 2; py = box.clientHeight / 2; }
      const mx = (box.scrollLeft + px) / zoom, my = (box.scrollTop + py) / zoom;
      zoom = z;
      root.style.setProperty('--zoom', String(z));
      box.scrollLeft = mx * z - px;
      box.scrollTop = my * z - py;
      level.textContent = Math.round(z * 100) + ' %';
      save();
    }

    let saving = 0;
    function save() {
      clearTimeout(saving);
      saving = setTimeout(() => {
        try {
          sessionStorage.setItem(key, JSON.stringify({ zoom, x: box.scrollLeft / zoom, y: box.scrollTop / zoom }));
        } catch (e) { /* storage refused: the view is not kept */ }
      }, 150);
    }
    function restore() {
      try {
        const s = JSON.parse(sessionStorage.getItem(key) || 'null');
        if (!s || !(s.zoom > 0)) return false;
        set(s.zoom, 0, 0);
        box.scrollLeft = s.x * zoom;
        box.scrollTop = s.y * zoom;
        return true;
      } catch (e) { return false; }
    }

    // focus zooms to the stage or touchpoint a deep link names, centres it
    // past the sticky panes, and outlines it.
    function focus(id) {
      const el = id && root.querySelector('[id="' + CSS.escape(id) + '"]');
      if (!el) return false;
      if (zoom < 1) set(1, 0, 0);
      const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
      const left = root.querySelector('.map-left').getBoundingClientRect().width;
      const top = root.querySelector('.map-top').getBoundingClientRect().height;
      box.scrollLeft += r.left - b.left - left - Math.max(0, (box.clientWidth - left - r.width) / 2);
      if (!id.startsWith('stage-')) box.scrollTop += r.top - b.top - top - Math.max(0, (box.clientHeight - top - r.height) / 2);
      root.querySelectorAll('.is-target').forEach((t) => t.classList.remove('is-target'));
      el.classList.add('is-target');
      root.scrollIntoView({ block: 'nearest' });
      save();
      return true;
    }
    function fromHash() {
      const id = decodeURIComponent(location.hash.slice(1));
      return /^(stage|tp)-/.test(id) && focus(id);
    }

    tools.hidden = false;
    tools.addEventListener('click', (e) => {
      const b = e.target.closest('[data-map]');
      if (!b) return;
      switch (b.dataset.map) {
        case 'fit': set(fit(), 0, 0); box.scrollLeft = 0; break;
        case 'actual': set(1); break;
        case 'in': set(zoom * STEP); break;
        case 'out': set(zoom / STEP); break;
        case 'full':
          if (document.fullscreenElement === root) document.exitFullscreen();
          else if (root.requestFullscreen) root.requestFullscreen();
          break;
      }
    });
    document.addEventListener('fullscreenchange', () => {
      const on = document.fullscreenElement === root;
      full.setAttribute('aria-pressed', String(on));
      requestAnimationFrame(() => set(fit(), 0, 0));
    });

    box.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const k = { '+': 'in', '=': 'in', '-': 'out', '_': 'out', '0': 'fit', '1': 'actual' }[e.key];
      if (!k) return;
      e.preventDefault();
      tools.querySelector('[data-map="' + k + '"]').click();
    });

    // Ctrl + wheel, and a trackpad's pinch (which the browser sends as one),
    // zoom around the pointer.
    box.addEventListener('wheel', (e) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const b = box.getBoundingClientRect();
      set(zoom * Math.exp(-e.deltaY * 0.0025), e.clientX - b.left, e.clientY - b.top);
    }, { passive: false });

    // A mouse drags the map; two fingers pinch it. One finger scrolls, as
    // the box does by itself.
    const pointers = new Map();
    let drag = null, pinch = null, dragged = false;
    box.addEventListener('pointerdown', (e) => {
      pointers.set(e.pointerId, e);
      if (pointers.size === 2) {
        const [a, c] = [...pointers.values()];
        pinch = { d: Math.hypot(a.clientX - c.clientX, a.clientY - c.clientY), z: zoom };
        drag = null;
      } else if (e.pointerType === 'mouse' && e.button === 0) {
        drag = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop };
        dragged = false;
      }
    });
    box.addEventListener('pointermove', (e) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.set(e.pointerId, e);
      if (pinch && pointers.size === 2) {
        const [a, c] = [...pointers.values()];
        const b = box.getBoundingClientRect();
        const d = Math.hypot(a.clientX - c.clientX, a.clientY - c.clientY);
        set(pinch.z * d / pinch.d, (a.clientX + c.clientX) / 2 - b.left, (a.clientY + c.clientY) / 2 - b.top);
      } else if (drag) {
        const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (!dragged && Math.hypot(dx, dy) < 5) return;
        dragged = true;
        box.classList.add('is-dragging');
        box.scrollLeft = drag.left - dx;
        box.scrollTop = drag.top - dy;
      }
    });
    const end = (e) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
      drag = null;
      box.classList.remove('is-dragging');
    };
    box.addEventListener('pointerup', end);
    box.addEventListener('pointercancel', end);
    // A drag ends where it began; it must not follow the link under it.
    box.addEventListener('click', (e) => {
      if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; }
    }, true);
    box.addEventListener('scroll', save, { passive: true });
    window.addEventListener('hashchange', fromHash);

    // first is the zoom the map opens at: fitted, or on a narrow screen
    // the lane names and one stage of about 280 px, at 100 % at most.
    function first() {
      const w = box.clientWidth - 2;
      return w >= 640 ? fit() : Math.max(fit(), Math.min(1, w / (LW + 280)));
    }

    if (!fromHash() && !restore()) set(first(), 0, 0);
  }

  document.querySelectorAll('.map-viewer').forEach(viewer);
})();
