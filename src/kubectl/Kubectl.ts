import { Command, CommanderError } from "commander";
import { parse as parseShell } from "shell-quote";
import type { Client } from "../client/Client.ts";
import type { KubeletConnections } from "../kubelet/KubeletConnections.ts";
import { registerAnnotate } from "./commands/annotate.ts";
import { registerApiResources } from "./commands/apiResources.ts";
import { registerApiVersions } from "./commands/apiVersions.ts";
import { registerApply } from "./commands/apply.ts";
import { registerCordon } from "./commands/cordon.ts";
import { registerCreate } from "./commands/create.ts";
import { registerDelete } from "./commands/delete.ts";
import { registerDescribe } from "./commands/describe.ts";
import { registerDrain } from "./commands/drain.ts";
import { registerEdit } from "./commands/edit.ts";
import { registerExec } from "./commands/exec.ts";
import { registerExplain } from "./commands/explain.ts";
import { registerExpose } from "./commands/expose.ts";
import { registerGet } from "./commands/get.ts";
import { registerLabel } from "./commands/label.ts";
import { registerLogs } from "./commands/logs.ts";
import { registerPatch } from "./commands/patch.ts";
import { registerPortForward } from "./commands/portForward.ts";
import { registerReplace } from "./commands/replace.ts";
import { registerRollout } from "./commands/rollout.ts";
import { registerRun } from "./commands/run.ts";
import { registerScale } from "./commands/scale.ts";
import { registerSet } from "./commands/set.ts";
import { registerTaint } from "./commands/taint.ts";
import { errorMessage } from "./errors.ts";
import { KubectlError } from "./KubectlError.ts";

/** What one kubectl invocation printed and returned. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the built-in kubectl needs from the cluster it talks to. */
export interface KubectlHost {
  /** An apiserver client identified as kubectl. */
  readonly client: Client;
  /** Virtual now (ms), for AGE columns. */
  now(): number;
  /**
   * Wait (in cluster time) until `done()` holds or `timeoutMillis` pass; true if it held. In the
   * simulation this advances the virtual clock, as a real kubectl's wait takes real time.
   */
  wait(done: () => boolean, timeoutMillis: number): boolean;
  /** Read a file named on the command line (`-f`), relative to the scenario. */
  readFile(path: string): string;
  /** List a directory's manifest files (`-f dir/`), or undefined if `path` is not a directory. */
  listDirectory(path: string): string[] | undefined;
  /** The apiserver's connections to kubelets (`pods/log`, `pods/exec`), when the cluster has nodes. */
  readonly kubelets?: KubeletConnections;
  /**
   * Let an editor command change a temporary file holding `content` (kubectl edit's
   * LaunchTempFile); returns the edited text and the file's path. Absent where no editor can run.
   */
  edit?(editor: readonly string[], content: string): { content: string; path: string };
  /** Remove a temporary file `edit` made (kubectl removes it once the edit succeeded). */
  removeTempFile?(path: string): void;
  /** Open a port-forward from the kubectl machine's `localPort` to a pod's port (kubectl port-forward). */
  portForward?(namespace: string, pod: string, localPort: number, remotePort: number): void;
}

/** Output and shared state of one invocation. */
export interface CommandContext {
  readonly host: KubectlHost;
  readonly stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** The namespace from `-n`, or `default`. */
  namespace(): string;
  /** Whether `-n` was given explicitly. */
  namespaceExplicit(): boolean;
  /** Environment variables given before `kubectl` on the command line (`KUBE_EDITOR=... kubectl edit`). */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * pflag reads `-o=yaml` as the shorthand `-o` with the value `yaml`; commander would take `=yaml`.
 * Arguments after `--` (a command for exec) are left alone.
 */
function shorthandValues(args: readonly string[]): string[] {
  const end = args.indexOf("--");
  return args.flatMap((arg, i) =>
    (end < 0 || i < end) && /^-[A-Za-z]=/.test(arg) ? [arg.slice(0, 2), arg.slice(3)] : [arg],
  );
}

/**
 * Split a command line as a POSIX shell would (quotes, escapes), dropping a leading `kubectl`.
 * Pipes and redirections are rejected with a clear error.
 *
 * @example
 * ```ts
 * splitCommandLine("kubectl get pods -l 'env in (prod,qa)'"); // ["get", "pods", "-l", "env in (prod,qa)"]
 * ```
 */
export function splitCommandLine(line: string): string[] {
  return splitCommandLineWithEnv(line).args;
}

/**
 * Like {@link splitCommandLine}, also returning `NAME=value` assignments that precede `kubectl`
 * (the environment of the command, as a shell would pass it).
 *
 * @example
 * ```ts
 * splitCommandLineWithEnv("KUBE_EDITOR='sed -i s/a/b/' kubectl edit pod x").env; // { KUBE_EDITOR: "sed -i s/a/b/" }
 * ```
 */
export function splitCommandLineWithEnv(line: string): { args: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const tokens = parseShell(line, (name) => `$${name}`);
  const args: string[] = [];
  for (const token of tokens) {
    if (typeof token === "string") args.push(token);
    else if ("op" in token && token.op === "glob") args.push(token.pattern);
    else if ("comment" in token) break;
    else
      throw new KubectlError(
        `error: kubespec runs one kubectl command per step; "${(token as { op: string }).op}" is not supported`,
      );
  }
  while (args.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0] as string)) {
    const assignment = args.shift() as string;
    const eq = assignment.indexOf("=");
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  if (args[0] === "kubectl") args.shift();
  return { args, env };
}

