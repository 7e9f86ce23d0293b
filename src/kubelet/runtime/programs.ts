import type { ExecSpec, ImageSpec, LogLineSpec, ProcessSpec } from "../ImageCatalogue.ts";
import { COMMANDS, type CommandResult } from "../shell/commands.ts";
import type { Program } from "../shell/Shell.ts";
import { renderTemplate } from "./logTemplate.ts";
import type { RuntimeContainer } from "./RuntimeContainer.ts";
import { Endpoint } from "./Sandbox.ts";

/** Executables every shell-capable image has besides the {@link COMMANDS} tools. */
const SHELL_EXECUTABLES = new Set(["sh", "ash", "bash", "dash", "env", "printenv"]);

/** The command a container runs (Docker semantics for ENTRYPOINT/CMD versus command/args). */
export function containerArgv(
  image: ImageSpec,
  command: readonly string[],
  args: readonly string[],
): string[] {
  if (command.length > 0) return [...command, ...args];
  return [...image.entrypoint, ...(args.length > 0 ? args : image.cmd)];
}

/** Strip entrypoint wrapper scripts: `docker-entrypoint.sh redis-server` runs `redis-server`. */
export function unwrap(image: ImageSpec, argv: readonly string[]): string[] {
  let result = [...argv];
  while (result.length > 0 && image.wrappers.includes(result[0] as string)) {
    const rest = result.slice(1);
    if (rest.length === 0 || (rest[0] as string).startsWith("-"))
      result = [...image.cmd.slice(0, 1), ...rest];
    else result = rest;
    if (image.wrappers.includes(result[0] as string) && result.length === rest.length) break;
  }
  return result;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The image program `argv` runs, if any (longest matching argument prefix wins). */
export function findProcess(image: ImageSpec, argv: readonly string[]): ProcessSpec | undefined {
  const unwrapped = unwrap(image, argv);
  const [exe, ...args] = unwrapped;
  if (exe === undefined) return undefined;
  let best: ProcessSpec | undefined;
  for (const process of image.processes) {
    if (!process.executables.includes(exe) && !process.executables.includes(basename(exe))) continue;
    if (!process.args.every((a, i) => args[i] === a)) continue;
    if (!best || process.args.length > best.args.length) best = process;
  }
  return best;
}

/** Whether the image has an executable of that name (for the runtime's "not found in $PATH"). */
export function hasExecutable(image: ImageSpec, argv: readonly string[]): boolean {
  const exe = argv[0];
  if (!exe) return false;
  if (findProcess(image, argv)) return true;
  if (image.execs.some((e) => e.command.split(" ")[0] === exe)) return true;
  if (!image.shell) return false;
  const base = basename(exe);
  if (base === "bash" && image.userland === "busybox") return false;
  const tool = COMMANDS[base];
  if (tool?.only && tool.only !== image.userland) return false;
  return SHELL_EXECUTABLES.has(base) || tool !== undefined;
}

/** containerd's error when the command cannot be executed (runc 1.2 wording). */
export function startErrorMessage(argv: readonly string[]): string {
  const exe = argv[0] ?? "";
  const why = exe.includes("/")
    ? `exec: "${exe}": stat ${exe}: no such file or directory`
    : `exec: "${exe}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

/** An image's answer to an exec'd command (`redis-cli ping`), if it has one. */
export function imageExecAnswer(
  image: ImageSpec,
  argv: readonly string[],
  listening: boolean,
): CommandResult | undefined {
  const line = argv.join(" ");
  const match = image.execs.find((e: ExecSpec) =>
    e.command.endsWith(" *")
      ? line === e.command.slice(0, -2) || line.startsWith(e.command.slice(0, -1))
      : line === e.command,
  );
  if (!match) return undefined;
  const answer = !listening && match.whenNotListening ? match.whenNotListening : match;
  return { stdout: answer.stdout, stderr: answer.stderr, exitCode: answer.exitCode };
}

/** Sizes as `stress --vm-bytes` reads them: B, K, M, G suffixes, 1024-based. */
export function parseStressSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase()] as number;
  return Math.round(Number(m[1]) * unit);
}

function writeLines(
  container: RuntimeContainer,
  lines: readonly LogLineSpec[],
  extra: Record<string, string | number> = {},
): void {
  const vars = { ...container.templateVars, ...extra };
  for (const line of lines) {
    if (typeof line === "string") container.log("stdout", renderTemplate(line, container.now(), vars));
    else container.log("stderr", renderTemplate(line.stderr, container.now(), vars));
  }
}

/** What the runtime gives an image program. */
export interface ProgramHost {
  /** Set the resident memory; the OOM killer acts when it passes the limit. */
  setMemory(bytes: number): void;
}

/**
 * An image's program running as a container's main process, step by step on virtual time: check
 * the environment it insists on, log its start-up lines, bind its ports (failing as the real
 * program does when a port of the pod is taken), use memory, announce readiness, and exit when
 * its data says so. Stop signals are handled by the runtime from `onStop`.
 */
export function* imageProgram(
  process: ProcessSpec,
  container: RuntimeContainer,
  argv: readonly string[],
  host: ProgramHost,
): Program {
  const env = container.config.env;
  if (process.requireEnv && !process.requireEnv.anyOf.some((name) => env[name])) {
    writeLines(container, process.requireEnv.logs);
    return process.requireEnv.exitCode;
  }
  writeLines(container, process.logs);
  const start = container.now();
  const endpoints: Endpoint[] = [];
  for (const listener of process.listen) {
    const endpoint = new Endpoint(container, listener, start + listener.afterSeconds * 1000);
    if (!container.sandbox.bind(endpoint)) {
      for (const bound of endpoints) bound.closed = true;
      if (process.bindConflict.afterSeconds > 0) yield { sleep: process.bindConflict.afterSeconds * 1000 };
      writeLines(container, process.bindConflict.logs, { port: listener.port });
      return process.bindConflict.exitCode;
    }
    endpoints.push(endpoint);
  }
  let memory = process.memory;
  if (process.memoryFromArg) {
    const i = argv.indexOf(process.memoryFromArg);
    const size = i >= 0 ? parseStressSize(argv[i + 1] ?? "") : undefined;
    if (size !== undefined) {
      // Allocation takes a moment: the container is seen running before the OOM killer acts.
      yield { sleep: 100 };
      memory += size;
    }
  }
  host.setMemory(memory);
  // The rest of the program's life as a timeline: ports becoming ready, a leak reaching the
  // limit, exiting by itself.
  const events: { at: number; run: () => number | undefined }[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.spec.readyLogs.length > 0)
      events.push({
        at: endpoint.readyAt,
        run: () => {
          writeLines(container, endpoint.spec.readyLogs, { port: endpoint.port });
          return undefined;
        },
      });
  }
  const limit = container.config.memoryLimitBytes;
  if (process.memoryGrowthPerSecond > 0 && limit !== undefined && memory <= limit) {
    const seconds = Math.floor((limit - memory) / process.memoryGrowthPerSecond) + 1;
    events.push({
      at: start + seconds * 1000,
      run: () => {
        host.setMemory(memory + seconds * process.memoryGrowthPerSecond);
        return undefined;
      },
    });
  }
  const exit = process.exit;
  if (exit) {
    events.push({
      at: start + exit.afterSeconds * 1000,
      run: () => {
        writeLines(container, exit.logs);
        return exit.code;
      },
    });
  }
  events.sort((a, b) => a.at - b.at);
  for (const event of events) {
    const wait = event.at - container.now();
    if (wait > 0) yield { sleep: wait };
    const code = event.run();
    if (code !== undefined) return code;
  }
  yield { sleep: Number.POSITIVE_INFINITY };
  return 0;
}

/** Log the stop lines of a program handling its stop signal. */
export function logStop(container: RuntimeContainer): void {
  writeLines(container, container.stopBehaviour.logs);
}
