import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { type ImageCatalogue, type ImageSpec, parseImage } from "./ImageCatalogue.ts";
import { ContainerFilesystem } from "./runtime/ContainerFilesystem.ts";
import { PodNetwork } from "./runtime/PodNetwork.ts";
import { ProgramRunner } from "./runtime/ProgramRunner.ts";
import {
  containerArgv,
  findProcess,
  hasExecutable,
  imageExecAnswer,
  imageProgram,
  logStop,
  startErrorMessage,
} from "./runtime/programs.ts";
import { type ContainerConfig, RuntimeContainer } from "./runtime/RuntimeContainer.ts";
import { Sandbox } from "./runtime/Sandbox.ts";
import { Shell, type ShellEnvironment } from "./shell/Shell.ts";

/** The outcome of an image pull. */
export type PullResult =
  | {
      ok: true;
      alreadyPresent: boolean;
      millis: number;
      totalMillis: number;
      image: ImageSpec;
      imageID: string;
      normalized: string;
    }
  | { ok: false; message: string };

/** What an exec'd command printed and how it ended (or why it could not run). */
export type ExecResult =
  | { ok: true; stdout: string; stderr: string; exitCode: number }
  | { ok: false; timedOut: boolean; message: string };

/** Pull time when the image is present but the policy is Always (a manifest check). */
const RECHECK_MS = 300;
/** Time the registry takes to say a repository or tag does not exist. */
const RESOLVE_FAILURE_MS = 1000;
/** Exit code of a process killed by SIGKILL (128 + 9). */
export const KILLED_EXIT_CODE = 137;

/**
 * One node's simulated container runtime (containerd behind CRI): an image store and a pull queue
 * that serializes pulls (the kubelet's default `serializeImagePulls: true`), pod sandboxes on the
 * cluster's {@link PodNetwork}, and containers whose programs come from the image catalogue:
 * start, stop (stop signal, then KILL at the timeout), exec, logs, and the OOM killer.
 *
 * @example
 * ```ts
 * runtime.pull("nginx", "IfNotPresent", (result) => { if (result.ok) start(); });
 * ```
 */
export class ContainerRuntime {
  readonly #loop: EventLoop;
  readonly #random: SeededRandom;
  readonly #systemRandom: SeededRandom;
  readonly #catalogue: ImageCatalogue;
  readonly network: PodNetwork;
  readonly #images = new Map<string, { spec: ImageSpec; imageID: string }>();
  readonly #queue: { run: () => void }[] = [];
  readonly #sandboxes = new Map<string, Sandbox>();
  readonly #containers = new Map<string, RuntimeContainer>();
  readonly #logDirectories = new Map<string, number>();
  readonly #killTimers = new Map<string, TimerHandle>();
  #busy = false;
  /** Called when a container changes state (what PLEG's relist would notice). */
  onContainerChange: ((container: RuntimeContainer) => void) | undefined;
  /** Called when a pod sandbox is created. */
  onSandboxChange: ((sandbox: Sandbox) => void) | undefined;

  constructor(loop: EventLoop, random: SeededRandom, catalogue: ImageCatalogue, network = new PodNetwork()) {
    this.#loop = loop;
    this.#random = random;
    // kube-system's sandboxes and containers (the add-ons, static pods) draw their ids from their
    // own stream so that users' container ids do not depend on the system pods of the node.
    this.#systemRandom = random.fork("kube-system");
    this.#catalogue = catalogue;
    this.network = network;
  }

  // ---- images ----

