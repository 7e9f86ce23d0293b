/**
 * The syntax of the small POSIX shell subset kubespec's containers understand: words with single
 * and double quotes and backslashes, `$NAME`, `${NAME}`, `$?`, `$(command)`; lists with `;`,
 * newlines, `&&` and `||`; pipes; redirections `>`, `>>`, `<`, `2>`, `2>&1`; and the compound
 * commands `while`/`until … do … done`, `for NAME in … ; do … done`, `if … then … elif … else …
 * fi`, `{ …; }` and `( … )`. Anything else (background jobs, functions, `case`, here-documents,
 * globbing) is refused with a clear {@link ShellSyntaxError}.
 */

/** A piece of a word: literal text, a parameter, or a command substitution. */
export type WordPart =
  | { t: "lit"; v: string; q: boolean }
  | { t: "arith"; expr: string; q: boolean }
  | { t: "var"; name: string; q: boolean }
  | { t: "sub"; script: Script; q: boolean };
export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: ">" | ">>" | "<" | ">&";
  target: Word;
}

export type Command =
  | { kind: "simple"; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[] }
  | { kind: "loop"; until: boolean; cond: Script; body: Script; redirects: Redirect[] }
  | { kind: "for"; name: string; items: Word[]; body: Script; redirects: Redirect[] }
  | {
      kind: "if";
      branches: { cond: Script; body: Script }[];
      orElse: Script | undefined;
      redirects: Redirect[];
    }
  | { kind: "group"; body: Script; subshell: boolean; redirects: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

export type Script = AndOr[];

/** A shell syntax error, worded as busybox `sh` words them. */
export class ShellSyntaxError extends Error {
  override name = "ShellSyntaxError";
}

type Token =
  | { type: "word"; parts: Word; plain: string | undefined }
  | { type: "op"; op: string; fd?: number }
  | { type: "newline" }
  | { type: "eof" };

const OPERATORS = ["&&", "||", ">>", ">&", ";;", "<<", ";", "|", "&", "(", ")", "<", ">"];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i] as string;
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch === "\\" && input[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === "#") {
      while (i < n && input[i] !== "\n") i++;
      continue;
    }
    if (ch === "\n") {
      tokens.push({ type: "newline" });
      i++;
      continue;
    }
    // IO number: digits directly followed by < or >.
    const io = /^(\d+)([<>])/.exec(input.slice(i));
    if (io) {
      const op = OPERATORS.find((o) => input.startsWith(o, i + (io[1] as string).length)) as string;
      tokens.push({ type: "op", op, fd: Number(io[1]) });
      i += (io[1] as string).length + op.length;
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op) {
      tokens.push({ type: "op", op });
      i += op.length;
      continue;
    }
    const { parts, end } = readWord(input, i);
    i = end;
    const plain = parts.every((p) => p.t === "lit" && !p.q)
      ? parts.map((p) => (p as { v: string }).v).join("")
      : undefined;
    tokens.push({ type: "word", parts, plain });
  }
  tokens.push({ type: "eof" });
  return tokens;
}

function isWordEnd(ch: string): boolean {
  return " \t\n;&|<>()".includes(ch);
}

