import type { ListenerSpec } from "../ImageCatalogue.ts";
import { VolumeStore } from "./ContainerFilesystem.ts";
import { renderTemplate } from "./logTemplate.ts";

/** An HTTP request reaching a pod. */
export interface HttpRequest {
  method: string;
  /** Path with query, e.g. `/healthz`. */
  path: string;
  /** The Host header (`10.244.1.5:80`). */
  host: string;
  /** The client's address as the server sees it. */
  remote: string;
  userAgent: string;
}

/** What the server answered, and how long it took (virtual). */
export interface HttpResponse {
  status: number;
  body: string;
  delayMillis: number;
}

/** What an endpoint needs from the container whose program listens on it. */
export interface EndpointOwner {
  readonly name: string;
  /** When the listening program started (ms), for answers that change over time. */
  readonly programStartedAt: number;
  readonly templateVars: Readonly<Record<string, string | number>>;
  readFile(path: string): string | undefined;
  log(stream: "stdout" | "stderr", line: string): void;
  now(): number;
}

/**
 * A port a program in the pod listens on: "is anything in pod P listening on port N/TCP, and what
 * does it answer". Obtained from {@link Sandbox.endpoint} or `PodNetwork.dial`.
 */
export class Endpoint {
  readonly port: number;
  readonly protocol: string;
  readonly spec: ListenerSpec;
  readonly owner: EndpointOwner;
  /** Virtual time from which it accepts connections. */
  readonly readyAt: number;
  closed = false;

  constructor(owner: EndpointOwner, spec: ListenerSpec, readyAt: number) {
    this.owner = owner;
    this.spec = spec;
    this.port = spec.port;
    this.protocol = spec.protocol;
    this.readyAt = readyAt;
  }

  /** Whether a connection attempt now succeeds. */
  get accepting(): boolean {
    return !this.closed && this.owner.now() >= this.readyAt;
  }

  /** Whether the program speaks HTTP on this port. */
  get speaksHttp(): boolean {
    return this.spec.http !== undefined;
  }

  /** Answer an HTTP request (undefined when the program does not speak HTTP). */
  http(request: HttpRequest): HttpResponse | undefined {
    const http = this.spec.http;
    if (!http) return undefined;
    const now = this.owner.now();
    const pathOnly = request.path.split("?")[0] as string;
    let status = http.notFound.status;
    let body = http.notFound.body;
    let delay = 0;
    let found = false;
    const route = http.routes.find((r) => r.path === pathOnly);
    if (route) {
      found = true;
      status = route.status;
      body = route.body;
      delay = route.delaySeconds * 1000;
      const running = (now - this.owner.programStartedAt) / 1000;
      for (const later of route.later) {
        if (running >= later.afterSeconds) {
          status = later.status;
          body = later.body;
        }
      }
    } else if (http.root) {
      const file = this.owner.readFile(
        `${http.root}${pathOnly.endsWith("/") ? `${pathOnly}${http.index}` : pathOnly}`,
      );
      if (file !== undefined) {
        found = true;
        status = 200;
        body = file;
      }
    }
    const vars = {
      ...this.owner.templateVars,
      remote: request.remote,
      method: request.method,
      path: pathOnly,
      host: request.host,
      userAgent: request.userAgent,
      request: `${request.method} ${request.path} HTTP/1.1`,
    };
    body = renderTemplate(body, now, vars);
    const logVars = { ...vars, status, bytes: Buffer.byteLength(body) };
    if (!found && http.notFoundLog) this.owner.log("stderr", renderTemplate(http.notFoundLog, now, logVars));
    if (http.accessLog) this.owner.log("stdout", renderTemplate(http.accessLog, now, logVars));
    return { status, body, delayMillis: delay };
  }
}

/**
 * A pod sandbox: the pod's network namespace (its IP and the ports its containers listen on,
 * shared by every container, so two cannot bind the same port) and its volumes.
 */
export class Sandbox {
  readonly id: string;
  readonly podUid: string;
  readonly podName: string;
  readonly namespace: string;
  readonly ip: string;
  readonly createdAt: number;
  readonly volumes = new Map<string, VolumeStore>();
  readonly #ports = new Map<string, Endpoint>();
  ready = true;

  constructor(options: {
    id: string;
    podUid: string;
    podName: string;
    namespace: string;
    ip: string;
    createdAt: number;
  }) {
    this.id = options.id;
    this.podUid = options.podUid;
    this.podName = options.podName;
    this.namespace = options.namespace;
    this.ip = options.ip;
    this.createdAt = options.createdAt;
  }

  /** The pod's volume of that name (an emptyDir lives as long as the sandbox). */
  volume(name: string): VolumeStore {
    let store = this.volumes.get(name);
    if (!store) {
      store = new VolumeStore();
      this.volumes.set(name, store);
    }
    return store;
  }

  /** Bind a port; false when another container of the pod already holds it. */
  bind(endpoint: Endpoint): boolean {
    const key = `${endpoint.port}/${endpoint.protocol}`;
    const holder = this.#ports.get(key);
    if (holder && !holder.closed) return false;
    this.#ports.set(key, endpoint);
    return true;
  }

  /** Close every port a container holds (it stopped). */
  release(owner: EndpointOwner): void {
    for (const [key, endpoint] of this.#ports) {
      if (endpoint.owner === owner) {
        endpoint.closed = true;
        this.#ports.delete(key);
      }
    }
  }

  /** The endpoint listening on a port, if any (accepting or not yet). */
  endpoint(port: number, protocol = "TCP"): Endpoint | undefined {
    const endpoint = this.#ports.get(`${port}/${protocol}`);
    return endpoint && !endpoint.closed ? endpoint : undefined;
  }

  /** Every open port, for diagnostics and the networking components. */
  endpoints(): Endpoint[] {
    return [...this.#ports.values()].filter((e) => !e.closed);
  }
}
