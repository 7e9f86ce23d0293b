const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Time formats programs stamp their log lines with (`{now:<format>}`). */
export function formatLogTime(millis: number, format: string): string {
  const d = new Date(millis);
  const Y = d.getUTCFullYear();
  const M = pad(d.getUTCMonth() + 1);
  const D = pad(d.getUTCDate());
  const h = pad(d.getUTCHours());
  const m = pad(d.getUTCMinutes());
  const s = pad(d.getUTCSeconds());
  const ms = pad(d.getUTCMilliseconds(), 3);
  switch (format) {
    case "nginx":
      return `${Y}/${M}/${D} ${h}:${m}:${s}`;
    case "clf":
      return `${D}/${MONTHS[d.getUTCMonth()]}/${Y}:${h}:${m}:${s} +0000`;
    case "redis":
      return `${D} ${MONTHS[d.getUTCMonth()]} ${Y} ${h}:${m}:${s}.${ms}`;
    case "unix":
      return String(Math.floor(millis / 1000));
    case "postgres":
      return `${Y}-${M}-${D} ${h}:${m}:${s}.${ms} UTC`;
    case "mysql":
      return `${Y}-${M}-${D} ${h}:${m}:${s}+00:00`;
    case "apache":
      return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${D} ${h}:${m}:${s}.${ms}000 ${Y}`;
    case "klog":
      return `${h}:${m}:${s}.${ms}000`;
    case "klogdate":
      // The mmdd after klog's severity letter (`I0301 09:00:01.100000`).
      return `${M}${D}`;
    case "go":
      return `${Y}-${M}-${D} ${h}:${m}:${s}.${ms}000000 +0000 UTC`;
    default:
      return `${Y}-${M}-${D}T${h}:${m}:${s}.${ms}000Z`;
  }
}

/**
 * Fill a log or response template: `{now:nginx}` and the other time formats of
 * {@link formatLogTime}, and `{name}` from `vars` (unknown names stay as written).
 *
 * @example
 * ```ts
 * renderTemplate("{now:nginx} [notice] nginx/{version}", Date.UTC(2025, 2, 1, 9), { version: "1.27.4" });
 * // "2025/03/01 09:00:00 [notice] nginx/1.27.4"
 * ```
 */
export function renderTemplate(
  text: string,
  now: number,
  vars: Readonly<Record<string, string | number>>,
): string {
  return text.replace(
    /\{(now(?::([a-z]+))?|[A-Za-z]+)\}/g,
    (whole, key: string, format: string | undefined) => {
      if (key.startsWith("now")) return formatLogTime(now, format ?? "iso");
      const value = vars[key];
      return value === undefined ? whole : String(value);
    },
  );
}
