import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseYaml } from "yaml";
import { apiVersionOf, type ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject } from "../api/types.ts";
import type {
  DeleteOptions,
  FieldValidation,
  ListOptions,
  PatchType,
  WriteOptions,
} from "../apiserver/ApiServer.ts";
import type { WatchHandle } from "../apiserver/WatchCache.ts";
import type { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { ControlApi } from "./ControlApi.ts";
import {
  AGGREGATED_DISCOVERY_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from "./discovery.ts";
import { goJsonSyntaxError } from "./goJsonSyntax.ts";
import { OpenApiDocuments } from "./openapi.ts";
import { encodeOpenApiV2, OPENAPI_V2_PROTOBUF } from "./openapiV2Protobuf.ts";
import { parseRequestInfo, type RequestInfo } from "./requestInfo.ts";
import {
  type IncludeObject,
  listBody,
  methodNotAllowedStatus,
  notFoundStatus,
  statusOf,
  successStatus,
  tableBody,
} from "./responses.ts";
import { defaultSubresourceHooks, type SubresourceHooks } from "./SubresourceHooks.ts";
import { SUBRESOURCES } from "./subresources.ts";

/** kube-apiserver's limit on request bodies (MaxRequestBodyBytes, 3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** How the served cluster's clock runs (the control endpoint refuses to advance a real clock). */
export type TimeMode = "manual" | "real";

/** Options of the HTTP server. */
export interface ApiHttpServerOptions {
  /** Subresource behaviour beyond the apiserver's own (see {@link SubresourceHooks}). */
  hooks?: Partial<SubresourceHooks>;
  /** Serve the kubespec control endpoint (`/kubespec/v1/...`) for this time mode. */
  time?: TimeMode;
  /** Called when a request has been handled (tests use it to follow what a client did). */
  onRequest?: (info: { method: string; path: string; verb: string; code: number }) => void;
}

const PATCH_TYPES: Record<string, PatchType> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
};

/** A request body, read up to the limit. */
interface Body {
  text: string;
  contentType: string;
}

function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Whether the Accept header asks for a metav1.Table (`application/json;as=Table;v=v1;g=meta.k8s.io`). */
function wantsTable(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((part) => {
    const params = part.split(";").map((p) => p.trim());
    return params.includes("as=Table") && params.some((p) => p === "g=meta.k8s.io");
  });
}

function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((part) => {
    const params = part.split(";").map((p) => p.trim());
    return params.includes("as=APIGroupDiscoveryList") && params.includes("g=apidiscovery.k8s.io");
  });
}

function userOf(request: IncomingMessage): string {
  const agent = request.headers["user-agent"];
  return agent ? (agent.split(/[/ ]/)[0] as string) : "anonymous";
}

