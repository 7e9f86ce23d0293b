import { JSONPath } from "jsonpath-plus";

/**
 * A parse or execution error, worded as kubectl's template printers word it.
 *
 * @example
 * ```ts
 * new JsonPathTemplate("{.items[0"); // throws JsonPathError("unterminated array")
 * ```
 */
export class JsonPathError extends Error {}

/** One node of a parsed template (client-go util/jsonpath's node kinds, reduced to what prints). */
type TemplateNode =
  | { type: "text"; text: string }
  | { type: "path"; path: string }
  | { type: "range"; path: string }
  | { type: "end" }
  | { type: "identifier"; name: string };

/** Characters that end a field name (parser.go parseField stops at anything not alphanumeric). */
const FIELD_END = /[.[\]{}\s,()"'=!<>|&@$]/;

/** Go's `%#U` of a character, as the parser's "unrecognized character" error prints it. */
function goRune(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")} '${char}'`;
}

/** A field name as a jsonpath-plus bracket member. */
function member(name: string): string {
  return `['${name.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}']`;
}

/**
 * An array subscript in jsonpath-plus syntax: filters and slices pass through; a negative index,
 * which client-go counts from the end, becomes the one-element slice jsonpath-plus understands.
 */
function subscript(body: string): string {
  const index = /^\s*(-\d+)\s*$/.exec(body);
  if (index) {
    const n = Number(index[1]);
    return n === -1 ? "[-1:]" : `[${n}:${n + 1}]`;
  }
  const quoted = /^\s*'([^']*)'\s*$/.exec(body) ?? /^\s*"([^"]*)"\s*$/.exec(body);
  if (quoted) return member(quoted[1] as string);
  return `[${body}]`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/** strconv.Unquote of a double-quoted Go string's body (`\n`, `\t`, `\x41`, `\u00e9`, octal). */
function goUnquote(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) out += simple;
    else if (e === "x" || e === "u" || e === "U") {
      const length = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length)
        throw new JsonPathError(`unquote string "${body}" error invalid syntax`);
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += length;
    } else if (/[0-7]/.test(e)) {
      const octal = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal)) throw new JsonPathError(`unquote string "${body}" error invalid syntax`);
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 2;
    } else throw new JsonPathError(`unquote string "${body}" error invalid syntax`);
  }
  return out;
}

/** Read one action `{...}` starting after its `{`; returns the node and where the action ends. */
function parseAction(template: string, start: number): { node: TemplateNode | undefined; end: number } {
  let pos = start;
  let path = "";
  let keyword: "range" | undefined;
  let text: string | undefined;
  while (true) {
    const char = template[pos];
    if (char === undefined || char === "\n") throw new JsonPathError("unclosed action");
    if (char === "}") {
      pos++;
      break;
    }
    if (char === " ") {
      pos++;
    } else if (char === "@" || char === "$") {
      pos++;
    } else if (char === "[") {
      let depth = 0;
      let quote: string | undefined;
      let close = -1;
      for (let i = pos + 1; i < template.length; i++) {
        const c = template[i] as string;
        if (quote) {
          if (c === "\\") i++;
          else if (c === quote) quote = undefined;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === "(") depth++;
        else if (c === ")") depth--;
        else if (c === "]" && depth <= 0) {
          close = i;
          break;
        }
      }
      if (close < 0) throw new JsonPathError("unterminated array");
      path += subscript(template.slice(pos + 1, close));
      pos = close + 1;
    } else if (char === '"') {
      let i = pos + 1;
      while (i < template.length && template[i] !== '"') i += template[i] === "\\" ? 2 : 1;
      if (i >= template.length) throw new JsonPathError("unterminated quoted string");
      text = goUnquote(template.slice(pos + 1, i));
      pos = i + 1;
    } else if (char === ".") {
      pos++;
      if (template[pos] === ".") {
        path += "..";
        pos++;
      }
      if (template[pos] === "*") {
        path += "[*]";
        pos++;
        continue;
      }
      let name = "";
      while (pos < template.length) {
        const c = template[pos] as string;
        if (c === "\\" && pos + 1 < template.length) {
          name += template[pos + 1];
          pos += 2;
          continue;
        }
        if (FIELD_END.test(c)) break;
        name += c;
        pos++;
      }
      if (name) path += member(name);
    } else if (/[A-Za-z_]/.test(char)) {
      let word = "";
      while (pos < template.length && /[A-Za-z0-9_]/.test(template[pos] as string)) word += template[pos++];
      if (word === "range") keyword = "range";
      else if (word === "end") return { node: { type: "end" }, end: skipToClose(template, pos) };
      else return { node: { type: "identifier", name: word }, end: skipToClose(template, pos) };
    } else {
      throw new JsonPathError(`unrecognized character in action: ${goRune(char)}`);
    }
  }
  if (keyword) return { node: { type: "range", path: `$${path}` }, end: pos };
  if (text !== undefined) return { node: { type: "text", text }, end: pos };
  return { node: { type: "path", path: `$${path}` }, end: pos };
}

