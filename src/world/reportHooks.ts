// Hooks that feed the documentation site (npm run docs): the statechart visits of the run, and each
// scenario's control-plane conversation attached to the report. Imported after hooks.ts: Cucumber runs After hooks in reverse order of
// definition, so this one runs while the cluster still exists.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { After, AfterAll, BeforeAll } from "@cucumber/cucumber";
import type { ConversationMessage } from "../cluster/Conversation.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { attachConversationJson, hasAttachedConversation } from "./conversation.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

/** At most this many messages of a scenario's conversation go into the report. */
const SCENARIO_CONVERSATION_LIMIT = 300;

After(async function (this: KubespecWorld) {
  if (!this.cluster || hasAttachedConversation(this)) return;
  let all: readonly ConversationMessage[];
  try {
    all = await this.cluster.conversation();
  } catch {
    return; // a cluster that does not record (a live cluster) has no conversation to draw
  }
  // Lease renewals (node heartbeats, leader election) repeat every few seconds and say nothing.
  const messages = all.filter((m) => !/leases\.coordination\.k8s\.io|\/registry\/leases\//.test(m.text));
  attachConversationJson(this, { messages: messages.slice(0, SCENARIO_CONVERSATION_LIMIT) });
});

/** Where the statechart visits of a run go (read by npm run docs). */
export const STATECHART_VISITS_PATH =
  process.env.KUBESPEC_STATECHART_VISITS ?? "reports/statechart-visits.json";

BeforeAll(() => {
  statechartVisits.enable();
});

AfterAll(() => {
  mkdirSync(dirname(STATECHART_VISITS_PATH), { recursive: true });
  writeFileSync(STATECHART_VISITS_PATH, `${JSON.stringify(statechartVisits.toJSON(), null, 1)}\n`);
});
