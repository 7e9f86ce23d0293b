import { StatusError } from "../../api/StatusError.ts";
import type { Pod } from "../../api/types.ts";
import type { AdmissionPlugin } from "./AdmissionPlugin.ts";

/** The alphabet of utilrand.String, used for generated suffixes. */
export const RAND_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): pods run as `default` unless told otherwise,
 * the account must exist, and each container gets the projected `kube-api-access-xxxxx` token volume.
 */
export const serviceAccount: AdmissionPlugin = {
  name: "ServiceAccount",
  admit(a, ctx) {
    if (a.type.kind !== "Pod" || a.operation !== "CREATE" || a.subresource || !a.object) return;
    const pod = a.object as unknown as Pod;
    const spec = pod.spec;
    if (!spec) return;
    // Mirror pods (static pods) are exempt.
    if (pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined) return;
    spec.serviceAccountName ||= spec.serviceAccount || "default";
    spec.serviceAccount = spec.serviceAccountName;
    if (!ctx.get("ServiceAccount", a.namespace, spec.serviceAccountName)) {
      throw StatusError.forbidden(
        { group: "", resource: "pods" },
        pod.metadata?.name ?? "",
        `error looking up service account ${a.namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
      );
    }
    if (spec.automountServiceAccountToken === false) return;
    const all = [...(spec.initContainers ?? []), ...spec.containers];
    if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === MOUNT_PATH))) return;
    const name = `kube-api-access-${ctx.random.string(RAND_ALPHABET, 5)}`;
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            {
              downwardAPI: {
                items: [
                  { path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } },
                ],
              },
            },
          ],
        },
      },
    ];
    for (const c of all)
      c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: MOUNT_PATH }];
  },
};