/** Read one word starting at `start`: quotes, escapes and expansions. */
function readWord(input: string, start: number): { parts: Word; end: number } {
  const parts: Word = [];
  let lit = "";
  let litQuoted = false;
  const flush = () => {
    if (lit !== "") parts.push({ t: "lit", v: lit, q: litQuoted });
    lit = "";
  };
  const addLit = (text: string, quoted: boolean) => {
    if (quoted !== litQuoted) {
      flush();
      litQuoted = quoted;
    }
    lit += text;
  };
  let i = start;
  const n = input.length;
  const readDollar = (quoted: boolean): void => {
    // input[i] === "$"
    const next = input[i + 1];
    if (next === "(" && input[i + 2] === "(") {
      const close = input.indexOf("))", i + 3);
      if (close < 0) throw new ShellSyntaxError("syntax error: unterminated $((...))");
      flush();
      parts.push({ t: "arith", expr: input.slice(i + 3, close), q: quoted });
      i = close + 2;
      return;
    }
    if (next === "(") {
      let depth = 0;
      let j = i + 1;
      for (; j < n; j++) {
        if (input[j] === "(") depth++;
        else if (input[j] === ")" && --depth === 0) break;
        else if (input[j] === "'") j = input.indexOf("'", j + 1);
        if (j < 0) break;
      }
      if (j < 0 || j >= n) throw new ShellSyntaxError("syntax error: unterminated $(...)");
      flush();
      parts.push({ t: "sub", script: parseShell(input.slice(i + 2, j)), q: quoted });
      i = j + 1;
      return;
    }
    if (next === "{") {
      const close = input.indexOf("}", i);
      if (close < 0) throw new ShellSyntaxError("syntax error: bad substitution");
      const name = input.slice(i + 2, close);
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])$/.test(name))
        throw new ShellSyntaxError(`\${${name}}: bad substitution`);
      flush();
      parts.push({ t: "var", name, q: quoted });
      i = close + 1;
      return;
    }
    const match = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])/.exec(input.slice(i + 1));
    if (!match) {
      addLit("$", quoted);
      i++;
      return;
    }
    flush();
    parts.push({ t: "var", name: match[1] as string, q: quoted });
    i += 1 + (match[1] as string).length;
  };
  while (i < n) {
    const ch = input[i] as string;
    if (isWordEnd(ch)) break;
    if (ch === "\\") {
      if (i + 1 < n) addLit(input[i + 1] as string, true);
      i += 2;
    } else if (ch === "'") {
      const close = input.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
      addLit(input.slice(i + 1, close), true);
      // An empty '' still makes a (quoted, empty) word.
      if (close === i + 1) {
        flush();
        parts.push({ t: "lit", v: "", q: true });
      }
      i = close + 1;
    } else if (ch === '"') {
      i++;
      let empty = true;
      while (i < n && input[i] !== '"') {
        const c = input[i] as string;
        empty = false;
        if (c === "\\" && i + 1 < n && '$`"\\\n'.includes(input[i + 1] as string)) {
          if (input[i + 1] !== "\n") addLit(input[i + 1] as string, true);
          i += 2;
        } else if (c === "$") readDollar(true);
        else if (c === "`")
          throw new ShellSyntaxError("syntax error: backquotes are not supported; use $(...)");
        else {
          addLit(c, true);
          i++;
        }
      }
      if (i >= n) throw new ShellSyntaxError("syntax error: unterminated quoted string");
      if (empty) {
        flush();
        parts.push({ t: "lit", v: "", q: true });
      }
      i++;
    } else if (ch === "$") readDollar(false);
    else if (ch === "`") throw new ShellSyntaxError("syntax error: backquotes are not supported; use $(...)");
    else {
      addLit(ch, false);
      i++;
    }
  }
  flush();
  return { parts, end: i };
}

const RESERVED = new Set([
  "while",
  "until",
  "do",
  "done",
  "for",
  "in",
  "if",
  "then",
  "elif",
  "else",
  "fi",
  "{",
  "}",
  "!",
  "case",
  "esac",
  "function",
]);

