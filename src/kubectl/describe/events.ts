import type { Event } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./PrefixWriter.ts";

function eventTime(e: Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** DescribeEvents: the Events table, oldest first, with `(xN over T)` for repeated events. */
export function describeEvents(events: readonly Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    let first = timestampSince(e.eventTime, now);
    if (!e.eventTime) first = timestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series)
      interval = `${timestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1)
      interval = `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(
      LEVEL_1,
      "%v\t%v\t%s\t%v\t%v\n",
      e.type ?? "",
      e.reason ?? "",
      interval,
      source,
      (e.message ?? "").trim(),
    );
  }
}
