import { type DataTable, Then } from "@cucumber/cucumber";
import { CucumberExpression } from "@cucumber/cucumber-expressions";
import type { KubespecWorld } from "./KubespecWorld.ts";
import { parameterTypes } from "./parameterTypes.ts";

/** An assertion step body: it throws when the assertion does not hold. */
export type AssertionBody = (this: KubespecWorld, ...args: unknown[]) => Promise<void> | void;

interface Assertion {
  expression: CucumberExpression;
  body: AssertionBody;
}

const assertions: Assertion[] = [];

/**
 * Define a `Then` step that can also be wrapped in `within <duration>, …` and `for <duration>, …`.
 *
 * @example
 * ```ts
 * defineAssertion("pod {string} is {string}", async function (name, status) { ... });
 * ```
 */
export function defineAssertion<A extends unknown[]>(
  pattern: string,
  body: (this: KubespecWorld, ...args: A) => Promise<void> | void,
): void {
  assertions.push({
    expression: new CucumberExpression(pattern, parameterTypes),
    body: body as unknown as AssertionBody,
  });
  Then(pattern, body as never);
}

/** Find the assertion a step text refers to, with its arguments. */
export function matchAssertion(text: string): { body: AssertionBody; args: unknown[] } | undefined {
  for (const assertion of assertions) {
    const args = assertion.expression.match(text);
    if (args) return { body: assertion.body, args: args.map((a) => a.getValue(null)) };
  }
  return undefined;
}

/** The step texts assertions accept, for error messages and the step catalogue. */
export function assertionPatterns(): string[] {
  return assertions.map((a) => a.expression.source);
}

/** Docstring or table passed after the inner step's own arguments. */
export type StepArgument = string | DataTable | undefined;
