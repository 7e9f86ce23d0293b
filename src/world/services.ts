/**
 * Scenario helpers for Services and traffic: requests from pods, nodes and outside clients, DNS
 * answers seen from a pod, and a node's kube-proxy rules.
 */
import { Selector } from "../api/labels.ts";
import type { Cluster, TrafficResult, TrafficSource } from "../cluster/Cluster.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

const lastRequests = new WeakMap<KubespecWorld, { source: string; target: string; result: TrafficResult }>();

function split(ref: string): [string, string] {
  const slash = ref.indexOf("/");
  return slash >= 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : ["default", ref];
}

function network<K extends "sendRequest" | "proxyRules" | "resolveName">(
  world: KubespecWorld,
  method: K,
): NonNullable<Cluster[K]> {
  const cluster = world.requireCluster();
  const fn = cluster[method];
  if (!fn) throw new Error(`this cluster cannot ${method} (only the simulated cluster can)`);
  return fn.bind(cluster) as NonNullable<Cluster[K]>;
}

/** Parse `pod "x"`, `node "n"` or outside into a traffic source. */
export function podSource(ref: string): TrafficSource {
  const [namespace, name] = split(ref);
  return { kind: "pod", namespace, name };
}

function describeResult(result: TrafficResult): string {
  if (!result.ok) return `failed: ${result.message}`;
  const status = result.response ? ` (HTTP ${result.response.status})` : "";
  const via = result.chains.length > 0 ? ` via ${result.chains.join(" → ")} on ${result.via}` : "";
  return `reached pod ${result.pod} (${result.podIP}:${result.port} on ${result.node})${status}${via}; the server saw ${result.remote}`;
}

/** Send one request and keep its result for the following Then steps. */
export async function sendRequest(
  world: KubespecWorld,
  source: TrafficSource,
  target: string,
): Promise<TrafficResult> {
  const result = await network(world, "sendRequest")(source, target);
  const from =
    source.kind === "pod"
      ? `pod ${source.namespace}/${source.name}`
      : source.kind === "node"
        ? `node ${source.node}`
        : source.kind === "local"
          ? "the kubectl machine"
          : "outside";
  lastRequests.set(world, { source: from, target, result });
  world.attach(`request from ${from} to ${target}: ${describeResult(result)}`, "text/plain");
  return result;
}

function requireLast(world: KubespecWorld) {
  const last = lastRequests.get(world);
  if (!last)
    throw new Error(
      'no request was sent yet: use a step such as When pod "client" sends a request to "http://web"',
    );
  return last;
}

/** The last request reached a pod whose labels match the selector. */
export async function expectResponseFrom(world: KubespecWorld, selector: string): Promise<void> {
  const { result, target } = requireLast(world);
  if (!result.ok) throw new Error(`the request to ${target} failed: ${result.message}`);
  const [namespace, name] = split(result.pod);
  const pod = await world.requireCluster().getPod(namespace, name);
  if (!pod || !Selector.parse(selector).matches(pod.metadata?.labels))
    throw new Error(`the request to ${target} ${describeResult(result)}, which does not match ${selector}`);
}

/** The last request failed with a message containing the text (`connection refused`, `timed out`, `NXDOMAIN`). */
export function expectRequestFailure(world: KubespecWorld, text: string): void {
  const { result, target } = requireLast(world);
  if (result.ok) throw new Error(`the request to ${target} succeeded: ${describeResult(result)}`);
  const wording =
    result.error === "refused" ? "connection refused" : result.error === "timeout" ? "timed out" : "NXDOMAIN";
  if (!result.message.includes(text) && !wording.includes(text))
    throw new Error(`the request to ${target} failed with "${result.message}", not "${text}"`);
}

/** The last request got that HTTP status. */
export function expectResponseStatus(world: KubespecWorld, status: number): void {
  const { result, target } = requireLast(world);
  if (!result.ok) throw new Error(`the request to ${target} failed: ${result.message}`);
  if (result.response?.status !== status)
    throw new Error(
      `the request to ${target} got HTTP ${result.response?.status ?? "no response"}, not ${status}`,
    );
}

/** The server of the last request saw this client address. */
export function expectClientAddress(world: KubespecWorld, address: string): void {
  const { result, target } = requireLast(world);
  if (!result.ok) throw new Error(`the request to ${target} failed: ${result.message}`);
  if (result.remote !== address)
    throw new Error(`the server saw the client ${result.remote}, not ${address}`);
}

/**
 * Send `count` requests and count how many each pod answered. With `k` pods each should get
 * count/k; a pod's share is binomial, so a spread within 4.5 standard deviations of the mean is
 * accepted (a false alarm once in ~150 000 pods), and a pod that got none fails at once.
 */
