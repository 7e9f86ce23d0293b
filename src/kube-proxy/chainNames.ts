/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go): a chain per service port is
 * `KUBE-SVC-` plus the first 16 characters of base32(sha256(servicePortName + protocol)), where
 * the service port name is `namespace/name` or `namespace/name:port` and the protocol is lower
 * case; endpoint chains hash the endpoint (`ip:port`) too.
 */
import { createHash } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** encoding/base32 StdEncoding (with padding; kube-proxy keeps only the first 16 characters). */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

const hash16 = (text: string) => base32(createHash("sha256").update(text).digest()).slice(0, 16);

/**
 * ServicePortName.String(): `ns/name` or `ns/name:port`.
 *
 * @example
 * ```ts
 * servicePortName("default", "web", "http"); // "default/web:http"
 * ```
 */
export function servicePortName(namespace: string, name: string, port: string | undefined): string {
  return `${namespace}/${name}${port ? `:${port}` : ""}`;
}

/**
 * The chain of a service port for one traffic policy: `KUBE-SVC-` (cluster), `KUBE-SVL-` (local),
 * `KUBE-EXT-` (external), `KUBE-FW-` (firewall) + portProtoHash.
 *
 * @example
 * ```ts
 * serviceChain("KUBE-SVC-", "default/web", "TCP"); // "KUBE-SVC-…16 characters…"
 * ```
 */
export function serviceChain(prefix: string, portName: string, protocol: string): string {
  return prefix + hash16(portName + protocol.toLowerCase());
}

/**
 * servicePortEndpointChainName: `KUBE-SEP-` + the hash of port name, protocol and endpoint.
 *
 * @example
 * ```ts
 * endpointChain("default/web", "TCP", "10.244.1.5:80");
 * ```
 */
export function endpointChain(portName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(portName + protocol.toLowerCase() + endpoint)}`;
}

/**
 * The statistic match probability of rule i of n: 1/(n−i) printed `%0.10f`.
 *
 * @example
 * ```ts
 * probability(3); // "0.3333333333"
 * ```
 */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}
