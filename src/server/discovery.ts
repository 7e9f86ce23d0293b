/**
 * The discovery documents of kube-apiserver v1.32, built from the kind registry: `/version`,
 * `/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>` and the aggregated discovery documents
 * (apidiscovery.k8s.io/v2) kubectl asks for first.
 */
import { apiVersionOf, type KindRegistry, type ResourceType } from "../api/kinds.ts";
import { subresourceKind } from "./subresources.ts";

/** The Kubernetes version kubespec simulates (the kubelets report the same). */
export const KUBERNETES_VERSION = "v1.32.0";

/** `/version` (version.Info). */
export function versionInfo(): Record<string, string> {
  return {
    major: "1",
    minor: "32",
    gitVersion: KUBERNETES_VERSION,
    gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
    gitTreeState: "clean",
    buildDate: "2024-12-11T17:59:15Z",
    goVersion: "go1.23.3",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

/** Group versions served, core first, then groups in registration order. */
export function groupVersions(kinds: KindRegistry): { group: string; version: string }[] {
  const seen = new Set<string>();
  const result: { group: string; version: string }[] = [];
  for (const type of kinds.all()) {
    const key = apiVersionOf(type);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ group: type.group, version: type.version });
  }
  return result.sort((a, b) => (a.group === "" ? -1 : b.group === "" ? 1 : 0));
}

function resourcesOf(kinds: KindRegistry, group: string, version: string): ResourceType[] {
  return kinds
    .all()
    .filter((t) => t.group === group && t.version === version)
    .sort((a, b) => a.plural.localeCompare(b.plural));
}

/** `/api` (APIVersions). */
export function coreApiVersions(): object {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
  };
}

function groupEntry(group: string, versions: string[]): object {
  const gvs = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

/** `/apis` (APIGroupList). */
export function apiGroupList(kinds: KindRegistry): object {
  const groups = new Map<string, string[]>();
  for (const { group, version } of groupVersions(kinds)) {
    if (!group) continue;
    const versions = groups.get(group) ?? [];
    versions.push(version);
    groups.set(group, versions);
  }
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([group, versions]) => groupEntry(group, versions)),
  };
}

/** `/apis/<group>` (APIGroup), or undefined for a group that is not served. */
export function apiGroup(kinds: KindRegistry, group: string): object | undefined {
  const versions = groupVersions(kinds)
    .filter((gv) => gv.group === group)
    .map((gv) => gv.version);
  if (!group || versions.length === 0) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...groupEntry(group, versions) };
}

/** `/api/v1` or `/apis/<group>/<version>` (APIResourceList), or undefined if not served. */
export function apiResourceList(kinds: KindRegistry, group: string, version: string): object | undefined {
  const types = resourcesOf(kinds, group, version);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const type of types) {
    resources.push({
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length > 0 ? { categories: type.categories } : {}),
    });
    for (const sub of type.subresources) {
      const kind = subresourceKind(type, sub);
      resources.push({
        name: `${type.plural}/${sub}`,
        singularName: "",
        namespaced: type.namespaced,
        ...(kind.group !== type.group ? { group: kind.group } : {}),
        ...(kind.version !== type.version ? { version: kind.version } : {}),
        kind: kind.kind,
        verbs: kind.verbs,
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources,
  };
}

/** The media type of aggregated discovery responses. */
export const AGGREGATED_DISCOVERY_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/**
 * Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList): `/api` lists the core group,
 * `/apis` every other group, each with all its resources and subresources.
 *
 * @example
 * ```ts
 * aggregatedDiscovery(kinds, "api"); // { kind: "APIGroupDiscoveryList", items: [{ metadata: { name: "" }, ... }] }
 * ```
 */
export function aggregatedDiscovery(kinds: KindRegistry, prefix: "api" | "apis"): object {
  const byGroup = new Map<string, string[]>();
  for (const { group, version } of groupVersions(kinds)) {
    if ((prefix === "api") !== (group === "")) continue;
    const versions = byGroup.get(group) ?? [];
    versions.push(version);
    byGroup.set(group, versions);
  }
  const items = [...byGroup].map(([group, versions]) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf(kinds, group, version).map((type) => ({
        resource: type.plural,
        responseKind: { group: type.group, version: type.version, kind: type.kind },
        scope: type.namespaced ? "Namespaced" : "Cluster",
        singularResource: type.singular,
        verbs: type.verbs,
        ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
        ...(type.categories.length > 0 ? { categories: type.categories } : {}),
        ...(type.subresources.length > 0
          ? {
              subresources: type.subresources.map((sub) => {
                const kind = subresourceKind(type, sub);
                return {
                  subresource: sub,
                  responseKind: { group: kind.group, version: kind.version, kind: kind.kind },
                  verbs: kind.verbs,
                };
              }),
            }
          : {}),
      })),
      freshness: "Current",
    })),
  }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}