export async function expectSpread(
  world: KubespecWorld,
  count: number,
  source: TrafficSource,
  target: string,
  pods: number,
  evenly: boolean,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await network(world, "sendRequest")(source, target);
    if (result.ok) counts.set(result.pod, (counts.get(result.pod) ?? 0) + 1);
    else failures.push(result.message);
  }
  const summary = [...counts.entries()].map(([pod, n]) => `${pod}: ${n}`).join(", ");
  world.attach(
    `${count} requests to ${target}: ${summary}${failures.length ? `; ${failures.length} failed` : ""}`,
    "text/plain",
  );
  if (failures.length > 0)
    throw new Error(`${failures.length} of ${count} requests failed (first: ${failures[0]})`);
  if (counts.size !== pods)
    throw new Error(`${count} requests reached ${counts.size} pods, not ${pods} (${summary})`);
  if (evenly) {
    const p = 1 / pods;
    const mean = count * p;
    const bound = 4.5 * Math.sqrt(count * p * (1 - p));
    for (const [pod, n] of counts)
      if (Math.abs(n - mean) > bound)
        throw new Error(
          `pod ${pod} got ${n} of ${count} requests; an even spread gives ${mean} ± ${bound.toFixed(1)} (${summary})`,
        );
  }
  return counts;
}

/** A node's kube-proxy rules contain every line of `expected` (iptables-save form). */
export async function expectNodeRules(
  world: KubespecWorld,
  node: string,
  expected: string,
  present: boolean,
): Promise<void> {
  const { save, restore } = await network(world, "proxyRules")(node);
  const lines = new Set([...save.split("\n"), ...restore]);
  for (const line of expected
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const found = lines.has(line) || [...lines].some((l) => l.includes(line));
    if (found !== present)
      throw new Error(
        `node ${node} ${present ? "has no" : "has a"} kube-proxy rule ${present ? "" : "containing "}"${line}"; its nat rules are:\n${restore.join("\n")}`,
      );
  }
}

/** The iptables-save output of a node (as `When I run "iptables-save" on node "x"` prints it). */
export async function iptablesSave(world: KubespecWorld, node: string): Promise<string> {
  return (await network(world, "proxyRules")(node)).save;
}

/** What `name` resolves to from a pod in the namespace of `podRef`. */
export async function expectResolution(
  world: KubespecWorld,
  podRef: string,
  name: string,
  expected: { addresses?: string[]; service?: string; selector?: string; alias?: string; none?: boolean },
): Promise<void> {
  const [namespace, pod] = split(podRef);
  if (!(await world.requireCluster().getPod(namespace, pod)))
    throw new Error(`pod "${podRef}" does not exist`);
  const answer = await network(world, "resolveName")(namespace, name, pod);
  const shown = !answer
    ? "no answer (cluster DNS unreachable)"
    : answer.type === "A"
      ? answer.addresses.join(", ")
      : answer.type === "CNAME"
        ? `an alias for ${answer.target}`
        : "NXDOMAIN";
  if (expected.none) {
    if (answer && answer.type !== "NXDOMAIN")
      throw new Error(`${name} resolves to ${shown} from pod ${podRef}`);
    return;
  }
  if (expected.alias !== undefined) {
    if (answer?.type !== "CNAME" || answer.target !== expected.alias)
      throw new Error(`${name} from pod ${podRef} is ${shown}, not an alias for ${expected.alias}`);
    return;
  }
  let want = expected.addresses ?? [];
  if (expected.service) {
    const [ns, svc] = split(
      expected.service.includes("/") ? expected.service : `${namespace}/${expected.service}`,
    );
    const result = await world.requireCluster().kubectl(`get service ${svc} -n ${ns} -o json`);
    if (result.exitCode !== 0) throw new Error(result.stderr.trim());
    want = [(JSON.parse(result.stdout) as { spec?: { clusterIP?: string } }).spec?.clusterIP ?? ""];
  }
  if (expected.selector) {
    const pods = await world.requireCluster().listPods(namespace, expected.selector);
    want = pods.filter((p) => p.status?.podIP).map((p) => p.status?.podIP as string);
  }
  const got = answer?.type === "A" ? [...answer.addresses].sort() : [];
  if (JSON.stringify(got) !== JSON.stringify([...want].sort()))
    throw new Error(`${name} resolves to ${shown} from pod ${podRef}, not ${[...want].sort().join(", ")}`);
}

/** The service's EndpointSlices list exactly `count` ready endpoints. */
export async function expectReadyEndpoints(world: KubespecWorld, ref: string, count: number): Promise<void> {
  const [namespace, name] = split(ref);
  const result = await world
    .requireCluster()
    .kubectl(`get endpointslices -n ${namespace} -l kubernetes.io/service-name=${name} -o json`);
  if (result.exitCode !== 0) throw new Error(result.stderr.trim());
  const slices = JSON.parse(result.stdout) as {
    items: { endpoints?: { conditions?: { ready?: boolean } }[] }[];
  };
  const ready = slices.items
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready !== false).length;
  if (ready !== count) throw new Error(`service ${ref} has ${ready} ready endpoints, not ${count}`);
}
