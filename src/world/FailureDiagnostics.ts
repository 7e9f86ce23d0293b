import { parse as parseShell } from "shell-quote";
import { stringify } from "yaml";
import type { KindRegistry, ResourceType } from "../api/kinds.ts";
import { Selector } from "../api/labels.ts";
import type { KubeObject } from "../api/types.ts";
import type { Cluster } from "../cluster/Cluster.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { humanDuration, timestampSince } from "../kubectl/humanDuration.ts";
import { formatDecision } from "../scheduler/SchedulingExplanation.ts";
import { ExpectationError } from "./ExpectationError.ts";

/** What a failed step leaves behind for its diagnosis. */
export interface FailureContext {
  error: unknown;
  /** Text of the step that failed (its keyword left out). */
  stepText?: string | undefined;
  /** The last kubectl command line the scenario ran. */
  lastCommand?: string | undefined;
  cluster?: Cluster | undefined;
  seed: number;
  /** `features/x.feature:12`: the scenario, as Cucumber and `kubespec run` accept it. */
  location?: string | undefined;
  /** Cluster time when the scenario's cluster started, ms since the epoch. */
  clusterStartedAt?: number | undefined;
}

/**
 * One part of a diagnosis. Text parts go into the error message; the objects (YAML) and the diff
 * are also attached to the report as files.
 */
export interface DiagnosisSection {
  title: string;
  /** Set for parts attached to the report as a file (`objects.yaml`, `expected-vs-actual.diff`). */
  fileName?: string;
  /** `text/plain`, `text/x-diff` or `text/yaml`. */
  mediaType: string;
  body: string;
}

/** Everything kubespec can say about a failure. */
export interface FailureDiagnosis {
  sections: DiagnosisSection[];
  /** The sections as text, appended to the step's error message (JUnit, console). */
  text: string;
}

/** Most objects a step names that are explained (a selector can match hundreds of pods). */
const MAX_INVOLVED = 5;
/** Most objects shown as YAML (involved objects first, then their owners). */
const MAX_OBJECTS = 8;
/** Plain YAML, as kubectl prints it: no anchors, no folded lines. */
const YAML_OPTIONS = { aliasDuplicateObjects: false, lineWidth: 0 } as const;
/** Most events listed. */
const MAX_EVENTS = 15;

interface ObjectRef {
  type: ResourceType;
  namespace: string | undefined;
  name?: string;
  selector?: string;
}

/** Every stored object of the simulated cluster, read straight from etcd (no requests recorded). */
function storedObjects(cluster: SimulatedCluster): KubeObject[] {
  return cluster.etcd.store.all().map((kv) => kv.value as KubeObject);
}

function typeOf(kinds: KindRegistry, object: KubeObject): ResourceType | undefined {
  return kinds.forKind(object.apiVersion as string, object.kind as string);
}

function refName(object: KubeObject, kinds: KindRegistry): string {
  const type = typeOf(kinds, object);
  const resource = type ? (type.group ? `${type.singular}.${type.group}` : type.singular) : object.kind;
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : "";
  return `${resource} ${ns}${object.metadata.name}`;
}

/** Split `ns/name` (a step's pod reference) into namespace and name. */
function splitName(type: ResourceType, text: string, namespace: string): [string | undefined, string] {
  const slash = text.indexOf("/");
  if (!type.namespaced) return [undefined, text];
  return slash < 0 ? [namespace, text] : [text.slice(0, slash), text.slice(slash + 1)];
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/;

/**
 * The objects a step and its error talk about: `pod "web"`, `deployment/web`, `pods matching
 * "app=web"`, and the objects the last kubectl command named.
 */
function referencedObjects(
  kinds: KindRegistry,
  texts: string[],
  lastCommand: string | undefined,
): ObjectRef[] {
  const refs: ObjectRef[] = [];
  const add = (word: string, name: string, namespace = "default") => {
    const type = kinds.forResourceName(word);
    if (!type || !NAME.test(name)) return;
    const [ns, n] = splitName(type, name, namespace);
    refs.push({ type, namespace: ns, name: n });
  };
  for (const text of texts) {
    for (const m of text.matchAll(/\b([A-Za-z][\w.]*) "([^"\s]+)"/g)) add(m[1] as string, m[2] as string);
    for (const m of text.matchAll(/\b([a-z][a-z.]*)\/([a-z0-9][-a-z0-9.]*)/g))
      add(m[1] as string, m[2] as string);
    for (const m of text.matchAll(/\b([A-Za-z][\w.]*) matching ["`]([^"`]+)["`]/g)) {
      const type = kinds.forResourceName(m[1] as string);
      if (type) refs.push({ type, namespace: undefined, selector: m[2] as string });
    }
  }
  if (lastCommand) {
    const words = parseShell(lastCommand).filter((w): w is string => typeof w === "string");
    let namespace = "default";
    const args: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      if (word === "-n" || word === "--namespace") namespace = words[++i] ?? namespace;
      else if (word.startsWith("--namespace=")) namespace = word.slice("--namespace=".length);
      else if (!word.startsWith("-")) args.push(word);
    }
    // kubectl <verb> [<type> <name>... | <type>/<name>...]
    const operands = args[0] === "kubectl" ? args.slice(2) : args.slice(1);
    if (operands.some((o) => o.includes("/"))) {
      for (const o of operands) {
        const slash = o.indexOf("/");
        if (slash > 0) add(o.slice(0, slash), o.slice(slash + 1), namespace);
      }
    } else if (operands.length > 1 && kinds.forResourceName(operands[0] as string)) {
      for (const name of operands.slice(1)) add(operands[0] as string, name, namespace);
    }
  }
  return refs;
}

