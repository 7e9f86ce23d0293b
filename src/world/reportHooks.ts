// Hooks that feed the documentation site (npm run docs): each scenario attaches the statechart
// states and transitions it visited and its control-plane conversation. Attachments travel in the
// Cucumber messages, so they survive --parallel workers. Imported after hooks.ts: Cucumber runs
// After hooks in reverse order of definition, so these run while the cluster still exists.
import { After, Before } from "@cucumber/cucumber";
import type { ConversationMessage } from "../cluster/Conversation.ts";
import { STATECHART_VISITS_MEDIA_TYPE, statechartVisits } from "../cluster/StatechartVisits.ts";
import { attachConversationJson, hasAttachedConversation, scenarioMessages } from "./conversation.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

/** At most this many messages of a scenario's conversation go into the report. */
const SCENARIO_CONVERSATION_LIMIT = 200;

Before(() => {
  statechartVisits.enable();
  statechartVisits.reset();
});

After(function (this: KubespecWorld) {
  const visits = statechartVisits.toJSON();
  if (Object.keys(visits).length > 0) this.attach(JSON.stringify(visits), STATECHART_VISITS_MEDIA_TYPE);
});

After(async function (this: KubespecWorld) {
  if (!this.cluster || hasAttachedConversation(this)) return;
  let all: readonly ConversationMessage[];
  try {
    all = await this.cluster.conversation();
  } catch {
    return; // a cluster that does not record (a live cluster) has no conversation to draw
  }
  attachConversationJson(this, { messages: scenarioMessages(all, SCENARIO_CONVERSATION_LIMIT) });
});
