// Site search, in Material's search box: the Pagefind index of this page's language, loaded in
// chunks when the reader first opens the box (scripts/site/search.py builds it).
//
// Every value shown comes from the index as text and is put on the page as text nodes, never as
// markup. A Korean page's index entry ends with a part the page does not show (the morphemes Kiwi
// finds, so that 지능 finds 인공지능); it follows the last MARK and is never shown in an excerpt.
//
// The index holds Korean text coded in ASCII letters (scripts/site/search.py says why and how):
// queries are coded before they are searched, and titles and texts decoded before they are shown.
(() => {
  "use strict";
  const MARK = "\u2042";
  const PAGE = 10;
  const FIRST = "abcdefghijklmnopqrstuvwyz";
  const LETTERS = "abcdefghijklmnopqrstuvwxyz";

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
  let shown = [];
  let results = [];
  let asked = 0;

  function status(message) {
    meta.textContent = message;
  }

  function load() {
    if (!engine) {
      status(text.initializer);
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        // A record's names and aliases (metadata `names`; a legal issue's, `topic`) count more than
        // any word of a page.
        await pagefind.options({ ranking: { metaWeights: { title: 5, names: 10, topic: 4, page: 0 } } });
        await pagefind.init();
        return pagefind;
      });
      engine.then(() => run(), () => status(text.failed));
    }
    return engine;
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

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // The part of a page's text around the first place a search term stands in it, as a list of
  // [text, highlighted] pieces.
  function excerpt(content, words) {
    const cut = content.lastIndexOf(MARK);
    const body = decode(cut >= 0 ? content.slice(0, cut) : content);
    const lower = body.toLowerCase();
    let first = -1;
    for (const word of words) {
      const at = lower.indexOf(word);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    let start = Math.max(0, first - 40);
    let end = Math.min(body.length, Math.max(first, 0) + 140);
    if (start > 0) start = body.lastIndexOf(" ", start) + 1;
    if (end < body.length) end = body.indexOf(" ", end) < 0 ? body.length : body.indexOf(" ", end);  // never inside a word
    const piece = body.slice(start, end);
    const found = [];
    const pieceLower = piece.toLowerCase();
    for (const word of words) {
      for (let at = pieceLower.indexOf(word); at >= 0; at = pieceLower.indexOf(word, at + word.length)) {
        found.push([at, at + word.length]);
      }
    }
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const parts = [];
    let pos = 0;
    if (start > 0) parts.push(["… ", false]);
    for (const [from, to] of found) {
      if (from < pos) continue;
      parts.push([piece.slice(pos, from), false], [piece.slice(from, to), true]);
      pos = to;
    }
    parts.push([piece.slice(pos), false]);
    if (end < body.length) parts.push([" …", false]);
    return parts;
  }

  // A text fragment (`#:~:text=`) naming the whole word around the first highlighted term, so the
  // browser scrolls to it on the page and highlights it (as Material's own search did with `?h=`).
  // Browsers match text fragments at word boundaries: hence the whole word, not just the term.
  function highlight(parts) {
    const at = parts.findIndex(([, marked]) => marked);
    if (at < 0) return "";
    const before = parts.slice(0, at).map(([part]) => part).join("").match(/[\p{L}\p{N}]*$/u)[0];
    const after = parts.slice(at + 1).map(([part]) => part).join("").match(/^[\p{L}\p{N}]*/u)[0];
    return "#:~:text=" + encodeURIComponent(before + parts[at][0] + after);
  }

  function item(data, words) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    const parts = excerpt(data.content, words);
    link.href = new URL(data.meta.page, root).pathname + highlight(parts);  // the page's URL from the language's root
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = data.meta && data.meta.title ? decode(data.meta.title) : data.url;
    const p = document.createElement("p");
    for (const [part, marked] of parts) {
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        p.append(mark);
      } else {
        p.append(document.createTextNode(part));
      }
    }
    article.append(title, p);
    link.append(article);
    li.append(link);
    return li;
  }

  // The next PAGE results, shown below those already there.
  async function showMore(words, request) {
    const next = results.slice(shown.length, shown.length + PAGE);
    const data = await Promise.all(next.map((r) => r.data()));
    if (request !== asked) return false;
    for (const d of data) {
      shown.push(d);
      list.append(item(d, words));
    }
    more.hidden = shown.length >= results.length;
    return true;
  }

  async function run() {
    const request = ++asked;
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      status(text.placeholder);
      return;
    }
    const pagefind = await load();
    const found = await pagefind.search(code(query));
    if (request !== asked || !found) return;
    results = found.results;
    shown = [];
    const old = [...list.children];
    const count = results.length;
    // The status changes only once the first results are on the page, together with them.
    if (await showMore(terms(query), request)) {
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
    const focus = shown.length;
    showMore(terms(input.value), asked).then(() => {
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
