import { Then, When } from "@cucumber/cucumber";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import {
  expectCommandFailed,
  expectErrorOutput,
  expectOutput,
  expectOutputContains,
} from "../src/world/output.ts";

When("I run {string}", async function (this: KubespecWorld, command: string) {
  await this.kubectl(command);
});

When("I run:", async function (this: KubespecWorld, text: string) {
  const [command = "", ...stdin] = text.split("\n");
  await this.kubectl(command, stdin.length > 0 ? `${stdin.join("\n")}\n` : "");
});

When("I apply:", async function (this: KubespecWorld, manifest: string) {
  const result = await this.kubectl("kubectl apply -f -", `${manifest}\n`);
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed:\n${result.stderr}`);
});

When("I apply the file {string}", async function (this: KubespecWorld, path: string) {
  const result = await this.kubectl(`kubectl apply -f ${JSON.stringify(path)}`);
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed:\n${result.stderr}`);
});

Then("the output is:", function (this: KubespecWorld, expected: string) {
  expectOutput(this.requireLastCommand(), expected);
});

Then("the error output is:", function (this: KubespecWorld, expected: string) {
  expectErrorOutput(this.requireLastCommand(), expected);
});

Then("the output contains {string}", function (this: KubespecWorld, text: string) {
  expectOutputContains(this.requireLastCommand(), text);
});

Then("the output contains:", function (this: KubespecWorld, text: string) {
  expectOutputContains(this.requireLastCommand(), text);
});

Then("the command fails with:", function (this: KubespecWorld, text: string) {
  expectCommandFailed(this.requireLastCommand(), text);
});

Then("the command fails with {string}", function (this: KubespecWorld, text: string) {
  expectCommandFailed(this.requireLastCommand(), text);
});
