// Close spellings for the site search (docs/assets/search.js loads this module only when a word of a
// query is found nowhere): the names of the records within one letter of that word, a Hangul letter
// being one jamo, so that 투브론 is one letter from 투브롱 (ㄴ for ㅇ) as Zuckerburg is from Zuckerberg.
// The names are the words of every record's names in both languages and their other spellings
// (pagefind/names.json, written by scripts/site/search.py): no misspelling is listed anywhere.

const FIRST = 0xac00;
const LAST = 0xd7a3;

// A text with each Hangul syllable written as its two or three jamo (initial, medial, final: the
// conjoining jamo of Unicode), lower case, as an array of letters.
export function jamo(text) {
  const out = [];
  for (const c of text.toLowerCase()) {
    const n = c.codePointAt(0);
    if (n < FIRST || n > LAST) {
      out.push(c);
      continue;
    }
    const s = n - FIRST;
    out.push(String.fromCharCode(0x1100 + Math.floor(s / 588)), String.fromCharCode(0x1161 + Math.floor((s % 588) / 28)));
    if (s % 28) out.push(String.fromCharCode(0x11a7 + (s % 28)));
  }
  return out;
}

// The edit distance between two texts by their jamo: letters inserted, deleted, replaced, or two
// neighbours swapped, each one edit (the optimal string alignment distance).
export function distance(a, b) {
  const x = jamo(a);
  const y = jamo(b);
  let before = null;
  let last = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      let d = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = last;
    last = row;
  }
  return last[y.length];
}

// Whether two letter arrays are at most one edit apart, without filling a table: the names are
// compared with the query one by one.
function withinOne(x, y) {
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (i === x.length) return true;
    const rest = (k) => x.slice(k).join("") === y.slice(k).join("");
    return rest(i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2));
  }
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.slice(i).join("") === long.slice(i + 1).join("");
}

const MIN_LETTERS = 5;
let spelt = null;

// The names one letter from `word` (itself excluded), nearest in length first, at most `max`. A name
// of fewer than five letters has too many neighbours to guess from; names.json holds none.
export function close(word, names, max = 3) {
  const x = jamo(word);
  if (x.length < MIN_LETTERS - 1) return [];
  if (!spelt || spelt.names !== names) spelt = { names, letters: names.map(jamo) };
  const found = [];
  spelt.letters.forEach((y, k) => {
    if (y.length >= MIN_LETTERS && y.join("") !== x.join("") && withinOne(x, y)) found.push([Math.abs(y.length - x.length), k]);
  });
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return found.slice(0, max).map(([, k]) => names[k]);
}
