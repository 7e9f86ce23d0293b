import { CronExpressionParser } from "cron-parser";
import { parseGoDuration } from "./goDuration.ts";

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

// The field bounds of github.com/robfig/cron/v3 (spec.go), which kube-controller-manager uses.
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** One parsed field: its values, and whether it was a bare `*`/`?` (robfig's star bit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

/** strconv.Atoi, with robfig's messages for what it refuses. */
function parseInt10(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr))
    throw new Error(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  const n = Number(expr);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? parseInt10(expr);
}

/** getRange: `*`, `?`, `n`, `a-b`, each optionally `/step`. */
function parseRange(expr: string, bounds: Bounds, field: Field): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] as string).split("-");
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0] as string, bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] as string, bounds.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1] as string);
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
  if (start < bounds.min)
    throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) field.values.add(i);
  field.star ||= star;
}

function parseField(text: string, bounds: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const expr of text.split(",").filter((e) => e !== "")) parseRange(expr, bounds, field);
  return field;
}

/** A field as cron-parser should read it: `*` for a star, else the explicit values. */
const explicit = (field: Field) => (field.star ? "*" : [...field.values].sort((a, b) => a - b).join(","));

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * A CronJob schedule, parsed as kube-controller-manager parses it (robfig/cron v3 `ParseStandard`:
 * five fields or a descriptor, robfig's error messages). Next times are computed by cron-parser
 * from the normalized fields, so day-of-month/day-of-week follow robfig's rule: a bare `*` in
 * either means both must match, otherwise either may.
 *
 * @example
 * ```ts
 * const every5 = CronSchedule.parse("*\/5 * * * *");
 * new Date(every5.next(Date.parse("2025-03-01T09:01:30Z"))!).toISOString(); // "2025-03-01T09:05:00.000Z"
 * ```
 */
export class CronSchedule {
  readonly #expression: string | undefined;
  readonly #everyMs: number | undefined;
  readonly #timeZone: string | undefined;

  private constructor(
    expression: string | undefined,
    everyMs: number | undefined,
    timeZone: string | undefined,
  ) {
    this.#expression = expression;
    this.#everyMs = everyMs;
    this.#timeZone = timeZone;
  }

  /** cron.ParseStandard; throws an Error with robfig's message for a bad schedule. */
  static parse(spec: string, timeZone?: string): CronSchedule {
    let text = spec;
    if (text.length === 0) throw new Error("empty spec string");
    let zone = timeZone;
    const tz = /^(?:CRON_)?TZ=(\S*)\s*/.exec(text);
    if (tz) {
      zone = tz[1] as string;
      if (!isTimeZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
      text = text.slice(tz[0].length);
    }
    if (text.startsWith("@")) {
      const descriptor = DESCRIPTORS[text];
      if (descriptor) return new CronSchedule(`0 ${descriptor}`, undefined, zone);
      if (text.startsWith("@every ")) {
        let delay: number;
        try {
          delay = parseGoDuration(text.slice("@every ".length));
        } catch (error) {
          throw new Error(`failed to parse duration ${text}: ${(error as Error).message}`);
        }
        // Every: delays under a second become one second; sub-second parts are dropped.
        return new CronSchedule(undefined, Math.max(1000, Math.floor(delay / 1000) * 1000), zone);
      }
      throw new Error(`unrecognized descriptor: ${text}`);
    }
    const fields = text.split(/\s+/).filter((f) => f !== "");
    if (fields.length !== 5)
      throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
    const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
    const parsed = [
      parseField(minute, MINUTES),
      parseField(hour, HOURS),
      parseField(dom, DOM),
      parseField(month, MONTHS),
      parseField(dow, DOW),
    ];
    return new CronSchedule(`0 ${parsed.map(explicit).join(" ")}`, undefined, zone);
  }

  /** Schedule.Next: the first activation strictly after `after` (ms), or undefined if none in 5 years. */
  next(after: number): number | undefined {
    if (this.#everyMs !== undefined) return Math.floor(after / 1000) * 1000 + this.#everyMs;
    try {
      const expression = CronExpressionParser.parse(this.#expression as string, {
        currentDate: new Date(after),
        endDate: new Date(after + 5 * 366 * 86_400_000),
        ...(this.#timeZone ? { tz: this.#timeZone } : { tz: "UTC" }),
      });
      return expression.next().getTime();
    } catch {
      // A grammatical schedule that never fires (`0 0 30 2 *`), as robfig's zero time.
      return undefined;
    }
  }
}

/** Whether an IANA time zone name is known (time.LoadLocation). */
export function isTimeZone(name: string): boolean {
  if (name === "" || name === "UTC" || name === "Local") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
