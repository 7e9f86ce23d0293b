import assert from "node:assert/strict";
import { test } from "node:test";
import { PARITY_CORPUS, PARITY_FILES } from "./corpus.ts";
import { parityReport, runParity } from "./ParityRun.ts";

/**
 * Every entry must come out identical: a difference, or a command or flag the built-in kubectl
 * lacks (`missing-builtin`), fails the test.
 */
test("the real kubectl against kubespec serve prints what the built-in kubectl prints", async () => {
  assert.ok(PARITY_CORPUS.length >= 60, "the corpus has at least 60 command lines");
  const results = await runParity(PARITY_CORPUS, PARITY_FILES);
  const report = parityReport(results);
  console.log(report);
  const different = results.filter((r) => r.outcome === "different").map((r) => r.entry.command);
  assert.deepEqual(different, [], `entries differ:\n${report}`);
  const missing = results.filter((r) => r.outcome === "missing-builtin").map((r) => r.entry.command);
  assert.deepEqual(missing, [], `the built-in kubectl lacks what these entries use:\n${report}`);
  assert.equal(results.filter((r) => r.outcome.startsWith("identical")).length, results.length);
});
