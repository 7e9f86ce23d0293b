import type { DataTable } from "@cucumber/cucumber";
import { defineAssertion } from "../src/world/assertions.ts";
import { attachConversation, type ExpectedMessage, expectConversation } from "../src/world/conversation.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";

/** The recorded control-plane messages about the pod include these rows (from, to, message prefix), in this order. */
defineAssertion(
  "the conversation about pod {string} includes, in order:",
  async function (this: KubespecWorld, pod: string, table: DataTable) {
    const ref = pod.includes("/") ? `pods/${pod}` : `pods/default/${pod}`;
    await expectConversation(this, ref, table.hashes() as unknown as ExpectedMessage[]);
    await attachConversation(this, ref);
  },
);
