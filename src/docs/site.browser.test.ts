// Builds the documentation site from a real (small) Cucumber run and opens it in headless Debian
// Chromium: pages load without console errors and every Mermaid diagram is drawn as SVG.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { buildSite } from "./buildSite.ts";
import { COMPONENT_MACHINES } from "./componentMachines.ts";
import { featurePageName } from "./sitePages.ts";

const CHROMIUM = "/usr/bin/chromium";
const FEATURE = "features/pods/creation-flow.feature";
const dir = mkdtempSync(join(tmpdir(), "kubespec-site-"));
const site = join(dir, "site");
let browser: Browser;
let coverageText = "";

before(async () => {
  writeFileSync(
    join(dir, "cucumber.mjs"),
    `export default ${JSON.stringify({
      import: ["src/world/tsx.mjs", "src/world/support.ts", "steps/**/*.steps.ts"],
      format: [`message:${join(dir, "messages.ndjson")}`],
      strict: true,
    })};\n`,
  );
  execFileSync(
    process.execPath,
    [
      "node_modules/@cucumber/cucumber/bin/cucumber-js",
      "--config",
      relative(process.cwd(), join(dir, "cucumber.mjs")),
      FEATURE,
    ],
    {
      stdio: "pipe",
    },
  );
  coverageText = buildSite({
    messages: join(dir, "messages.ndjson"),
    out: site,
  });
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Open a page of the site; returns its console errors and the SVG text of each diagram. */
async function open(path: string): Promise<{ errors: string[]; diagrams: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(site, path)).href);
  const count = await page.locator("pre.mermaid").count();
  // Mermaid replaces each diagram's text with an <svg> once it has drawn it.
  await page.waitForFunction(`document.querySelectorAll("pre.mermaid svg").length === ${count}`, undefined, {
    timeout: 60_000,
  });
  const diagrams = await page
    .locator("pre.mermaid svg")
    .evaluateAll((svgs) => svgs.map((s) => s.textContent ?? ""));
  await page.close();
  // Mermaid draws a diagram it cannot parse as an SVG that says so.
  for (const d of diagrams) assert.doesNotMatch(d, /Syntax error/i, `${path}: a diagram did not parse`);
  return { errors, diagrams };
}

test("the index lists the feature and loads without console errors", async () => {
  const { errors } = await open("index.html");
  assert.deepEqual(errors, []);
});

test("the pod-creation scenario draws the six steps of seed note 003 as an SVG sequence diagram", async () => {
  const { errors, diagrams } = await open(`features/${featurePageName(FEATURE)}`);
  assert.deepEqual(errors, []);
  assert.equal(diagrams.length, 1);
  const text = diagrams[0] ?? "";
  let from = 0;
  for (const step of [
    "1. the client sends",
    "2. kube-apiserver stores",
    "3. kube-scheduler sees",
    "4. the binding",
    "5. the node's kubelet",
    "6. kube-apiserver stores the reported status",
  ]) {
    const at = text.indexOf(step, from);
    assert.ok(at >= 0, `step "${step}" is not drawn after the earlier steps`);
    from = at;
  }
  assert.match(text, /create pods\/default\/nginx\/binding/);
});

test("the seed coverage page links the creation scenario with its result", async () => {
  const { errors } = await open("seed-coverage.html");
  assert.deepEqual(errors, []);
  const html = readFileSync(join(site, "seed-coverage.html"), "utf8");
  assert.match(
    html,
    /<span class="PASSED">passed<\/span> <code>features\/pods\/creation-flow\.feature:12<\/code>/,
  );
  assert.match(html, /<span class="UNKNOWN">not run<\/span>/);
});

test("the statecharts page draws every machine as SVG and shows what the run visited", async () => {
  const { errors, diagrams } = await open("statecharts.html");
  assert.deepEqual(errors, []);
  assert.equal(diagrams.length, COMPONENT_MACHINES.length);
  assert.match(coverageText, /kube-scheduler\s+states \d+\/4/);
  assert.match(coverageText, /unvisited state: etcd\.unavailable/);
});
