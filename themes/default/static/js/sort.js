// Sortable tables: every table marked data-sortable gets a button in each
// column head; pressing it sorts the rows by that column, then the other
// way. A cell's data-value, when present, is what it sorts by (an ISO
// date, say); otherwise its text, compared as people read: numbers as
// numbers, words in the page's language. aria-sort tells screen readers.
(function () {
  'use strict';
  const lang = document.documentElement.lang || undefined;
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const valueOf = (row, i) => {
    const cell = row.children[i];
    if (!cell) return '';
    return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  };
  document.querySelectorAll('table[data-sortable]').forEach((table) => {
    const heads = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    heads.forEach((th, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach((h) => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = valueOf(a, i), y = valueOf(b, i);
          if (x === '' && y !== '') return 1; // empty cells last, either way
          if (y === '' && x !== '') return -1;
          const c = collator.compare(x, y);
          return ascending ? c : -c;
        });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  });
})();
