import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { CommandResult } from "../../cluster/Cluster.ts";
import { clusterWithWorkers } from "../../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../../cluster/SimulatedCluster.ts";
import { ApiHttpServer } from "../ApiHttpServer.ts";
import { writeKubeconfig } from "../kubeconfig.ts";
import type { ParityEntry } from "./corpus.ts";

/** How one corpus entry came out. */
export type ParityOutcome =
  /** Byte-identical stdout, stderr and exit code. */
  | "identical"
  /** Identical once durations are normalised, and the runs straddled a second of wall time. */
  | "identical-after-age"
  /** The built-in kubectl has no such command or flag yet. */
  | "missing-builtin"
  | "different";

/** The result of one entry. */
export interface ParityResult {
  entry: ParityEntry;
  builtin: CommandResult;
  real: CommandResult;
  outcome: ParityOutcome;
}

/** Built-in kubectl answers that mean "not implemented yet", not "implemented differently". */
const MISSING = [
  /^error: unknown command "/,
  /^error: unknown flag: /,
  /^error: unknown shorthand flag: /,
  /^error: kubespec cannot describe /,
  /^error: unable to match a printer suitable for the output format "(jsonpath|go-template|custom-columns)/,
];

/** Whether the built-in kubectl lacks what an entry uses (real kubectl did not reject it). */
export function missingInBuiltin(builtin: CommandResult, real: CommandResult): boolean {
  const first = builtin.stderr.split("\n")[0] ?? "";
  return builtin.exitCode !== 0 && MISSING.some((p) => p.test(first)) && !real.stderr.startsWith(first);
}

/** Human durations (`5s`, `2m3s`, `<invalid>`), which real kubectl computes from its own clock. */
const DURATION = /\b(\d+[smhdy])+\b|<invalid>/g;

function normaliseAges(text: string): string {
  return text.replace(DURATION, "AGE");
}

function same(a: CommandResult, b: CommandResult): boolean {
  return a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;
}

/**
 * The real kubectl v1.32 binary: $KUBESPEC_REAL_KUBECTL, or `kubectl` on PATH — unless that is the
 * Google Cloud SDK's version dispatcher, which answers flag errors itself (`Error: unknown flag`),
 * in which case its `kubectl.1.32` sibling. Throws when there is none.
 */
export function findRealKubectl(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.KUBESPEC_REAL_KUBECTL) candidates.push(env.KUBESPEC_REAL_KUBECTL);
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const path = join(dir, "kubectl");
    if (!existsSync(path)) continue;
    const sibling = join(dirname(realpathSync(path)), "kubectl.1.32");
    if (existsSync(sibling)) candidates.push(sibling);
    candidates.push(path);
  }
  for (const candidate of candidates) {
    try {
      const version = JSON.parse(
        execFileSync(candidate, ["version", "--client", "-o", "json"], { encoding: "utf8" }),
      ) as { clientVersion?: { major?: string; minor?: string; gitVersion?: string } };
      const client = version.clientVersion;
      if (client?.major === "1" && client.minor === "32" && !client.gitVersion?.includes("dispatcher"))
        return candidate;
    } catch {
      // not runnable: try the next one
    }
  }
  throw new Error("the kubectl parity test needs the real kubectl v1.32 on PATH (or $KUBESPEC_REAL_KUBECTL)");
}

/** Run real kubectl (`$KUBECTL` in `env`) asynchronously: the server answering it lives in this process. */
function runKubectl(
  command: string,
  stdin: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<CommandResult> {
  const args = command.replace(/^kubectl\s+/, "");
  return new Promise((resolve, reject) => {
    const child = execFile(
      "/bin/sh",
      ["-c", `"$KUBECTL" ${args}`],
      { env, cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ stdout, stderr, exitCode: error ? (error.code as number) : 0 });
      },
    );
    child.stdin?.end(stdin);
  });
}

/** Both clusters of a parity run: the one the built-in kubectl uses and the served one. */
export interface ParityClusters {
  builtin: SimulatedCluster;
  served: SimulatedCluster;
  server: ApiHttpServer;
}

