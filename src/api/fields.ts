/**
 * Field selectors (k8s.io/apimachinery/pkg/fields/selector.go): `key=value`, `key==value` and
 * `key!=value` terms joined by commas, with `\,`, `\=` and `\\` escapes.
 */

/** One field selector term. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: "=" | "!=";
  readonly value: string;
}

/** Thrown for malformed field selectors; the message is the apiserver's. */
export class FieldSelectorError extends Error {
  override name = "FieldSelectorError";
}

/**
 * A parsed field selector.
 *
 * @example
 * ```ts
 * const s = FieldSelector.parse("spec.nodeName=node-1,status.phase!=Failed");
 * s.matches({ "spec.nodeName": "node-1", "status.phase": "Running" }); // true
 * ```
 */
export class FieldSelector {
  static readonly everything = new FieldSelector([]);

  constructor(readonly requirements: readonly FieldRequirement[]) {}

  static parse(text: string): FieldSelector {
    const parts = splitTerms(text).sort();
    const requirements: FieldRequirement[] = [];
    for (const part of parts) {
      if (part === "") continue;
      const term = splitTerm(part);
      if (!term) throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
      requirements.push({
        field: term.field,
        operator: term.operator,
        value: unescapeValue(term.value, text),
      });
    }
    return new FieldSelector(requirements);
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** The value a term requires for `field` with `=`, if any (used to index watches by node name). */
  requiredValue(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === "=")?.value;
  }

  matches(fields: Readonly<Record<string, string>>): boolean {
    for (const r of this.requirements) {
      const actual = fields[r.field] ?? "";
      if (r.operator === "=" ? actual !== r.value : actual === r.value) return false;
    }
    return true;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(",");
  }
}

function splitTerms(text: string): string[] {
  if (text === "") return [];
  const terms: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of text) {
    if (escaped) {
      current += ch;
      escaped = false;
    } else if (ch === "\\") {
      current += ch;
      escaped = true;
    } else if (ch === ",") {
      terms.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

function splitTerm(term: string): { field: string; operator: "=" | "!="; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === "\\") {
      i++;
      continue;
    }
    for (const op of ["!=", "==", "="] as const) {
      if (term.startsWith(op, i)) {
        return {
          field: term.slice(0, i),
          operator: op === "!=" ? "!=" : "=",
          value: term.slice(i + op.length),
        };
      }
    }
  }
  return undefined;
}

function unescapeValue(value: string, selector: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === "\\") {
      const next = value[i + 1];
      if (next === "\\" || next === "," || next === "=") {
        out += next;
        i++;
        continue;
      }
      throw new FieldSelectorError(`invalid field selector: '${selector}': invalid escape sequence`);
    }
    if (ch === "," || ch === "=") {
      throw new FieldSelectorError(`invalid field selector: '${selector}': unescaped ${ch} in value`);
    }
    out += ch;
  }
  return out;
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/=/g, "\\=");
}
