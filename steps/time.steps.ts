import { Then, When } from "@cucumber/cucumber";
import { assertionPatterns, matchAssertion } from "../src/world/assertions.ts";
import { throughout, within } from "../src/world/eventually.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { DURATION_PATTERN } from "../src/world/parameterTypes.ts";

/** Let cluster time pass: every timer due in that span fires, in order ("30 seconds", "5 minutes", "1m30s"). */
When("{duration} pass(es)", async function (this: KubespecWorld, millis: number) {
  await this.requireCluster().advance(millis);
});

function inner(text: string) {
  const match = matchAssertion(text);
  if (!match) {
    throw new Error(
      `"${text}" is not an assertion step; within/for accept:\n${assertionPatterns()
        .map((p) => `  ${p}`)
        .join("\n")}`,
    );
  }
  return match;
}

// The duration group is the registered {duration} parameter type, so Cucumber hands over milliseconds.
// Inner steps that end with ":" take the step's doc string or table; Cucumber counts arguments,
// so those get their own definitions.
/**
 * Eventually: re-check the assertion after every moment something happens, until it holds or the
 * time is up; on failure, say what was seen last.
 * @step within {duration}, <assertion>
 */
Then(
  new RegExp(`^within (${DURATION_PATTERN}), (.*[^:])$`),
  async function (this: KubespecWorld, duration: number, text: string) {
    const { body, args } = inner(text);
    await within(this, duration, async () => body.call(this, ...args));
  },
);

/**
 * Eventually, for assertions that end with a colon and take a doc string or table.
 * @step within {duration}, <assertion>:
 */
Then(
  new RegExp(`^within (${DURATION_PATTERN}), (.*:)$`),
  async function (this: KubespecWorld, duration: number, text: string, extra: unknown) {
    const { body, args } = inner(text);
    await within(this, duration, async () => body.call(this, ...args, extra));
  },
);

/**
 * Throughout: the assertion holds now and after every moment something happens in the span.
 * @step for {duration}, <assertion>
 */
Then(
  new RegExp(`^for (${DURATION_PATTERN}), (.*[^:])$`),
  async function (this: KubespecWorld, duration: number, text: string) {
    const { body, args } = inner(text);
    await throughout(this, duration, async () => body.call(this, ...args));
  },
);

/**
 * Throughout, for assertions that end with a colon and take a doc string or table.
 * @step for {duration}, <assertion>:
 */
Then(
  new RegExp(`^for (${DURATION_PATTERN}), (.*:)$`),
  async function (this: KubespecWorld, duration: number, text: string, extra: unknown) {
    const { body, args } = inner(text);
    await throughout(this, duration, async () => body.call(this, ...args, extra));
  },
);
