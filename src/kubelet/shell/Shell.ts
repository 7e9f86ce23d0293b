import type { ContainerFilesystem } from "../runtime/ContainerFilesystem.ts";
import { evaluateArithmetic } from "./arithmetic.ts";
import { COMMANDS, type CommandResult } from "./commands.ts";
import {
  type AndOr,
  type Command,
  type Pipeline,
  parseShell,
  type Redirect,
  type Script,
  ShellSyntaxError,
  type Word,
} from "./parseShell.ts";

/**
 * What a running program asks of the simulation: let virtual time pass, or wait for something
 * (a callback resumes it). Programs are generators yielding effects, so a container's process
 * steps along the one virtual clock.
 */
export type Effect = { sleep: number } | { call: (resume: (value: unknown) => void) => void };

/** A program: yields effects, returns its exit status. */
export type Program = Generator<Effect, number, unknown>;

/** Where a command's input comes from and its output goes. */
export interface ShellIO {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
}

/** The answer to an HTTP GET from inside a pod. */
export type FetchResult =
  | { ok: true; status: number; body: string; delayMillis: number }
  | { ok: false; error: "refused" | "unresolved" | "timeout" | "empty"; address: string };

/** What the container gives its shell: files, environment, identity and the network. */
export interface ShellEnvironment {
  readonly fs: ContainerFilesystem;
  readonly env: Readonly<Record<string, string>>;
  readonly userland: "busybox" | "gnu";
  readonly hostname: string;
  now(): number;
  /** HTTP GET `url` from this pod (localhost is the pod itself). */
  fetch(url: string, userAgent: string): FetchResult;
  /** A command the image itself answers (`redis-cli ping`), if it has one for `argv`. */
  imageExec(argv: readonly string[]): CommandResult | undefined;
  /** A program of the image that `argv` would run (the shell cannot `exec` into it). */
  isImageProgram(argv: readonly string[]): boolean;
}

/** `exit N` anywhere in the script ends the whole shell. */
class ExitSignal {
  constructor(readonly status: number) {}
}

/**
 * kubespec's shell: runs the small POSIX subset {@link parseShell} accepts, with busybox- or
 * GNU-flavoured tools ({@link COMMANDS}), as a program stepping on virtual time (`sleep 30` yields
 * a 30-second wait). It is what `sh -c`, `command: ["sleep", "3600"]`, `kubectl exec` and exec
 * probes run in busybox, alpine and debian-based images.
 *
 * @example
 * ```ts
 * const shell = new Shell(environment, "sh");
 * const program = shell.runArgv(["sh", "-c", "echo hello; exit 3"], io); // prints hello, returns 3
 * ```
 */
export class Shell {
  readonly environment: ShellEnvironment;
  name: string;
  readonly vars = new Map<string, string>();
  cwd = "/";
  lastStatus = 0;
  positional: string[] = [];
  errexit = false;
  xtrace = false;

  constructor(environment: ShellEnvironment, name = "sh") {
    this.environment = environment;
    this.name = name;
    for (const [k, v] of Object.entries(environment.env)) this.vars.set(k, v);
  }

  /** The `sh: …` prefix errors carry (`sh: 1:` for dash, `bash: line 1:` for bash). */
  errorPrefix(): string {
    if (this.name === "bash") return "bash: line 1:";
    return this.environment.userland === "gnu" ? `${this.name}: 1:` : `${this.name}:`;
  }

  /** Run a command vector (a container's command, an exec, a probe). */
  *runArgv(argv: readonly string[], io: ShellIO): Program {
    try {
      return yield* this.callCommand([...argv], io);
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.status;
      throw signal;
    }
  }

  /** Run a script text (what `sh -c` gets). */
  *runText(text: string, io: ShellIO): Program {
    let script: Script;
    try {
      script = parseShell(text);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.err(`${this.errorPrefix()} ${error.message}\n`);
      return 2;
    }
    try {
      return yield* this.runScript(script, io);
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.status;
      throw signal;
    }
  }

  *runScript(script: Script, io: ShellIO, condition = false): Program {
    let status = 0;
    for (const item of script) status = yield* this.#runAndOr(item, io, condition);
    return status;
  }