class Parser {
  #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  peek(): Token {
    return this.#tokens[this.#pos] as Token;
  }

  next(): Token {
    return this.#tokens[this.#pos++] as Token;
  }

  #unexpected(token: Token): never {
    const text =
      token.type === "eof"
        ? "end of file"
        : token.type === "newline"
          ? "newline"
          : token.type === "op"
            ? `"${token.op}"`
            : `"${token.plain ?? "word"}"`;
    throw new ShellSyntaxError(`syntax error: unexpected ${text}`);
  }

  #isKeyword(token: Token, ...words: string[]): boolean {
    return token.type === "word" && token.plain !== undefined && words.includes(token.plain);
  }

  #skipNewlines(): void {
    while (this.peek().type === "newline") this.next();
  }

  #expectKeyword(word: string): void {
    this.#skipNewlines();
    const token = this.next();
    if (!this.#isKeyword(token, word)) this.#unexpected(token);
  }

  /** A list up to one of the terminating keywords (or the end). */
  list(terminators: string[]): Script {
    const script: Script = [];
    for (;;) {
      while (
        this.peek().type === "newline" ||
        (this.peek().type === "op" && (this.peek() as { op: string }).op === ";")
      )
        this.next();
      const token = this.peek();
      if (token.type === "eof") break;
      if (token.type === "op" && token.op === ")") break;
      if (this.#isKeyword(token, ...terminators)) break;
      script.push(this.andOr());
      const sep = this.peek();
      if (sep.type === "op" && sep.op === "&")
        throw new ShellSyntaxError("background jobs (&) are not supported by kubespec's simulated shell");
      if (sep.type === "op" && sep.op === ";") {
        this.next();
        continue;
      }
      if (sep.type === "newline") continue;
      if (sep.type === "eof" || (sep.type === "op" && sep.op === ")") || this.#isKeyword(sep, ...terminators))
        break;
      this.#unexpected(sep);
    }
    return script;
  }

  andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === "op" && (token.op === "&&" || token.op === "||")) {
        this.next();
        this.#skipNewlines();
        rest.push({ op: token.op, pipeline: this.pipeline() });
      } else break;
    }
    return { first, rest };
  }

  pipeline(): Pipeline {
    let negate = false;
    if (this.#isKeyword(this.peek(), "!")) {
      this.next();
      negate = true;
    }
    const commands = [this.command()];
    while (this.peek().type === "op" && (this.peek() as { op: string }).op === "|") {
      this.next();
      this.#skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  #redirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type !== "op" || ![">", ">>", "<", ">&"].includes(token.op)) break;
      if (token.op === "<<") throw new ShellSyntaxError("here-documents are not supported");
      this.next();
      const target = this.next();
      if (target.type !== "word") this.#unexpected(target);
      redirects.push({
        fd: token.fd ?? (token.op === "<" ? 0 : 1),
        op: token.op as Redirect["op"],
        target: target.parts,
      });
    }
    return redirects;
  }

  command(): Command {
    const token = this.peek();
    if (token.type === "op" && token.op === "(") {
      this.next();
      const body = this.list([]);
      const close = this.next();
      if (!(close.type === "op" && close.op === ")")) this.#unexpected(close);
      return { kind: "group", body, subshell: true, redirects: this.#redirects() };
    }
    if (this.#isKeyword(token, "{")) {
      this.next();
      const body = this.list(["}"]);
      this.#expectKeyword("}");
      return { kind: "group", body, subshell: false, redirects: this.#redirects() };
    }
    if (this.#isKeyword(token, "while", "until")) {
      this.next();
      const cond = this.list(["do"]);
      this.#expectKeyword("do");
      const body = this.list(["done"]);
      this.#expectKeyword("done");
      return {
        kind: "loop",
        until: token.type === "word" && token.plain === "until",
        cond,
        body,
        redirects: this.#redirects(),
      };
    }
    if (this.#isKeyword(token, "for")) {
      this.next();
      const name = this.next();
      if (name.type !== "word" || !name.plain || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.plain))
        throw new ShellSyntaxError(`syntax error: bad for loop variable`);
      const items: Word[] = [];
      this.#skipNewlines();
      if (this.#isKeyword(this.peek(), "in")) {
        this.next();
        for (;;) {
          const item = this.peek();
          if (item.type !== "word" || this.#isKeyword(item, "do")) break;
          items.push((this.next() as { parts: Word }).parts);
        }
      }
      const sep = this.peek();
      if ((sep.type === "op" && sep.op === ";") || sep.type === "newline") this.next();
      this.#expectKeyword("do");
      const body = this.list(["done"]);
      this.#expectKeyword("done");
      return { kind: "for", name: name.plain, items, body, redirects: this.#redirects() };
    }
    if (this.#isKeyword(token, "if")) {
      this.next();
      const branches: { cond: Script; body: Script }[] = [];
      let orElse: Script | undefined;
      const cond = this.list(["then"]);
      this.#expectKeyword("then");
      branches.push({ cond, body: this.list(["elif", "else", "fi"]) });
      for (;;) {
        this.#skipNewlines();
        const keyword = this.next();
        if (this.#isKeyword(keyword, "fi")) break;
        if (this.#isKeyword(keyword, "elif")) {
          const c = this.list(["then"]);
          this.#expectKeyword("then");
          branches.push({ cond: c, body: this.list(["elif", "else", "fi"]) });
        } else if (this.#isKeyword(keyword, "else")) {
          orElse = this.list(["fi"]);
          this.#expectKeyword("fi");
          break;
        } else this.#unexpected(keyword);
      }
      return { kind: "if", branches, orElse, redirects: this.#redirects() };
    }
    if (this.#isKeyword(token, "case", "function"))
      throw new ShellSyntaxError(
        `"${(token as { plain: string }).plain}" is not supported by kubespec's simulated shell`,
      );
    if (this.#isKeyword(token, "do", "done", "then", "elif", "else", "fi", "}", "in"))
      this.#unexpected(token);
    return this.#simple();
  }

  #simple(): Command {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === "op" && [">", ">>", "<", ">&"].includes(token.op)) {
        redirects.push(...this.#redirects());
        continue;
      }
      if (token.type === "op" && token.op === "(" && words.length > 0)
        throw new ShellSyntaxError("shell functions are not supported by kubespec's simulated shell");
      if (token.type !== "word") break;
      this.next();
      const first = token.parts[0];
      if (words.length === 0 && first?.t === "lit" && !first.q) {
        const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
        if (assign) {
          const rest = first.v.slice((assign[0] as string).length);
          assigns.push({
            name: assign[1] as string,
            value: [...(rest ? [{ t: "lit" as const, v: rest, q: false }] : []), ...token.parts.slice(1)],
          });
          continue;
        }
      }
      words.push(token.parts);
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) this.#unexpected(this.peek());
    return { kind: "simple", assigns, words, redirects };
  }
}

/**
 * Parse a shell command line (what `sh -c` receives).
 *
 * @example
 * ```ts
 * parseShell("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600").length; // 4
 * ```
 */
export function parseShell(text: string): Script {
  const parser = new Parser(tokenize(text));
  const script = parser.list([]);
  const rest = parser.peek();
  if (rest.type !== "eof") {
    const what =
      rest.type === "op" ? `"${rest.op}"` : rest.type === "word" ? `"${rest.plain ?? "word"}"` : "token";
    throw new ShellSyntaxError(`syntax error: unexpected ${what}`);
  }
  return script;
}

/** Reserved words (for the interpreter's error messages). */
export const RESERVED_WORDS: ReadonlySet<string> = RESERVED;
