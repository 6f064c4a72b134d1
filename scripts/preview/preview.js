// The preview's banner and reload. scripts/preview/server.py adds this file, and only this file,
// to every page it serves (never to the files on disk): `make site` builds no such thing.
//
// The banner, at the bottom of the window, says what the preview leaves out (downloads, search)
// and, when the last build failed, its located problems (file:row:field: message), which come
// from the data: they are set as text, never as HTML. The page asks /__preview__/state ten times
// a second (short requests: one held open per tab would soon use up the six connections a browser
// opens to one host) and reloads itself when a newer build has passed; after a failed build it
// stays as it is (the last good build) until one passes.
(function () {
  "use strict";
  var script = document.currentScript;
  var built = Number(new URL(script.src).searchParams.get("build")) || 0;
  var lang = (document.documentElement.lang || "").slice(0, 2) === "ko" ? "ko" : "en";
  var TEXT = {
    ko: {
      label: "미리보기",
      note: "미리보기: 내려받기 파일과 검색 색인은 만들지 않았습니다(내려받기 링크는 404). 저장하면 다시 만들어 이 페이지를 새로 고칩니다.",
      failed: "마지막 빌드가 실패했습니다. 마지막으로 성공한 빌드를 보여 주고 있습니다. 고칠 곳:",
      none: "빌드가 실패했습니다. 고칠 곳:",
      busy: "다시 만드는 중…",
      stale: "datapackage.json의 bytes와 hash가 고친 파일과 맞지 않습니다. 커밋하기 전에 make schemas를 실행하세요:",
      gone: "미리보기 서버에 연결할 수 없습니다(make serve가 멈췄나요?)."
    },
    en: {
      label: "Preview",
      note: "Preview: downloads and the search index are not built (download links give 404). Save a file and this page reloads once it is rebuilt.",
      failed: "The last build failed. This is the last good build. What to fix:",
      none: "The build failed. What to fix:",
      busy: "Rebuilding…",
      stale: "datapackage.json's bytes and hash no longer match the edited files: run make schemas before you commit:",
      gone: "Cannot reach the preview server (has make serve stopped?)."
    }
  }[lang];

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/__preview__/preview.css";
  document.head.appendChild(style);

  var bar = document.createElement("aside");
  bar.className = "kml-preview";
  bar.setAttribute("aria-label", TEXT.label);
  var note = document.createElement("p");
  note.className = "kml-preview__note";
  note.textContent = TEXT.note;
  var status = document.createElement("div");
  status.className = "kml-preview__status";
  status.setAttribute("role", "status");
  bar.appendChild(note);
  bar.appendChild(status);
  document.body.appendChild(bar);
  // room below the page for the bar, so that it never hides the end of the footer (set through
  // the CSSOM, which the pages' policy allows, unlike a style attribute)
  new ResizeObserver(function () {
    document.body.style.paddingBottom = bar.offsetHeight + "px";
  }).observe(bar);

  var shown = "";
  function show(state) {
    var key = JSON.stringify([state.errors, state.notes, state.busy, state.gone]);
    if (key === shown) return;
    shown = key;
    status.replaceChildren();
    bar.classList.toggle("kml-preview--failed", state.errors.length > 0);
    if (state.gone || state.busy) {
      var line = document.createElement("p");
      line.textContent = state.gone ? TEXT.gone : TEXT.busy;
      status.appendChild(line);
    }
    lines(built ? TEXT.failed : TEXT.none, state.errors, "kml-preview__failed", true);
    lines(TEXT.stale, state.notes || [], "kml-preview__stale", false);
  }

  // A heading that opens and closes its list: the problems open, the reminder closed.
  function lines(heading, texts, kind, open) {
    if (!texts.length) return;
    var box = document.createElement("details");
    box.className = kind;
    box.open = open;
    var head = document.createElement("summary");
    head.textContent = heading;
    var list = document.createElement("ul");
    texts.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(head);
    box.appendChild(list);
    status.appendChild(box);
  }

  function poll() {
    fetch("/__preview__/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.good > built) {
          location.reload();
          return;
        }
        show(state);
        setTimeout(poll, 100);
      })
      .catch(function () {
        show({ errors: [], notes: [], busy: false, gone: true });
        setTimeout(poll, 2000);
      });
  }
  poll();
})();
