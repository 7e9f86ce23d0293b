/**
 * Label selectors: the grammar of k8s.io/apimachinery/pkg/labels/selector.go (lexer, parser,
 * requirement validation and error messages), shared by the apiserver, controllers and kubectl.
 */
import { type FieldError, fieldErrors } from "./FieldError.ts";
import { isQualifiedName, isValidLabelValue } from "./validation.ts";

/** selection.Operator values. */
export type Operator = "in" | "notin" | "=" | "==" | "!=" | "exists" | "!" | "gt" | "lt";

/** One requirement of a selector, e.g. `env in (prod,qa)`. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted, de-duplicated values. */
  readonly values: readonly string[];
}

/** Thrown for a selector that does not parse; the message is the apiserver's. */
export class SelectorParseError extends Error {
  override name = "SelectorParseError";
}

type Labels = Readonly<Record<string, string>> | undefined;

/**
 * A parsed label selector. Requirements are ANDed; an empty selector matches everything.
 *
 * @example
 * ```ts
 * const s = Selector.parse("env in (prod,qa),!canary");
 * s.matches({ env: "qa" }); // true
 * s.toString(); // "!canary,env in (prod,qa)"
 * ```
 */
export class Selector {
  /** The selector that matches every object. */
  static readonly everything = new Selector([]);

  readonly requirements: readonly Requirement[];

  constructor(requirements: readonly Requirement[]) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Parse selector text with the grammar and messages of labels.Parse. */
  static parse(text: string): Selector {
    return new Selector(new Parser(text).parse());
  }

  /** A selector that requires every key=value of `set` (labels.SelectorFromSet). */
  static fromSet(set: Labels): Selector {
    return new Selector(
      Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: "=", values: [value] })),
    );
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }

  /** The canonical string form (labels.Selector.String()). */
  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

/** metav1.LabelSelector as a struct (matchLabels + matchExpressions). */
export interface LabelSelectorStruct {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * Convert a metav1.LabelSelector to a Selector (metav1.LabelSelectorAsSelector): nil matches nothing,
 * an empty struct matches everything.
 */
export function selectorFromLabelSelector(ls: LabelSelectorStruct | null | undefined): Selector | null {
  if (ls === null || ls === undefined) return null;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) {
    requirements.push({ key, operator: "=", values: [value] });
  }
  for (const expr of ls.matchExpressions ?? []) {
    const op = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" }[expr.operator] as
      | Operator
      | undefined;
    if (!op) throw new SelectorParseError(`"${expr.operator}" is not a valid label selector operator`);
    requirements.push({ key: expr.key, operator: op, values: [...new Set(expr.values ?? [])].sort() });
  }
  return new Selector(requirements);
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? (labels as Record<string, string>)[r.key] : undefined;
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(value as string);
    case "notin":
    case "!=":
      return !has || !r.values.includes(value as string);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has) return false;
      const actual = Number.parseInt(value as string, 10);
      if (!/^[-+]?\d+$/.test(value as string)) return false;
      const bound = Number.parseInt(r.values[0] as string, 10);
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case "exists":
      return r.key;
    case "!":
      return `!${r.key}`;
    case "in":
    case "notin":
      return `${r.key} ${r.operator} (${r.values.join(",")})`;
    case "gt":
      return `${r.key}>${r.values[0]}`;
    case "lt":
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

// ---- lexer and parser (labels/selector.go) ----

type Token =
  | "error"
  | "eos"
  | "closedPar"
  | "comma"
  | "doesNotExist"
  | "doubleEquals"
  | "equals"
  | "greaterThan"
  | "identifier"
  | "in"
  | "lessThan"
  | "notEquals"
  | "notIn"
  | "openPar";

const STRING_TO_TOKEN: Record<string, Token> = {
  ")": "closedPar",
  ",": "comma",
  "!": "doesNotExist",
  "==": "doubleEquals",
  "=": "equals",
  ">": "greaterThan",
  in: "in",
  "<": "lessThan",
  "!=": "notEquals",
  notin: "notIn",
  "(": "openPar",
};

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const isWhitespace = (ch: string) => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";

interface Scanned {
  tok: Token;
  lit: string;
}

function lex(input: string): Scanned[] {
  const items: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos] as string)) pos++;
    if (pos >= input.length) {
      items.push({ tok: "eos", lit: "" });
      return items;
    }
    const ch = input[pos] as string;
    if (SPECIAL.has(ch)) {
      let buffer = "";
      let last: Scanned | undefined;
      while (pos < input.length && SPECIAL.has(input[pos] as string)) {
        buffer += input[pos];
        const tok = STRING_TO_TOKEN[buffer];
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      if (!last) {
        items.push({ tok: "error", lit: `error expected: keyword found '${buffer}'` });
        items.push({ tok: "eos", lit: "" });
        return items;
      }
      items.push(last);
    } else {
      let word = "";
      while (
        pos < input.length &&
        !isWhitespace(input[pos] as string) &&
        !SPECIAL.has(input[pos] as string)
      ) {
        word += input[pos];
        pos++;
      }
      const keyword = STRING_TO_TOKEN[word];
      items.push(keyword ? { tok: keyword, lit: word } : { tok: "identifier", lit: word });
    }
  }
}