const FLAG_HINT = (command: string) => `See 'kubectl ${command} --help' for usage.`;

/** Translate commander's parse errors into cobra's wording. */
function cobraMessage(error: CommanderError, command: string): string {
  const unknownOption = /unknown option '([^']+)'/.exec(error.message);
  if (unknownOption) {
    const flag = unknownOption[1] as string;
    const text = flag.startsWith("--")
      ? `error: unknown flag: ${flag.split("=")[0]}`
      : `error: unknown shorthand flag: '${flag[1]}' in ${flag}`;
    return `${text}\n${FLAG_HINT(command)}`;
  }
  const missing = /option '(?:-(\w), )?--([\w-]+)[^']*' argument missing/.exec(error.message);
  if (missing) {
    return missing[1]
      ? `error: flag needs an argument: '${missing[1]}' in -${missing[1]}\n${FLAG_HINT(command)}`
      : `error: flag needs an argument: --${missing[2]}\n${FLAG_HINT(command)}`;
  }
  const unknownCommand = /unknown command '([^']+)'/.exec(error.message);
  if (unknownCommand)
    return `error: unknown command "${unknownCommand[1]}" for "kubectl"\nRun 'kubectl --help' for usage.`;
  return `error: ${error.message.replace(/^error: /, "")}`;
}

/**
 * The built-in kubectl: real kubectl's command-line syntax and output, talking to the simulated
 * apiserver in-process.
 *
 * @example
 * ```ts
 * const kubectl = new Kubectl(host);
 * kubectl.run(["get", "pods", "-o", "wide"]).stdout;
 * ```
 */
export class Kubectl {
  readonly #host: KubectlHost;

  constructor(host: KubectlHost) {
    this.#host = host;
  }

  /** Run a command line (`kubectl get pods -l app=web`). */
  runLine(line: string, stdin = ""): KubectlResult {
    let split: { args: string[]; env: Record<string, string> };
    try {
      split = splitCommandLineWithEnv(line);
    } catch (error) {
      return { stdout: "", stderr: `${errorMessage(error)}\n`, exitCode: 1 };
    }
    return this.run(split.args, stdin, split.env);
  }

  /** Run with an argument vector (without the leading `kubectl`) and its environment. */
  run(argv: readonly string[], stdin = "", env: Readonly<Record<string, string>> = {}): KubectlResult {
    const args = shorthandValues(argv);
    let stdout = "";
    let stderr = "";
    let namespace: string | undefined;
    const ctx: CommandContext = {
      host: this.#host,
      stdin,
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
      namespace: () => namespace ?? "default",
      namespaceExplicit: () => namespace !== undefined,
      env,
    };
    const program = new Command("kubectl")
      .exitOverride()
      .configureOutput({ writeOut: ctx.out, writeErr: () => {}, outputError: () => {} })
      .option("-n, --namespace <namespace>", "If present, the namespace scope for this CLI request")
      .option("--kubeconfig <path>", "Path to the kubeconfig file to use for CLI requests.")
      .option("--context <name>", "The name of the kubeconfig context to use")
      .option("-v, --v <level>", "number for the log level verbosity")
      .helpCommand(false);
    program.hook("preAction", (root) => {
      namespace = root.opts().namespace as string | undefined;
    });
    for (const register of [
      registerGet,
      registerDescribe,
      registerRun,
      registerCreate,
      registerApply,
      registerDelete,
      registerLabel,
      registerScale,
      registerSet,
      registerRollout,
      registerCordon,
      registerDrain,
      registerTaint,
      registerLogs,
      registerExec,
      registerApiResources,
      registerPatch,
      registerAnnotate,
      registerReplace,
      registerEdit,
      registerApiVersions,
      registerExplain,
      registerExpose,
      registerPortForward,
    ]) {
      register(program, ctx);
    }
    const command = args.find((a) => !a.startsWith("-")) ?? "";
    try {
      if (args.length === 0)
        throw new KubectlError("error: kubespec's kubectl needs a command, e.g. kubectl get pods");
      program.parse([...args], { from: "user" });
      return { stdout, stderr, exitCode: 0 };
    } catch (error) {
      if (error instanceof CommanderError) {
        if (error.exitCode === 0) return { stdout, stderr, exitCode: 0 };
        return { stdout, stderr: `${stderr}${cobraMessage(error, command)}\n`, exitCode: 1 };
      }
      const exitCode = error instanceof KubectlError ? error.exitCode : 1;
      const message = errorMessage(error);
      // An empty message is cmdutil.ErrExit: the command already said what went wrong.
      if (message === "") return { stdout, stderr, exitCode };
      return { stdout, stderr: `${stderr}${message.endsWith("\n") ? message : `${message}\n`}`, exitCode };
    }
  }
}