/**
 * Run a corpus twice, in order, on two identical clusters (same spec, seed and start time): each
 * entry through the built-in kubectl on one, and through the real `kubectl` against the other
 * served over HTTP. Real kubectl computes some ages (describe's events) from its own wall clock,
 * so the clusters' clock follows wall time: it starts at the current second and, before each
 * entry, both clusters are brought up to the current wall second. When the built-in kubectl waits
 * (advancing its cluster's clock, e.g. for a deletion), the served cluster is advanced to the same
 * instant as soon as real kubectl starts waiting (opens a watch), and in any case before the next
 * entry.
 *
 * @example
 * ```ts
 * const results = await runParity(PARITY_CORPUS, PARITY_FILES);
 * results.filter((r) => r.outcome === "different");
 * ```
 */
export async function runParity(
  corpus: readonly ParityEntry[],
  files: Readonly<Record<string, string>>,
  options: { nodes?: number; seed?: number; wallNow?: () => number } = {},
): Promise<ParityResult[]> {
  const wallNow = options.wallNow ?? (() => Date.now());
  const kubectl = findRealKubectl();
  const dir = mkdtempSync(join(tmpdir(), "kubespec-parity-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const home = join(dir, ".home");
  mkdirSync(home);
  const start = Math.floor(wallNow() / 1000) * 1000;
  const spec = clusterWithWorkers(options.nodes ?? 2, {
    seed: options.seed ?? 1,
    startTime: new Date(start).toISOString().replace(/\.\d{3}Z$/, "Z"),
  });
  const builtin = SimulatedCluster.create(spec, { workingDirectory: dir, record: false });
  const served = SimulatedCluster.create(spec, { workingDirectory: dir, record: false });
  const catchUp = () => {
    const target = builtin.now();
    if (served.now() < target) served.loop.advance(target - served.now());
  };
  const server = new ApiHttpServer(served, {
    onRequest: (request) => {
      if (request.verb === "watch") catchUp();
    },
  });
  const url = await server.listen(0);
  const kubeconfig = join(dir, "kubeconfig");
  writeKubeconfig(kubeconfig, url);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    KUBECONFIG: kubeconfig,
    KUBECACHEDIR: join(home, "cache"),
    LANG: "C",
    KUBECTL: kubectl,
  };
  const results: ParityResult[] = [];
  try {
    for (const entry of corpus) {
      const wall = Math.floor(wallNow() / 1000) * 1000;
      for (const cluster of [builtin, served]) {
        if (cluster.now() < wall) cluster.loop.advance(wall - cluster.now());
      }
      catchUp();
      const builtinResult = builtin.kubectlSync(entry.command, entry.stdin ?? "");
      const virtualSecond = Math.floor(builtin.now() / 1000);
      const realResult = await runKubectl(entry.command, entry.stdin ?? "", env, dir);
      const straddled = Math.floor(wallNow() / 1000) !== virtualSecond;
      catchUp();
      let outcome: ParityOutcome;
      if (same(builtinResult, realResult)) outcome = "identical";
      else if (missingInBuiltin(builtinResult, realResult)) outcome = "missing-builtin";
      else if (
        straddled &&
        normaliseAges(builtinResult.stdout) === normaliseAges(realResult.stdout) &&
        normaliseAges(builtinResult.stderr) === normaliseAges(realResult.stderr) &&
        builtinResult.exitCode === realResult.exitCode
      )
        outcome = "identical-after-age";
      else outcome = "different";
      results.push({ entry, builtin: builtinResult, real: realResult, outcome });
    }
  } finally {
    await server.close();
    await builtin.dispose();
    await served.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** A readable report of a parity run: counts, then every entry that is not identical with both outputs. */
export function parityReport(results: readonly ParityResult[]): string {
  const count = (o: ParityOutcome) => results.filter((r) => r.outcome === o).length;
  const lines = [
    `kubectl parity: ${results.length} commands — ${count("identical")} identical, ${count("identical-after-age")} identical after AGE normalisation, ${count("different")} different, ${count("missing-builtin")} missing in the built-in kubectl`,
  ];
  for (const r of results) {
    if (r.outcome === "identical" || r.outcome === "identical-after-age") continue;
    lines.push("", `[${r.outcome}] ${r.entry.command}`);
    const show = (label: string, result: CommandResult) => {
      lines.push(`  ${label} (exit ${result.exitCode}):`);
      for (const line of `${result.stdout}${result.stderr ? `--- stderr ---\n${result.stderr}` : ""}`.split(
        "\n",
      ))
        lines.push(`    | ${line}`);
    };
    show("built-in", r.builtin);
    show("real kubectl", r.real);
  }
  return lines.join("\n");
}
