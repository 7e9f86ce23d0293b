import { FS_ERROR_TEXT, type FsError } from "../runtime/ContainerFilesystem.ts";
import type { Program, Shell, ShellIO } from "./Shell.ts";

/** What a command printed and how it ended (for image-answered commands). */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A tool the simulated containers have; `only` limits it to one userland. */
export interface Tool {
  only?: "busybox" | "gnu";
  run(args: string[], io: ShellIO, shell: Shell): number | Program;
}

function path(shell: Shell, p: string): string {
  return p.startsWith("/") ? p : `${shell.cwd}/${p}`;
}

function busybox(shell: Shell): boolean {
  return shell.environment.userland === "busybox";
}

/** Split leading `-abc` flags from operands (`--` ends flags). */
function flags(args: string[]): { set: Set<string>; rest: string[] } {
  const set = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (!/^-[A-Za-z]+$/.test(a)) break;
    for (const f of a.slice(1)) set.add(f);
  }
  return { set, rest: args.slice(i) };
}

/** Parse `sleep` operands (`30`, `1.5`, `2m`, `infinity`) to milliseconds; undefined if invalid. */
export function parseSleep(args: readonly string[]): number | undefined {
  let total = 0;
  for (const arg of args) {
    if (/^inf(inity)?$/i.test(arg)) return Number.POSITIVE_INFINITY;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return undefined;
    const unit = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as string] as number;
    total += Number(m[1]) * unit;
  }
  return Math.round(total);
}

function echoText(args: string[], interpret: boolean): string {
  const text = args.join(" ");
  if (!interpret) return text;
  return text.replace(
    /\\(n|t|\\|c)/g,
    (_, c: string) => ({ n: "\n", t: "\t", "\\": "\\", c: "" })[c] as string,
  );
}

