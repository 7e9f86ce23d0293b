const UNIT_MILLIS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const GO_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const WORDS = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/;

/**
 * Parse a duration as people write it in scenarios: Go style (`1m30s`, `300ms`, `2h`) or words
 * (`30 seconds`, `5 minutes`, `1 hour`, `2.5 minutes`), optionally joined with "and".
 * Returns milliseconds; throws a readable error for anything else.
 *
 * @example
 * ```ts
 * parseDuration("1m30s"); // 90000
 * parseDuration("5 minutes"); // 300000
 * ```
 */
export function parseDuration(text: string): number {
  const input = text.trim().toLowerCase();
  if (GO_DURATION.test(input)) {
    let total = 0;
    for (const match of input.matchAll(GO_PART)) {
      total += Number(match[1]) * (UNIT_MILLIS[match[2] as string] as number);
    }
    return Math.round(total);
  }
  const parts = input.split(/\s*(?:,|\band\b)\s*/).filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error(`invalid duration "${text}"`);
  let total = 0;
  for (const part of parts) {
    const match = WORDS.exec(part);
    const unit = match ? UNIT_MILLIS[match[2] as string] : undefined;
    if (!match || unit === undefined) {
      throw new Error(
        `invalid duration "${text}": write e.g. "30 seconds", "5 minutes", "1 hour" or "1m30s"`,
      );
    }
    total += Number(match[1]) * unit;
  }
  return Math.round(total);
}

/**
 * Format milliseconds the way Go's `time.Duration.String()` does (`1m30s`, `5m0s`, `300ms`).
 *
 * @example
 * ```ts
 * formatGoDuration(90_000); // "1m30s"
 * ```
 */
export function formatGoDuration(millis: number): string {
  if (millis === 0) return "0s";
  if (millis < 1000) return `${millis}ms`;
  const totalSeconds = millis / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  const secondsText = `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}
