import { Command, CommanderError } from "commander";
import { resolveSeed } from "../clock/SeededRandom.ts";
// Each command loads its module when it runs: `kubespec --help`, `init` and option errors stay quick.
import type { ScenarioProgress } from "./run.ts";
import type { ServeOptions } from "./serve.ts";

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not "${value}"`);
    return n;
  };
}

const STATUS_MARKS: Record<string, string> = {
  passed: "✔",
  failed: "✖",
  skipped: "-",
  undefined: "?",
  pending: "?",
  ambiguous: "✖",
};

/**
 * One line per finished scenario, for long runs (CI logs show how far the run is).
 *
 * @example
 * ```ts
 * progressLine({ index: 3, total: 40, status: "passed", name: "nginx starts", location: "features/a.feature:5", millis: 412 });
 * // "[ 3/40] ✔ nginx starts  features/a.feature:5  0.41s\n"
 * ```
 */
export function progressLine(p: ScenarioProgress): string {
  const width = String(p.total).length;
  const mark = STATUS_MARKS[p.status] ?? p.status;
  return `[${String(p.index).padStart(width)}/${p.total}] ${mark} ${p.name}  ${p.location}  ${(p.millis / 1000).toFixed(2)}s\n`;
}

function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, not "${value}"`);
    return n;
  };
}

/** Resolves when the process is asked to stop (Ctrl+C or SIGTERM). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

/**
 * The `kubespec` command line.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["run", "features/examples"]);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("kubespec")
    .description("Executable Kubernetes specs on a simulated control plane")
    .exitOverride();
  program
    .command("run")
    .description("run feature files against the embedded simulated cluster")
    .argument("[paths...]", "feature files or directories (default: features/)")
    .option("-t, --tags <expression>", "only scenarios matching this tag expression")
    .option("--seed <n>", "seed for every random choice (default: $KUBESPEC_SEED or 1)")
    .option("--parallel <n>", "run scenarios in N worker processes", positiveInteger("--parallel"))
    .option(
      "-f, --format <format...>",
      "Cucumber formatters, e.g. progress or json:out.json (default: a line per scenario, then the summary)",
    )
    .option("--reports-dir <dir>", "where the HTML, JUnit and message reports go", "reports")
    .option("-q, --quiet", "no line per finished scenario")
    .action(
      async (paths: string[], opts: Record<string, string | string[] | number | boolean | undefined>) => {
        const seed = resolveSeed(opts.seed as string | undefined);
        const formats = opts.format as string[] | undefined;
        // A console formatter of the user's own (no ":file") replaces the per-scenario lines.
        const lines = !opts.quiet && !formats?.some((f) => !f.includes(":"));
        const { runFeatures } = await import("./run.ts");
        const summary = await runFeatures({
          paths,
          seed,
          ...(opts.tags ? { tags: opts.tags as string } : {}),
          ...(opts.parallel ? { parallel: opts.parallel as number } : {}),
          ...(formats ? { formats: lines ? ["summary", ...formats] : formats } : {}),
          reportsDirectory: opts.reportsDir as string,
          ...(lines
            ? { onScenarioFinished: (p: ScenarioProgress) => process.stdout.write(progressLine(p)) }
            : {}),
        });
        const counts = Object.entries(summary.scenarios)
          .map(([status, n]) => `${n} ${status}`)
          .join(", ");
        process.stdout.write(
          `\nkubespec: ${counts || "no scenarios"} (seed ${seed})\nHTML report: ${summary.htmlReport}\n`,
        );
        exitCode = summary.success ? 0 : 1;
      },
    );
  program
    .command("init")
    .description("scaffold kubespec specs here: features/example.feature and cucumber.js")
    .action(async () => {
      const { initProject } = await import("./init.ts");
      for (const file of initProject(process.cwd()))
        process.stdout.write(`${file.action === "created" ? "created" : "kept (exists)"} ${file.path}\n`);
      process.stdout.write("Run the specs with: npx kubespec run\n");
    });
  program
    .command("serve")
    .description("serve a simulated cluster behind the Kubernetes API on 127.0.0.1, with a kubeconfig")
    .option("--nodes <n>", "worker nodes (default 3)", positiveNumber("--nodes"))
    .option("--cluster <file>", "a cluster spec file (YAML) instead of --nodes")
    .option(
      "--time <mode>",
      "real: the cluster clock follows wall time; manual: advance it by hand",
      "manual",
    )
    .option("--speed <n>", "with --time real: cluster seconds per wall second", positiveNumber("--speed"))
    .option("--port <port>", "port to listen on (default: a free port)", Number)
    .option("--seed <n>", "seed for every random choice (default: $KUBESPEC_SEED or 1)")
    .option("--kubeconfig <path>", "where to write the kubeconfig", "kubespec.kubeconfig")
    .action(async (opts: Record<string, unknown>) => {
      const options: ServeOptions = {
        time: opts.time as "manual" | "real",
        kubeconfig: opts.kubeconfig as string,
        seed: resolveSeed(opts.seed as string | undefined),
        ...(opts.nodes !== undefined ? { nodes: opts.nodes as number } : {}),
        ...(opts.cluster !== undefined ? { clusterFile: opts.cluster as string } : {}),
        ...(opts.speed !== undefined ? { speed: opts.speed as number } : {}),
        ...(opts.port !== undefined ? { port: opts.port as number } : {}),
      };
      const { serveCluster, usageBanner } = await import("./serve.ts");
      const served = await serveCluster(options);
      process.stdout.write(usageBanner(served, options));
      await untilStopped();
      await served.close();
    });
  for (const [topic, description, actions] of [
    ["clock", "read or advance the clock of a served cluster (--time manual)", "now | advance <duration>"],
    ["node", "fail or recover a node of a served cluster", "fail <node> | recover <node>"],
  ] as const) {
    program
      .command(topic)
      .description(description)
      .usage(`${actions} [--kubeconfig PATH]`)
      .argument("<action>")
      .argument("[value]")
      .option(
        "--kubeconfig <path>",
        "the served cluster's kubeconfig (default: $KUBECONFIG, then ./kubespec.kubeconfig)",
      )
      .action(async (action: string, value: string | undefined, opts: { kubeconfig?: string }) => {
        const { controlCommand } = await import("./control.ts");
        const line = await controlCommand([topic, action, ...(value ? [value] : [])], opts.kubeconfig);
        process.stdout.write(`${line}\n`);
      });
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`kubespec: ${(error as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
