/**
 * `kubectl describe` for ConfigMap and Secret (staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * v1.32: ConfigMapDescriber, describeSecret). Go prints map entries in random order; kubespec sorts
 * them so that a spec can state the output.
 */
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { Describer } from "../commands/describe.ts";
import { describeEvents } from "./events.ts";
import { LEVEL_0, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from "./PrefixWriter.ts";

/** The byte length of a base64 value (what `[]byte` holds after decoding). */
const decodedLength = (value: string) => Buffer.from(value, "base64").length;

const describeConfigMap: Describer = (object, events, now, context) => {
  const cm = object as unknown as IConfigMap;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", cm.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", cm.metadata?.namespace);
  printLabelsMultiline(w, "Labels", cm.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", cm.metadata?.annotations);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const [key, value] of Object.entries(cm.data ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    w.write(LEVEL_0, "%s:\n----\n", key);
    w.write(LEVEL_0, "%s\n", value);
    w.write(LEVEL_0, "\n");
  }
  w.write(LEVEL_0, "\nBinaryData\n====\n");
  for (const [key, value] of Object.entries(cm.binaryData ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
    w.write(LEVEL_0, "%s: %s bytes\n", key, decodedLength(value));
  w.write(LEVEL_0, "\n");
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

const describeSecret: Describer = (object) => {
  const secret = object as unknown as ISecret;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", secret.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", secret.metadata?.namespace);
  printLabelsMultiline(w, "Labels", secret.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", secret.metadata?.annotations);
  w.write(LEVEL_0, "\nType:\t%s\n", secret.type ?? "");
  w.write(LEVEL_0, "\nData\n====\n");
  for (const [key, value] of Object.entries(secret.data ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (key === "token" && secret.type === "kubernetes.io/service-account-token")
      w.write(LEVEL_0, "%s:\t%s\n", key, Buffer.from(value, "base64").toString("utf8"));
    else w.write(LEVEL_0, "%s:\t%d bytes\n", key, decodedLength(value));
  }
  return w.toString();
};

/**
 * The ConfigMap and Secret describers, registered by `kubectl describe`.
 *
 * @example
 * ```ts
 * configDescribers.ConfigMap(configMap, events, now, { client, showEvents: true });
 * ```
 */
export const configDescribers: Readonly<Record<string, Describer>> = {
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
};
