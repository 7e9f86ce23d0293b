/**
 * `npm run bench`: one JSON line per case.
 *
 * - no argument: the example features' wall time, and scheduling throughput of N pods on M nodes
 *   of a full simulated cluster (kubelets included; `--pods 1000 --nodes 100` by default);
 * - `scheduler`: kube-scheduler's own performance CI shapes (SchedulingBasic,
 *   SchedulingNodeAffinity, SchedulingPodAntiAffinity) on a scheduler_perf-like control plane;
 *   `scheduler SchedulingBasic` runs one.
 */
import { performance } from "node:perf_hooks";
import { runClusterThroughput, runExamples } from "./clusterBench.ts";
import { runWorkload, WORKLOADS } from "./schedulerPerf.ts";

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive integer`);
  return value;
}

async function main(args: string[]): Promise<void> {
  const now = () => performance.now();
  if (args[0] === "scheduler") {
    const only = args[1];
    const workloads = only ? WORKLOADS.filter((w) => w.name === only) : WORKLOADS;
    if (workloads.length === 0)
      throw new Error(`unknown case "${only}": use ${WORKLOADS.map((w) => w.name).join(", ")}`);
    for (const w of workloads) console.log(JSON.stringify(runWorkload(w, now)));
    return;
  }
  if (args[0] !== undefined && !args[0].startsWith("--"))
    throw new Error(`unknown benchmark "${args[0]}": use no argument or "scheduler"`);
  console.log(JSON.stringify(await runExamples(now)));
  console.log(
    JSON.stringify(runClusterThroughput(option(args, "--pods", 1000), option(args, "--nodes", 100), now)),
  );
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
