import type { FeatureResult, ScenarioResult } from "./runResults.ts";
import type { SeedClaim } from "./seedClaims.ts";
import type { LocatedScenario } from "./seedCoverage.ts";
import { toSequenceDiagram } from "./sequenceDiagram.ts";
import type { MachineCoverage } from "./statechartCoverage.ts";

/** Escape text for HTML (Mermaid reads the unescaped `textContent` back). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#222}
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;font-size:.85rem}
.PASSED{color:#1a7f37}.FAILED,.AMBIGUOUS,.UNDEFINED{color:#cf222e}.SKIPPED,.PENDING,.UNKNOWN{color:#9a6700}
.step{margin:.2rem 0}.kw{font-weight:bold}section.scenario{border-top:1px solid #ddd;margin-top:1.5rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}`;

/** A page of the site; `root` is the relative path back to the site root (for mermaid.min.js). */
export function page(title: string, body: string, root: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · kubespec</title>
<style>${STYLE}</style></head>
<body><nav><a href="${root}index.html">Features</a> · <a href="${root}statecharts.html">Statecharts</a> · <a href="${root}seed-coverage.html">Seed coverage</a></nav>
${body}
<script src="${root}mermaid.min.js"></script>
<script>mermaid.initialize({ startOnLoad: true, securityLevel: "strict", sequence: { useMaxWidth: false } });</script>
</body></html>
`;
}

function mermaid(diagram: string): string {
  return `<pre class="mermaid">${escapeHtml(diagram)}</pre>`;
}

/** The file name of a feature's page (`features/pods/labels.feature` → `pods-labels.html`). */
export function featurePageName(uri: string): string {
  return `${uri
    .replace(/^features\//, "")
    .replace(/\.feature$/, "")
    .replace(/[^A-Za-z0-9]+/g, "-")}.html`;
}

function counts(scenarios: readonly ScenarioResult[]): string {
  const by = new Map<string, number>();
  for (const s of scenarios) by.set(s.status, (by.get(s.status) ?? 0) + 1);
  return [...by]
    .map(([status, n]) => `<span class="${status}">${n} ${status.toLowerCase()}</span>`)
    .join(", ");
}

/** The index: every feature with its scenario counts. */
export function indexPage(features: readonly FeatureResult[]): string {
  const rows = features
    .map(
      (f) =>
        `<tr><td><a href="features/${featurePageName(f.uri)}">${escapeHtml(f.name)}</a></td><td>${escapeHtml(f.uri)}</td><td>${counts(f.scenarios)}</td></tr>`,
    )
    .join("\n");
  const total = features.flatMap((f) => f.scenarios);
  return page(
    "Features",
    `<h1>kubespec features</h1><p>${total.length} scenarios: ${counts(total)}. Generated from the last run by <code>npm run docs</code>.</p>
<table><tr><th>Feature</th><th>File</th><th>Scenarios</th></tr>
${rows}</table>`,
    "",
  );
}

function scenarioSection(feature: FeatureResult, s: ScenarioResult): string {
  const steps = s.steps
    .map((step) => {
      const parts = [
        `<div class="step"><span class="${step.status}">${step.status === "PASSED" ? "✔" : "✘"}</span> <span class="kw">${escapeHtml(step.keyword.trim())}</span> ${escapeHtml(step.text)}</div>`,
      ];
      if (step.argument) parts.push(`<pre>${escapeHtml(step.argument)}</pre>`);
      for (const out of step.outputs) parts.push(`<pre class="output">${escapeHtml(out)}</pre>`);
      if (step.error) parts.push(`<pre class="error FAILED">${escapeHtml(step.error)}</pre>`);
      return parts.join("\n");
    })
    .join("\n");
  const conversation = s.conversation;
  const diagram =
    conversation && conversation.messages.length > 0
      ? `<h3>Control-plane conversation${conversation.subject ? ` about ${escapeHtml(conversation.subject)}` : ""}</h3>
${mermaid(toSequenceDiagram(conversation.messages, { podCreationSteps: conversation.subject?.startsWith("pods/") ?? false }))}`
      : "";
  return `<section class="scenario" id="line-${s.line}"><h2><span class="${s.status}">${s.status}</span> ${escapeHtml(s.name)}</h2>
<p><code>${escapeHtml(feature.uri)}:${s.line}</code> ${s.tags.map(escapeHtml).join(" ")}</p>
${steps}
${diagram}</section>`;
}

/** One feature: its description, then each scenario with steps, outputs and conversation. */
export function featurePage(feature: FeatureResult): string {
  return page(
    feature.name,
    `<h1>${escapeHtml(feature.name)}</h1><p><code>${escapeHtml(feature.uri)}</code></p>
<pre>${escapeHtml(feature.description.replace(/^ {2}/gm, ""))}</pre>
${feature.scenarios.map((s) => scenarioSection(feature, s)).join("\n")}`,
    "../",
  );
}

/** The statecharts page: each machine's diagram and what the run visited of it. */
export function statechartsPage(
  machines: readonly { name: string; description: string; diagram: string }[],
  coverage: readonly MachineCoverage[],
): string {
  const body = machines
    .map((m) => {
      const c = coverage.find((x) => x.name === m.name);
      const list = (items: readonly string[]) =>
        items.length === 0
          ? "none"
          : `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join("")}</ul>`;
      const cov = c
        ? `<p>Visited by the scenarios: ${c.states.visited.length}/${c.states.visited.length + c.states.unvisited.length} states, ${c.transitions.visited.length}/${c.transitions.visited.length + c.transitions.unvisited.length} transitions.</p>
<p>Unvisited states: ${list(c.states.unvisited)}</p><p>Unvisited transitions: ${list(c.transitions.unvisited)}</p>`
        : "";
      return `<section><h2>${escapeHtml(m.name)}</h2><p>${escapeHtml(m.description)}</p>${mermaid(m.diagram)}${cov}</section>`;
    })
    .join("\n");
  return page("Statecharts", `<h1>Statecharts of the simulated components</h1>\n${body}`, "");
}

/** The seed notes' claims, each proving scenario linked with its result in this run. */
export function seedCoveragePage(
  claims: readonly (SeedClaim & { located: readonly LocatedScenario[] })[],
  features: readonly FeatureResult[],
): string {
  const rows = claims
    .map((c) => {
      const proofs = c.located.map((l) => {
        const feature = features.find((f) => f.uri === l.feature);
        const runs = feature?.scenarios.filter((s) => s.definedAt === l.line) ?? [];
        const status = runs.length === 0 ? "UNKNOWN" : worstStatus(runs.map((r) => r.status));
        const label = runs.length === 0 ? "not run" : status.toLowerCase();
        const link = feature
          ? `<a href="features/${featurePageName(l.feature)}#line-${runs[0]?.line ?? l.line}">${escapeHtml(l.scenario)}</a>`
          : escapeHtml(l.scenario);
        return `<span class="${status}">${label}</span> <code>${escapeHtml(l.feature)}:${l.line}</code> ${link}`;
      });
      if (c.pending) proofs.push(`<span class="PENDING">pending</span> ${escapeHtml(c.pending)}`);
      if (c.reason) proofs.push(`not covered: ${escapeHtml(c.reason)}`);
      return `<tr><td>${c.seed}:${c.line}</td><td>${escapeHtml(c.claim)}</td><td>${proofs.join("<br>")}</td></tr>`;
    })
    .join("\n");
  return page(
    "Seed coverage",
    `<h1>Seed coverage</h1><p>Every claim of the seed notes and the scenarios that prove it, with their result in this run (docs/seed-coverage.md has the same table).</p>
<table><tr><th>Note:line</th><th>Claim</th><th>Proved by</th></tr>
${rows}</table>`,
    "",
  );
}

function worstStatus(statuses: readonly string[]): string {
  return statuses.find((s) => s !== "PASSED") ?? "PASSED";
}
