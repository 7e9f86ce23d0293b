import type { Container, Pod } from "../api/types.ts";
import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
import type { ContainerRuntime } from "./ContainerRuntime.ts";
import type { RuntimeContainer } from "./runtime/RuntimeContainer.ts";

export type ProbeType = "liveness" | "readiness" | "startup";
export type ProbeResult = "success" | "failure" | "unknown";
type Probe = NonNullable<Container["livenessProbe"]>;

/** The user agent of the kubelet's HTTP probes (`kube-probe/<major>.<minor>`). */
export const PROBE_USER_AGENT = "kube-probe/1.32";

/** What a probe worker needs from its pod worker. */
export interface ProberHost {
  readonly loop: EventLoop;
  readonly runtime: ContainerRuntime;
  /** The address probes come from, as the pod sees it (the node's bridge on the pod network). */
  readonly probeSource: string;
  pod(): Pod;
  /** The container's latest instance in the runtime. */
  latest(name: string): RuntimeContainer | undefined;
  /** Whether the instance has passed its startup probe (true without one). */
  started(container: RuntimeContainer): boolean;
  event(container: Container, type: "Normal" | "Warning", reason: string, message: string): void;
  /** A probe's result for an instance changed. */
  resultChanged(type: ProbeType, container: RuntimeContainer, result: ProbeResult): void;
}

const LABEL: Record<ProbeType, string> = { liveness: "Liveness", readiness: "Readiness", startup: "Startup" };

/**
 * One probe of one container, as the kubelet's prober worker runs it (pkg/kubelet/prober/worker.go):
 * it ticks every `periodSeconds` from the moment the pod is admitted, skips until
 * `initialDelaySeconds` after the container started (and, for liveness and readiness, until the
 * startup probe passed), counts consecutive results against `successThreshold` and
 * `failureThreshold`, and holds a failed liveness or startup result until the container restarts.
 * Every failed run records an `Unhealthy` event with the probe's real output.
 *
 * @example
 * ```ts
 * const worker = new ProbeWorker(host, container, "liveness", container.livenessProbe);
 * worker.start();
 * ```
 */
export class ProbeWorker {
  readonly type: ProbeType;
  readonly container: Container;
  readonly spec: Probe;
  readonly #host: ProberHost;
  #timer: TimerHandle | undefined;
  #containerID = "";
  #result: ProbeResult = "unknown";
  #lastResult: ProbeResult = "unknown";
  #resultRun = 0;
  #onHold = false;
  #running = false;
  #stopped = false;

  constructor(host: ProberHost, container: Container, type: ProbeType, spec: Probe) {
    this.#host = host;
    this.container = container;
    this.type = type;
    this.spec = spec;
  }

