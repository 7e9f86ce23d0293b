import { type LabelSelectorStruct, type Selector, selectorFromLabelSelector } from "../../api/labels.ts";
import { type PodRequests, podRequests } from "../../api/pods.ts";
import type { Pod } from "../../api/types.ts";

type Labels = Readonly<Record<string, string>> | undefined;

/**
 * A parsed pod (anti-)affinity term (framework.AffinityTerm): the namespaces it applies to, its
 * label selector, its namespace selector and topology key. A missing selector matches nothing.
 */
export class AffinityTerm {
  constructor(
    readonly namespaces: Set<string>,
    /** null = labels.Nothing() (no labelSelector). */
    readonly selector: Selector | null,
    readonly topologyKey: string,
    /** null = labels.Nothing() (no namespaceSelector). */
    public namespaceSelector: Selector | null,
  ) {}

  /**
   * AffinityTerm.Matches: the pod is in one of the term's namespaces (or its namespace's labels
   * match the namespace selector) and its labels match the selector.
   */
  matches(pod: Pod, namespaceLabels: Labels): boolean {
    const namespace = pod.metadata?.namespace ?? "";
    if (this.namespaces.has(namespace) || this.namespaceSelector?.matches(namespaceLabels) === true) {
      return this.selector?.matches(pod.metadata?.labels) === true;
    }
    return false;
  }
}

/** An affinity term with its weight (framework.WeightedAffinityTerm). */
export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

interface PodAffinityTermStruct {
  labelSelector?: LabelSelectorStruct | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorStruct | null;
  topologyKey: string;
}

function newAffinityTerm(pod: Pod, term: PodAffinityTermStruct): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespace selector means the pod's own.
  const namespaces = new Set<string>();
  if ((term.namespaces ?? []).length === 0 && !term.namespaceSelector)
    namespaces.add(pod.metadata?.namespace ?? "");
  else for (const n of term.namespaces ?? []) namespaces.add(n);
  return new AffinityTerm(
    namespaces,
    selectorFromLabelSelector(term.labelSelector),
    term.topologyKey,
    selectorFromLabelSelector(term.namespaceSelector),
  );
}

function setsCpuAndMemory(pod: Pod): boolean {
  if ((pod.spec?.initContainers ?? []).length > 0) return false;
  for (const c of pod.spec?.containers ?? []) {
    const requests = c.resources?.requests;
    if (requests?.cpu === undefined || requests.memory === undefined) return false;
  }
  return true;
}

/** A host port a container asks for (HostPortInfo entry). */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * A pod as the scheduler holds it (framework.PodInfo): the object plus what plugins need over and
 * over, computed once — requests (actual and with the non-zero defaults), host ports and the parsed
 * (anti-)affinity terms.
 *
 * @example
 * ```ts
 * const info = new PodInfo(pod);
 * info.requests.cpu; // millicores
 * ```
 */
export class PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly priority: number;
  readonly requests: PodRequests;
  /** Requests with 100m cpu / 200Mi memory for containers that set none (scoring). */
  readonly nonZero: PodRequests;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** A term whose selector does not parse (the pod is then unschedulable). */
  readonly parseError: string | undefined;

  constructor(pod: Pod, derivedFrom?: PodInfo) {
    this.pod = pod;
    if (derivedFrom) {
      // Requests, host ports and affinity terms come from fields a pod update cannot change.
      this.namespace = derivedFrom.namespace;
      this.key = derivedFrom.key;
      this.uid = derivedFrom.uid;
      this.priority = derivedFrom.priority;
      this.requests = derivedFrom.requests;
      this.nonZero = derivedFrom.nonZero;
      this.hostPorts = derivedFrom.hostPorts;
      this.requiredAffinityTerms = derivedFrom.requiredAffinityTerms;
      this.requiredAntiAffinityTerms = derivedFrom.requiredAntiAffinityTerms;
      this.preferredAffinityTerms = derivedFrom.preferredAffinityTerms;
      this.preferredAntiAffinityTerms = derivedFrom.preferredAntiAffinityTerms;
      this.parseError = derivedFrom.parseError;
      return;
    }
    this.namespace = pod.metadata?.namespace ?? "";
    this.key = `${this.namespace}/${pod.metadata?.name}`;
    this.uid = pod.metadata?.uid ?? "";
    this.priority = pod.spec?.priority ?? 0;
    this.requests = podRequests(pod, false);
    // When every container sets cpu and memory requests the non-zero defaults change nothing.
    this.nonZero = setsCpuAndMemory(pod) ? this.requests : podRequests(pod, true);
    const ports: HostPort[] = [];
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || p.hostPort <= 0) continue;
        ports.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol ?? "TCP", port: p.hostPort });
      }
    }
    this.hostPorts = ports;
    const affinity = pod.spec?.affinity;
    let parseError: string | undefined;
    const parse = <T>(f: () => T[]): T[] => {
      try {
        return f();
      } catch (error) {
        parseError ??= (error as Error).message;
        return [];
      }
    };
    this.requiredAffinityTerms = parse(() =>
      (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
        newAffinityTerm(pod, t as PodAffinityTermStruct),
      ),
    );
    this.requiredAntiAffinityTerms = parse(() =>
      (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
        newAffinityTerm(pod, t as PodAffinityTermStruct),
      ),
    );
    this.preferredAffinityTerms = parse(() =>
      (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({
        term: newAffinityTerm(pod, t.podAffinityTerm as PodAffinityTermStruct),
        weight: t.weight,
      })),
    );
    this.preferredAntiAffinityTerms = parse(() =>
      (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({
        term: newAffinityTerm(pod, t.podAffinityTerm as PodAffinityTermStruct),
        weight: t.weight,
      })),
    );
    this.parseError = parseError;
  }

  /**
   * The PodInfo of a newer version of the same pod (same uid), sharing what was computed from its
   * immutable fields; a different pod gets a fresh one.
   */
  update(pod: Pod): PodInfo {
    if (pod.metadata?.uid && pod.metadata.uid === this.uid) return new PodInfo(pod, this);
    return new PodInfo(pod);
  }

  /** Whether the pod has any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
  get hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined;
  }

  /** Whether the pod has required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity). */
  get hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }
}
