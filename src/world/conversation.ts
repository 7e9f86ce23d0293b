import type { ConversationMessage } from "../cluster/Conversation.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

/** One expected message: who to whom, and text the message starts with. */
export interface ExpectedMessage {
  from: string;
  to: string;
  message: string;
}

function show(m: ConversationMessage): string {
  return `${new Date(m.time).toISOString().slice(11, 23)}  ${m.from} -> ${m.to}: ${m.text}`;
}

/**
 * The conversation about one object contains the expected messages in this order (other messages
 * may come between them).
 */
export async function expectConversation(
  world: KubespecWorld,
  objectRef: string,
  expected: readonly ExpectedMessage[],
): Promise<void> {
  const all = await world.requireCluster().conversation();
  const about = all.filter((m) => m.text.includes(objectRef));
  let next = 0;
  for (const want of expected) {
    const found = about.findIndex(
      (m, i) => i >= next && m.from === want.from && m.to === want.to && m.text.startsWith(want.message),
    );
    if (found < 0) {
      throw new Error(
        `the conversation about ${objectRef} has no "${want.from} -> ${want.to}: ${want.message}" after the earlier expected messages.\nIt went:\n${about.map(show).join("\n")}`,
      );
    }
    next = found + 1;
  }
}

/**
 * The media type of a conversation attached to the report: JSON `{ subject?, messages }`, which
 * the documentation site draws as a sequence diagram (src/docs).
 */
export const CONVERSATION_MEDIA_TYPE = "application/vnd.kubespec.conversation+json";

/** What a conversation attachment holds. */
export interface ConversationAttachment {
  /** The object the conversation is about (`pods/default/nginx`), when it is about one. */
  subject?: string;
  messages: ConversationMessage[];
}

const attachedConversation = new WeakSet<KubespecWorld>();

/** Components of the cluster itself; any other participant is a client such as kubectl. */
const COMPONENT = /^(kube-apiserver|kube-scheduler|kube-proxy|kubelet|etcd)\b|controller|garbage-collector/;
/** Events and lease renewals (heartbeats) repeat all the time and say nothing about the scenario. */
const NOISE =
  /(^|\s)events(\.events\.k8s\.io)?\/|\/registry\/events\/|leases\.coordination\.k8s\.io|\/registry\/coordination\.k8s\.io\/leases\//;

/**
 * The part of a scenario's conversation worth drawing: from the first request a client (kubectl)
 * made, so the cluster's own start-up is left out, without events and lease renewals, at most
 * `limit` messages.
 *
 * @example
 * ```ts
 * scenarioMessages(await cluster.conversation(), 300);
 * ```
 */
export function scenarioMessages(all: readonly ConversationMessage[], limit: number): ConversationMessage[] {
  const start = all.findIndex((m) => m.kind === "request" && !COMPONENT.test(m.from));
  return all
    .slice(Math.max(start, 0))
    .filter((m) => !NOISE.test(m.text))
    .slice(0, limit);
}

/** Whether this scenario already attached a conversation (so the After hook need not). */
export function hasAttachedConversation(world: KubespecWorld): boolean {
  return attachedConversation.has(world);
}

/** Attach a conversation as JSON ({@link CONVERSATION_MEDIA_TYPE}). */
export function attachConversationJson(world: KubespecWorld, attachment: ConversationAttachment): void {
  attachedConversation.add(world);
  const messages = attachment.messages.map(({ time, from, to, text, kind, code }) =>
    code === undefined ? { time, from, to, text, kind } : { time, from, to, text, kind, code },
  );
  world.attach(JSON.stringify({ ...attachment, messages }), CONVERSATION_MEDIA_TYPE);
}

/** Attach the conversation about an object to the report, as plain text and as JSON for the site. */
export async function attachConversation(world: KubespecWorld, objectRef: string): Promise<void> {
  const about = (await world.requireCluster().conversation()).filter((m) => m.text.includes(objectRef));
  world.attach(about.map(show).join("\n"), "text/plain");
  attachConversationJson(world, { subject: objectRef, messages: about });
}
