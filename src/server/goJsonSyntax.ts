/**
 * The first syntax error of a JSON text, worded as Go's encoding/json scanner words it
 * (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`), since
 * the apiserver quotes those messages back to clients.
 */

class SyntaxProblem extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const code = c.codePointAt(0) ?? 0;
  if (c === "\n") return "'\\n'";
  if (c === "\r") return "'\\r'";
  if (c === "\t") return "'\\t'";
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}

class Scanner {
  #pos = 0;
  constructor(readonly text: string) {}

  #fail(context: string): never {
    if (this.#pos >= this.text.length) throw new SyntaxProblem("unexpected end of JSON input");
    const c = String.fromCodePoint(this.text.codePointAt(this.#pos) ?? 0);
    throw new SyntaxProblem(`invalid character ${quoteChar(c)} ${context}`);
  }

  #space(): void {
    while (this.#pos < this.text.length && " \t\r\n".includes(this.text[this.#pos] as string)) this.#pos++;
  }

  #peek(): string | undefined {
    return this.text[this.#pos];
  }

  document(): void {
    this.#space();
    this.#value("looking for beginning of value");
    this.#space();
    if (this.#pos < this.text.length) this.#fail("after top-level value");
  }

  #value(context: string): void {
    const c = this.#peek();
    if (c === "{") {
      this.#object();
      return;
    }
    if (c === "[") {
      this.#array();
      return;
    }
    if (c === '"') {
      this.#string();
      return;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      this.#number();
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (c === literal[0]) {
        this.#pos++;
        for (const expected of literal.slice(1)) {
          if (this.#peek() !== expected) this.#fail(`in literal ${literal} (expecting '${expected}')`);
          this.#pos++;
        }
        return;
      }
    }
    this.#fail(context);
  }

  #object(): void {
    this.#pos++;
    this.#space();
    if (this.#peek() === "}") {
      this.#pos++;
      return;
    }
    for (;;) {
      this.#space();
      if (this.#peek() !== '"') this.#fail("looking for beginning of object key string");
      this.#string();
      this.#space();
      if (this.#peek() !== ":") this.#fail("after object key");
      this.#pos++;
      this.#space();
      this.#value("looking for beginning of value");
      this.#space();
      const c = this.#peek();
      if (c === ",") {
        this.#pos++;
        continue;
      }
      if (c === "}") {
        this.#pos++;
        return;
      }
      this.#fail("after object key:value pair");
    }
  }

  #array(): void {
    this.#pos++;
    this.#space();
    if (this.#peek() === "]") {
      this.#pos++;
      return;
    }
    for (;;) {
      this.#space();
      this.#value("looking for beginning of value");
      this.#space();
      const c = this.#peek();
      if (c === ",") {
        this.#pos++;
        continue;
      }
      if (c === "]") {
        this.#pos++;
        return;
      }
      this.#fail("after array element");
    }
  }

  #string(): void {
    this.#pos++;
    for (;;) {
      const c = this.#peek();
      if (c === undefined) this.#fail("");
      if (c === '"') {
        this.#pos++;
        return;
      }
      if (c === "\\") {
        this.#pos++;
        const e = this.#peek();
        if (e === "u") {
          this.#pos++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(this.#peek() ?? "")) this.#fail("in \\u hexadecimal character escape");
            this.#pos++;
          }
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.#fail("in string escape code");
        this.#pos++;
        continue;
      }
      if ((c.codePointAt(0) ?? 0) < 0x20) this.#fail("in string literal");
      this.#pos++;
    }
  }

  #number(): void {
    if (this.#peek() === "-") {
      this.#pos++;
      if (!/[0-9]/.test(this.#peek() ?? "")) this.#fail("in numeric literal");
    }
    if (this.#peek() === "0") this.#pos++;
    else while (/[0-9]/.test(this.#peek() ?? "")) this.#pos++;
    if (this.#peek() === ".") {
      this.#pos++;
      if (!/[0-9]/.test(this.#peek() ?? "")) this.#fail("after decimal point in numeric literal");
      while (/[0-9]/.test(this.#peek() ?? "")) this.#pos++;
    }
    if (this.#peek() === "e" || this.#peek() === "E") {
      this.#pos++;
      if (this.#peek() === "+" || this.#peek() === "-") this.#pos++;
      if (!/[0-9]/.test(this.#peek() ?? "")) this.#fail("in exponent of numeric literal");
      while (/[0-9]/.test(this.#peek() ?? "")) this.#pos++;
    }
  }
}

/**
 * The Go encoding/json message for the first syntax error in `text`, or undefined if it is valid JSON.
 *
 * @example
 * ```ts
 * goJsonSyntaxError("{]"); // "invalid character ']' looking for beginning of object key string"
 * goJsonSyntaxError('{"a":'); // "unexpected end of JSON input"
 * ```
 */
export function goJsonSyntaxError(text: string): string | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxProblem) return error.message;
    throw error;
  }
}
