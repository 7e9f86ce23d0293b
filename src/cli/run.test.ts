import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { test } from "node:test";
import { runFeatures, type ScenarioProgress } from "./run.ts";

test("runFeatures reports each finished scenario, tallies the statuses and writes the reports", async () => {
  const reports = mkdtempSync(join(tmpdir(), "kubespec-run-"));
  const finished: ScenarioProgress[] = [];
  const summary = await runFeatures({
    paths: ["src/cli/fixtures/failing.feature"],
    seed: 3,
    stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
    reportsDirectory: reports,
    onScenarioFinished: (p) => finished.push(p),
  });
  assert.equal(summary.success, false);
  assert.deepEqual(summary.scenarios, { failed: 2, passed: 1 });
  assert.equal(summary.htmlReport, join(reports, "cucumber.html"));
  assert.deepEqual(
    finished.map((p) => [p.index, p.total, p.status, p.location]),
    [
      [1, 3, "failed", "src/cli/fixtures/failing.feature:2"],
      [2, 3, "failed", "src/cli/fixtures/failing.feature:29"],
      [3, 3, "passed", "src/cli/fixtures/failing.feature:39"],
    ],
  );
  assert.ok(finished.every((p) => p.millis >= 0));
  for (const file of ["cucumber.html", "junit.xml", "messages.ndjson"])
    assert.ok(existsSync(join(reports, file)));
});