  *#runAndOr(item: AndOr, io: ShellIO, condition: boolean): Program {
    let status = yield* this.#runPipeline(item.first, io, condition || item.rest.length > 0);
    for (const [i, { op, pipeline }] of item.rest.entries()) {
      if ((op === "&&" && status !== 0) || (op === "||" && status === 0)) continue;
      status = yield* this.#runPipeline(pipeline, io, condition || i < item.rest.length - 1);
    }
    this.lastStatus = status;
    return status;
  }

  *#runPipeline(pipeline: Pipeline, io: ShellIO, condition: boolean): Program {
    let status = 0;
    let input = io.stdin;
    // Commands of a pipe run one after the other, each reading what the previous one wrote.
    for (const [i, command] of pipeline.commands.entries()) {
      const last = i === pipeline.commands.length - 1;
      let captured = "";
      const stage: ShellIO = {
        stdin: input,
        out: last
          ? io.out
          : (t) => {
              captured += t;
            },
        err: io.err,
      };
      status = yield* this.#runCommand(command, stage, condition || pipeline.negate);
      input = captured;
    }
    if (pipeline.negate) status = status === 0 ? 1 : 0;
    this.lastStatus = status;
    if (this.errexit && status !== 0 && !condition && !pipeline.negate) throw new ExitSignal(status);
    return status;
  }

  *#withRedirects(redirects: Redirect[], io: ShellIO): Generator<Effect, ShellIO | undefined, unknown> {
    let result = io;
    for (const r of redirects) {
      const target = (yield* this.expandWord(r.target)).join(" ");
      if (r.op === ">&") {
        const to = target === "2" ? result.err : target === "1" ? result.out : undefined;
        if (!to) {
          io.err(`${this.errorPrefix()} ${target}: bad file descriptor\n`);
          return undefined;
        }
        result = r.fd === 2 ? { ...result, err: to } : { ...result, out: to };
        continue;
      }
      const path = target.startsWith("/") ? target : `${this.cwd}/${target}`;
      const fs = this.environment.fs;
      if (r.op === "<") {
        const content = fs.read(path);
        if (typeof content !== "string") {
          io.err(`${this.errorPrefix()} can't open ${target}: no such file\n`);
          return undefined;
        }
        result = { ...result, stdin: content };
        continue;
      }
      const problem = r.op === ">" ? fs.write(path, "") : fs.write(path, "", true);
      if (problem) {
        const why =
          problem === "ENOENT"
            ? "nonexistent directory"
            : problem === "EROFS"
              ? "Read-only file system"
              : problem === "EISDIR"
                ? "Is a directory"
                : "Not a directory";
        io.err(
          this.environment.userland === "busybox"
            ? `${this.errorPrefix()} can't create ${target}: ${why}\n`
            : `${this.errorPrefix()} cannot create ${target}: ${why === "nonexistent directory" ? "Directory nonexistent" : why}\n`,
        );
        return undefined;
      }
      const write = (text: string) => {
        fs.write(path, text, true);
      };
      result = r.fd === 2 ? { ...result, err: write } : { ...result, out: write };
    }
    return result;
  }

  *#runCommand(command: Command, io: ShellIO, condition: boolean): Program {
    try {
      return yield* this.#runCommandUnguarded(command, io, condition);
    } catch (error) {
      if (!(error instanceof ShellExpansionError)) throw error;
      io.err(`${error.message}\n`);
      return 2;
    }
  }

  *#runCommandUnguarded(command: Command, io: ShellIO, condition: boolean): Program {
    const redirected = yield* this.#withRedirects(command.redirects, io);
    if (!redirected) return 1;
    switch (command.kind) {
      case "simple":
        return yield* this.#runSimple(command, redirected);
      case "group": {
        if (!command.subshell) return yield* this.runScript(command.body, redirected, condition);
        const saved = new Map(this.vars);
        const savedCwd = this.cwd;
        try {
          return yield* this.runScript(command.body, redirected, condition);
        } catch (signal) {
          if (signal instanceof ExitSignal) return signal.status;
          throw signal;
        } finally {
          this.vars.clear();
          for (const [k, v] of saved) this.vars.set(k, v);
          this.cwd = savedCwd;
        }
      }
      case "loop": {
        let status = 0;
        for (let round = 0; ; round++) {
          const test = yield* this.runScript(command.cond, redirected, true);
          if ((test === 0) === command.until) break;
          status = yield* this.runScript(command.body, redirected, condition);
          // A loop that never waits would never let virtual time pass: refuse it clearly.
          if (round > 100_000) {
            redirected.err(`kubespec: a loop ran 100000 times without waiting; add a sleep\n`);
            throw new ExitSignal(1);
          }
        }
        return status;
      }
      case "for": {
        let status = 0;
        const items: string[] = [];
        if (command.items.length === 0) items.push(...this.positional);
        for (const word of command.items) items.push(...(yield* this.expandWord(word)));
        for (const item of items) {
          this.vars.set(command.name, item);
          status = yield* this.runScript(command.body, redirected, condition);
        }
        return status;
      }
      case "if": {
        for (const branch of command.branches) {
          if ((yield* this.runScript(branch.cond, redirected, true)) === 0)
            return yield* this.runScript(branch.body, redirected, condition);
        }
        return command.orElse ? yield* this.runScript(command.orElse, redirected, condition) : 0;
      }
    }
  }

  *#runSimple(command: Extract<Command, { kind: "simple" }>, io: ShellIO): Program {
    const argv: string[] = [];
    for (const word of command.words) argv.push(...(yield* this.expandWord(word)));
    const assigned: [string, string][] = [];
    for (const { name, value } of command.assigns)
      assigned.push([name, (yield* this.expandWord(value, false)).join("")]);
    if (argv.length === 0) {
      for (const [name, value] of assigned) this.vars.set(name, value);
      return this.lastStatus;
    }
    if (this.xtrace) io.err(`+ ${argv.join(" ")}\n`);
    const saved = assigned.map(([name]) => [name, this.vars.get(name)] as const);
    for (const [name, value] of assigned) this.vars.set(name, value);
    try {
      return yield* this.callCommand(argv, io);
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) this.vars.delete(name);
        else this.vars.set(name, value);
      }
    }
  }

  /** Expand a word to fields: parameters, command substitutions, arithmetic, field splitting. */
  *expandWord(word: Word, split = true): Generator<Effect, string[], unknown> {
    const fields: string[] = [];
    let current = "";
    let has = false;
    for (const part of word) {
      let value: string;
      if (part.t === "lit") {
        current += part.v;
        has = true;
        continue;
      }
      if (part.t === "var") value = this.#parameter(part.name);
      else if (part.t === "arith") {
        try {
          value = String(evaluateArithmetic(part.expr, (name) => this.vars.get(name) ?? ""));
        } catch (error) {
          throw new ShellExpansionError(
            `${this.errorPrefix()} arithmetic syntax error: ${(error as Error).message}`,
          );
        }
      } else {
        let out = "";
        yield* this.runScript(part.script, {
          stdin: "",
          out: (t) => {
            out += t;
          },
          err: () => {},
        });
        value = out.replace(/\n+$/, "");
      }
      if (part.q || !split) {
        current += value;
        has = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) {
          if (has) fields.push(current);
          current = "";
          has = false;
        }
        if (piece !== "") {
          current += piece;
          has = true;
        }
      }
    }
    if (has || (word.length > 0 && word.every((p) => p.q))) fields.push(current);
    return fields;
  }

  #parameter(name: string): string {
    if (name === "?") return String(this.lastStatus);
    if (name === "$") return "1";
    if (name === "#") return String(this.positional.length);
    if (name === "0") return this.name;
    if (name === "@" || name === "*") return this.positional.join(" ");
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1] ?? "";
    return this.vars.get(name) ?? "";
  }

  /** Run one command vector: a builtin, a tool, `sh -c`, or "not found". */
  *callCommand(argv: string[], io: ShellIO): Program {
    const [name = "", ...args] = argv;
    const base = name.slice(name.lastIndexOf("/") + 1);
    switch (base) {
      case "sh":
      case "bash":
      case "ash":
      case "dash": {
        if (base === "bash" && this.environment.userland === "busybox") break;
        const sub = new Shell(this.environment, base);
        for (const [k, v] of this.vars) sub.vars.set(k, v);
        const flags = new Set<string>();
        let i = 0;
        while (i < args.length && /^-[a-z]+$/.test(args[i] as string)) {
          for (const f of (args[i] as string).slice(1)) flags.add(f);
          i++;
        }
        sub.errexit = flags.has("e");
        sub.xtrace = flags.has("x");
        if (flags.has("c")) {
          const text = args[i];
          if (text === undefined) {
            io.err(`${base}: -c requires an argument\n`);
            return 2;
          }
          sub.name = args[i + 1] ?? base;
          sub.positional = args.slice(i + 2);
          return yield* sub.runText(text, io);
        }
        if (i < args.length) {
          const file = this.environment.fs.read(args[i] as string);
          if (typeof file !== "string") {
            io.err(`${base}: can't open '${args[i]}': No such file or directory\n`);
            return 127;
          }
          sub.positional = args.slice(i + 1);
          return yield* sub.runText(file, io);
        }
        // No script and no terminal on stdin: the shell reads stdin and exits.
        return yield* sub.runText(io.stdin, io);
      }
      case "exit": {
        const code = args[0] === undefined ? this.lastStatus : Number(args[0]);
        throw new ExitSignal(Number.isInteger(code) ? code & 0xff : 2);
      }
      case "exec":
        if (args.length === 0) return 0;
        throw new ExitSignal(yield* this.callCommand(args, io));
      case "export":
        for (const arg of args) {
          const eq = arg.indexOf("=");
          if (eq > 0) this.vars.set(arg.slice(0, eq), arg.slice(eq + 1));
        }
        return 0;
      case "unset":
        for (const arg of args) this.vars.delete(arg);
        return 0;
      case "set":
        for (const arg of args) {
          if (/^[-+][ex]+$/.test(arg)) {
            const on = arg.startsWith("-");
            if (arg.includes("e")) this.errexit = on;
            if (arg.includes("x")) this.xtrace = on;
          }
        }
        return 0;
      case "cd": {
        const target = args[0] ?? "/root";
        const path = target.startsWith("/") ? target : `${this.cwd}/${target}`;
        if (this.environment.fs.stat(path) !== "dir") {
          io.err(`${this.errorPrefix()} cd: can't cd to ${target}: No such file or directory\n`);
          return 2;
        }
        this.cwd = path;
        return 0;
      }
      case "env":
      case "printenv": {
        if (base === "printenv" && args.length > 0) {
          let status = 0;
          for (const arg of args) {
            const value = this.vars.get(arg);
            if (value === undefined) status = 1;
            else io.out(`${value}\n`);
          }
          return status;
        }
        for (const [k, v] of this.vars) io.out(`${k}=${v}\n`);
        return 0;
      }
    }
    if (name === "") return 0;
    const imageAnswer = this.environment.imageExec(argv);
    if (imageAnswer) {
      if (imageAnswer.stdout) io.out(imageAnswer.stdout);
      if (imageAnswer.stderr) io.err(imageAnswer.stderr);
      return imageAnswer.exitCode;
    }
    const tool = COMMANDS[base];
    if (tool && !(tool.only && tool.only !== this.environment.userland)) {
      const result = tool.run(args, io, this);
      return typeof result === "number" ? result : yield* result;
    }
    if (this.environment.isImageProgram(argv)) {
      io.err(
        `kubespec: "${base}" is the image's own program; run it as the container's command, not from a shell\n`,
      );
      return 126;
    }
    if (KNOWN_UNSIMULATED.has(base)) {
      io.err(
        `kubespec: "${base}" is not simulated (docs/images.md lists the commands containers understand)\n`,
      );
      return 127;
    }
    if (this.name === "bash") io.err(`bash: line 1: ${name}: command not found\n`);
    else io.err(`${this.errorPrefix()} ${name}: not found\n`);
    return 127;
  }
}

/** Tools real images have that kubespec does not simulate: they fail with a clear message. */
const KNOWN_UNSIMULATED = new Set([
  "nslookup",
  "dig",
  "ping",
  "nc",
  "netstat",
  "ss",
  "ps",
  "kill",
  "top",
  "vi",
  "apt-get",
  "apk",
  "tar",
  "find",
  "sed",
  "awk",
  "tr",
  "cut",
  "sort",
  "uniq",
  "xargs",
  "read",
  "trap",
  "wait",
]);

/** An expansion failed (arithmetic syntax): the command fails with this message. */
export class ShellExpansionError extends Error {
  override name = "ShellExpansionError";
}
