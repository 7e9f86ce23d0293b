import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { COMPONENT_MACHINES } from "./componentMachines.ts";
import { readRunResults } from "./runResults.ts";
import { locateSeedClaims } from "./seedCoverage.ts";
import { featurePage, featurePageName, indexPage, seedCoveragePage, statechartsPage } from "./sitePages.ts";
import { formatStatechartCoverage, mergeStatechartVisits, statechartCoverage } from "./statechartCoverage.ts";
import { toMermaid } from "./statechartDiagram.ts";

/** Inputs and output of {@link buildSite}. */
export interface SiteOptions {
  /** Cucumber messages of the run (`reports/messages.ndjson`). */
  messages: string;
  /** Output directory (`reports/site`), emptied first. */
  out: string;
}

/**
 * Build the documentation site from a run's results: index.html, a page per feature (scenarios,
 * steps, kubectl outputs, sequence diagrams of the control-plane conversation), statecharts.html
 * with each machine's coverage, seed-coverage.html (the seed notes' claims with their scenarios'
 * results), and mermaid.min.js copied from the npm package (no CDN). Returns
 * the statechart coverage text.
 *
 * @example
 * ```ts
 * buildSite({ messages: "reports/messages.ndjson", out: "reports/site" });
 * ```
 */
export function buildSite(options: SiteOptions): string {
  if (!existsSync(options.messages)) {
    throw new Error(`${options.messages} not found: run the features first (npm run test:features)`);
  }
  const features = readRunResults(options.messages);
  const coverage = statechartCoverage(
    mergeStatechartVisits(features.flatMap((f) => f.scenarios.map((s) => s.statechartVisits))),
  );
  rmSync(options.out, { recursive: true, force: true });
  mkdirSync(join(options.out, "features"), { recursive: true });
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve("mermaid/dist/mermaid.min.js"), join(options.out, "mermaid.min.js"));
  writeFileSync(join(options.out, "index.html"), indexPage(features));
  for (const feature of features) {
    writeFileSync(join(options.out, "features", featurePageName(feature.uri)), featurePage(feature));
  }
  const machines = COMPONENT_MACHINES.map((m) => ({ ...m, diagram: toMermaid(m.machine) }));
  writeFileSync(join(options.out, "statecharts.html"), statechartsPage(machines, coverage));
  writeFileSync(join(options.out, "seed-coverage.html"), seedCoveragePage(locateSeedClaims(), features));
  const text = formatStatechartCoverage(coverage);
  writeFileSync(join(options.out, "statechart-coverage.txt"), text);
  return text;
}

if (process.argv[1]?.endsWith("buildSite.ts")) {
  const messages = "reports/messages.ndjson";
  if (!existsSync(messages)) {
    // No run yet: run the features first (the Cucumber config writes the messages).
    process.stdout.write(`${messages} not found: running the features first\n`);
    spawnSync(process.execPath, ["node_modules/@cucumber/cucumber/bin/cucumber-js"], { stdio: "inherit" });
  }
  const text = buildSite({ messages, out: "reports/site" });
  process.stdout.write(`${text}wrote reports/site/index.html\n`);
}
