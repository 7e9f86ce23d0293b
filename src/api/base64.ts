/**
 * Base64 decoding as Go's encoding/json decodes `[]byte` fields (base64.StdEncoding): the byte
 * length of the decoded value, or the offset Go's CorruptInputError reports.
 */

const ALPHABET = /[A-Za-z0-9+/]/;

/**
 * Decode standard, padded base64 the way Go does (newlines are skipped). Returns the decoded byte
 * count, or `{ corruptAt }` with the input offset Go reports as `illegal base64 data at input byte N`.
 *
 * @example
 * ```ts
 * decodeBase64Length("aGVsbG8="); // { bytes: 5 }
 * decodeBase64Length("not base64!"); // { corruptAt: 3 }
 * ```
 */
export function decodeBase64Length(text: string): { bytes: number } | { corruptAt: number } {
  let bytes = 0;
  let si = 0;
  const n = text.length;
  while (si < n) {
    // One quantum of up to four significant characters (decodeQuantum).
    let j = 0;
    let padded = false;
    while (j < 4) {
      if (si === n) {
        if (j === 0) return { bytes };
        return { corruptAt: si - j };
      }
      const ch = text[si] as string;
      si++;
      if (ch === "\n" || ch === "\r") continue;
      if (ch === "=") {
        // Padding: only valid at quantum positions 2 or 3, and must end the input.
        if (j < 2) return { corruptAt: si - 1 };
        if (j === 2) {
          while (si < n && (text[si] === "\n" || text[si] === "\r")) si++;
          if (si === n) return { corruptAt: n };
          if (text[si] !== "=") return { corruptAt: si - 1 };
          si++;
        }
        while (si < n && (text[si] === "\n" || text[si] === "\r")) si++;
        if (si < n) return { corruptAt: si };
        padded = true;
        break;
      }
      if (!ALPHABET.test(ch)) return { corruptAt: si - 1 };
      j++;
    }
    bytes += padded ? j - 1 : 3;
    if (padded) return { bytes };
  }
  return { bytes };
}