function resolve(objects: KubeObject[], kinds: KindRegistry, refs: ObjectRef[]): KubeObject[] {
  const found: KubeObject[] = [];
  for (const ref of refs) {
    for (const object of objects) {
      if (typeOf(kinds, object) !== ref.type) continue;
      if (ref.namespace !== undefined && object.metadata.namespace !== ref.namespace) continue;
      if (ref.name !== undefined && object.metadata.name !== ref.name) continue;
      if (ref.selector !== undefined) {
        try {
          if (!Selector.parse(ref.selector).matches(object.metadata.labels ?? {})) continue;
        } catch {
          continue;
        }
      }
      if (!found.includes(object)) found.push(object);
    }
  }
  return found;
}

/** The object's controller (or first) owner, when it still exists. */
function ownerOf(objects: KubeObject[], object: KubeObject): KubeObject | undefined {
  const refs = object.metadata.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  if (!ref) return undefined;
  return objects.find((o) => o.metadata.uid === ref.uid);
}

function ownerChain(objects: KubeObject[], object: KubeObject): KubeObject[] {
  const chain = [object];
  for (let owner = ownerOf(objects, object); owner && !chain.includes(owner); owner = ownerOf(objects, owner))
    chain.push(owner);
  return chain;
}

/** The object without managedFields (noise for a reader). */
function readable(object: KubeObject): KubeObject {
  const { managedFields: _, ...metadata } = object.metadata as KubeObject["metadata"] & {
    managedFields?: unknown;
  };
  return { ...object, metadata };
}

interface EventLike extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; uid?: string };
}

function eventTime(event: EventLike): number {
  return Date.parse(
    event.series?.lastObservedTime ??
      event.lastTimestamp ??
      event.eventTime ??
      (event.metadata.creationTimestamp as string | undefined) ??
      "",
  );
}

/** kubectl events' LAST SEEN column (getInterval in k8s.io/kubectl/pkg/cmd/events/event_printer.go). */
function lastSeen(e: EventLike, now: number): string {
  const first = timestampSince(e.eventTime ?? e.firstTimestamp, now);
  if (e.series) return `${timestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return timestampSince(e.lastTimestamp ?? e.eventTime, now);
}

/** The involved objects' latest events, as `kubectl events` prints them (oldest first). */
function recentEvents(objects: KubeObject[], involved: KubeObject[], now: number): string | undefined {
  const uids = new Set(involved.map((o) => o.metadata.uid));
  const events = (objects as EventLike[])
    .filter((o) => o.kind === "Event" && uids.has(o.involvedObject?.uid))
    .sort(
      (a, b) => eventTime(a) - eventTime(b) || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
    )
    .slice(-MAX_EVENTS);
  if (events.length === 0) return undefined;
  const rows = events.map((e) => [
    lastSeen(e, now),
    e.type ?? "",
    e.reason ?? "",
    `${e.involvedObject?.kind}/${e.involvedObject?.name}`,
    (e.message ?? "").trim(),
  ]);
  const header = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  return [header, ...rows]
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join("   "),
    )
    .join("\n");
}

function schedulerExplanations(cluster: SimulatedCluster, pods: KubeObject[]): string | undefined {
  const parts: string[] = [];
  for (const pod of pods) {
    const spec = pod.spec as { nodeName?: string; schedulerName?: string } | undefined;
    if (pod.kind !== "Pod" || spec?.nodeName) continue;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const scheduler = cluster.schedulers.get(spec?.schedulerName ?? "default-scheduler");
    const decision = scheduler?.lastDecision(key);
    if (scheduler && decision) parts.push(formatDecision(decision));
    else
      parts.push(
        `pod ${key}: ${scheduler ? "the scheduler has not tried to schedule it yet" : `no scheduler named "${spec?.schedulerName}" runs in this cluster`}`,
      );
  }
  return parts.length > 0 ? parts.join("\n") : undefined;
}

/** `Pod default/web, ReplicaSet default/web-1 (YAML attached to the report)` from the YAML documents. */
function objectsSummary(yaml: string): string {
  const names = yaml
    .split(/^---\n/m)
    .map((doc) => {
      const kind = /^kind: (.+)$/m.exec(doc)?.[1];
      const name = /^ {2}name: (.+)$/m.exec(doc)?.[1];
      const namespace = /^ {2}namespace: (.+)$/m.exec(doc)?.[1];
      return kind && name ? `${kind} ${namespace ? `${namespace}/` : ""}${name}` : undefined;
    })
    .filter((n) => n !== undefined);
  return `${names.join(", ")} (as YAML in the report's objects.yaml attachment)`;
}

function clock(millis: number): string {
  return new Date(millis).toISOString().replace(".000Z", "Z");
}

/** The error, or one of its causes, that compared expected and actual text. */
function expectationOf(error: unknown): ExpectationError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ExpectationError) return e;
  return undefined;
}

