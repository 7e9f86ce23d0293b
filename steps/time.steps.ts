import { Then, When } from "@cucumber/cucumber";
import { assertionPatterns, matchAssertion } from "../src/world/assertions.ts";
import { throughout, within } from "../src/world/eventually.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { DURATION_PATTERN } from "../src/world/parameterTypes.ts";

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
Then(
  new RegExp(`^within (${DURATION_PATTERN}), (.*[^:])$`),
  async function (this: KubespecWorld, duration: number, text: string) {
    const { body, args } = inner(text);
    await within(this, duration, async () => body.call(this, ...args));
  },
);

Then(
  new RegExp(`^within (${DURATION_PATTERN}), (.*:)$`),
  async function (this: KubespecWorld, duration: number, text: string, extra: unknown) {
    const { body, args } = inner(text);
    await within(this, duration, async () => body.call(this, ...args, extra));
  },
);

Then(
  new RegExp(`^for (${DURATION_PATTERN}), (.*[^:])$`),
  async function (this: KubespecWorld, duration: number, text: string) {
    const { body, args } = inner(text);
    await throughout(this, duration, async () => body.call(this, ...args));
  },
);

Then(
  new RegExp(`^for (${DURATION_PATTERN}), (.*:)$`),
  async function (this: KubespecWorld, duration: number, text: string, extra: unknown) {
    const { body, args } = inner(text);
    await throughout(this, duration, async () => body.call(this, ...args, extra));
  },
);