  /** Images on the node (normalized references), for node status. */
  images(): { names: string[]; sizeBytes: number }[] {
    return [...this.#images].map(([name, { spec, imageID }]) => ({
      names: [imageID, name],
      sizeBytes: spec.sizeBytes,
    }));
  }

  hasImage(reference: string): boolean {
    return this.#images.has(parseImage(reference).normalized);
  }

  /** The catalogue entry of a pulled image. */
  imageSpec(reference: string): ImageSpec | undefined {
    return this.#images.get(parseImage(reference).normalized)?.spec;
  }

  /** A new container ID (`containerd://` + 64 hex digits). */
  newContainerID(namespace?: string): string {
    const random = namespace === "kube-system" ? this.#systemRandom : this.#random;
    return `containerd://${random.string("0123456789abcdef", 64)}`;
  }

  /** containerd's error for an image the registry does not have. */
  #notFound(reference: string): string {
    const ref = parseImage(reference);
    const resolve = `failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}"`;
    if (this.#catalogue.hasRepository(reference))
      return `rpc error: code = NotFound desc = ${resolve}: ${ref.normalized}: not found`;
    if (ref.repository.startsWith("docker.io/"))
      return `rpc error: code = Unknown desc = ${resolve}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    return `rpc error: code = NotFound desc = ${resolve}: ${ref.normalized}: not found`;
  }

  /**
   * Put an image on the node without a pull (what `kubeadm config images pull` leaves behind);
   * false when the registry does not know it.
   */
  preload(reference: string): boolean {
    const spec = this.#catalogue.lookup(reference);
    if (!spec) return false;
    const ref = parseImage(reference);
    this.#images.set(ref.normalized, {
      spec,
      imageID: `${ref.repository}@sha256:${digestOf(ref.normalized)}`,
    });
    return true;
  }

  /** Pull `reference` honouring the pull policy; `done` is called when the pull finishes. */
  pull(reference: string, policy: string, done: (result: PullResult) => void): void {
    const ref = parseImage(reference);
    const present = this.#images.get(ref.normalized);
    if (present && policy !== "Always") {
      done({
        ok: true,
        alreadyPresent: true,
        millis: 0,
        totalMillis: 0,
        image: present.spec,
        imageID: present.imageID,
        normalized: ref.normalized,
      });
      return;
    }
    if (policy === "Never") {
      done({ ok: false, message: `Container image "${reference}" is not present with pull policy of Never` });
      return;
    }
    const enqueued = this.#loop.now();
    this.#queue.push({
      run: () => {
        const spec = this.#catalogue.lookup(reference);
        // A pull queued behind another pull of the same image finds its layers there already.
        const present = this.#images.get(ref.normalized);
        const millis = !spec
          ? RESOLVE_FAILURE_MS
          : present
            ? RECHECK_MS
            : Math.round(spec.pullSeconds * 1000);
        const started = this.#loop.now();
        this.#loop.setTimeout(() => {
          this.#busy = false;
          if (!spec) done({ ok: false, message: this.#notFound(reference) });
          else {
            const imageID = present?.imageID ?? `${ref.repository}@sha256:${digestOf(ref.normalized)}`;
            this.#images.set(ref.normalized, { spec, imageID });
            done({
              ok: true,
              alreadyPresent: false,
              millis: this.#loop.now() - started,
              totalMillis: this.#loop.now() - enqueued,
              image: spec,
              imageID,
              normalized: ref.normalized,
            });
          }
          this.#next();
        }, millis);
      },
    });
    this.#next();
  }

  #next(): void {
    if (this.#busy) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#busy = true;
    job.run();
  }

  // ---- sandboxes ----

  /** Create a pod sandbox (network namespace with `ip`) and put it on the pod network. */
  runPodSandbox(options: { podUid: string; podName: string; namespace: string; ip: string }): Sandbox {
    const sandbox = new Sandbox({
      ...options,
      id: (options.namespace === "kube-system" ? this.#systemRandom : this.#random).string(
        "0123456789abcdef",
        64,
      ),
      createdAt: this.#loop.now(),
    });
    this.#sandboxes.set(sandbox.id, sandbox);
    this.network.add(sandbox);
    this.onSandboxChange?.(sandbox);
    return sandbox;
  }

  /** The node's pod sandboxes. */
  sandboxes(): Sandbox[] {
    return [...this.#sandboxes.values()];
  }

  /** Tear a sandbox down: its containers are killed, its IP leaves the network. */
  removePodSandbox(sandbox: Sandbox): void {
    sandbox.ready = false;
    for (const container of this.#containers.values()) {
      if (container.sandbox === sandbox) {
        if (container.state === "running" || container.state === "stopping")
          this.#exit(container, KILLED_EXIT_CODE, "Error", false);
        this.#containers.delete(container.id);
      }
    }
    this.network.remove(sandbox);
    this.#sandboxes.delete(sandbox.id);
  }

  /**
   * The last attempt of each container (`podUid/name`) whose log file is on the node's disk
   * (/var/log/pods). It outlives a machine restart, which is what the kubelet reads a restart
   * count from when the runtime has lost its containers (calcRestartCountByLogDir in
   * kuberuntime_container.go).
   */
  lastLoggedAttempt(podUid: string, name: string): number | undefined {
    return this.#logDirectories.get(`${podUid}/${name}`);
  }

  /** The pod is gone for good: its log directory goes too. */
  removeLogDirectories(podUid: string): void {
    for (const key of [...this.#logDirectories.keys()])
      if (key.startsWith(`${podUid}/`)) this.#logDirectories.delete(key);
  }

  /** The machine went down: every process stops, nothing is reported; files on disk stay. */
  reset(): void {
    for (const container of this.#containers.values()) {
      container.runner?.kill();
      this.#loop.clearTimeout(this.#killTimers.get(container.id));
    }
    for (const sandbox of this.#sandboxes.values()) {
      sandbox.ready = false;
      this.network.remove(sandbox);
    }
    this.#containers.clear();
    this.#sandboxes.clear();
    this.#killTimers.clear();
  }

  // ---- containers ----

  /** A container by ID (`containerd://…`). */
  container(id: string): RuntimeContainer | undefined {
    return this.#containers.get(id);
  }

  /** Forget an old container (garbage collection keeps the current and the previous instance). */
  removeContainer(container: RuntimeContainer): void {
    if (container.state === "running" || container.state === "stopping")
      this.#exit(container, KILLED_EXIT_CODE, "Error", false);
    this.#containers.delete(container.id);
  }

  /** Create a container in a sandbox (state `created`). */
  createContainer(sandbox: Sandbox, config: ContainerConfig): RuntimeContainer {
    this.#logDirectories.set(`${sandbox.podUid}/${config.name}`, config.attempt);
    const generated: Record<string, () => string> = {
      "/etc/hostname": () => `${config.podName}\n`,
      "/sys/fs/cgroup/memory.max": () => `${config.memoryLimitBytes ?? "max"}\n`,
      "/sys/fs/cgroup/cpu.max": () =>
        `${config.cpuLimitMillis !== undefined ? config.cpuLimitMillis * 100 : "max"} 100000\n`,
      "/sys/fs/cgroup/memory.current": () => `${container.memoryBytes}\n`,
      "/var/run/secrets/kubernetes.io/serviceaccount/namespace": () => config.namespace,
    };
    const fs = new ContainerFilesystem(
      config.imageSpec.files,
      config.mounts.map((m) => ({
        path: m.path.replace(/\/+$/, "") || "/",
        store: sandbox.volume(m.volume),
        readOnly: m.readOnly,
      })),
      generated,
    );
    const container = new RuntimeContainer(
      this.newContainerID(config.namespace),
      config,
      sandbox,
      fs,
      this.#loop,
    );
    this.#containers.set(container.id, container);
    return container;
  }

  #shellEnvironment(container: RuntimeContainer): ShellEnvironment {
    const image = container.config.imageSpec;
    return {
      fs: container.fs,
      env: {
        PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        HOSTNAME: container.config.podName,
        HOME: "/root",
        ...container.config.env,
      },
      userland: image.userland,
      hostname: container.config.podName,
      now: () => this.#loop.now(),
      fetch: (url, userAgent) =>
        this.network.httpGet(container.sandbox, url, { remote: container.sandbox.ip, userAgent }),
      imageExec: (argv) => imageExecAnswer(image, argv, this.#listening(container.sandbox)),
      isImageProgram: (argv) => findProcess(image, argv) !== undefined,
    };
  }

  #listening(sandbox: Sandbox): boolean {
    return sandbox.endpoints().some((e) => e.accepting);
  }

  /**
   * Start a created container: resolve its command to an image program or the shell and run it.
   * Returns containerd's error message when the command cannot be executed (the container is then
   * exited with reason `StartError` and code 128).
   */
  startContainer(container: RuntimeContainer): string | undefined {
    const { config } = container;
    const image = config.imageSpec;
    const argv = containerArgv(image, config.command, config.args);
    if (argv.length === 0 || !hasExecutable(image, argv)) {
      const message =
        argv.length === 0
          ? "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown"
          : startErrorMessage(argv);
      container.transition({ type: "START_FAILED" });
      container.startedAt = this.#loop.now();
      container.finishedAt = this.#loop.now();
      container.exitCode = 128;
      container.reason = "StartError";
      container.message = message;
      this.#changed(container);
      return message;
    }
    container.transition({ type: "START" });
    container.startedAt = this.#loop.now();
    container.programStartedAt = this.#loop.now();
    const process = findProcess(image, argv);
    container.process = process;
    const program = process
      ? imageProgram(process, container, argv, { setMemory: (bytes) => this.#setMemory(container, bytes) })
      : new Shell(this.#shellEnvironment(container), "sh").runArgv(argv, {
          stdin: "",
          out: (t) => container.write("stdout", t),
          err: (t) => container.write("stderr", t),
        });
    if (process) container.stopBehaviour = process.onStop;
    else this.#setMemory(container, 1024 * 1024);
    container.runner = new ProgramRunner(this.#loop, program, (status) => {
      this.#exit(container, status, status === 0 ? "Completed" : "Error");
    });
    this.#changed(container);
    container.runner.start();
    return undefined;
  }

  #setMemory(container: RuntimeContainer, bytes: number): void {
    container.memoryBytes = bytes;
    const limit = container.config.memoryLimitBytes;
    if (
      limit !== undefined &&
      bytes > limit &&
      (container.state === "running" || container.state === "stopping")
    ) {
      // The kernel's OOM killer: SIGKILL, reported as OOMKilled.
      container.runner?.kill();
      this.#loop.enqueue(() => this.#exit(container, KILLED_EXIT_CODE, "OOMKilled"));
    }
  }

  #exit(container: RuntimeContainer, exitCode: number, reason: string, notify = true): void {
    if (container.state !== "running" && container.state !== "stopping") return;
    container.runner?.kill();
    container.flush();
    container.transition({ type: "EXIT" });
    container.finishedAt = this.#loop.now();
    container.exitCode = exitCode;
    container.reason = reason;
    container.sandbox.release(container);
    this.#loop.clearTimeout(this.#killTimers.get(container.id));
    this.#killTimers.delete(container.id);
    if (notify) this.#changed(container);
    for (const waiter of this.#stopWaiters.get(container.id) ?? []) waiter();
    this.#stopWaiters.delete(container.id);
  }

  readonly #stopWaiters = new Map<string, (() => void)[]>();

  /**
   * StopContainer: send the stop signal, then KILL when `timeoutMillis` runs out; `done` runs once
   * the container has exited.
   */
  stopContainer(container: RuntimeContainer, timeoutMillis: number, done: () => void): void {
    if (container.state === "created") {
      done();
      return;
    }
    if (container.state === "exited") {
      done();
      return;
    }
    const waiters = this.#stopWaiters.get(container.id) ?? [];
    waiters.push(done);
    this.#stopWaiters.set(container.id, waiters);
    if (container.state === "running") {
      container.transition({ type: "STOP" });
      this.#changed(container);
      const behaviour = container.stopBehaviour;
      if (behaviour.handles) {
        // A graceful server stops accepting connections at once, unless it serves on while it
        // drains (a lameduck period).
        if (!behaviour.keepsServing) container.sandbox.release(container);
        this.#loop.setTimeout(() => {
          if (container.state !== "stopping") return;
          logStop(container);
          this.#exit(container, behaviour.exitCode, behaviour.exitCode === 0 ? "Completed" : "Error");
        }, behaviour.seconds * 1000);
      }
    }
    const existing = this.#killTimers.get(container.id);
    const kill = this.#loop.setTimeout(
      () => this.#exit(container, KILLED_EXIT_CODE, "Error"),
      Math.max(0, timeoutMillis),
    );
    // A shorter timeout (a second deletion with less grace) replaces a longer one.
    if (existing) this.#loop.clearTimeout(existing);
    this.#killTimers.set(container.id, kill);
  }

  /**
   * ExecSync: run a command in a running container; `done` gets its output and exit code, or why
   * it could not run (not running, no such executable, timed out).
   */
  exec(
    container: RuntimeContainer,
    argv: readonly string[],
    timeoutMillis: number,
    done: (result: ExecResult) => void,
  ): void {
    if (container.state !== "running" && container.state !== "stopping") {
      done({ ok: false, timedOut: false, message: `container not found ("${container.name}")` });
      return;
    }
    const image = container.config.imageSpec;
    const answer = imageExecAnswer(image, argv, this.#listening(container.sandbox));
    if (answer) {
      done({ ok: true, ...answer });
      return;
    }
    if (!image.shell || !hasExecutable(image, argv)) {
      const exe = argv[0] ?? "";
      const why = exe.includes("/")
        ? `stat ${exe}: no such file or directory`
        : "executable file not found in $PATH";
      done({
        ok: false,
        timedOut: false,
        message: `failed to exec in container: failed to start exec "${this.#random.string("0123456789abcdef", 64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": ${why}: unknown`,
      });
      return;
    }
    let stdout = "";
    let stderr = "";
    let finished = false;
    const runner = new ProgramRunner(
      this.#loop,
      new Shell(this.#shellEnvironment(container), "sh").runArgv(argv, {
        stdin: "",
        out: (t) => {
          stdout += t;
        },
        err: (t) => {
          stderr += t;
        },
      }),
      (exitCode) => {
        if (finished) return;
        finished = true;
        this.#loop.clearTimeout(timer);
        done({ ok: true, stdout, stderr, exitCode });
      },
    );
    const timer = Number.isFinite(timeoutMillis)
      ? this.#loop.setTimeout(() => {
          if (finished) return;
          finished = true;
          runner.kill();
          done({ ok: false, timedOut: true, message: `command "${argv.join(" ")}" timed out` });
        }, timeoutMillis)
      : undefined;
    runner.start();
  }

  #changed(container: RuntimeContainer): void {
    this.onContainerChange?.(container);
  }
}

/** A stable fake sha256 digest (FNV-1a expanded to 64 hex digits). */
function digestOf(text: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; round < 8; round++) {
    for (const ch of `${text}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}
