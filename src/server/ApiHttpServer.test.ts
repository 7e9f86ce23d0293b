import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { ApiHttpServer, MAX_REQUEST_BODY_BYTES } from "./ApiHttpServer.ts";

const cluster = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
const server = new ApiHttpServer(cluster, { time: "manual" });
let url = "";

before(async () => {
  url = await server.listen(0);
});
after(async () => {
  await server.close();
  await cluster.dispose();
});

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { code: response.status, text, json, headers: response.headers };
}

const pod = (name: string, extra: object = {}) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: "web" } },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    ...extra,
  });

test("discovery: version, legacy and aggregated documents", async () => {
  assert.equal((await call("GET", "/version")).json?.gitVersion, "v1.32.0");
  const api = await call("GET", "/api");
  assert.deepEqual(api.json?.versions, ["v1"]);
  const aggregated = await call("GET", "/apis", undefined, {
    Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
  });
  assert.match(aggregated.headers.get("content-type") ?? "", /as=APIGroupDiscoveryList/);
  const groups = ((aggregated.json?.items ?? []) as { metadata: { name: string } }[]).map(
    (i) => i.metadata.name,
  );
  assert.ok(groups.includes("apps"));
  const v1 = await call("GET", "/api/v1");
  const names = ((v1.json?.resources ?? []) as { name: string }[]).map((r) => r.name);
  assert.ok(names.includes("pods/status") && names.includes("pods/log") && names.includes("pods/eviction"));
  assert.equal((await call("GET", "/apis/apps")).json?.name, "apps");
  assert.equal((await call("GET", "/apis/nope.io/v1")).code, 404);
});

