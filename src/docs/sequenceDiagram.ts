import type { ConversationMessage } from "../cluster/Conversation.ts";

/** Options of {@link toSequenceDiagram}. */
export interface SequenceDiagramOptions {
  /** Draw at most this many arrows (after folding fan-outs); a note says how many were left out. */
  maxArrows?: number;
  /** Mark the six steps of pod creation (seed note 003) on the arrows that carry them. */
  podCreationSteps?: boolean;
}

/** The component that a client identity belongs to: every controller speaks for kube-controller-manager. */
export function componentOf(participant: string): string {
  if (/(-controller|garbage-collector|-controller-manager)$/.test(participant))
    return "kube-controller-manager";
  return participant;
}

const RANK: readonly [RegExp, number][] = [
  [/^kube-apiserver$/, 1],
  [/^etcd$/, 2],
  [/^kube-scheduler$/, 3],
  [/^kube-controller-manager$/, 4],
  [/^kubelet/, 5],
  [/^kube-proxy/, 6],
];

function rank(participant: string): number {
  return RANK.find(([re]) => re.test(participant))?.[1] ?? 0;
}

/** Mermaid message text: `;` ends a statement and `#` starts an entity code, so both are escaped. */
function escapeText(text: string): string {
  return text.replace(/[#;\n]/g, (c) => (c === "\n" ? " " : `#${c.charCodeAt(0)};`));
}

interface Arrow {
  from: string;
  to: string;
  text: string;
  kind: ConversationMessage["kind"];
  code?: number | undefined;
  /** How many watchers of the same component received this notification. */
  count: number;
  /** A seed step that starts with this arrow. */
  step?: string | undefined;
}

/**
 * Fold notifications: within a run of consecutive watch deliveries (one change fanned out to every
 * watcher, queue by queue), the same notification to watchers of one component is one arrow.
 */
function fold(messages: readonly ConversationMessage[]): Arrow[] {
  const arrows: Arrow[] = [];
  let block = new Map<string, Arrow>();
  for (const m of messages) {
    const from = componentOf(m.from);
    const to = componentOf(m.to);
    if (m.kind !== "watch") {
      block = new Map();
      arrows.push({ from, to, text: m.text, kind: m.kind, code: m.code, count: 1 });
      continue;
    }
    const key = `${to}\n${m.text}`;
    const same = block.get(key);
    if (same) {
      same.count++;
      continue;
    }
    const arrow: Arrow = { from, to, text: m.text, kind: m.kind, count: 1 };
    block.set(key, arrow);
    arrows.push(arrow);
  }
  return arrows;
}

/**
 * The six steps of creating a pod, as seed note 003 tells them, found in the arrows: (1) a client
 * creates the pod, (2) kube-apiserver stores it in etcd, (3) kube-scheduler is told and binds it,
 * (4) the binding is stored, (5) the node's kubelet is told, runs it and reports status, (6) the
 * status is stored. Returns how many steps were found (they are found in order or not at all).
 */
function markPodCreationSteps(arrows: Arrow[]): number {
  const wants: ((a: Arrow) => boolean)[] = [
    (a) => a.kind === "request" && /^create pods\/[^/ ]+\/[^/ ]+$/.test(a.text),
    (a) => a.kind === "storage" && a.text.startsWith("put /registry/pods/"),
    (a) => a.kind === "watch" && a.to === "kube-scheduler" && a.text.startsWith("ADDED pods/"),
    (a) => a.kind === "storage" && a.text.startsWith("put /registry/pods/"),
    (a) => a.kind === "watch" && a.to.startsWith("kubelet") && /^(ADDED|MODIFIED) pods\//.test(a.text),
    (a) => a.kind === "storage" && a.text.startsWith("put /registry/pods/"),
  ];
  const labels = [
    "1. the client sends the pod to kube-apiserver",
    "2. kube-apiserver stores the pod in etcd",
    "3. kube-scheduler sees the new pod and binds it to a node",
    "4. the binding (the chosen node) is stored in etcd",
    "5. the node's kubelet sees the pod, starts its containers and reports status",
    "6. kube-apiserver stores the reported status in etcd",
  ];
  // Steps 4 and 6 are the writes that follow the binding and the kubelet's status report.
  const after: (RegExp | undefined)[] = [
    undefined,
    undefined,
    undefined,
    /^create pods\/.*\/binding$/,
    undefined,
    /^(patch|update) pods\/.*\/status$/,
  ];
  let step = 0;
  let armed = after[0] === undefined;
  for (const arrow of arrows) {
    if (step >= wants.length) break;
    const trigger = after[step];
    if (!armed && trigger && arrow.kind === "request" && trigger.test(arrow.text)) {
      armed = true;
      continue;
    }
    if (armed && wants[step]?.(arrow)) {
      arrow.step = labels[step];
      step++;
      armed = after[step] === undefined;
    }
  }
  return step;
}

/**
 * Draw a recorded control-plane conversation as a Mermaid `sequenceDiagram`: clients, then
 * kube-apiserver, etcd, kube-scheduler, kube-controller-manager, kubelets and kube-proxy. Requests
 * and storage writes are solid arrows, watch notifications dotted; one notification fanned out to
 * several controllers is one arrow.
 *
 * @example
 * ```ts
 * toSequenceDiagram([{ time: 0, from: "kubectl", to: "kube-apiserver", text: "create pods/default/a", kind: "request" }]);
 * // "sequenceDiagram\n  participant P0 as kubectl\n ..."
 * ```
 */
export function toSequenceDiagram(
  messages: readonly ConversationMessage[],
  options: SequenceDiagramOptions = {},
): string {
  const all = fold(messages);
  if (options.podCreationSteps) markPodCreationSteps(all);
  const max = options.maxArrows ?? 80;
  const arrows = all.slice(0, max);
  const names = [...new Set(arrows.flatMap((a) => [a.from, a.to]))].sort((a, b) => rank(a) - rank(b));
  const alias = new Map(names.map((n, i) => [n, `P${i}`]));
  const lines = ["sequenceDiagram"];
  for (const name of names) lines.push(`  participant ${alias.get(name)} as ${escapeText(name)}`);
  for (const a of arrows) {
    const from = alias.get(a.from);
    const to = alias.get(a.to);
    if (a.step) lines.push(`  Note over ${from},${to}: ${escapeText(a.step)}`);
    const arrow = a.kind === "watch" ? "-->>" : a.code !== undefined && a.code >= 400 ? "-x" : "->>";
    const extra =
      a.count > 1 ? ` (${a.count} watchers)` : a.code !== undefined && a.code >= 400 ? ` → ${a.code}` : "";
    lines.push(`  ${from}${arrow}${to}: ${escapeText(a.text + extra)}`);
  }
  if (all.length > arrows.length && names.length > 0) {
    lines.push(`  Note over ${alias.get(names[0] ?? "")}: … ${all.length - arrows.length} more messages`);
  }
  return `${lines.join("\n")}\n`;
}
