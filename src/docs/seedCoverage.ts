import { readFileSync, writeFileSync } from "node:fs";
import { type ScenarioRef, SEED_CLAIMS, SEED_NOTES, type SeedClaim } from "./seedClaims.ts";

/** A proving scenario with the line it starts on. */
export interface LocatedScenario {
  feature: string;
  scenario: string;
  line: number;
}

const SCENARIO = /^\s*Scenario(?: Outline| Template)?:\s*(.*?)\s*$/;

/**
 * The line of a scenario in its feature file; a clear error when the file or the scenario is gone
 * or the name is not unique.
 *
 * @example
 * ```ts
 * scenarioLine(["features/pods/creation-flow.feature", "The control-plane conversation that creates a pod"]); // 12
 * ```
 */
export function scenarioLine(
  [feature, scenario]: ScenarioRef,
  read = (f: string) => readFileSync(f, "utf8"),
): number {
  let text: string;
  try {
    text = read(feature);
  } catch {
    throw new Error(`seed coverage: ${feature} does not exist (proof of "${scenario}")`);
  }
  const lines = text
    .split("\n")
    .map((l, i) => [SCENARIO.exec(l)?.[1], i + 1] as const)
    .filter(([name]) => name === scenario);
  if (lines.length !== 1) {
    throw new Error(
      `seed coverage: ${feature} has ${lines.length === 0 ? "no" : "more than one"} scenario named "${scenario}"`,
    );
  }
  return lines[0]?.[1] ?? 0;
}

/** The claims with their proving scenarios located. */
export function locateSeedClaims(
  claims: readonly SeedClaim[] = SEED_CLAIMS,
): (SeedClaim & { located: LocatedScenario[] })[] {
  return claims.map((c) => ({
    ...c,
    located: (c.proof ?? []).map((ref) => ({ feature: ref[0], scenario: ref[1], line: scenarioLine(ref) })),
  }));
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/**
 * docs/seed-coverage.md: every claim of the seed notes with the feature:line of each scenario that
 * proves it, or why none does.
 *
 * @example
 * ```ts
 * renderSeedCoverage().includes("features/pods/creation-flow.feature:12"); // true
 * ```
 */
export function renderSeedCoverage(claims: readonly SeedClaim[] = SEED_CLAIMS): string {
  const located = locateSeedClaims(claims);
  const proved = located.filter((c) => c.located.length > 0 && !c.pending).length;
  const pending = located.filter((c) => c.pending).length;
  const reasoned = located.filter((c) => c.reason).length;
  let out = `# Seed coverage

Every claim about Kubernetes in the seed notes (\`../shared/seeds/\`), with the scenarios that prove
it as \`feature:line\`. Generated from \`src/docs/seedClaims.ts\` by \`npm run docs:seeds\`; a unit test
fails when a scenario is renamed, removed or moved without regenerating this file. The site
(\`npm run docs\`) shows the same table with each scenario's result in the last run.

${located.length} claims: ${proved} proved by scenarios, ${pending} pending (Services and networking, issue 7), ${reasoned} not a behaviour of a running cluster (the reason is given).
`;
  for (const [seed, file] of Object.entries(SEED_NOTES)) {
    out += `\n## ${seed}: ${file}\n\n| Line | Claim | Proved by |\n| --- | --- | --- |\n`;
    for (const c of located.filter((x) => x.seed === seed)) {
      const proofs = c.located.map((l) => `\`${l.feature}:${l.line}\` ${l.scenario}`);
      if (c.pending) proofs.push(`pending ${c.pending}`);
      if (c.reason) proofs.push(`not covered: ${c.reason}`);
      out += `| ${c.line} | ${cell(c.claim)} | ${cell(proofs.join("<br>"))} |\n`;
    }
  }
  return out;
}

if (process.argv.includes("--write")) {
  writeFileSync("docs/seed-coverage.md", renderSeedCoverage());
  process.stdout.write("wrote docs/seed-coverage.md\n");
}
