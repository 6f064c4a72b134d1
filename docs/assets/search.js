// Site search, in Material's search box: the Pagefind index of this page's language, loaded in
// chunks when the reader first opens the box (scripts/site/search.py builds it).
//
// Every value shown comes from the index as text and is put on the page as text nodes, never as
// markup. A Korean page's index entry ends with a part the page does not show (the morphemes Kiwi
// finds, so that 지능 finds 인공지능); it follows the last MARK and is never shown in an excerpt.
//
// The index holds Korean text coded in ASCII letters (scripts/site/search.py says why and how):
// queries are coded before they are searched, and titles and texts decoded before they are shown.
//
// What is found, in this order:
// 1. the pages Pagefind finds holding every word of the query, a record's names in both languages
//    and its other spellings counting more than any word of a page (metadata `names`, `topic`,
//    `titles`: so `fair use` finds on the Korean site what is named so in English);
// 2. when a word of the query stands on none of them (Pagefind leaves out a word it does not know,
//    or takes a shorter word it knows for it), the same query with that word spelt as the name one
//    letter from it (docs/assets/spelling.js; Zuckerburg → Zuckerberg, 투브론 → 투브롱) — first, and
//    before the pages of 1. when these hold the word only with another ending (judge, judgement);
// 3. then the pages holding the words that were found: all of them together, else each, those
//    holding more of the words first.
// A word is marked only where a word begins (never right after a letter or digit, but for a Latin
// letter after Hangul; inside a Korean word, where Kiwi found a morpheme to begin), so `fair use`
// never marks "unfair" or "refused", and 지능 marks 인공지능's 지능; an English word is marked whole.
(() => {
  "use strict";
  const MARK = "\u2042";
  const PAGE = 10;
  const CHECKED = 3;  // results looked at to tell whether a word of the query was found
  const FIRST = "abcdefghijklmnopqrstuvwyz";
  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  const NAMED = ["names", "topic", "titles"];  // metadata holding a record's names (scripts/site/pages/common.py)
  const WORD = /[\p{L}\p{N}]/u;
  const HANGUL = /[\uac00-\ud7a3]/;
  // English endings the stemmer Pagefind uses for English takes off a word, so that `companies`
  // finds `company`: a word so found is marked too, and counts as found. After the letters two words
  // share, each goes on with one of these (or with the last shared consonant again: `running`, `run`).
  const ENDING = /^(?:s|es|ed|d|ing|ings|e|y|ies|ied|ier|iest|er|ers|est|ly|ily|i|ion|ions|ation|ations|ment|ments|ness|al|ally|ity|ities|ive|ize|ized|izes|ise|ised|ises|ful|ous|ism|isms|ist|ists|ance|ence|able|ible|ant|ent|ate|ated|ates|ating|ator|ic|ical|ics)?$/;

  function ending(rest, shared) {
    const last = shared[shared.length - 1];
    return ENDING.test(rest) || (rest[0] === last && /[b-df-hj-np-tv-z]/.test(last) && ENDING.test(rest.slice(1)));
  }

  function code(text) {
    return text.replace(/[xX\uac00-\ud7a3]/g, (c) => {
      if (c === "x" || c === "X") return c + "x";
      const n = c.charCodeAt(0) - 0xac00;
      return "x" + FIRST[Math.floor(n / 676)] + LETTERS[Math.floor(n / 26) % 26] + LETTERS[n % 26];
    });
  }

  function decode(text) {
    return text.replace(/([xX])(x|[a-wyz][a-z]{2})/g, (all, c, rest) => {
      if (rest === "x") return c;
      if (c === "X") return all;
      return String.fromCharCode(0xac00 + FIRST.indexOf(rest[0]) * 676 + LETTERS.indexOf(rest[1]) * 26 + LETTERS.indexOf(rest[2]));
    });
  }

  const box = document.querySelector("[data-kml-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".kml-search-more");
  const text = box.dataset;
  const root = new URL(text.root, location.href);
  let engine = null;
  let speller = null;
  let shown = 0;
  let results = [];  // {result: a Pagefind result, words: the words to mark on it}, in order
  let asked = 0;

  function status(message) {
    meta.textContent = message;
  }

  function load() {
    if (!engine) {
      status(text.initializer);
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        // A record's names and aliases (metadata `names`) count more than any word of a page; the
        // names of a legal issue (`topic`) less, and a source's titles in both languages (`titles`) no
        // more than a word of its page: they are there for the title in the other language.
        await pagefind.options({ ranking: { metaWeights: { title: 5, names: 10, topic: 4, titles: 1, page: 0 } } });
        await pagefind.init();
        return pagefind;
      });
      engine.then(() => run(), () => status(text.failed));
    }
    return engine;
  }

  // The close spellings of a word: the module and the names are fetched the first time a word is
  // found nowhere.
  function spellings() {
    if (!speller) {
      speller = Promise.all([
        import(new URL("assets/spelling.js", root).href),
        fetch(new URL("pagefind/names.json", root).href).then((r) => (r.ok ? r.json() : [])),
      ]).then(([module, names]) => (word) => module.close(word, names));
    }
    return speller;
  }

  function open() {
    toggle.checked = true;
    input.focus();
    input.select();
    load();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  // The words of a query, lower case, without the punctuation around them.
  function terms(query) {
    return query.toLowerCase().split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  }

  // A page's text as the search box reads it: what the page shows (`body`), and the Korean morphemes
  // Kiwi found in it (`morphemes`: groups such as 인공-지능, the morphemes of one word in order).
  function parts(data) {
    const cut = data.content.lastIndexOf(MARK);
    return {
      body: decode(cut >= 0 ? data.content.slice(0, cut) : data.content),
      morphemes: cut >= 0 ? decode(data.content.slice(cut + 1)).split(/\s+/).filter(Boolean) : [],
    };
  }

  // Where a morpheme begins and ends inside the words of `text`, by the groups Kiwi found on its
  // page: [start, end] of each morpheme of each group, wherever the group's letters stand.
  function morphemeSpans(text, morphemes) {
    const lower = text.toLowerCase();
    const spans = [];
    for (const group of morphemes) {
      const pieces = group.split("-");
      const joined = pieces.join("");
      if (!HANGUL.test(joined)) continue;
      for (let at = lower.indexOf(joined); at >= 0; at = lower.indexOf(joined, at + 1)) {
        let from = at;
        for (const piece of pieces) {
          spans.push([from, from + piece.length]);
          from += piece.length;
        }
      }
    }
    return spans;
  }

  function latinRunEnd(text, at) {
    while (at < text.length && WORD.test(text[at]) && !HANGUL.test(text[at])) at++;
    return at;
  }

  // The places [from, to, word, asTyped] where a word of `words` stands in `text` as a word: from
  // where a word begins (after anything but a letter or digit; a Latin letter or digit after Hangul;
  // a morpheme Kiwi found) and, for an English word, to the end of it; `asTyped` false where it
  // stands only with another ending. Earliest first, never overlapping.
  function find(text, words, morphemes = []) {
    const lower = text.toLowerCase();
    const spans = morphemeSpans(text, morphemes);
    const starts = new Set(spans.map(([from]) => from));
    for (let i = 0; i < text.length; i++) {
      if (!WORD.test(text[i])) continue;
      const before = i > 0 ? text[i - 1] : " ";
      if (!WORD.test(before) || (HANGUL.test(before) && !HANGUL.test(text[i]))) starts.add(i);
    }
    const found = [];
    for (const from of [...starts].sort((a, b) => a - b)) {
      for (const word of words) {
        let to = -1;
        const asTyped = lower.startsWith(word, from);
        if (asTyped) {
          to = from + word.length;
          if (!HANGUL.test(word[word.length - 1])) {
            to = Math.max(to, latinRunEnd(text, to - 1));
          } else {
            // to the end of the morpheme the word ends in, where Kiwi says where that is
            const inside = spans.find(([a, b]) => a < to && to < b && a >= from);
            if (inside) to = inside[1];
          }
        } else if (!HANGUL.test(word) && !HANGUL.test(text[from])) {
          const end = latinRunEnd(text, from);
          const run = lower.slice(from, end);
          let k = 0;
          while (k < run.length && k < word.length && run[k] === word[k]) k++;
          if (k >= 3 && ending(run.slice(k), run.slice(0, k)) && ending(word.slice(k), run.slice(0, k))) to = end;
        }
        if (to > from) {
          found.push([from, to, word, asTyped]);
          break;
        }
      }
    }
    const kept = [];
    for (const span of found) {
      if (!kept.length || span[0] >= kept[kept.length - 1][1]) kept.push(span);
    }
    return kept;
  }

  // The metadata values that name the record, decoded, each a separate name.
  function names(data) {
    const out = [];
    for (const key of NAMED) {
      if (data.meta && data.meta[key]) out.push(...decode(data.meta[key]).split(" · "));
    }
    return out;
  }

  // Whether a page really holds `word` (Pagefind takes a shorter word it knows for one it does not):
  // 2 as typed, 1 only with another English ending (`judge` for `judgement`), 0 not.
  function holds(data, word) {
    const { body, morphemes } = parts(data);
    const texts = [body, morphemes.join(" "), ...Object.values(data.meta || {}).map(decode)];
    return Math.max(0, ...texts.flatMap((t) => find(t, [word]).map(([, , , asTyped]) => (asTyped ? 2 : 1))));
  }

  // The part of a page's text around the first place the query's words stand in it (all of them in
  // a row if they stand so somewhere), as [text, marked] pieces, and the text fragment that takes the
  // browser there (see `fragment`).
  function excerpt(data, words) {
    const { body, morphemes } = parts(data);
    const found = find(body, words, morphemes);
    let first = found.length ? 0 : -1;
    let last = first;
    for (let k = 0; k + words.length <= found.length && words.length > 1; k++) {
      const run = found.slice(k, k + words.length);
      const inRow = run.every(([from], n) => n === 0 || !/[\p{L}\p{N}]/u.test(body.slice(run[n - 1][1], from)));
      if (inRow && new Set(run.map(([, , w]) => w)).size === words.length) {
        first = k;
        last = k + words.length - 1;
        break;
      }
    }
    const at = first >= 0 ? found[first][0] : 0;
    let start = Math.max(0, at - 40);
    let end = Math.min(body.length, at + 140);
    if (start > 0) start = body.lastIndexOf(" ", start) + 1;
    if (end < body.length) end = body.indexOf(" ", end) < 0 ? body.length : body.indexOf(" ", end);  // never inside a word
    const pieces = start > 0 ? [["… ", false]] : [];
    let pos = start;
    for (const [from, to] of found) {
      if (from < start || to > end) continue;
      pieces.push([body.slice(pos, from), false], [body.slice(from, to), true]);
      pos = to;
    }
    pieces.push([body.slice(pos, end), false]);
    if (end < body.length) pieces.push([" …", false]);
    return { pieces, fragment: first >= 0 ? fragment(body, found[first][0], found[last][1]) : "", marked: new Set(found.filter(([from, to]) => from >= start && to <= end).map(([, , w]) => w)) };
  }

  // A text fragment (`#:~:text=`) naming the whole words from `from` to `to`, so that the browser
  // scrolls to them on the page and highlights them (as Material's own search did with `?h=`).
  // Browsers match text fragments at word boundaries: hence whole words, never a part of one.
  function fragment(body, from, to) {
    while (from > 0 && WORD.test(body[from - 1])) from--;
    while (to < body.length && WORD.test(body[to])) to++;
    return "#:~:text=" + encodeURIComponent(body.slice(from, to)).replace(/-/g, "%2D");
  }

  function marked(pieces, parent) {
    for (const [part, mark] of pieces) {
      if (mark) {
        const m = document.createElement("mark");
        m.textContent = part;
        parent.append(m);
      } else {
        parent.append(document.createTextNode(part));
      }
    }
  }

  // The record's names that hold a word of the query the excerpt does not show, with it marked:
  // what a page was found by when the query named it in the other language.
  function namesLine(data, words, shownWords) {
    const wanted = words.filter((w) => !shownWords.has(w));
    if (!wanted.length) return null;
    const hits = names(data).map((name) => [name, find(name, words)]).filter(([, found]) => found.some(([, , w]) => wanted.includes(w)));
    if (!hits.length) return null;
    const p = document.createElement("p");
    hits.slice(0, 3).forEach(([name, found], n) => {
      if (n) p.append(document.createTextNode(" · "));
      const span = document.createElement("span");
      span.lang = HANGUL.test(name) ? "ko" : "en";
      const pieces = [];
      let pos = 0;
      for (const [from, to] of found) {
        pieces.push([name.slice(pos, from), false], [name.slice(from, to), true]);
        pos = to;
      }
      pieces.push([name.slice(pos), false]);
      marked(pieces, span);
      p.append(span);
    });
    return p;
  }

  function item(data, words) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    const { pieces, fragment: jump, marked: shownWords } = excerpt(data, words);
    link.href = new URL(data.meta.page, root).pathname + jump;  // the page's URL from the language's root
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = data.meta && data.meta.title ? decode(data.meta.title) : data.url;
    article.append(title);
    const line = namesLine(data, words, shownWords);
    if (line) article.append(line);
    const p = document.createElement("p");
    marked(pieces, p);
    article.append(p);
    link.append(article);
    li.append(link);
    return li;
  }

  function dataOf(result) {
    if (!result.loaded) result.loaded = result.data();
    return result.loaded;
  }

  // The next PAGE results, shown below those already there.
  async function showMore(request) {
    const next = results.slice(shown, shown + PAGE);
    const data = await Promise.all(next.map(({ result }) => dataOf(result)));
    if (request !== asked) return false;
    next.forEach(({ words }, k) => list.append(item(data[k], words)));
    shown += next.length;
    more.hidden = shown >= results.length;
    return true;
  }

  async function search(pagefind, words) {
    const found = await pagefind.search(code(words.join(" ")));
    return found ? found.results : [];
  }

  // The words of the query the first results do not hold (`lost`), and those they hold only with
  // another ending (`loose`; see `holds`).
  async function check(found, words) {
    const data = await Promise.all(found.slice(0, CHECKED).map(dataOf));
    const held = words.map((w) => Math.max(0, ...data.map((d) => holds(d, w))));
    return { lost: words.filter((w, k) => held[k] === 0), loose: words.filter((w, k) => held[k] === 1) };
  }

  // The query with its `wrong` words spelt as the names one letter from them, each variant's
  // results in turn; a wrong word with no such name is left out, or kept as it is if `keep`.
  async function corrected(pagefind, words, wrong, keep) {
    const close = await spellings();
    let variants = [[]];
    for (const word of words) {
      let options = wrong.includes(word) ? close(word) : [word];
      if (!options.length && keep) options = [word];
      if (options.length) variants = variants.flatMap((v) => options.map((o) => [...v, o])).slice(0, 4);
    }
    const out = [];
    for (const variant of variants) {
      if (variant.some((w) => !words.includes(w))) {
        for (const result of await search(pagefind, variant)) out.push({ result, words: variant });
      }
    }
    return out;
  }

  function unique(found) {
    const seen = new Set();
    return found.filter(({ result }) => !seen.has(result.id) && seen.add(result.id));
  }

  // What a query finds, in the order the comment at the top gives.
  async function lookup(pagefind, words) {
    const exact = await search(pagefind, words);
    const { lost, loose } = exact.length ? await check(exact, words) : { lost: words, loose: [] };
    if (!lost.length) {
      // a word found only with another ending may be a misspelt name (judgement, judgment)
      const first = loose.length ? await corrected(pagefind, words, loose, true) : [];
      return unique([...first, ...exact.map((result) => ({ result, words }))]);
    }
    // which of the words stand anywhere, each alone
    const known = [];
    const alone = {};
    for (const word of words) {
      if (exact.length && !lost.includes(word)) {
        known.push(word);
        continue;
      }
      const found = words.length > 1 ? await search(pagefind, [word]) : exact;
      if (found.length && !(await check(found, [word])).lost.length) {
        known.push(word);
        alone[word] = found;
      }
    }
    const out = [];
    if (known.length < words.length) out.push(...(await corrected(pagefind, words, words.filter((w) => !known.includes(w)), false)));
    if (known.length && known.length < words.length) {
      const together = known.length === 1 && alone[known[0]] ? alone[known[0]] : await search(pagefind, known);
      for (const result of together) out.push({ result, words: known });
    }
    if (known.length === words.length && words.length > 1) {
      // every word stands somewhere, never all on one page: those holding more of them first
      const count = new Map();
      const best = new Map();
      for (const word of words) {
        for (const result of alone[word] || []) {
          count.set(result.id, (count.get(result.id) || 0) + 1);
          if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
        }
      }
      const ranked = [...best.values()].sort((a, b) => count.get(b.id) - count.get(a.id) || b.score - a.score);
      for (const result of ranked) out.push({ result, words });
    }
    return unique(out);
  }

  async function run() {
    const request = ++asked;
    const query = input.value.trim();
    const words = terms(query);
    if (!words.length) {
      list.replaceChildren();
      more.hidden = true;
      status(text.placeholder);
      return;
    }
    const pagefind = await load();
    const found = await lookup(pagefind, words);
    if (request !== asked) return;
    results = found;
    shown = 0;
    const old = [...list.children];
    const count = results.length;
    // The status changes only once the first results are on the page, together with them.
    if (await showMore(request)) {
      old.forEach((li) => li.remove());
      status(count === 0 ? text.none : count === 1 ? text.one : text.other.replace("#", String(count)));
    }
  }

  function links() {
    return [...list.querySelectorAll("a.md-search-result__link")];
  }

  input.addEventListener("focus", () => {
    toggle.checked = true;
    load();
  });
  input.addEventListener("input", run);
  toggle.addEventListener("change", () => {
    if (toggle.checked) open();
  });
  box.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  box.querySelector("form").addEventListener("reset", () => {
    setTimeout(run);
    input.focus();
  });
  more.addEventListener("click", () => {
    const focus = shown;
    showMore(asked).then(() => {
      const next = links()[focus];
      if (next) next.focus();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });

  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      const typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const order = [input, ...links()];
      const here = order.indexOf(active);
      const step = event.key === "ArrowDown" ? 1 : -1;
      order[(Math.max(here, 0) + step + order.length) % order.length].focus();
      event.preventDefault();
    } else if (event.key.length === 1 && active !== input && !(active instanceof HTMLButtonElement)) {
      input.focus();  // typing while a result has the focus goes on with the query
    }
  });
})();
