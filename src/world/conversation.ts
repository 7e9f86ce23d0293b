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

/** Attach the conversation about an object to the report as plain text. */
export async function attachConversation(world: KubespecWorld, objectRef: string): Promise<void> {
  const all = await world.requireCluster().conversation();
  world.attach(
    all
      .filter((m) => m.text.includes(objectRef))
      .map(show)
      .join("\n"),
    "text/plain",
  );
}