/** `Warning: 299 - "message"` (RFC 7234 warning headers the apiserver sends). */
function warningHeader(message: string): string {
  return `299 - "${message.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function summarize(text: string): string {
  if (text.length === 0) return "<empty>";
  const bytes = Buffer.from(text, "utf8");
  const head = bytes.subarray(0, 30);
  const more = bytes.length > 30 ? " ..." : "";
  return text.startsWith("{") ? `${head.toString("utf8")}${more}` : `${head.toString("hex")}${more}`;
}

/**
 * The simulated cluster behind a real Kubernetes REST API: discovery, OpenAPI, every verb of every
 * registered kind with its subresources, list chunking, watch streams, Table responses and Status
 * errors, over node:http. Every request runs against the cluster's {@link ApiServer} and then lets
 * the cluster settle, so controllers, schedulers and kubelets react before the response is read.
 *
 * @example
 * ```ts
 * const server = new ApiHttpServer(SimulatedCluster.create(clusterWithWorkers(2)));
 * const url = await server.listen(0); // http://127.0.0.1:41823
 * // kubectl --server=$url get pods
 * await server.close();
 * ```
 */
export class ApiHttpServer {
  readonly cluster: SimulatedCluster;
  readonly openapi: OpenApiDocuments;
  readonly #hooks: SubresourceHooks;
  readonly #options: ApiHttpServerOptions;
  readonly #control: ControlApi | undefined;
  readonly #server: Server;
  #openapiV2Protobuf: Buffer | undefined;
  readonly #watches = new Set<{ handle: WatchHandle | undefined; response: ServerResponse }>();

  constructor(cluster: SimulatedCluster, options: ApiHttpServerOptions = {}) {
    this.cluster = cluster;
    this.#options = options;
    this.openapi = new OpenApiDocuments(cluster.kinds);
    this.#hooks = { ...defaultSubresourceHooks(cluster.apiserver), ...(options.hooks ?? {}) };
    this.#control = options.time ? new ControlApi(cluster, options.time) : undefined;
    this.#server = createServer((request, response) => {
      this.#dispatch(request, response).catch((error: unknown) => {
        this.#sendStatus(response, statusOf(error));
      });
    });
  }

  /** Listen on 127.0.0.1 (port 0: a free port); resolves with the server's URL. */
  async listen(port = 0, host = "127.0.0.1"): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, host, () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    return this.url;
  }

  /** The URL the server listens on. */
  get url(): string {
    const address = this.#server.address() as AddressInfo | null;
    if (!address) throw new Error("the server is not listening");
    return `http://${address.address}:${address.port}`;
  }

  /** Stop listening and end every open watch. */
  async close(): Promise<void> {
    for (const watch of this.#watches) {
      watch.handle?.stop();
      watch.response.end();
    }
    this.#watches.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    let body: Body | StatusError;
    try {
      body = await this.#readBody(request);
    } catch (error) {
      body = statusOf(error);
    }
    let code = 200;
    const info = parseRequestInfo(method, url);
    try {
      if (body instanceof StatusError) throw body;
      code = this.#route(request, response, url, info, body);
    } catch (error) {
      const status = statusOf(error);
      code = status.code;
      this.#sendStatus(response, status);
    } finally {
      try {
        this.cluster.loop.settle();
      } catch (error) {
        if (!response.headersSent) this.#sendStatus(response, statusOf(error));
      }
      this.#options.onRequest?.({ method, path: url.pathname, verb: info.verb, code });
    }
  }

  #readBody(request: IncomingMessage): Promise<Body> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      request.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
        else chunks.push(chunk);
      });
      request.on("end", () => {
        if (tooLarge) {
          reject(
            new StatusError({
              message: `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`,
              reason: "RequestEntityTooLarge",
              code: 413,
            }),
          );
          return;
        }
        resolve({
          text: Buffer.concat(chunks).toString("utf8"),
          contentType: mediaType(request.headers["content-type"]),
        });
      });
      request.on("error", reject);
    });
  }

  // ---- responses ----

  #send(response: ServerResponse, code: number, body: unknown, contentType = "application/json"): number {
    if (response.headersSent) return code;
    const text = typeof body === "string" ? body : `${JSON.stringify(body)}\n`;
    response.writeHead(code, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
    response.end(text);
    return code;
  }

  #sendStatus(response: ServerResponse, error: StatusError): void {
    this.#send(response, error.code, error.status);
  }

  #sendObject(
    response: ServerResponse,
    code: number,
    object: unknown,
    warnings: readonly string[] = [],
  ): number {
    if (warnings.length > 0 && !response.headersSent) {
      response.setHeader(
        "Warning",
        warnings.map((w) => warningHeader(w)),
      );
    }
    return this.#send(response, code, object);
  }

  // ---- routing ----

  #route(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    info: RequestInfo,
    body: Body,
  ): number {
    const method = request.method ?? "GET";
    const accept = request.headers.accept;
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (path.startsWith("/kubespec/")) {
      if (!this.#control) throw notFoundStatus();
      const result = this.#control.handle(method, path, body.text);
      return this.#send(response, result.code, result.body);
    }
    if (info.isResourceRequest) return this.#resource(request, response, url, info, body);
    if (method !== "GET" && method !== "HEAD") {
      if (
        ["/api", "/apis", "/version", "/openapi/v2", "/openapi/v3"].includes(path) ||
        path.startsWith("/api")
      )
        throw methodNotAllowedStatus();
      return this.#send(response, 404, "404 page not found\n", "text/plain; charset=utf-8");
    }
    const kinds = this.cluster.kinds;
    if (path === "/version") return this.#send(response, 200, versionInfo());
    if (path === "/healthz" || path === "/livez" || path === "/readyz")
      return this.#send(response, 200, "ok", "text/plain; charset=utf-8");
    if (path === "/api" || path === "/apis") {
      if (wantsAggregatedDiscovery(accept)) {
        return this.#send(
          response,
          200,
          aggregatedDiscovery(kinds, path === "/api" ? "api" : "apis"),
          AGGREGATED_DISCOVERY_TYPE,
        );
      }
      return this.#send(response, 200, path === "/api" ? coreApiVersions() : apiGroupList(kinds));
    }
    const segments = path.split("/").filter((s) => s.length > 0);
    if (segments[0] === "api" && segments.length === 2) {
      const list = apiResourceList(kinds, "", segments[1] as string);
      if (list) return this.#send(response, 200, list);
      throw notFoundStatus();
    }
    if (segments[0] === "apis" && segments.length === 2) {
      const group = apiGroup(kinds, segments[1] as string);
      if (group) return this.#send(response, 200, group);
      throw notFoundStatus();
    }
    if (segments[0] === "apis" && segments.length === 3) {
      const list = apiResourceList(kinds, segments[1] as string, segments[2] as string);
      if (list) return this.#send(response, 200, list);
      throw notFoundStatus();
    }
    if (path === "/openapi/v2") {
      if ((accept ?? "").includes("protobuf")) {
        this.#openapiV2Protobuf ??= encodeOpenApiV2(this.openapi.v2());
        response.writeHead(200, {
          "Content-Type": OPENAPI_V2_PROTOBUF,
          "Content-Length": this.#openapiV2Protobuf.length,
        });
        response.end(this.#openapiV2Protobuf);
        return 200;
      }
      return this.#send(response, 200, this.openapi.v2Text());
    }
    if (path === "/openapi/v3") return this.#send(response, 200, this.openapi.v3Root());
    if (path.startsWith("/openapi/v3/")) {
      const text = this.openapi.v3Text(path.slice("/openapi/v3/".length));
      if (text === undefined)
        return this.#send(response, 404, "404 page not found\n", "text/plain; charset=utf-8");
      return this.#send(response, 200, text);
    }
    return this.#send(response, 404, "404 page not found\n", "text/plain; charset=utf-8");
  }

  #resource(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    info: RequestInfo,
    body: Body,
  ): number {
    const kinds = this.cluster.kinds;
    const served = apiResourceList(kinds, info.apiGroup, info.apiVersion);
    if (!served) return this.#send(response, 404, "404 page not found\n", "text/plain; charset=utf-8");
    const type = kinds.forGroupResource(info.apiGroup, info.resource);
    if (!type || type.version !== info.apiVersion || info.parts.length > 3) throw notFoundStatus();
    if (info.subresource && !type.subresources.includes(info.subresource)) throw notFoundStatus();
    const namespace = type.namespaced ? info.namespace || undefined : undefined;
    if (!type.namespaced && info.namespace && info.resource !== "namespaces") throw notFoundStatus();
    const user = userOf(request);
    const query = url.searchParams;
    const accept = request.headers.accept;
    if (info.subresource) return this.#subresource(response, url, info, type, namespace, user, body);
    if (type.namespaced && !namespace && info.name) throw notFoundStatus();
    const allowed = (verb: string) => {
      if (!type.verbs.includes(verb)) throw methodNotAllowedStatus();
    };
    switch (info.verb) {
      case "get": {
        allowed("get");
        const object = this.cluster.apiserver.get(user, type, namespace, info.name);
        if (wantsTable(accept)) {
          return this.#send(
            response,
            200,
            tableBody(type, [object], {
              now: this.cluster.loop.now(),
              includeObject: this.#includeObject(query),
              resourceVersion: object.metadata.resourceVersion ?? "",
            }),
          );
        }
        return this.#send(response, 200, object);
      }
      case "list": {
        allowed("list");
        const options = this.#listOptions(query);
        const result = this.cluster.apiserver.list(user, type, namespace, options);
        if (wantsTable(accept)) {
          return this.#send(
            response,
            200,
            tableBody(type, result.items, {
              now: this.cluster.loop.now(),
              includeObject: this.#includeObject(query),
              resourceVersion: result.resourceVersion,
              ...(result.continue ? { continue: result.continue } : {}),
            }),
          );
        }
        return this.#send(
          response,
          200,
          listBody(type, result.items, result.resourceVersion, result.continue),
        );
      }
      case "watch":
        allowed("watch");
        return this.#watch(response, type, namespace, user, url, info, wantsTable(accept));
      case "create": {
        allowed("create");
        if (info.name) throw methodNotAllowedStatus();
        const object = this.#decodeObject(type, body);
        const result = this.cluster.apiserver.create(
          user,
          type,
          namespace,
          object,
          this.#writeOptions(query),
        );
        return this.#sendObject(response, 201, result.object, result.warnings);
      }
      case "update": {
        allowed("update");
        if (!info.name) throw methodNotAllowedStatus();
        const object = this.#decodeObject(type, body);
        const result = this.cluster.apiserver.update(
          user,
          type,
          namespace,
          info.name,
          object,
          this.#writeOptions(query),
        );
        return this.#sendObject(response, 200, result.object, result.warnings);
      }
      case "patch": {
        allowed("patch");
        if (!info.name) throw methodNotAllowedStatus();
        if (body.contentType === "application/apply-patch+yaml" && this.#hooks.serverSideApply) {
          const object = this.#hooks.serverSideApply(
            user,
            type,
            namespace,
            info.name,
            this.#decodeYaml(body.text),
            {
              fieldManager: query.get("fieldManager") ?? "",
              force: query.get("force") === "true",
              dryRun: query.has("dryRun"),
            },
          );
          return this.#send(response, 200, object);
        }
        const patchType = this.#patchType(body);
        const patch = this.#decodePatch(body);
        const result = this.cluster.apiserver.patch(
          user,
          type,
          namespace,
          info.name,
          patchType,
          patch,
          this.#writeOptions(query),
        );
        return this.#sendObject(response, 200, result.object, result.warnings);
      }
      case "delete": {
        allowed("delete");
        const options = this.#deleteOptions(query, body);
        const result = this.cluster.apiserver.delete(user, type, namespace, info.name, options);
        return this.#send(response, 200, result.object);
      }
      case "deletecollection": {
        allowed("deletecollection");
        const options = this.#deleteOptions(query, body);
        const list = this.cluster.apiserver.list(user, type, namespace, this.#listOptions(query));
        const deleted: KubeObject[] = [];
        for (const item of list.items) {
          deleted.push(
            this.cluster.apiserver.delete(
              user,
              type,
              item.metadata.namespace,
              item.metadata.name as string,
              options,
            ).object,
          );
        }
        return this.#send(response, 200, listBody(type, deleted, list.resourceVersion));
      }
      default:
        throw methodNotAllowedStatus();
    }
  }

  #subresource(
    response: ServerResponse,
    url: URL,
    info: RequestInfo,
    type: ResourceType,
    namespace: string | undefined,
    user: string,
    body: Body,
  ): number {
    const api = this.cluster.apiserver;
    const query = url.searchParams;
    const sub = info.subresource;
    const verbs = SUBRESOURCES[sub]?.verbs ?? [];
    if (!verbs.includes(info.verb)) throw methodNotAllowedStatus();
    const name = info.name;
    switch (sub) {
      case "status":
        if (info.verb === "get") return this.#send(response, 200, api.get(user, type, namespace, name));
        if (info.verb === "update") {
          const result = api.update(user, type, namespace, name, this.#decodeObject(type, body), {
            ...this.#writeOptions(query),
            subresource: "status",
          });
          return this.#sendObject(response, 200, result.object, result.warnings);
        } else {
          const result = api.patch(
            user,
            type,
            namespace,
            name,
            this.#patchType(body),
            this.#decodePatch(body),
            {
              ...this.#writeOptions(query),
              subresource: "status",
            },
          );
          return this.#sendObject(response, 200, result.object, result.warnings);
        }
      case "binding": {
        const binding = this.#decodeJson(body) as { target?: { name?: string }; metadata?: object };
        api.bind(user, namespace as string, name, binding as { target: { name: string } });
        return this.#send(response, 201, successStatus(201));
      }
      case "scale":
        if (info.verb === "get")
          return this.#send(response, 200, this.#hooks.getScale(user, type, namespace, name));
        return this.#send(
          response,
          200,
          this.#hooks.updateScale(
            user,
            type,
            namespace,
            name,
            info.verb === "update"
              ? { scale: this.#decodeJson(body) as KubeObject }
              : { patchType: this.#patchType(body), patch: this.#decodePatch(body) },
            query.has("dryRun"),
          ),
        );
      case "eviction":
        this.#hooks.evict(user, namespace as string, name, this.#decodeJson(body) as KubeObject);
        return this.#send(response, 201, successStatus(201));
      case "log":
        return this.#send(
          response,
          200,
          this.#logs(user, type, namespace as string, name, query),
          "text/plain",
        );
      case "exec":
      case "attach":
      case "portforward":
        // Without a SPDY or WebSocket upgrade the apiserver refuses streaming subresources.
        throw StatusError.badRequest("Upgrade request required");
      default:
        throw StatusError.unavailable(`kubespec does not simulate the ${type.plural}/${sub} subresource yet`);
    }
  }

  /** `pods/log`: the apiserver's checks and the kubelet's answer, shared with the built-in kubectl. */
  #logs(user: string, type: ResourceType, namespace: string, name: string, query: URLSearchParams): string {
    void user;
    void type;
    const number = (key: string) => (query.get(key) === null ? undefined : Number(query.get(key)));
    const tailLines = number("tailLines");
    const sinceSeconds = number("sinceSeconds");
    const limitBytes = number("limitBytes");
    const container = query.get("container");
    return this.cluster.kubeletConnections.logs(namespace, name, {
      ...(container ? { container } : {}),
      previous: query.get("previous") === "true",
      timestamps: query.get("timestamps") === "true",
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
      ...(limitBytes !== undefined ? { limitBytes } : {}),
    });
  }

  #watch(
    response: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    user: string,
    url: URL,
    info: RequestInfo,
    table: boolean,
  ): number {
    const query = url.searchParams;
    const options = this.#listOptions(query);
    if (info.name) {
      options.fieldSelector = [options.fieldSelector, `metadata.name=${info.name}`].filter(Boolean).join(",");
    }
    const loop = this.cluster.loop;
    const entry: { handle: WatchHandle | undefined; response: ServerResponse } = {
      handle: undefined,
      response,
    };
    const timers: ReturnType<typeof loop.setTimeout>[] = [];
    let headers = true;
    const write = (event: { type: string; object: unknown }) => {
      if (response.writableEnded) return;
      let object = event.object;
      if (table && event.type !== "ERROR" && event.type !== "BOOKMARK") {
        object = tableBody(type, [event.object as KubeObject], {
          now: loop.now(),
          includeObject: this.#includeObject(query),
          resourceVersion: (event.object as KubeObject).metadata.resourceVersion ?? "",
          headers,
        });
        headers = false;
      }
      response.write(`${JSON.stringify({ type: event.type, object })}\n`);
    };
    const stop = () => {
      entry.handle?.stop();
      for (const timer of timers) loop.clearTimeout(timer);
      this.#watches.delete(entry);
      if (!response.writableEnded) response.end();
    };
    let handle: WatchHandle;
    try {
      handle = this.cluster.apiserver.watch(user, type, namespace, options, (event) => write(event));
    } catch (error) {
      if (error instanceof StatusError && error.code === 410) {
        // The watch cache reports an expired resourceVersion as an ERROR event on an open stream.
        response.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
        write({ type: "ERROR", object: error.status });
        response.end();
        return 200;
      }
      throw error;
    }
    entry.handle = handle;
    this.#watches.add(entry);
    response.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    response.flushHeaders();
    response.on("close", stop);
    const timeout = Number(query.get("timeoutSeconds") ?? "0");
    // Watch timeouts and bookmarks run on the cluster's clock, like everything the cluster does.
    if (timeout > 0) timers.push(loop.setTimeout(stop, timeout * 1000));
    if (query.get("allowWatchBookmarks") === "true") {
      const bookmark = () => {
        write({
          type: "BOOKMARK",
          object: {
            kind: type.kind,
            apiVersion: apiVersionOf(type),
            metadata: { resourceVersion: String(this.cluster.etcd.store.revision) },
          },
        });
        timers.push(loop.setTimeout(bookmark, 60_000));
      };
      timers.push(loop.setTimeout(bookmark, 60_000));
    }
    return 200;
  }

  // ---- decoding ----

  #includeObject(query: URLSearchParams): IncludeObject {
    const value = query.get("includeObject");
    if (value === null || value === "") return "Metadata";
    if (value === "None" || value === "Metadata" || value === "Object") return value;
    throw StatusError.badRequest(`invalid includeObject value: ${value}`);
  }

  #listOptions(query: URLSearchParams): ListOptions {
    const options: ListOptions = {};
    const labelSelector = query.get("labelSelector");
    const fieldSelector = query.get("fieldSelector");
    const resourceVersion = query.get("resourceVersion");
    const limit = query.get("limit");
    const next = query.get("continue");
    if (labelSelector) options.labelSelector = labelSelector;
    if (fieldSelector) options.fieldSelector = fieldSelector;
    if (resourceVersion !== null) options.resourceVersion = resourceVersion;
    if (limit) {
      const n = Number(limit);
      if (!Number.isInteger(n) || n < 0) throw StatusError.badRequest(`limit: Invalid value: "${limit}"`);
      options.limit = n;
    }
    if (next) options.continue = next;
    return options;
  }

  #writeOptions(query: URLSearchParams): WriteOptions {
    const validation = query.get("fieldValidation") ?? "";
    // The apiserver's default is Warn; kubectl sends Strict.
    const fieldValidation: FieldValidation = validation === "" ? "Warn" : (validation as FieldValidation);
    if (!["Strict", "Warn", "Ignore"].includes(fieldValidation)) {
      throw StatusError.badRequest(
        `fieldValidation must be one of "Ignore", "Warn", or "Strict", but got: ${validation}`,
      );
    }
    return { fieldValidation, ...(query.has("dryRun") ? { dryRun: true } : {}) };
  }

  #deleteOptions(query: URLSearchParams, body: Body): DeleteOptions {
    const options: DeleteOptions = {};
    if (body.text.trim() !== "") {
      const decoded = this.#decodeJson(body) as {
        gracePeriodSeconds?: number;
        propagationPolicy?: DeleteOptions["propagationPolicy"];
        orphanDependents?: boolean;
        preconditions?: DeleteOptions["preconditions"];
        dryRun?: string[];
      };
      if (decoded.gracePeriodSeconds !== undefined) options.gracePeriodSeconds = decoded.gracePeriodSeconds;
      if (decoded.propagationPolicy) options.propagationPolicy = decoded.propagationPolicy;
      else if (decoded.orphanDependents !== undefined)
        options.propagationPolicy = decoded.orphanDependents ? "Orphan" : "Background";
      if (decoded.preconditions) options.preconditions = decoded.preconditions;
      if (decoded.dryRun && decoded.dryRun.length > 0) options.dryRun = true;
    }
    const grace = query.get("gracePeriodSeconds");
    if (grace !== null) options.gracePeriodSeconds = Number(grace);
    const propagation = query.get("propagationPolicy");
    if (propagation) options.propagationPolicy = propagation as "Background" | "Foreground" | "Orphan";
    if (query.has("dryRun")) options.dryRun = true;
    if (
      options.propagationPolicy &&
      !["Background", "Foreground", "Orphan"].includes(options.propagationPolicy)
    ) {
      throw StatusError.badRequest(
        `propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    return options;
  }

  #patchType(body: Body): PatchType {
    const type = PATCH_TYPES[body.contentType];
    if (!type) {
      const accepted = [
        ...Object.keys(PATCH_TYPES),
        ...(this.#hooks.serverSideApply ? ["application/apply-patch+yaml"] : []),
      ];
      throw new StatusError({
        message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
        reason: "UnsupportedMediaType",
        code: 415,
      });
    }
    return type;
  }

  #decodePatch(body: Body): unknown {
    const problem = goJsonSyntaxError(body.text);
    if (problem) throw StatusError.badRequest(problem);
    return JSON.parse(body.text);
  }

  #decodeJson(body: Body): unknown {
    if (body.contentType.includes("yaml")) return this.#decodeYaml(body.text);
    const problem = goJsonSyntaxError(body.text);
    if (problem) throw StatusError.badRequest(problem);
    return JSON.parse(body.text);
  }

  #decodeYaml(text: string): unknown {
    try {
      return parseYaml(text, { version: "1.1" });
    } catch (error) {
      throw StatusError.badRequest(
        `error converting YAML to JSON: ${(error as Error).message.split("\n")[0]}`,
      );
    }
  }

  /** Decode a create/update body as the apiserver's serializer does, with its error wording. */
  #decodeObject(type: ResourceType, body: Body): unknown {
    if (
      body.contentType !== "" &&
      !["application/json", "application/yaml", "*/*"].includes(body.contentType)
    ) {
      throw new StatusError({
        message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor`,
        reason: "UnsupportedMediaType",
        code: 415,
      });
    }
    if (body.contentType === "application/yaml") return withDefaultKind(type, this.#decodeYaml(body.text));
    const problem = goJsonSyntaxError(body.text);
    if (problem) {
      throw StatusError.badRequest(
        `the object provided is unrecognized (must be of type ${type.kind}): couldn't get version/kind; json parse error: ${problem} (${summarize(body.text)})`,
      );
    }
    return withDefaultKind(type, JSON.parse(body.text));
  }
}

/** The decoder fills a missing kind and apiVersion from the URL's resource (the default GVK). */
function withDefaultKind(type: ResourceType, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const object = value as { kind?: unknown; apiVersion?: unknown };
  if (object.kind === undefined || object.kind === "") object.kind = type.kind;
  if (object.apiVersion === undefined || object.apiVersion === "") object.apiVersion = apiVersionOf(type);
  return object;
}
