import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { SEED_CLAIMS, SEED_NOTES } from "./seedClaims.ts";
import { renderSeedCoverage, scenarioLine } from "./seedCoverage.ts";

test("docs/seed-coverage.md is up to date and every feature:line in it starts the named scenario", () => {
  const doc = readFileSync("docs/seed-coverage.md", "utf8");
  assert.equal(doc, renderSeedCoverage(), "run npm run docs:seeds");
  const refs = [...doc.matchAll(/`(features\/[^`]+\.feature):(\d+)` ([^<|]+?)(?=<br>| \|)/g)];
  assert.ok(refs.length > 50);
  for (const [, feature, line, name] of refs) {
    const text = readFileSync(feature ?? "", "utf8").split("\n")[Number(line) - 1] ?? "";
    assert.match(text, /^\s*Scenario( Outline)?: /, `${feature}:${line} is not a scenario`);
    assert.equal(text.replace(/^\s*Scenario( Outline)?: /, "").trim(), name, `${feature}:${line}`);
  }
});

test("every claim is proved, pending an issue, or has a reason", () => {
  for (const c of SEED_CLAIMS) {
    assert.ok((c.proof?.length ?? 0) > 0 || c.pending || c.reason, `${c.seed}:${c.line} ${c.claim}`);
    assert.ok(SEED_NOTES[c.seed], `unknown seed note ${c.seed}`);
  }
});

test("a renamed or missing scenario is a clear error", () => {
  const read = () => "Feature: x\n  Scenario: one\n  Scenario: two\n  Scenario: two\n";
  assert.equal(scenarioLine(["f.feature", "one"], read), 2);
  assert.throws(() => scenarioLine(["f.feature", "three"], read), /has no scenario named "three"/);
  assert.throws(() => scenarioLine(["f.feature", "two"], read), /more than one scenario named "two"/);
  assert.throws(() => scenarioLine(["features/none.feature", "x"]), /does not exist/);
});

// The seed notes live beside the repository (../shared/seeds in CI; two levels up in a worktree).
const seeds = ["../shared/seeds", "../../shared/seeds"].find((d) => existsSync(d));

test("each claim points at a written line of its seed note, and every note has claims", (t) => {
  if (!seeds) {
    // A clone without the project's shared folder has no notes to check the line numbers against.
    t.diagnostic(
      "the seed notes (../shared/seeds) are not beside this checkout: their lines are not checked",
    );
    return;
  }
  assert.deepEqual(
    readdirSync(seeds)
      .filter((f) => f.endsWith(".txt"))
      .sort(),
    Object.values(SEED_NOTES).sort(),
  );
  for (const c of SEED_CLAIMS) {
    const lines = readFileSync(`${seeds}/${SEED_NOTES[c.seed]}`, "utf8").split("\n");
    assert.ok((lines[c.line - 1] ?? "").trim() !== "", `${c.seed}:${c.line} is blank or past the end`);
  }
});
