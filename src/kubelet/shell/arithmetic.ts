/**
 * Shell arithmetic (`$((i + 1))`): integers, variables, `+ - * / %`, comparisons, `&& ||`, `!`
 * and parentheses. A tiny recursive-descent evaluator; no `eval`.
 *
 * @example
 * ```ts
 * evaluateArithmetic("i * 2 + 1", (name) => (name === "i" ? "3" : "")); // 7
 * ```
 */
export function evaluateArithmetic(expr: string, lookup: (name: string) => string): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];
  const value = (name: string): number => {
    const text = lookup(name).trim();
    if (text === "") return 0;
    const n = Number(text);
    if (!Number.isInteger(n)) throw new Error(`${text}: not a number`);
    return n;
  };
  const primary = (): number => {
    const token = take();
    if (token === undefined) throw new Error("expression expected");
    if (token === "(") {
      const v = or();
      if (take() !== ")") throw new Error("missing )");
      return v;
    }
    if (token === "-") return -primary();
    if (token === "+") return primary();
    if (token === "!") return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(token)) return Number(token);
    if (/^[A-Za-z_]/.test(token)) return value(token);
    throw new Error(`unexpected "${token}"`);
  };
  const binary = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => () => {
    let left = next();
    for (let op = peek(); op !== undefined && op in ops; op = peek()) {
      take();
      left = (ops[op] as (a: number, b: number) => number)(left, next());
    }
    return left;
  };
  const divide = (a: number, b: number) => {
    if (b === 0) throw new Error("divide by zero");
    return Math.trunc(a / b);
  };
  const mul = binary(primary, {
    "*": (a, b) => a * b,
    "/": divide,
    "%": (a, b) => (b === 0 ? divide(a, b) : a % b),
  });
  const add = binary(mul, { "+": (a, b) => a + b, "-": (a, b) => a - b });
  const cmp = binary(add, {
    "<": (a, b) => Number(a < b),
    ">": (a, b) => Number(a > b),
    "<=": (a, b) => Number(a <= b),
    ">=": (a, b) => Number(a >= b),
  });
  const eq = binary(cmp, { "==": (a, b) => Number(a === b), "!=": (a, b) => Number(a !== b) });
  const and = binary(eq, { "&&": (a, b) => Number(a !== 0 && b !== 0) });
  const or = binary(and, { "||": (a, b) => Number(a !== 0 || b !== 0) });
  const result = or();
  if (pos < tokens.length) throw new Error(`unexpected "${tokens[pos]}"`);
  return result;
}