function skipToClose(template: string, pos: number): number {
  const close = template.indexOf("}", pos);
  if (close < 0) throw new JsonPathError("unclosed action");
  return close + 1;
}

/** Parse a template into text and actions (client-go util/jsonpath parser.go). */
function parseTemplate(template: string): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf("{", pos);
    if (open < 0) {
      nodes.push({ type: "text", text: template.slice(pos) });
      break;
    }
    if (open > pos) nodes.push({ type: "text", text: template.slice(pos, open) });
    const { node, end } = parseAction(template, open + 1);
    if (node) nodes.push(node);
    pos = end;
  }
  return nodes;
}

/** Go's json.Marshal of an unstructured value: map keys sorted, `<`, `>`, `&` escaped. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) out[key] = sorted((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return escapeHtml(JSON.stringify(sorted(value)));
}

/** encoding/json's HTML-safe escaping of `<`, `>`, `&` and the line/paragraph separators. */
function escapeHtml(json: string): string {
  return json
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** Go's json.MarshalIndent(value, "", "    ") with its map key order and HTML escaping. */
function goJsonIndent(value: unknown): string {
  return escapeHtml(JSON.stringify(JSON.parse(goJson(value)), null, 4));
}

/** How PrintResults prints one value: objects and arrays as JSON, the rest as fmt.Fprint does. */
function printValue(value: unknown): string {
  if (value !== null && typeof value === "object") return goJson(value);
  if (value === null || value === undefined) return "<nil>";
  return String(value);
}

/**
 * A kubectl `-o jsonpath=` template (k8s.io/client-go/util/jsonpath): text with `{...}` actions —
 * field paths (`.items[*].metadata.name`, `['key']`, `kubernetes\.io/hostname`, `..name`, `[0]`,
 * `[-1]`, slices, filters `[?(@.type=="Ready")]`), quoted text (`{"\n"}`), and `{range PATH}` …
 * `{end}`. Path evaluation is done by jsonpath-plus; missing keys print nothing (kubectl allows
 * missing keys by default). Several results of one action are separated by spaces; maps and lists
 * print as compact JSON.
 *
 * @example
 * ```ts
 * new JsonPathTemplate('{range .items[*]}{.metadata.name}{"\\n"}{end}').execute(list); // "a\nb\n"
 * ```
 */
export class JsonPathTemplate {
  readonly #nodes: TemplateNode[];
  readonly #asJson: boolean;

  /**
   * Parse; throws JsonPathError with the parser's message. With `asJson` (`-o jsonpath-as-json`)
   * every text and action prints its results as an indented JSON array.
   */
  constructor(template: string, asJson = false) {
    this.#nodes = parseTemplate(template);
    this.#asJson = asJson;
  }

  /** Render the template against a (JSON-like) object. */
  execute(data: unknown): string {
    // kubectl buffers the output: a template that fails prints nothing but the error.
    const printed = { out: "" };
    const { next } = this.#run(this.#nodes, 0, data, false, printed);
    if (next < this.#nodes.length) throw new JsonPathError("not in range, nothing to end");
    return printed.out;
  }

  #run(
    nodes: TemplateNode[],
    start: number,
    data: unknown,
    inRange: boolean,
    printed: { out: string },
  ): { next: number } {
    let i = start;
    while (i < nodes.length) {
      const node = nodes[i] as TemplateNode;
      if (node.type === "identifier") throw new JsonPathError(`unrecognized identifier ${node.name}`);
      if (node.type === "end") return { next: inRange ? i + 1 : i };
      if (node.type === "text") {
        printed.out += this.#asJson ? `${goJsonIndent([node.text])}\n` : node.text;
        i++;
      } else if (node.type === "path") {
        const results = this.#find(node.path, data);
        printed.out += this.#asJson ? `${goJsonIndent(results)}\n` : results.map(printValue).join(" ");
        i++;
      } else {
        const items = this.#find(node.path, data);
        let next = this.#skipRange(nodes, i + 1);
        for (const item of items) next = this.#run(nodes, i + 1, item, true, printed).next;
        i = next;
      }
    }
    return { next: i };
  }

  /** Where the body of a range starting at `start` ends (after its `{end}`, or the template's end). */
  #skipRange(nodes: TemplateNode[], start: number): number {
    let depth = 0;
    for (let i = start; i < nodes.length; i++) {
      const node = nodes[i] as TemplateNode;
      if (node.type === "range") depth++;
      else if (node.type === "end") {
        if (depth === 0) return i + 1;
        depth--;
      }
    }
    return nodes.length;
  }

  #find(path: string, data: unknown): unknown[] {
    if (path === "$") return [data];
    if (data === null || typeof data !== "object") return [];
    const results = JSONPath({ path, json: data as object, wrap: true }) as unknown[] | undefined;
    return results ?? [];
  }
}
