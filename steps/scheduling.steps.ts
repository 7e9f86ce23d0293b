import { type DataTable, Given, When } from "@cucumber/cucumber";
import type { ScoringStrategyType } from "../src/scheduler/plugins/NodeResourcesFit.ts";
import { formatDecision } from "../src/scheduler/SchedulingExplanation.ts";
import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { applyPods, expectExplanation, requireDecision } from "../src/world/scheduling.ts";

const STRATEGIES: readonly ScoringStrategyType[] = [
  "LeastAllocated",
  "MostAllocated",
  "RequestedToCapacityRatio",
];

async function addScheduler(world: KubespecWorld, name: string, strategy?: string): Promise<void> {
  const cluster = world.requireCluster();
  if (!cluster.addScheduler)
    throw new Error("this cluster cannot start schedulers (only a simulated one can)");
  if (strategy !== undefined && !STRATEGIES.includes(strategy as ScoringStrategyType))
    throw new Error(`unknown scoring strategy "${strategy}": use ${STRATEGIES.join(", ")}`);
  await cluster.addScheduler({
    name,
    ...(strategy ? { scoringStrategy: strategy as ScoringStrategyType } : {}),
  });
}

/** Start a second kube-scheduler whose profile serves pods with `spec.schedulerName` set to that name. */
Given("a scheduler named {string} is running", async function (this: KubespecWorld, name: string) {
  await addScheduler(this, name);
});

/** Like the above, with NodeResourcesFit scoring by `LeastAllocated`, `MostAllocated` or `RequestedToCapacityRatio`. */
Given(
  "a scheduler named {string} scoring with {string} is running",
  async function (this: KubespecWorld, name: string, strategy: string) {
    await addScheduler(this, name, strategy);
  },
);

/** Print the latest scheduling decision about the pod (per-node filter verdicts and `raw→normalized×weight=weighted` scores) as the output. */
When("I explain the scheduling of pod {string}", async function (this: KubespecWorld, ref: string) {
  const text = formatDecision(await requireDecision(this, ref));
  this.lastCommand = { command: `explain scheduling of pod ${ref}`, stdout: text, stderr: "", exitCode: 0 };
  this.attach(text, "text/plain");
});

/**
 * The pod's latest scheduling decision, one row per node looked at (by name); the header picks the
 * columns: `node`, `filter` (`passed` or `Plugin: reason`), `total`, `chosen` (`yes`), or a score
 * plugin's name for its weighted score (`NodeResourcesFit raw`, `… normalized`, `… derivation` for the parts).
 */
defineAssertion(
  "the scheduling of pod {string} is explained as:",
  async function (this: KubespecWorld, ref: string, table: DataTable) {
    await expectExplanation(this, ref, table);
  },
);

/**
 * Apply one pod per name (label `app` = the name up to its last `-`) whose spec has the doc string's
 * fields, e.g. `topologySpreadConstraints` or `affinity` (one nginx container unless it lists `containers`).
 */
When(
  "I apply the pods {string}, {string}, {string} and {string} spread with:",
  async function (this: KubespecWorld, a: string, b: string, c: string, d: string, spec: string) {
    await applyPods(this, [a, b, c, d], spec);
  },
);

/** Apply pods named in a comma-separated list, each with the doc string's spec fields (see above). */
When("I apply the pods {string} with:", async function (this: KubespecWorld, names: string, spec: string) {
  await applyPods(
    this,
    names.split(",").map((n) => n.trim()),
    spec,
  );
});