/** `date` as `Sat Mar  1 09:00:00 UTC 2025`. */
export function formatDate(millis: number): string {
  const d = new Date(millis);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function fileError(
  shell: Shell,
  tool: string,
  verb: "open" | "remove" | "access" | "create directory" | "touch",
  name: string,
  error: FsError,
): string {
  const why = FS_ERROR_TEXT[error];
  if (busybox(shell)) {
    if (verb === "access") return `${tool}: ${name}: ${why}\n`;
    return `${tool}: can't ${verb} '${name}': ${why}\n`;
  }
  if (verb === "open") return `${tool}: ${name}: ${why}\n`;
  if (verb === "touch") return `${tool}: cannot touch '${name}': ${why}\n`;
  return `${tool}: cannot ${verb} '${name}': ${why}\n`;
}

function test(args: string[], shell: Shell): number {
  const fs = shell.environment.fs;
  const unary = (op: string, operand: string): boolean | undefined => {
    switch (op) {
      case "-f":
        return fs.stat(path(shell, operand)) === "file";
      case "-d":
        return fs.stat(path(shell, operand)) === "dir";
      case "-e":
        return fs.stat(path(shell, operand)) !== undefined;
      case "-s": {
        const c = fs.read(path(shell, operand));
        return typeof c === "string" && c.length > 0;
      }
      case "-z":
        return operand.length === 0;
      case "-n":
        return operand.length > 0;
      default:
        return undefined;
    }
  };
  const evaluate = (a: string[]): boolean => {
    if (a[0] === "!") return !evaluate(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return (a[0] as string).length > 0;
    if (a.length === 2) {
      const r = unary(a[0] as string, a[1] as string);
      if (r === undefined) throw new Error(`${a[0]}: unary operator expected`);
      return r;
    }
    const [l, op, r] = a as [string, string, string];
    const num = (s: string) => {
      if (!/^-?\d+$/.test(s.trim())) throw new Error(`${s}: integer expected`);
      return Number(s);
    };
    switch (op) {
      case "=":
      case "==":
        return l === r;
      case "!=":
        return l !== r;
      case "-eq":
        return num(l) === num(r);
      case "-ne":
        return num(l) !== num(r);
      case "-lt":
        return num(l) < num(r);
      case "-le":
        return num(l) <= num(r);
      case "-gt":
        return num(l) > num(r);
      case "-ge":
        return num(l) >= num(r);
      default:
        throw new Error(`${op}: binary operator expected`);
    }
  };
  return evaluate(args) ? 0 : 1;
}

function* sleep(ms: number): Program {
  yield { sleep: ms };
  return 0;
}

function* fetchUrl(args: string[], io: ShellIO, shell: Shell, tool: "wget" | "curl"): Program {
  let quiet = false;
  let output: string | undefined = tool === "curl" ? "-" : undefined;
  let fail = false;
  let showErrors = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (tool === "wget" && (a === "-O" || a === "--output-document")) output = args[++i];
    else if (tool === "wget" && a.startsWith("-O") && a.length > 2) output = a.slice(2);
    else if (tool === "wget" && /^-q(O.*)?$/.test(a)) {
      quiet = true;
      if (a.length > 2) output = a.slice(3) || args[++i];
    } else if (tool === "wget" && a === "--spider") output = "/dev/null";
    else if (tool === "curl" && a === "-o") output = args[++i];
    else if (tool === "curl" && /^-[sSfLkvI]+$/.test(a)) {
      if (a.includes("s")) quiet = true;
      if (a.includes("S")) showErrors = true;
      if (a.includes("f")) fail = true;
    } else if (tool === "curl" && (a === "--max-time" || a === "-m" || a === "-H")) i++;
    else if (tool === "wget" && (a === "-T" || a === "--timeout")) i++;
    else if (!a.startsWith("-")) url = a;
  }
  if (!url) {
    io.err(
      tool === "wget"
        ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
        : "curl: try 'curl --help' or 'curl --manual' for more information\n",
    );
    return tool === "wget" ? 1 : 2;
  }
  const full = /^[a-z]+:\/\//.test(url) ? url : `http://${url}`;
  const result = shell.environment.fetch(full, tool === "wget" ? "Wget" : "curl/7.88.1");
  const parsed = /^[a-z]+:\/\/([^/:]+)(?::(\d+))?/.exec(full);
  const host = parsed?.[1] ?? "";
  const port = parsed?.[2] ?? "80";
  if (!result.ok) {
    if (result.error === "unresolved") {
      if (tool === "wget") io.err(`wget: bad address '${host}'\n`);
      else if (!quiet || showErrors) io.err(`curl: (6) Could not resolve host: ${host}\n`);
      return tool === "wget" ? 1 : 6;
    }
    if (result.error === "timeout") {
      if (tool === "wget") io.err("wget: download timed out\n");
      else if (!quiet || showErrors) io.err(`curl: (28) Connection timed out after 0 milliseconds\n`);
      return tool === "wget" ? 1 : 28;
    }
    if (result.error === "empty") {
      if (tool === "wget") io.err("wget: error getting response: Connection reset by peer\n");
      else if (!quiet || showErrors) io.err("curl: (52) Empty reply from server\n");
      return tool === "wget" ? 1 : 52;
    }
    if (tool === "wget") {
      if (!quiet) io.err(`Connecting to ${host}:${port} (${result.address}:${port})\n`);
      io.err(`wget: can't connect to remote host (${result.address}): Connection refused\n`);
      return 1;
    }
    if (!quiet || showErrors)
      io.err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
    return 7;
  }
  if (result.delayMillis > 0) yield { sleep: result.delayMillis };
  const reasons: Record<number, string> = {
    200: "OK",
    404: "Not Found",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };
  if (tool === "wget") {
    if (!quiet) io.err(`Connecting to ${host}:${port} (${host}:${port})\n`);
    if (result.status >= 400) {
      io.err(
        `wget: server returned error: HTTP/1.1 ${result.status} ${reasons[result.status] ?? ""}`.trimEnd() +
          "\n",
      );
      return 1;
    }
    const target = output ?? "index.html";
    if (target === "-") {
      if (!quiet) io.err("writing to stdout\n");
      io.out(result.body);
      if (!quiet)
        io.err(
          `-                    100% |********************************|   ${result.body.length}  0:00:00 ETA\nwritten to stdout\n`,
        );
    } else {
      if (!quiet) io.err(`saving to '${target}'\n`);
      shell.environment.fs.write(path(shell, target), result.body);
      if (!quiet)
        io.err(
          `${target.padEnd(20)} 100% |********************************|   ${result.body.length}  0:00:00 ETA\n'${target}' saved\n`,
        );
    }
    return 0;
  }
  if (fail && result.status >= 400) {
    if (!quiet || showErrors) io.err(`curl: (22) The requested URL returned error: ${result.status}\n`);
    return 22;
  }
  if (output && output !== "-") shell.environment.fs.write(path(shell, output), result.body);
  else io.out(result.body);
  return 0;
}

/**
 * The tools kubespec's containers have, with busybox's or GNU coreutils' messages and exit codes.
 * Keep this list and docs/images.md in step.
 */
export const COMMANDS: Record<string, Tool> = {
  true: { run: () => 0 },
  false: { run: () => 1 },
  ":": { run: () => 0 },
  echo: {
    run(args, io) {
      let newline = true;
      let interpret = false;
      let i = 0;
      for (; i < args.length && /^-[ne]+$/.test(args[i] as string); i++) {
        if ((args[i] as string).includes("n")) newline = false;
        if ((args[i] as string).includes("e")) interpret = true;
      }
      io.out(echoText(args.slice(i), interpret) + (newline ? "\n" : ""));
      return 0;
    },
  },
  printf: {
    run(args, io) {
      const [format = "", ...rest] = args;
      let i = 0;
      do {
        io.out(
          format
            .replace(/%([sd%])/g, (_, c: string) => (c === "%" ? "%" : (rest[i++] ?? (c === "d" ? "0" : ""))))
            .replace(/\\(n|t|\\)/g, (_, c: string) => ({ n: "\n", t: "\t", "\\": "\\" })[c] as string),
        );
      } while (i < rest.length && i > 0);
      return 0;
    },
  },
  sleep: {
    run(args, io, shell) {
      const ms = parseSleep(args);
      if (args.length === 0 || ms === undefined) {
        const bad = args.find((a) => parseSleep([a]) === undefined);
        if (busybox(shell))
          io.err(args.length === 0 ? "sleep: missing operand\n" : `sleep: invalid number '${bad}'\n`);
        else
          io.err(
            `${args.length === 0 ? "sleep: missing operand" : `sleep: invalid time interval '${bad}'`}\nTry 'sleep --help' for more information.\n`,
          );
        return 1;
      }
      return sleep(ms);
    },
  },
  cat: {
    run(args, io, shell) {
      const files = args.filter((a) => a !== "-" && !/^-[A-Za-z]+$/.test(a));
      if (files.length === 0) {
        io.out(io.stdin);
        return 0;
      }
      let status = 0;
      for (const file of files) {
        const content = shell.environment.fs.read(path(shell, file));
        if (typeof content === "string") io.out(content);
        else {
          io.err(fileError(shell, "cat", "open", file, content.error));
          status = 1;
        }
      }
      return status;
    },
  },
  touch: {
    run(args, io, shell) {
      let status = 0;
      for (const file of flags(args).rest) {
        const fs = shell.environment.fs;
        const existing = fs.read(path(shell, file));
        if (typeof existing === "string") continue;
        if (existing.error === "EISDIR") continue;
        const problem = fs.write(path(shell, file), "");
        if (problem) {
          io.err(
            busybox(shell)
              ? `touch: ${file}: ${FS_ERROR_TEXT[problem]}\n`
              : fileError(shell, "touch", "touch", file, problem),
          );
          status = 1;
        }
      }
      return status;
    },
  },
  rm: {
    run(args, io, shell) {
      const { set, rest } = flags(args);
      let status = 0;
      for (const file of rest) {
        const problem = shell.environment.fs.remove(path(shell, file), set.has("r") || set.has("R"));
        if (!problem || (problem === "ENOENT" && set.has("f"))) continue;
        io.err(
          problem === "EISDIR"
            ? busybox(shell)
              ? `rm: '${file}' is a directory\n`
              : `rm: cannot remove '${file}': Is a directory\n`
            : fileError(shell, "rm", "remove", file, problem),
        );
        status = 1;
      }
      return status;
    },
  },
  mkdir: {
    run(args, io, shell) {
      const { set, rest } = flags(args);
      let status = 0;
      for (const dir of rest) {
        const problem = shell.environment.fs.mkdir(path(shell, dir), set.has("p"));
        if (problem) {
          io.err(fileError(shell, "mkdir", "create directory", dir, problem));
          status = 1;
        }
      }
      return status;
    },
  },
  ls: {
    run(args, io, shell) {
      const { rest } = flags(args);
      const targets = rest.length > 0 ? rest : [shell.cwd];
      let status = 0;
      for (const [i, target] of targets.entries()) {
        const fs = shell.environment.fs;
        const kind = fs.stat(path(shell, target));
        if (kind === undefined) {
          io.err(fileError(shell, "ls", "access", target, "ENOENT"));
          status = busybox(shell) ? 1 : 2;
          continue;
        }
        if (kind === "file") {
          io.out(`${target}\n`);
          continue;
        }
        if (targets.length > 1) io.out(`${i > 0 ? "\n" : ""}${target}:\n`);
        for (const name of fs.list(path(shell, target)) ?? []) io.out(`${name}\n`);
      }
      return status;
    },
  },
  test: {
    run(args, io, shell) {
      try {
        return test(args, shell);
      } catch (error) {
        io.err(`${shell.errorPrefix()} test: ${(error as Error).message}\n`);
        return 2;
      }
    },
  },
  "[": {
    run(args, io, shell) {
      if (args[args.length - 1] !== "]") {
        io.err(`${shell.errorPrefix()} [: missing ]\n`);
        return 2;
      }
      try {
        return test(args.slice(0, -1), shell);
      } catch (error) {
        io.err(`${shell.errorPrefix()} [: ${(error as Error).message}\n`);
        return 2;
      }
    },
  },
  hostname: {
    run(_args, io, shell) {
      io.out(`${shell.environment.hostname}\n`);
      return 0;
    },
  },
  date: {
    run(_args, io, shell) {
      io.out(`${formatDate(shell.environment.now())}\n`);
      return 0;
    },
  },
  pwd: {
    run(_args, io, shell) {
      io.out(`${shell.cwd}\n`);
      return 0;
    },
  },
  whoami: {
    run(_args, io) {
      io.out("root\n");
      return 0;
    },
  },
  seq: {
    run(args, io) {
      const nums = args.map(Number);
      const [first, step, last] =
        nums.length === 1
          ? [1, 1, nums[0]]
          : nums.length === 2
            ? [nums[0], 1, nums[1]]
            : [nums[0], nums[1], nums[2]];
      for (
        let i = first as number;
        (step as number) > 0 ? i <= (last as number) : i >= (last as number);
        i += step as number
      )
        io.out(`${i}\n`);
      return 0;
    },
  },
  head: {
    run(args, io, shell) {
      const n = Number(args.find((a) => /^-?\d+$/.test(a.replace(/^-n/, "")))?.replace(/^-n?/, "") ?? 10);
      const file = args.find((a) => !a.startsWith("-") && !/^\d+$/.test(a));
      const text = file ? shell.environment.fs.read(path(shell, file)) : io.stdin;
      if (typeof text !== "string") {
        io.err(fileError(shell, "head", "open", file as string, text.error));
        return 1;
      }
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      for (const line of lines.slice(0, n)) io.out(`${line}\n`);
      return 0;
    },
  },
  tail: {
    run(args, io, shell) {
      const n = Number(args.find((a) => /^-?\d+$/.test(a.replace(/^-n/, "")))?.replace(/^-n?/, "") ?? 10);
      const file = args.find((a) => !a.startsWith("-") && !/^\d+$/.test(a));
      const text = file ? shell.environment.fs.read(path(shell, file)) : io.stdin;
      if (typeof text !== "string") {
        io.err(fileError(shell, "tail", "open", file as string, text.error));
        return 1;
      }
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      for (const line of lines.slice(Math.max(0, lines.length - n))) io.out(`${line}\n`);
      return 0;
    },
  },
  grep: {
    run(args, io, shell) {
      const { set, rest } = flags(args);
      const [pattern, file] = rest;
      if (pattern === undefined) {
        io.err("Usage: grep [-qv] PATTERN [FILE]\n");
        return 2;
      }
      const text = file ? shell.environment.fs.read(path(shell, file)) : io.stdin;
      if (typeof text !== "string") {
        io.err(
          busybox(shell)
            ? `grep: ${file}: ${FS_ERROR_TEXT[text.error]}\n`
            : `grep: ${file}: ${FS_ERROR_TEXT[text.error]}\n`,
        );
        return 2;
      }
      let found = false;
      for (const line of text.split("\n").filter((l, i, all) => i < all.length - 1 || l !== "")) {
        const match = set.has("i")
          ? line.toLowerCase().includes(pattern.toLowerCase())
          : line.includes(pattern);
        if (match !== set.has("v")) {
          found = true;
          if (!set.has("q")) io.out(`${line}\n`);
        }
      }
      return found ? 0 : 1;
    },
  },
  wc: {
    run(args, io, shell) {
      const { set, rest } = flags(args);
      const text = rest[0] ? shell.environment.fs.read(path(shell, rest[0])) : io.stdin;
      if (typeof text !== "string") {
        io.err(`wc: ${rest[0]}: ${FS_ERROR_TEXT[text.error]}\n`);
        return 1;
      }
      const lines = (text.match(/\n/g) ?? []).length;
      if (set.has("l")) io.out(`${lines}${rest[0] ? ` ${rest[0]}` : ""}\n`);
      else io.out(`${lines} ${text.split(/\s+/).filter((w) => w).length} ${text.length}\n`);
      return 0;
    },
  },
  wget: { only: "busybox", run: (args, io, shell) => fetchUrl(args, io, shell, "wget") },
  curl: { only: "gnu", run: (args, io, shell) => fetchUrl(args, io, shell, "curl") },
};
