import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { progressLine } from "./main.ts";

const made: string[] = [];
after(() => {
  for (const directory of made) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "kubespec-"));
  made.push(directory);
  return directory;
}

function kubespec(args: string[], cwd = process.cwd()) {
  // The child is not instrumented: c8 cannot merge coverage of the same files loaded through two
  // different TypeScript loaders (tsx's --import hook here, its register() API in the bin). Node
  // passes NODE_V8_COVERAGE on to children unless it is overridden, so it is set empty.
  return spawnSync(process.execPath, [join(import.meta.dirname, "kubespec.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_V8_COVERAGE: "", KUBESPEC_SEED: "" },
  });
}

test("kubespec run reports an undefined step, fails, and still writes the reports", () => {
  const reports = temporaryDirectory();
  const result = kubespec(["run", "src/cli/fixtures/undefined-step.feature", "--reports-dir", reports]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /Undefined\. Implement with the following snippet:/);
  assert.match(result.stdout, /When\('I teleport the pod to the moon'/);
  assert.match(result.stdout, /kubespec: 1 undefined \(seed 1\)/);
  assert.match(readFileSync(join(reports, "junit.xml"), "utf8"), /<testsuite/);
});

test("kubespec run passes on the example specs", () => {
  const reports = temporaryDirectory();
  const result = kubespec([
    "run",
    "features/examples/first-pod.feature",
    "--seed",
    "7",
    "--reports-dir",
    reports,
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /kubespec: 1 passed \(seed 7\)/);
  assert.match(result.stdout, new RegExp(`HTML report: ${join(reports, "cucumber.html")}`));
});

test("kubespec refuses a bad seed", () => {
  const result = kubespec(["run", "--seed", "minus-one"]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /invalid seed "minus-one"/);
});

test("kubespec run --tags --parallel --format: only the tagged scenario, in workers, with extra formatters", () => {
  const reports = temporaryDirectory();
  const json = join(reports, "out.json");
  const result = kubespec([
    "run",
    "src/cli/fixtures/failing.feature",
    "--tags",
    "@passing",
    "--parallel",
    "2",
    "--format",
    `json:${json}`,
    "--reports-dir",
    reports,
  ]);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^\[1\/1\] ✔ A passing scenario {2}src\/cli\/fixtures\/failing\.feature:39 {2}\d+\.\d\ds$/m,
  );
  assert.match(result.stdout, /kubespec: 1 passed \(seed 1\)/);
  assert.equal(JSON.parse(readFileSync(json, "utf8"))[0].elements.length, 1);
  assert.equal((readFileSync(join(reports, "junit.xml"), "utf8").match(/<testcase /g) ?? []).length, 1);
});

test("progressLine: position, mark, name, location and wall time", () => {
  assert.equal(
    progressLine({
      index: 3,
      total: 40,
      status: "failed",
      name: "nginx starts",
      location: "a.feature:5",
      millis: 1234,
    }),
    "[ 3/40] ✖ nginx starts  a.feature:5  1.23s\n",
  );
});