test("OpenAPI: v2 with definitions, v3 per group version with fieldValidation on PATCH", async () => {
  const v2 = await call("GET", "/openapi/v2", undefined, { Accept: "application/json" });
  const definitions = v2.json?.definitions as Record<string, { properties?: Record<string, unknown> }>;
  assert.ok(definitions["io.k8s.api.core.v1.Pod"]?.properties?.spec);
  const root = await call("GET", "/openapi/v3");
  const paths = root.json?.paths as Record<string, { serverRelativeURL: string }>;
  const core = await call("GET", paths["api/v1"]?.serverRelativeURL as string);
  const item = ((core.json?.paths ?? {}) as Record<string, { patch?: { parameters: { name: string }[] } }>)[
    "/api/v1/namespaces/{namespace}/pods/{name}"
  ];
  assert.ok(item?.patch?.parameters.some((p) => p.name === "fieldValidation"));
  const proto = await fetch(`${url}/openapi/v2`, {
    headers: { Accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" },
  });
  assert.equal(proto.status, 200);
  assert.ok((await proto.arrayBuffer()).byteLength > 1000);
});

test("create, get, list with limit/continue, Table, patch, status, delete", async () => {
  for (const name of ["a", "b", "c"]) {
    const created = await call("POST", "/api/v1/namespaces/default/pods", pod(name));
    assert.equal(created.code, 201, created.text);
  }
  const page = await call("GET", "/api/v1/namespaces/default/pods?limit=2");
  assert.equal(((page.json?.items ?? []) as unknown[]).length, 2);
  const next = ((page.json?.metadata ?? {}) as { continue?: string }).continue as string;
  const rest = await call(
    "GET",
    `/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(next)}`,
  );
  assert.deepEqual(
    ((rest.json?.items ?? []) as { metadata: { name: string } }[]).map((p) => p.metadata.name),
    ["c"],
  );
  const table = await call("GET", "/api/v1/namespaces/default/pods?includeObject=Object", undefined, {
    Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
  });
  assert.equal(table.json?.kind, "Table");
  const rows = table.json?.rows as { cells: unknown[]; object: { kind: string } }[];
  assert.equal(rows[0]?.cells[0], "a");
  assert.equal(rows[0]?.object.kind, "Pod");
  const meta = await call("GET", "/api/v1/namespaces/default/pods/a", undefined, {
    Accept: "application/json;as=Table;v=v1;g=meta.k8s.io",
  });
  assert.equal(
    ((meta.json?.rows ?? {}) as { object: { kind: string } }[])[0]?.object.kind,
    "PartialObjectMetadata",
  );
  const merged = await call(
    "PATCH",
    "/api/v1/namespaces/default/pods/a",
    '{"metadata":{"labels":{"x":"y"}}}',
    {
      "Content-Type": "application/merge-patch+json",
    },
  );
  assert.equal(((merged.json?.metadata ?? {}) as { labels: Record<string, string> }).labels.x, "y");
  const jsonPatch = await call(
    "PATCH",
    "/api/v1/namespaces/default/pods/a",
    '[{"op":"add","path":"/metadata/annotations","value":{"k":"v"}}]',
    { "Content-Type": "application/json-patch+json" },
  );
  assert.equal(jsonPatch.code, 200, jsonPatch.text);
  const status = await call("GET", "/api/v1/namespaces/default/pods/a/status");
  assert.equal(((status.json?.metadata ?? {}) as { name: string }).name, "a");
  const deleted = await call("DELETE", "/api/v1/namespaces/default/pods/c", '{"gracePeriodSeconds":0}');
  assert.equal(deleted.code, 200, deleted.text);
  const warned = await call(
    "POST",
    "/api/v1/namespaces/default/configmaps",
    JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w" }, bogus: 1 }),
  );
  assert.equal(warned.code, 201, "the apiserver's default field validation is Warn");
  assert.match(warned.headers.get("warning") ?? "", /299 - "unknown field \\"bogus\\""/);
});

test("watch streams events as chunked JSON, from a resourceVersion, with bookmarks", async () => {
  const list = await call("GET", "/api/v1/namespaces/default/configmaps");
  const rv = ((list.json?.metadata ?? {}) as { resourceVersion: string }).resourceVersion;
  const controller = new AbortController();
  const response = await fetch(
    `${url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
    { signal: controller.signal },
  );
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await call(
    "POST",
    "/api/v1/namespaces/default/configmaps",
    JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "watched" } }),
  );
  await fetch(`${url}/kubespec/v1/clock/advance`, { method: "POST", body: '{"duration":"61s"}' });
  let text = "";
  while (!text.includes("BOOKMARK")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString("utf8");
  }
  controller.abort();
  const events = text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; object: { metadata: { name?: string } } });
  assert.equal(events[0]?.type, "ADDED");
  assert.equal(events[0]?.object.metadata.name, "watched");
  assert.equal(events.at(-1)?.type, "BOOKMARK");
  const gone = await call("GET", "/api/v1/namespaces/default/pods?watch=1&resourceVersion=abc");
  assert.equal(gone.code, 400);
});

test("bad requests get Status errors, never a crash", async () => {
  const malformed = await call("POST", "/api/v1/namespaces/default/pods", '{"kind": "Pod",');
  assert.equal(malformed.code, 400);
  assert.equal(
    malformed.json?.message,
    `the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: unexpected end of JSON input ({"kind": "Pod",)`,
  );
  const garbage = await call("POST", "/api/v1/namespaces/default/pods", "not json");
  assert.match(
    String(garbage.json?.message),
    /invalid character 'o' in literal null \(expecting 'u'\) \(6e6f74206a736f6e\)$/,
  );
  const yaml = await call("POST", "/api/v1/namespaces/default/configmaps", "a: [", {
    "Content-Type": "application/yaml",
  });
  assert.equal(yaml.code, 400);
  assert.equal(yaml.json?.kind, "Status");
  const badPatch = await call("PATCH", "/api/v1/namespaces/default/pods/a", "{]", {
    "Content-Type": "application/merge-patch+json",
  });
  assert.equal(badPatch.json?.message, "invalid character ']' looking for beginning of object key string");
  const unsupported = await call("PATCH", "/api/v1/namespaces/default/pods/a", "{}", {
    "Content-Type": "text/plain",
  });
  assert.equal(unsupported.code, 415);
  const unknown = await call("GET", "/api/v1/frobs");
  assert.deepEqual(
    [unknown.code, unknown.json?.message],
    [404, "the server could not find the requested resource"],
  );
  assert.equal((await call("GET", "/nowhere")).text, "404 page not found\n");
  const wrongMethod = await call("PUT", "/api/v1/namespaces/default/pods", pod("x"));
  assert.deepEqual([wrongMethod.code, wrongMethod.json?.reason], [405, "MethodNotAllowed"]);
  const postItem = await call("POST", "/api/v1/namespaces/default/pods/a", pod("a"));
  assert.equal(postItem.code, 405);
  const huge = await call(
    "POST",
    "/api/v1/namespaces/default/configmaps",
    JSON.stringify({ data: { big: "x".repeat(MAX_REQUEST_BODY_BYTES) } }),
  );
  assert.deepEqual([huge.code, huge.json?.message], [413, "Request entity too large: limit is 3145728"]);
  const missing = await call("GET", "/api/v1/namespaces/default/pods/nope");
  assert.deepEqual([missing.code, missing.json?.message], [404, 'pods "nope" not found']);
  const badValidation = await call("POST", "/api/v1/namespaces/default/pods?fieldValidation=Loud", pod("v"));
  assert.equal(badValidation.code, 400);
  const exec = await call("POST", "/api/v1/namespaces/default/pods/a/exec?command=ls");
  assert.deepEqual([exec.code, exec.json?.message], [400, "Upgrade request required"]);
  const logs = await call("GET", "/api/v1/namespaces/default/pods/a/log");
  assert.equal(logs.code, 200);
  assert.match(logs.text, /Configuration complete; ready for start up/);
  const badContainer = await call("GET", "/api/v1/namespaces/default/pods/a/log?container=nope");
  assert.deepEqual([badContainer.code, badContainer.json?.reason], [400, "BadRequest"]);
  assert.equal((await call("GET", "/version")).code, 200, "still serving after all that");
});

test("subresources: binding, scale, eviction", async () => {
  await call(
    "POST",
    "/api/v1/namespaces/default/pods",
    pod("bound", { spec: { containers: [{ name: "c", image: "nginx" }], schedulerName: "nobody" } }),
  );
  const bind = await call(
    "POST",
    "/api/v1/namespaces/default/pods/bound/binding",
    JSON.stringify({
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "bound" },
      target: { name: "node-1" },
    }),
  );
  assert.equal(bind.code, 201, bind.text);
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "api" } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      },
    },
  };
  assert.equal(
    (await call("POST", "/apis/apps/v1/namespaces/default/deployments", JSON.stringify(deployment))).code,
    201,
  );
  const scale = await call("GET", "/apis/apps/v1/namespaces/default/deployments/api/scale");
  assert.deepEqual(scale.json?.spec, { replicas: 1 });
  assert.equal(((scale.json?.status ?? {}) as { selector: string }).selector, "app=api");
  const scaled = await call(
    "PATCH",
    "/apis/apps/v1/namespaces/default/deployments/api/scale",
    '{"spec":{"replicas":4}}',
    {
      "Content-Type": "application/merge-patch+json",
    },
  );
  assert.deepEqual(scaled.json?.spec, { replicas: 4 });
  const evicted = await call(
    "POST",
    "/api/v1/namespaces/default/pods/b/eviction",
    JSON.stringify({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "b" } }),
  );
  assert.equal(evicted.code, 201, evicted.text);
});

test("the control endpoint advances the clock and fails nodes", async () => {
  const before = (await call("GET", "/kubespec/v1/clock")).json?.now as string;
  const advanced = await call("POST", "/kubespec/v1/clock/advance", '{"duration":"5m"}');
  assert.equal(Date.parse((advanced.json?.now ?? {}) as string) - Date.parse(before), 300_000);
  assert.equal((await call("POST", "/kubespec/v1/clock/advance", "{")).code, 400);
  assert.equal((await call("POST", "/kubespec/v1/nodes/node-1/fail")).json?.running, false);
  assert.equal((await call("POST", "/kubespec/v1/nodes/node-1/recover")).json?.running, true);
  assert.equal((await call("POST", "/kubespec/v1/nodes/node-9/fail")).code, 404);
});
