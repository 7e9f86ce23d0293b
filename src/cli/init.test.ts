import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { initProject, PROJECT_CUCUMBER_CONFIG } from "./init.ts";

test("initProject writes the example feature and cucumber.js, and keeps files that exist", () => {
  const project = mkdtempSync(join(tmpdir(), "kubespec-init-"));
  writeFileSync(join(project, "cucumber.js"), "export default {};\n");
  assert.deepEqual(initProject(project), [
    { path: "features/example.feature", action: "created" },
    { path: "cucumber.js", action: "kept" },
  ]);
  assert.equal(readFileSync(join(project, "cucumber.js"), "utf8"), "export default {};\n");
  assert.equal(
    readFileSync(join(project, "features/example.feature"), "utf8"),
    readFileSync("features/examples/first-pod.feature", "utf8"),
  );
  rmSync(project, { recursive: true, force: true });
  assert.match(PROJECT_CUCUMBER_CONFIG, /"node_modules\/kubespec\/steps\/\*\*\/\*\.steps\.ts"/);
});
