// Two things every page does, without anything from another host (loaded as 'self' by the CSP).
//
// 1. The head's language alternates (<link rel="alternate" hreflang>, absolute: see
//    docs/overrides/main.html) are for search engines. Material's script, loaded just before this
//    one, reads every link[rel=alternate] when the DOM is ready and fetches <href>/sitemap.xml for
//    each, which for any page but a language root does not exist. So they are set aside now and put
//    back right after: Material's DOMContentLoaded listener was added before this one, so it runs
//    first and finds none.
// 2. The language switcher (a[data-kml-switch]) keeps the #fragment: the same id (records, mentions,
//    sentences have the same ids in both languages), or, for a heading, the twin page's heading at
//    the same place (data-kml-anchors, {id here: id there}, see scripts/site/twins.py).
// 3. A table wider than the screen scrolls inside the box Material wraps it in: that box takes the
//    focus then, so that the keyboard can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
(() => {
  const alternates = Array.from(document.querySelectorAll("link[rel=alternate][hreflang]"));
  for (const link of alternates) link.removeAttribute("rel");
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of alternates) link.setAttribute("rel", "alternate");
  }, { once: true });

  const switchers = Array.from(document.querySelectorAll("a[data-kml-switch]"));
  const bases = switchers.map(a => a.getAttribute("href").split("#")[0]);
  const follow = () => {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      id = "";  // a malformed fragment: switch to the top of the twin page
    }
    switchers.forEach((a, i) => {
      let anchors = {};
      try {
        anchors = JSON.parse(a.dataset.kmlAnchors || "{}");
      } catch (e) {
        anchors = {};
      }
      const there = Object.prototype.hasOwnProperty.call(anchors, id) ? anchors[id] : id;
      a.setAttribute("href", there ? bases[i] + "#" + encodeURIComponent(there) : bases[i]);
    });
  };
  follow();
  window.addEventListener("hashchange", follow);

  const scrollable = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    }
  };
  document.addEventListener("DOMContentLoaded", scrollable, { once: true });  // after Material wraps the tables
  window.addEventListener("resize", scrollable);
})();
