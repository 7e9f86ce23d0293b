/**
 * JSON → YAML exactly as kubectl prints `-o yaml` (sigs.k8s.io/yaml.JSONToYAML over gopkg.in/yaml.v2):
 * map keys in yaml.v2's natural order, indentless sequences, strings that would read back as another
 * type double-quoted, strings plain YAML cannot carry single-quoted, multi-line strings as literal
 * blocks, and long scalars folded at spaces once past column 80 (the emitter's best_width).
 * The general-purpose `yaml` package differs on each of these points, so kubectl's printer follows
 * the yaml.v2 emitter (encode.go stringv, emitterc.go analyze/select scalar style) instead.
 */

const BEST_WIDTH = 80;

/** yaml.v2 keyList.Less: letters compare as runes, digit runs numerically, non-letters first. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string) => c >= "0" && c <= "9";
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ca = ar[i] as string;
    const cb = br[i] as string;
    if (ca === cb) continue;
    const al = isLetter(ca);
    const bl = isLetter(cb);
    if (al && bl) return ca < cb ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ca === "0" || cb === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ca < cb ? -1 : 1;
  }
  return ar.length - br.length;
}

// yaml.v2 resolve(): what a plain scalar would be read back as (YAML 1.1 flavoured).
const BOOL_NULL = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "on",
  "On",
  "ON",
  "off",
  "Off",
  "OFF",
  "~",
  "null",
  "Null",
  "NULL",
  "",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
  ".nan",
  ".NaN",
  ".NAN",
  "<<",
]);
const INT = /^[-+]?(0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|(0|[1-9][0-9_]*))$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/;

function resolvesAsString(s: string): boolean {
  if (BOOL_NULL.has(s)) return false;
  if (INT.test(s.replace(/_/g, "")) && /\d/.test(s)) return false;
  if (FLOAT.test(s) && /\d/.test(s)) return false;
  if (BASE60.test(s)) return false;
  if (TIMESTAMP.test(s)) return false;
  return true;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isSpaceChar = (c: string | undefined) => c === " ";
const isBreakChar = (c: string | undefined) => c === "\n" || c === "\r";
const isBlankOrEnd = (c: string | undefined) => c === undefined || c === " " || c === "\t" || isBreakChar(c);

/** yaml_emitter_analyze_scalar (block context). */
function analyze(value: string): Analysis {
  if (value.length === 0)
    return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false };
  if (value.startsWith("---") || value.startsWith("...")) {
    return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: true };
  }
  let blockIndicators = false;
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      if ((c === "?" || c === ":") && followedByWhitespace) blockIndicators = true;
      if (c === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ":" && followedByWhitespace) blockIndicators = true;
      if (c === "#" && precededByWhitespace) blockIndicators = true;
    }
    const code = c.codePointAt(0) as number;
    const printable =
      c === "\t" ||
      c === "\n" ||
      c === "\r" ||
      (code >= 0x20 && code <= 0x7e) ||
      code === 0x85 ||
      (code >= 0xa0 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
      code >= 0x10000;
    if (!printable) specialCharacters = true;
    if (isBreakChar(c)) lineBreaks = true;
    if (isSpaceChar(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** Write `text` words, breaking at a space once the column passes best_width. */
function fold(text: string, column: number, indent: number, allowBreaks: boolean): string {
  let out = "";
  let col = column;
  const chars = [...text];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === " ") {
      if (
        allowBreaks &&
        !spaces &&
        col > BEST_WIDTH &&
        i > 0 &&
        i < chars.length - 1 &&
        chars[i + 1] !== " "
      ) {
        out += `\n${" ".repeat(indent)}`;
        col = indent;
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      out += c;
      col++;
      spaces = false;
    }
  }
  return out;
}

function doubleQuoted(value: string, column: number, indent: number, allowBreaks: boolean): string {
  let escaped = "";
  for (const c of value) {
    const code = c.codePointAt(0) as number;
    switch (c) {
      case "\\":
        escaped += "\\\\";
        break;
      case '"':
        escaped += '\\"';
        break;
      case "\n":
        escaped += "\\n";
        break;
      case "\t":
        escaped += "\\t";
        break;
      case "\r":
        escaped += "\\r";
        break;
      case "\0":
        escaped += "\\0";
        break;
      default:
        if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
        else escaped += c;
    }
  }
  return `"${fold(escaped, column + 1, indent, allowBreaks)}"`;
}

function literal(value: string, indent: number): string {
  let chomp = "";
  if (!value.endsWith("\n")) chomp = "-";
  else if (value.endsWith("\n\n") || value === "\n") chomp = "+";
  const indicator = value.startsWith(" ") || value.startsWith("\n") ? "2" : "";
  const body = value.endsWith("\n") ? value.slice(0, -1) : value;
  const lines = body.split("\n").map((line) => (line.length > 0 ? " ".repeat(indent) + line : ""));
  return `|${indicator}${chomp}\n${lines.join("\n")}`;
}

/**
 * A scalar as yaml.v2 would write it, given the column where it starts and the indentation for
 * continuation lines. `simpleKey` is true for mapping keys (no folding, no block scalars).
 */
function scalar(value: unknown, column: number, indent: number, simpleKey = false): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return formatNumber(value);
  const s = String(value);
  const a = analyze(s);
  let style: "plain" | "single" | "double" | "literal";
  if (s.includes("\n")) style = "literal";
  else style = resolvesAsString(s) ? "plain" : "double";
  if (style === "plain" && (!a.blockPlainAllowed || (s.length === 0 && simpleKey))) style = "single";
  if (style === "single" && !a.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
  switch (style) {
    case "plain":
      return fold(s, column, indent, !simpleKey);
    case "single":
      return `'${fold(s.replace(/'/g, "''"), column + 1, indent, !simpleKey)}'`;
    case "double":
      return doubleQuoted(s, column, indent, !simpleKey);
    case "literal":
      return literal(s, indent);
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // strconv.FormatFloat(f, 'g', -1, 64)
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split("e");
    const e2 = Number(e);
    return `${m}e${e2 < 0 ? "-" : "+"}${String(Math.abs(e2)).padStart(2, "0")}`;
  }
  return String(n);
}

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return "[]";
  if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
    return "{}";
  return undefined;
}

function emitMapping(
  map: Record<string, unknown>,
  indent: number,
  out: string[],
  firstPrefix?: string,
): void {
  const keys = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort(compareYamlKeys);
  keys.forEach((key, i) => {
    const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : " ".repeat(indent);
    const keyText = scalar(key, prefix.length, indent, true);
    const head = `${prefix}${keyText}:`;
    emitValue(map[key], head, indent, out, true);
  });
}

function emitSequence(items: unknown[], indent: number, out: string[], firstPrefix?: string): void {
  items.forEach((item, i) => {
    const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : " ".repeat(indent);
    const head = `${prefix}-`;
    emitValue(item, head, indent, out, false);
  });
}

/** Emit `value` after `head` (a `key:` or `-`), at mapping/sequence indentation `indent`. */
function emitValue(value: unknown, head: string, indent: number, out: string[], inMapping: boolean): void {
  const empty = isEmptyCollection(value);
  if (empty) {
    out.push(`${head} ${empty}`);
    return;
  }
  if (Array.isArray(value)) {
    if (inMapping) {
      out.push(head);
      emitSequence(value, indent, out);
    } else {
      emitSequence(value, indent + 2, out, `${head} `);
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    if (inMapping) {
      out.push(head);
      emitMapping(value as Record<string, unknown>, indent + 2, out);
    } else {
      emitMapping(value as Record<string, unknown>, indent + 2, out, `${head} `);
    }
    return;
  }
  out.push(`${head} ${scalar(value, head.length + 1, indent + 2)}`);
}

/**
 * Render a JSON value as kubectl `-o yaml` does.
 *
 * @example
 * ```ts
 * toGoYaml({ metadata: { name: "web", resourceVersion: "42" } });
 * // 'metadata:\n  name: web\n  resourceVersion: "42"\n'
 * ```
 */
export function toGoYaml(value: unknown): string {
  const empty = isEmptyCollection(value);
  if (empty) return `${empty}\n`;
  const out: string[] = [];
  if (Array.isArray(value)) emitSequence(value, 0, out);
  else if (value !== null && typeof value === "object") emitMapping(value as Record<string, unknown>, 0, out);
  else out.push(scalar(value, 0, 0));
  return `${out.join("\n")}\n`;
}

/**
 * Render JSON as kubectl `-o json` does (encoding/json MarshalIndent with 4 spaces over an
 * unstructured map: keys sorted, HTML characters escaped).
 */
export function toGoJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const child = (v as Record<string, unknown>)[k];
        if (child !== undefined) out[k] = sortKeys(child);
      }
      return out;
    }
    return v;
  };
  const text = JSON.stringify(sortKeys(value), null, 4)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `${text}\n`;
}
