import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { buildStepCatalogue, readStepDocs, withExamples } from "./stepCatalogue.ts";

const root = process.cwd();

test("every step is documented and used by at least one feature", () => {
  const docs = withExamples(root, readStepDocs(root));
  assert.ok(docs.length >= 15);
  const unused = docs.filter((d) => !d.example).map((d) => `${d.keyword} ${d.pattern} (${d.definedAt})`);
  assert.deepEqual(unused, []);
  for (const d of docs) assert.ok(d.description.length > 10, `${d.pattern} needs a description`);
});

test("docs/steps.md is up to date (npm run docs:steps)", () => {
  assert.equal(readFileSync("docs/steps.md", "utf8"), buildStepCatalogue(root));
});