  get #initialValue(): ProbeResult {
    return this.type === "readiness" ? "failure" : this.type === "liveness" ? "success" : "unknown";
  }

  /** The current result for an instance (undefined when this worker has none for it). */
  result(container: RuntimeContainer): ProbeResult | undefined {
    return container.id === this.#containerID ? this.#result : undefined;
  }

  start(): void {
    this.#tick();
  }

  stop(): void {
    this.#stopped = true;
    this.#host.loop.clearTimeout(this.#timer);
  }

  /** Probe now, outside the period (a readiness probe when its container starts). */
  trigger(): void {
    if (!this.#stopped) this.#doProbe();
  }

  #tick(): void {
    if (this.#stopped) return;
    const keepGoing = this.#doProbe();
    if (!keepGoing) return;
    this.#timer = this.#host.loop.setTimeout(() => this.#tick(), (this.spec.periodSeconds ?? 10) * 1000);
  }

  #set(container: RuntimeContainer, result: ProbeResult): void {
    const changed = this.#result !== result;
    this.#result = result;
    if (changed) this.#host.resultChanged(this.type, container, result);
  }

  /** worker.doProbe: false stops the worker. */
  #doProbe(): boolean {
    if (this.#running) return true;
    const c = this.#host.latest(this.container.name);
    if (!c) return true;
    if (c.id !== this.#containerID) {
      this.#containerID = c.id;
      this.#result = this.#initialValue;
      this.#onHold = false;
      if (this.#result !== "unknown") this.#host.resultChanged(this.type, c, this.#result);
    }
    if (this.#onHold) return true;
    if (c.state !== "running" && c.state !== "stopping") {
      this.#set(c, "failure");
      return c.state !== "exited" || (this.#host.pod().spec?.restartPolicy ?? "Always") !== "Never";
    }
    if (this.#host.pod().metadata?.deletionTimestamp && this.type !== "readiness") {
      this.#set(c, "success");
      return false;
    }
    const running = Math.trunc((this.#host.loop.now() - (c.startedAt ?? 0)) / 1000);
    if (running < (this.spec.initialDelaySeconds ?? 0)) return true;
    if (this.#host.started(c)) {
      if (this.type === "startup") return true;
    } else if (this.type !== "startup") return true;
    this.#running = true;
    this.#run(c, (result, output, errored) => {
      this.#running = false;
      if (this.#stopped || c.id !== this.#containerID) return;
      if (result === "failure") {
        const verb = errored ? "errored" : "failed";
        this.#host.event(
          this.container,
          "Warning",
          "Unhealthy",
          `${LABEL[this.type]} probe ${verb}: ${output}`,
        );
      }
      if (this.#lastResult === result) this.#resultRun++;
      else {
        this.#lastResult = result;
        this.#resultRun = 1;
      }
      if (
        (result === "failure" && this.#resultRun < (this.spec.failureThreshold ?? 3)) ||
        (result === "success" && this.#resultRun < (this.spec.successThreshold ?? 1))
      )
        return;
      this.#set(c, result);
      if (this.type !== "readiness" && result === "failure") {
        this.#onHold = true;
        this.#resultRun = 0;
      }
    });
    return true;
  }

  #port(value: number | string | undefined): number | undefined {
    if (typeof value === "number") return value;
    if (value !== undefined && /^\d+$/.test(value)) return Number(value);
    return this.container.ports?.find((p) => p.name === value)?.containerPort;
  }

  /** Run the probe handler against the simulated application. */
  #run(c: RuntimeContainer, done: (result: ProbeResult, output: string, errored?: boolean) => void): void {
    const timeoutMillis = (this.spec.timeoutSeconds ?? 1) * 1000;
    const host = this.#host;
    const ip = c.sandbox.ip;
    if (this.spec.exec) {
      const argv = this.spec.exec.command ?? [];
      host.runtime.exec(c, argv, timeoutMillis, (r) => {
        if (r.ok) done(r.exitCode === 0 ? "success" : "failure", `${r.stdout}${r.stderr}`);
        else if (r.timedOut) done("failure", r.message);
        else done("failure", `rpc error: code = Unknown desc = ${r.message}`, true);
      });
      return;
    }
    if (this.spec.httpGet) {
      const h = this.spec.httpGet;
      const port = this.#port(h.port as number | string);
      const target = h.host || ip;
      const scheme = (h.scheme ?? "HTTP").toLowerCase();
      let path = h.path ?? "/";
      if (!path.startsWith("/")) path = `/${path}`;
      const url = `${scheme}://${target}:${port}${path}`;
      if (port === undefined) {
        done("failure", `unable to resolve port "${h.port}"`, true);
        return;
      }
      const result = host.runtime.network.httpGet(undefined, url, {
        remote: host.probeSource,
        userAgent: PROBE_USER_AGENT,
      });
      if (!result.ok) {
        const why =
          result.error === "refused"
            ? `dial tcp ${target}:${port}: connect: connection refused`
            : result.error === "empty"
              ? "EOF"
              : `dial tcp ${target}:${port}: connect: no route to host`;
        done("failure", `Get "${url}": ${why}`);
        return;
      }
      if (result.delayMillis >= timeoutMillis) {
        done(
          "failure",
          `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        );
        return;
      }
      if (result.status >= 200 && result.status < 400) done("success", "");
      else done("failure", `HTTP probe failed with statuscode: ${result.status}`);
      return;
    }
    if (this.spec.tcpSocket) {
      const port = this.#port(this.spec.tcpSocket.port as number | string);
      const target = this.spec.tcpSocket.host || ip;
      const dialed = port === undefined ? undefined : host.runtime.network.dial(target, port);
      if (dialed?.ok) done("success", "");
      else done("failure", `dial tcp ${target}:${port}: connect: connection refused`);
      return;
    }
    if (this.spec.grpc) {
      const dialed = host.runtime.network.dial(ip, this.spec.grpc.port);
      if (dialed?.ok) done("success", "");
      else
        done(
          "failure",
          `timeout: failed to connect service "${ip}:${this.spec.grpc.port}" within ${this.spec.timeoutSeconds ?? 1}s: context deadline exceeded`,
        );
      return;
    }
    done("failure", "missing probe handler", true);
  }
}
