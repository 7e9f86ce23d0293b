/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): parsing, comparison and
 * the canonical string form the apiserver stores (`1.5Gi` → `1536Mi`, `0.5` → `500m`, `2000` → `2k`).
 * Values are held exactly as a bigint count of nano-units.
 */

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** The regular expression quoted in the apiserver's error for a malformed quantity. */
export const QUANTITY_REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** resource.ErrFormatWrong's message. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

const NANO = 1_000_000_000n;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = new Map(Object.entries(BINARY).map(([s, e]) => [e, s]));
/** Quantities already parsed, by their text (or number). */
const PARSED = new Map<string | number, Quantity>();

/**
 * An exact Kubernetes quantity.
 *
 * @example
 * ```ts
 * Quantity.parse("1.5Gi").toString(); // "1536Mi"
 * Quantity.parse("250m").milliValue(); // 250
 * ```
 */

export class Quantity {
  /** Value in nano-units (value × 10⁹), rounded up as the apiserver rounds. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;

  constructor(nanos: bigint, format: QuantityFormat) {
    this.nanos = nanos;
    this.format = format;
  }

  static zero(format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(0n, format);
  }

  /** A quantity from whole units (e.g. bytes, pods). */
  static fromValue(value: number | bigint, format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }

  /** A quantity from milli-units (e.g. millicores). */
  static fromMilli(milli: number | bigint, format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n, format);
  }

  /** Parse a quantity string or JSON number; throws {@link QUANTITY_FORMAT_ERROR} when malformed. */
  static parse(input: string | number): Quantity {
    // Quantities are immutable and objects repeat the same few texts: parse each text once.
    const key = typeof input === "number" ? input : `s${input}`;
    let parsed = PARSED.get(key);
    if (!parsed) {
      parsed = Quantity.#parse(input);
      if (PARSED.size < 10_000) PARSED.set(key, parsed);
    }
    return parsed;
  }

  static #parse(input: string | number): Quantity {
    const text = typeof input === "number" ? numberText(input) : input.trim();
    const match = QUANTITY_RE.exec(text);
    if (!match || text.length === 0) throw new Error(QUANTITY_FORMAT_ERROR);
    const mantissa = match[1] as string;
    const suffix = match[2] as string;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(mantissa)) throw new Error(QUANTITY_FORMAT_ERROR);
    let format: QuantityFormat;
    let base: 2 | 10;
    let exponent: number;
    if (suffix in BINARY) {
      format = "BinarySI";
      base = 2;
      exponent = BINARY[suffix] as number;
    } else if (suffix in DECIMAL) {
      format = "DecimalSI";
      base = 10;
      exponent = DECIMAL[suffix] as number;
    } else if (/^[eE][-+]?\d+$/.test(suffix)) {
      format = "DecimalExponent";
      base = 10;
      exponent = Number(suffix.slice(1));
    } else {
      throw new Error(QUANTITY_FORMAT_ERROR);
    }
    const negative = mantissa.startsWith("-");
    const digits = mantissa.replace(/^[+-]/, "");
    const [whole = "", fraction = ""] = digits.split(".");
    const numerator = BigInt(`${whole}${fraction}` || "0");
    const fractionDigits = fraction.length;
    // value = numerator × 10^-fractionDigits × base^exponent; nanos = value × 10^9, rounded up.
    let num = numerator * NANO;
    let den = 10n ** BigInt(fractionDigits);
    if (base === 2) num *= 2n ** BigInt(exponent);
    else if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den *= 10n ** BigInt(-exponent);
    let nanos = num / den;
    if (num % den !== 0n) nanos += 1n;
    return new Quantity(negative ? -nanos : nanos, format);
  }

  /** Parse, or return undefined when malformed. */
  static tryParse(input: unknown): Quantity | undefined {
    if (typeof input !== "string" && typeof input !== "number") return undefined;
    try {
      return Quantity.parse(input);
    } catch {
      return undefined;
    }
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** Value in milli-units, rounded up (Quantity.MilliValue). */
  milliValue(): number {
    return Number(ceilDiv(this.nanos, 1_000_000n));
  }

  /** Value in whole units, rounded up (Quantity.Value). */
  value(): number {
    return Number(ceilDiv(this.nanos, NANO));
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  cmp(other: Quantity): number {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** The canonical form (Quantity.String / CanonicalizeBytes). */
  toString(): string {
    if (this.nanos === 0n) return "0";
    const negative = this.nanos < 0n;
    const abs = negative ? -this.nanos : this.nanos;
    const sign = negative ? "-" : "";
    if (this.format === "BinarySI" && abs >= 1024n * NANO && abs % NANO === 0n) {
      let mantissa = abs / NANO;
      let exponent = 0;
      while (exponent < 60 && mantissa % 1024n === 0n) {
        mantissa /= 1024n;
        exponent += 10;
      }
      return `${sign}${mantissa}${BINARY_SUFFIX.get(exponent) ?? ""}`;
    }
    let mantissa = abs;
    let exponent = -9;
    while (exponent < 18 && mantissa % 1000n === 0n) {
      mantissa /= 1000n;
      exponent += 3;
    }
    if (this.format === "DecimalExponent") return `${sign}${mantissa}${exponent === 0 ? "" : `e${exponent}`}`;
    return `${sign}${mantissa}${DECIMAL_SUFFIX.get(exponent) ?? ""}`;
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(QUANTITY_FORMAT_ERROR);
  // JSON numbers such as 1e-3 print in exponent form; the regex accepts that as DecimalExponent.
  return String(value);
}

/** Canonicalize a quantity value as the apiserver would store it; throws when malformed. */
export function canonicalQuantity(value: string | number): string {
  return Quantity.parse(value).toString();
}
