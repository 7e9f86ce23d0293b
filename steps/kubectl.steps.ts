import { Then, When } from "@cucumber/cucumber";
import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import {
  expectCommandFailed,
  expectErrorOutput,
  expectOutput,
  expectOutputContains,
  expectOutputNotContains,
} from "../src/world/output.ts";

/** Run a kubectl command line; its stdout, stderr and exit code are kept for the next steps. */
When("I run {string}", async function (this: KubespecWorld, command: string) {
  await this.kubectl(command);
});

/** Run the doc string's first line as the command, with the rest as its stdin (e.g. `kubectl apply -f -`). */
When("I run:", async function (this: KubespecWorld, text: string) {
  const [command = "", ...stdin] = text.split("\n");
  await this.kubectl(command, stdin.length > 0 ? `${stdin.join("\n")}\n` : "");
});

/** `kubectl apply -f -` with the doc string (one or more YAML documents); fails the step if kubectl fails. */
When("I apply:", async function (this: KubespecWorld, manifest: string) {
  const result = await this.kubectl("kubectl apply -f -", `${manifest}\n`);
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed:\n${result.stderr}`);
});

/** `kubectl apply -f <file>`, the path relative to the feature file. */
When("I apply the file {string}", async function (this: KubespecWorld, path: string) {
  const result = await this.kubectl(`kubectl apply -f ${JSON.stringify(path)}`);
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed:\n${result.stderr}`);
});

/** The last command's stdout is exactly the doc string (trailing spaces ignored). */
Then("the output is:", function (this: KubespecWorld, expected: string) {
  expectOutput(this.requireLastCommand(), expected);
});

/** The last command's stderr is exactly the doc string. */
Then("the error output is:", function (this: KubespecWorld, expected: string) {
  expectErrorOutput(this.requireLastCommand(), expected);
});

/** The last command's stdout or stderr contains the text. */
Then("the output contains {string}", function (this: KubespecWorld, text: string) {
  expectOutputContains(this.requireLastCommand(), text);
});

/** Neither the last command's stdout nor its stderr contains the text. */
Then("the output does not contain {string}", function (this: KubespecWorld, text: string) {
  expectOutputNotContains(this.requireLastCommand(), text);
});

/** The last command's stdout or stderr contains the doc string. */
Then("the output contains:", function (this: KubespecWorld, text: string) {
  expectOutputContains(this.requireLastCommand(), text);
});

/** The last command failed (non-zero exit code) and its stderr contains the doc string. */
Then("the command fails with:", function (this: KubespecWorld, text: string) {
  expectCommandFailed(this.requireLastCommand(), text);
});

/** The last command failed and its stderr contains the text. */
Then("the command fails with {string}", function (this: KubespecWorld, text: string) {
  expectCommandFailed(this.requireLastCommand(), text);
});

/** Run the command now and compare its stdout with the doc string; combine with `within`. */
defineAssertion("{string} prints:", async function (this: KubespecWorld, command: string, expected: string) {
  expectOutput(await this.kubectl(command), expected);
});
