import type { AdmissionPlugin } from "./AdmissionPlugin.ts";
import { defaultTolerationSeconds } from "./DefaultTolerationSeconds.ts";
import { namespaceLifecycle } from "./NamespaceLifecycle.ts";
import { priority } from "./Priority.ts";
import { serviceAccount } from "./ServiceAccount.ts";

/** Enabled mutating/validating admission plugins, in kube-apiserver's recommended order. */
export const ADMISSION_CHAIN: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  serviceAccount,
  priority,
  defaultTolerationSeconds,
];