/**
 * The command line that replays a scenario with the same seed.
 *
 * @example
 * ```ts
 * replayCommand(7, "features/pods/x.feature:12"); // "KUBESPEC_SEED=7 npx kubespec run features/pods/x.feature:12"
 * ```
 */
export function replayCommand(seed: number, location: string | undefined): string {
  return `KUBESPEC_SEED=${seed} npx kubespec run ${location ?? ""}`.trimEnd();
}

/**
 * Explain a failed step: the expected-vs-actual diff, the objects involved (YAML) with their owner
 * chain and recent events, the scheduler's explanation for pods it has not placed, the cluster
 * time, and the seed with the command that replays the scenario. Reads the simulated cluster's
 * storage directly, so diagnosing changes nothing (no requests, no time passes).
 *
 * @example
 * ```ts
 * const diagnosis = diagnoseFailure({ error, stepText: 'pod "web" is "Running"', cluster, seed: 7 });
 * for (const s of diagnosis.sections) world.attach(s.body, { mediaType: s.mediaType, fileName: s.title });
 * ```
 */
export function diagnoseFailure(context: FailureContext): FailureDiagnosis {
  const sections: DiagnosisSection[] = [];
  const expectation = expectationOf(context.error);
  if (expectation)
    sections.push({
      title: "expected vs actual",
      fileName: "expected-vs-actual.diff",
      mediaType: "text/x-diff",
      body: expectation.diff(),
    });
  const cluster = context.cluster;
  if (cluster instanceof SimulatedCluster) {
    const now = cluster.now();
    const objects = storedObjects(cluster);
    const message = context.error instanceof Error ? context.error.message : String(context.error);
    const refs = referencedObjects(cluster.kinds, [context.stepText ?? "", message], context.lastCommand);
    const matched = resolve(objects, cluster.kinds, refs);
    const involved = matched.slice(0, MAX_INVOLVED);
    const chains = involved.map((o) => ownerChain(objects, o));
    const shown: KubeObject[] = [];
    for (const object of [...involved, ...chains.flat()]) if (!shown.includes(object)) shown.push(object);
    if (shown.length > 0) {
      const listed = shown.slice(0, MAX_OBJECTS);
      const more = shown.length - listed.length;
      sections.push({
        title: "objects",
        fileName: "objects.yaml",
        mediaType: "text/yaml",
        body: `${listed.map((o) => stringify(readable(o), YAML_OPTIONS)).join("---\n")}${more > 0 ? `# … and ${more} more\n` : ""}`,
      });
    }
    const owned = chains.filter((c) => c.length > 1);
    if (owned.length > 0) {
      sections.push({
        title: "owner chain",
        mediaType: "text/plain",
        body: [
          ...owned.map((c) => c.map((o) => refName(o, cluster.kinds)).join(" → ")),
          ...(matched.length > involved.length
            ? [`(the first ${involved.length} of ${matched.length} objects the step names)`]
            : []),
        ].join("\n"),
      });
    }
    const events = recentEvents(objects, shown, now);
    if (events)
      sections.push({
        title: "recent events (as kubectl events prints them)",
        mediaType: "text/plain",
        body: events,
      });
    const scheduling = schedulerExplanations(cluster, involved);
    if (scheduling) sections.push({ title: "scheduler", mediaType: "text/plain", body: scheduling });
  }
  if (cluster) {
    const since =
      context.clusterStartedAt !== undefined
        ? ` (${humanDuration(cluster.now() - context.clusterStartedAt)} after the cluster started)`
        : "";
    sections.push({
      title: "cluster time",
      mediaType: "text/plain",
      body: `${clock(cluster.now())}${since}`,
    });
  }
  sections.push({
    title: "replay",
    mediaType: "text/plain",
    body: `seed ${context.seed}: ${replayCommand(context.seed, context.location)}`,
  });
  const message = context.error instanceof Error ? context.error.message : String(context.error);
  const text = sections
    // The diff is already in the message of the error that made it (also when `within` wraps it).
    .filter((s) => !(s.mediaType === "text/x-diff" && message.includes(s.body.trimEnd())))
    .map((s) => {
      // YAML is long: the message names the objects, the attachment has them in full.
      const body = s.title === "objects" ? objectsSummary(s.body) : s.body.replace(/\n$/, "");
      return `── ${s.title} ──\n${body}`;
    })
    .join("\n\n");
  return { sections, text };
}
