/**
 * mitchellh/go-wordwrap's `WrapString`, which kubectl's explain templates use through
 * `term.NewWordWrapWriter`: breaks lines at whitespace so they stay within `limit` runes, keeps
 * existing line breaks, and leaves words longer than the limit whole on their own line.
 *
 * @example
 * ```ts
 * wrapString("the quick brown fox", 10); // "the quick\nbrown fox"
 * ```
 */
export function wrapString(text: string, limit: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let wordLength = 0;
  let space = "";
  let spaceLength = 0;
  for (const char of text) {
    if (char === "\n") {
      if (wordLength === 0) {
        if (current + spaceLength > limit) current = 0;
        else {
          current += spaceLength;
          out += space;
        }
      } else {
        current += spaceLength + wordLength;
        out += space + word;
        word = "";
        wordLength = 0;
      }
      space = "";
      spaceLength = 0;
      out += char;
      current = 0;
    } else if (isSpace(char) && char !== "\u00a0") {
      if (space.length === 0 || word.length > 0) {
        current += spaceLength + wordLength;
        out += space + word;
        space = "";
        spaceLength = 0;
        word = "";
        wordLength = 0;
      }
      space += char;
      spaceLength++;
    } else {
      word += char;
      wordLength++;
      if (current + spaceLength + wordLength > limit && wordLength < limit) {
        out += "\n";
        current = 0;
        space = "";
        spaceLength = 0;
      }
    }
  }
  if (word.length === 0) {
    if (current + spaceLength <= limit) out += space;
  } else out += space + word;
  return out;
}

/** unicode.IsSpace. */
function isSpace(char: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(char);
}
