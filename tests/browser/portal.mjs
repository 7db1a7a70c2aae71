// Unseen portals for the browser tests, made to be hard to draw, in
// English, Russian and Polish: 100-character titles, long lists, 80-letter
// words and URLs, deep levels of detail, two personas feeling differently,
// one-stage and twelve-stage journeys, and stages named like the pages cjm
// makes inside a journey (compare, embed, history).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const words = {
  en: 'the customer opens confirmation email payment order delivery slot waits again support calls refund courier basket promo code status screen'.split(' '),
  ru: 'клиент открывает подтверждение письмо оплата заказа доставка слот ждёт снова поддержка звонит возврат курьер корзина промокод статус экран'.split(' '),
  pl: 'klient otwiera potwierdzenie wiadomość płatność zamówienia dostawa termin czeka znowu wsparcie dzwoni zwrot kurier koszyk kod rabatowy status ekran'.split(' '),
};
const longWord = { en: 'Supercalifragilisticexpialidocious', ru: 'Превысокомногорассмотрительствующий', pl: 'Konstantynopolitańczykowianeczka' };
const url = 'https://example.com/a/very/long/path/that/never/ends/with/a/space/anywhere/at/all/index.html';

// text makes n words of the language, the same for the same seed.
function text(lang, seed, n) {
  const w = words[lang];
  const out = [];
  for (let k = 0; k < n; k++) out.push(w[(seed * 7 + k * 3) % w.length]);
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1);
}
// title makes a title of exactly 100 characters.
const title = (lang, seed) => (text(lang, seed, 30) + ' ' + text(lang, seed + 1, 30)).slice(0, 100).trim().padEnd(100, 'x');
const eighty = (lang) => longWord[lang].repeat(3).slice(0, 80);
const yaml = (s) => JSON.stringify(s);
const list = (items) => '[' + items.map(yaml).join(', ') + ']';

function write(dir, file, front, body = '') {
  const p = path.join(dir, file);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '---\n' + front + '---\n' + body);
}

// site writes a portal in one language under root and returns its folder.
export function site(root, lang) {
  const dir = path.join(root, lang);
  write(dir, 'content/_index.md', `title: ${yaml(title(lang, 1))}\nlanguage: ${lang}\n`);
  write(dir, 'content/personas/anna.md', `title: ${yaml('Anna, ' + text(lang, 2, 4))}\n`);
  write(dir, 'content/personas/boris.md', `title: ${yaml('Boris, ' + text(lang, 3, 4))}\n`);
  write(dir, 'content/teams/long.md', `title: ${yaml(title(lang, 4))}\n`);

  const journey = (slug, stages, perStage, extra = '') => {
    write(dir, `content/journeys/${slug}/_index.md`, `title: ${yaml(title(lang, slug.length))}\npersonas: [anna, boris]\n${extra}`);
    for (let s = 0; s < stages; s++) {
      const st = `content/journeys/${slug}/${String(s + 1).padStart(2, '0')}-s${s}`;
      write(dir, `${st}/_index.md`, `title: ${yaml(title(lang, s + 10))}\nduration: ${yaml(text(lang, s, 6))}\ngoals: ${list([title(lang, s), eighty(lang)])}\nexpectations: ${list([url])}\nconversion: 0.${9 - (s % 9)}\n`);
      for (let t = 0; t < perStage; t++) {
        const i = s * perStage + t;
        const parent = t > 0 && t < 4 ? `parent: t${s}-${t - 1}\n` : ''; // a chain four levels deep
        const items = (seed, n) => list(Array.from({ length: n }, (_, k) => (k === 0 ? eighty(lang) : k === 1 ? url : title(lang, seed + k))));
        write(dir, `${st}/t${s}-${t}.md`,
          `title: ${yaml(title(lang, i + 20))}\n` +
          `channel: ${['web', 'sms', 'email', 'kiosk', 'app'][i % 5]}\n` +
          `emotion: {anna: ${(i % 5) - 2}, boris: ${((i + 2) % 5) - 2}}\n` +
          `importance: ${['low', 'medium', 'high', 'critical'][i % 4]}\nengagement: ${['low', 'medium', 'high'][i % 3]}\n` +
          `owner: ${i % 3 ? 'long' : 'none'}\n${parent}` +
          (i % 4 === 3 ? 'source: assumption\n' : '') +
          `actions: ${items(i, 6)}\nquestions: ${items(i + 1, 3)}\nbarriers: ${items(i + 2, 3)}\npains: ${items(i + 3, 4)}\n` +
          `gains: ${items(i + 4, 3)}\ninfluencers: ${items(i + 5, 2)}\nprocesses: ${items(i + 6, 3)}\n` +
          `kpis: [{name: ${yaml(title(lang, i + 30))}, current: 4, target: 0.5, unit: min, better: lower}, {name: ${yaml(eighty(lang))}, current: 97, target: 95, unit: "%"}, {name: x, target: 1}]\n` +
          `metrics: {csi: 3.4, nps: -41}\n` +
          `opportunities: [{title: ${yaml(title(lang, i + 40))}, owner: long, due: 2020-01-01, status: planned}, {title: ${yaml(url)}, status: done}]\n`);
      }
    }
  };
  journey('long', 4, 5, 'target: long-target\n');
  journey('long-target', 3, 2, 'state: target\n');
  journey('one', 1, 1);
  journey('twelve', 12, 1);
  // Stages named like the pages cjm makes inside a journey.
  write(dir, 'content/journeys/named/_index.md', `title: Named\npersonas: anna\n`);
  ['compare', 'embed', 'history'].forEach((st, i) => {
    write(dir, `content/journeys/named/0${i + 1}-${st}/_index.md`, `title: ${st}\n`);
    write(dir, `content/journeys/named/0${i + 1}-${st}/t${i}.md`, `title: ${yaml(title(lang, i))}\nemotion: ${i - 1}\n`);
  });
  return dir;
}


