import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseShell } from "shell-quote";
import type { LastCommand } from "./KubespecWorld.ts";

const KUBESPEC_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const KUBESPEC = join(KUBESPEC_ROOT, "src/cli/kubespec.js");

/**
 * A new, empty project directory (under the system's temporary directory) in which kubespec is
 * installed: `node_modules/kubespec` links to this package, as `npm link` would.
 *
 * @example
 * ```ts
 * runKubespec("init", newProjectWithKubespec());
 * ```
 */
export function newProjectWithKubespec(): string {
  const project = mkdtempSync(join(tmpdir(), "kubespec-project-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(KUBESPEC_ROOT, join(project, "node_modules", "kubespec"), "dir");
  return project;
}

/** What one `kubespec` command printed, and where its reports went. */
export interface KubespecResult extends LastCommand {
  /** The `--reports-dir` of a `kubespec run` (a fresh temporary directory). */
  reportsDirectory: string | undefined;
}

/**
 * Run the `kubespec` command line in a child process, as a user would (`kubespec run` gets a fresh
 * temporary `--reports-dir`). The child is not instrumented for coverage: c8 cannot merge files
 * loaded through tsx's register() API with the same files loaded by the parent's loader.
 *
 * @example
 * ```ts
 * const result = runKubespec("KUBESPEC_SEED=7 npx kubespec run features/examples/first-pod.feature:5");
 * result.exitCode; // 0
 * ```
 */
export function runKubespec(commandLine: string, cwd = process.cwd()): KubespecResult {
  const args = parseShell(commandLine).filter((a): a is string => typeof a === "string");
  // Leading NAME=value assignments set the child's environment, as a shell would; `npx` is implied.
  const env: Record<string, string> = {};
  for (
    let m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(args[0] ?? "");
    m;
    m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(args[0] ?? "")
  ) {
    env[m[1] as string] = m[2] as string;
    args.shift();
  }
  if (args[0] === "npx") args.shift();
  if (args[0] === "kubespec") args.shift();
  let reportsDirectory: string | undefined;
  if (args[0] === "run" && !args.includes("--reports-dir")) {
    reportsDirectory = mkdtempSync(join(tmpdir(), "kubespec-reports-"));
    args.push("--reports-dir", reportsDirectory);
  }
  const child = spawnSync(process.execPath, [KUBESPEC, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_V8_COVERAGE: "", KUBESPEC_SEED: "", FORCE_COLOR: "0", ...env },
  });
  if (child.error) throw child.error;
  return {
    command: commandLine,
    stdout: child.stdout,
    stderr: child.stderr,
    exitCode: child.status ?? 1,
    reportsDirectory,
  };
}
