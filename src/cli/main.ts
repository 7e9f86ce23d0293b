import { Command, CommanderError } from "commander";
import { resolveSeed } from "../clock/SeededRandom.ts";
import { runFeatures } from "./run.ts";

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
    .option("--parallel <n>", "run scenarios in N worker processes")
    .option("-f, --format <format...>", "Cucumber formatters for the console (default: progress)")
    .option("--reports-dir <dir>", "where the HTML, JUnit and message reports go", "reports")
    .action(async (paths: string[], opts: Record<string, string | string[] | undefined>) => {
      const seed = resolveSeed(opts.seed as string | undefined);
      const summary = await runFeatures({
        paths,
        seed,
        ...(opts.tags ? { tags: opts.tags as string } : {}),
        ...(opts.parallel ? { parallel: Number(opts.parallel) } : {}),
        ...(opts.format ? { formats: opts.format as string[] } : {}),
        reportsDirectory: opts.reportsDir as string,
      });
      const counts = Object.entries(summary.scenarios)
        .map(([status, n]) => `${n} ${status}`)
        .join(", ");
      process.stdout.write(
        `\nkubespec: ${counts || "no scenarios"} (seed ${seed})\nHTML report: ${summary.htmlReport}\n`,
      );
      exitCode = summary.success ? 0 : 1;
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`kubespec: ${(error as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