// hundred writes a portal of 100 journeys in the language under root and
// returns its folder and how its journeys are spread: journey j is for
// persona p{j % 8} (and p{(j + 1) % 8} when j % 5 is 0), owned by team
// t{j % 6}. Plain pages with long titles fill the header, so that its
// links cannot all fit one row.
export const hundredPersona = (j) => (j % 5 === 0 ? [`p${j % 8}`, `p${(j + 1) % 8}`] : [`p${j % 8}`]);
export const hundredTeam = (j) => `t${j % 6}`;
export function hundred(root, lang) {
  const dir = path.join(root, `hundred-${lang}`);
  write(dir, 'content/_index.md', `title: ${yaml(text(lang, 1, 3))}\nlanguage: ${lang}\n`);
  for (let p = 0; p < 8; p++) write(dir, `content/personas/p${p}.md`, `title: ${yaml(`${text(lang, p, 1)} ${p}, ${text(lang, p + 3, 3)}`)}\n`);
  for (let t = 0; t < 6; t++) write(dir, `content/teams/t${t}.md`, `title: ${yaml(`${text(lang, t + 9, 2)} ${t}`)}\n`);
  for (let k = 0; k < 4; k++) write(dir, `content/page-${k}.md`, `title: ${yaml(text(lang, k + 20, 3))}\n`, 'Text.\n');
  for (let j = 0; j < 100; j++) {
    const slug = `j${String(j).padStart(3, '0')}`;
    write(dir, `content/journeys/${slug}/_index.md`,
      `title: ${yaml(`${text(lang, j, 4)} ${j}`)}\npersonas: [${hundredPersona(j).join(', ')}]\nowner: ${hundredTeam(j)}\n` +
      `tags: [${['alpha', 'beta', 'gamma'][j % 3]}]\nupdated: 2026-${String(1 + (j % 12)).padStart(2, '0')}-10\n` +
      (j % 10 === 9 ? 'state: target\n' : ''));
    write(dir, `content/journeys/${slug}/01-s/_index.md`, `title: ${yaml(text(lang, j + 1, 2))}\n`);
    write(dir, `content/journeys/${slug}/01-s/t.md`,
      `title: ${yaml(text(lang, j + 2, 3))}\nchannel: web\nowner: ${hundredTeam(j)}\nemotion: ${(j % 5) - 2}\n` +
      (j % 4 === 0 ? `opportunities: [{title: ${yaml(text(lang, j + 3, 3))}, owner: ${hundredTeam(j)}, due: 2027-01-01}]\n` : ''));
  }
  return dir;
}
