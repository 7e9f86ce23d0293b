import assert from "node:assert/strict";
import { test } from "node:test";
import { ContainerFilesystem, VolumeStore } from "../runtime/ContainerFilesystem.ts";
import { parseShell, ShellSyntaxError } from "./parseShell.ts";
import { type Program, Shell, type ShellEnvironment } from "./Shell.ts";

function environment(
  userland: "busybox" | "gnu" = "busybox",
  fs = new ContainerFilesystem({}),
): ShellEnvironment {
  return {
    fs,
    env: { HOME: "/root", GREETING: "hello world" },
    userland,
    hostname: "web-0",
    now: () => Date.UTC(2025, 2, 1, 9, 0, 0),
    fetch: (url) =>
      /:80(\/|$)/.test(url)
        ? { ok: true, status: 200, body: "hi\n", delayMillis: 0 }
        : { ok: false, error: "refused", address: "127.0.0.1" },
    imageExec: (argv) =>
      argv.join(" ") === "redis-cli ping" ? { stdout: "PONG\n", stderr: "", exitCode: 0 } : undefined,
    isImageProgram: () => false,
  };
}

/** Run a program to completion, summing the virtual time it sleeps. */
function run(program: Program): { status: number; slept: number } {
  let slept = 0;
  for (let step = program.next(); ; step = program.next()) {
    if (step.done) return { status: step.value, slept };
    if ("sleep" in step.value) slept += step.value.sleep;
  }
}

function sh(
  script: string,
  env = environment(),
): { status: number; out: string; err: string; slept: number } {
  let out = "";
  let err = "";
  const shell = new Shell(env, "sh");
  const result = run(
    shell.runArgv(["sh", "-c", script], {
      stdin: "",
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
    }),
  );
  return { ...result, out, err };
}

test("lists, exit codes and && / ||", () => {
  assert.deepEqual(sh("echo a; false || echo b && exit 3"), { status: 3, out: "a\nb\n", err: "", slept: 0 });
  assert.equal(sh("true && false").status, 1);
  assert.equal(sh("! false").status, 0);
});

test("sleep yields virtual time; loops run until exit", () => {
  assert.deepEqual(sh("sleep 2; sleep 1.5; echo done"), { status: 0, out: "done\n", err: "", slept: 3500 });
  const r = sh("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); sleep 1; done");
  assert.equal(r.out, "0\n1\n2\n");
  assert.equal(r.slept, 3000);
  assert.equal(sh("for x in a b 'c d'; do echo \"[$x]\"; done").out, "[a]\n[b]\n[c d]\n");
  assert.equal(sh("sleep abc").err, "sleep: invalid number 'abc'\n");
});

test("variables, quoting, command substitution and field splitting", () => {
  assert.equal(sh("echo \"$GREETING\" $GREETING '$GREETING'").out, "hello world hello world $GREETING\n");
  assert.equal(sh('x=$(echo one two); echo "<$x>"').out, "<one two>\n");
  assert.equal(sh("echo $(hostname) $" + "{HOME}").out, "web-0 /root\n");
  assert.equal(sh("false; echo $?").out, "1\n");
});

test("files: the liveness idiom, redirections and busybox/GNU messages", () => {
  const fs = new ContainerFilesystem({});
  const env = environment("busybox", fs);
  assert.equal(sh("touch /tmp/healthy; cat /tmp/healthy; echo $?", env).out, "0\n");
  assert.equal(
    sh("rm -f /tmp/healthy; cat /tmp/healthy", env).err,
    "cat: can't open '/tmp/healthy': No such file or directory\n",
  );
  assert.equal(sh("echo x > /nope/file", env).err, "sh: can't create /nope/file: nonexistent directory\n");
  assert.equal(sh("cat /tmp/x", environment("gnu")).err, "cat: /tmp/x: No such file or directory\n");
  assert.equal(
    sh("echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f | grep b; wc -l < /tmp/f", env).out,
    "b\n2\n",
  );
});

test("emptyDir shared between two containers' filesystems", () => {
  const volume = new VolumeStore();
  const writer = new ContainerFilesystem({}, [{ path: "/pod-data", store: volume, readOnly: false }]);
  const reader = new ContainerFilesystem({}, [
    { path: "/usr/share/nginx/html", store: volume, readOnly: true },
  ]);
  sh("echo Hello from the debian container > /pod-data/index.html", environment("gnu", writer));
  assert.equal(reader.read("/usr/share/nginx/html/index.html"), "Hello from the debian container\n");
  assert.equal(reader.write("/usr/share/nginx/html/x", "no"), "EROFS");
});

test("unknown commands, image commands and the network", () => {
  assert.deepEqual(sh("foo"), { status: 127, out: "", err: "sh: foo: not found\n", slept: 0 });
  assert.equal(sh("foo", environment("gnu")).err, "sh: 1: foo: not found\n");
  assert.equal(sh("redis-cli ping").out, "PONG\n");
  assert.equal(sh("wget -qO- http://localhost:80").out, "hi\n");
  const refused = sh("wget -qO- http://localhost:8080");
  assert.equal(refused.status, 1);
  assert.equal(refused.err, "wget: can't connect to remote host (127.0.0.1): Connection refused\n");
  assert.equal(sh("curl -s localhost:8080", environment("gnu")).status, 7);
});

test("syntax errors are refused clearly", () => {
  assert.throws(() => parseShell("echo 'unterminated"), ShellSyntaxError);
  assert.throws(() => parseShell("sleep 10 &"), /background jobs/);
  assert.equal(sh("if true; then echo x").status, 2);
  assert.match(sh("if true; then echo x").err, /^sh: syntax error/);
});