type Context = "keyAndOperator" | "values";

class Parser {
  readonly #items: Scanned[];
  #pos = 0;

  constructor(input: string) {
    this.#items = lex(input);
  }

  #lookahead(context: Context): Scanned {
    const item = this.#items[this.#pos] ?? { tok: "eos", lit: "" };
    if (context === "values" && (item.tok === "in" || item.tok === "notIn"))
      return { tok: "identifier", lit: item.lit };
    return item;
  }

  #consume(context: Context): Scanned {
    const item = this.#lookahead(context);
    if (this.#pos < this.#items.length) this.#pos++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.#lookahead("values");
      if (tok === "identifier" || tok === "doesNotExist") {
        let r: Requirement;
        try {
          r = this.#parseRequirement();
        } catch (e) {
          throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        requirements.push(r);
        const next = this.#consume("values");
        if (next.tok === "eos") return requirements;
        if (next.tok === "comma") {
          const after = this.#lookahead("values");
          if (after.tok !== "identifier" && after.tok !== "doesNotExist") {
            throw new SelectorParseError(`found '${after.lit}', expected: identifier after ','`);
          }
        } else {
          throw new SelectorParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === "eos") {
        return requirements;
      } else {
        throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  #parseRequirement(): Requirement {
    let operator: Operator | undefined;
    let { tok, lit } = this.#consume("values");
    if (tok === "doesNotExist") {
      operator = "!";
      ({ tok, lit } = this.#consume("values"));
    }
    if (tok !== "identifier") throw new Error(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) throw new Error(fieldErrors.invalid("", key, keyErrors.join("; ")).toString());
    const ahead = this.#lookahead("values").tok;
    if (operator === "!" || ahead === "eos" || ahead === "comma") {
      return newRequirement(key, operator ?? "exists", []);
    }
    const op = this.#parseOperator();
    let values: string[];
    if (op === "in" || op === "notin") values = this.#parseValues();
    else values = this.#parseExactValue();
    return newRequirement(key, op, values);
  }

  #parseOperator(): Operator {
    const { tok, lit } = this.#consume("keyAndOperator");
    const op = (
      {
        in: "in",
        equals: "=",
        doubleEquals: "==",
        greaterThan: "gt",
        lessThan: "lt",
        notIn: "notin",
        notEquals: "!=",
      } as Partial<Record<Token, Operator>>
    )[tok];
    if (!op) throw new Error(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  #parseValues(): string[] {
    let { tok, lit } = this.#consume("values");
    if (tok !== "openPar") throw new Error(`found '${lit}' expected: '('`);
    ({ tok, lit } = this.#lookahead("values"));
    if (tok === "identifier" || tok === "comma") {
      const set = this.#parseIdentifiersList();
      if (this.#consume("values").tok !== "closedPar") throw new Error(`found '${lit}', expected: ')'`);
      return set;
    }
    if (tok === "closedPar") {
      this.#consume("values");
      return [""];
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  #parseIdentifiersList(): string[] {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.#consume("values");
      if (tok === "identifier") {
        set.add(lit);
        const next = this.#lookahead("values");
        if (next.tok === "comma") continue;
        if (next.tok === "closedPar") return [...set];
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === "comma") {
        if (set.size === 0) set.add("");
        const next = this.#lookahead("values").tok;
        if (next === "closedPar") {
          set.add("");
          return [...set];
        }
        if (next === "comma") {
          this.#consume("values");
          set.add("");
        }
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  #parseExactValue(): string[] {
    const ahead = this.#lookahead("values").tok;
    if (ahead === "eos" || ahead === "comma") return [""];
    const { tok, lit } = this.#consume("values");
    if (tok === "identifier") return [lit];
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** labels.NewRequirement: validates key, operator arity and values. */
function newRequirement(key: string, operator: Operator, rawValues: string[]): Requirement {
  const values = [...new Set(rawValues)].sort();
  const errors: FieldError[] = [];
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(fieldErrors.invalid("key", key, keyErrors.join("; ")));
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) {
        errors.push(
          fieldErrors.invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"),
        );
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        errors.push(
          fieldErrors.invalid("values", values, "exact-match compatibility requires one single value"),
        );
      }
      break;
    case "exists":
    case "!":
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        errors.push(
          fieldErrors.invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"),
        );
      }
      values.forEach((v, i) => {
        if (!/^[-+]?\d+$/.test(v)) {
          errors.push(
            fieldErrors.invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrors = isValidLabelValue(v);
    if (valueErrors.length > 0)
      errors.push(fieldErrors.invalid(`values[${i}][${key}]`, v, valueErrors.join("; ")));
  });
  if (errors.length === 1) throw new Error(String(errors[0]));
  if (errors.length > 1) throw new Error(`[${errors.map(String).join(", ")}]`);
  return { key, operator, values };
}
