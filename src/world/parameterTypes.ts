import { ParameterType, ParameterTypeRegistry } from "@cucumber/cucumber-expressions";
import { parseDuration } from "../clock/duration.ts";

const UNIT = "(?:milliseconds?|seconds?|minutes?|hours?|days?)";
/** Durations as scenarios write them: `30 seconds`, `5 minutes and 10 seconds`, `1m30s`. */
export const DURATION_PATTERN = `(?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+|\\d+(?:\\.\\d+)? ${UNIT}(?:(?:,| and) \\d+(?:\\.\\d+)? ${UNIT})*`;
const DURATION = new RegExp(DURATION_PATTERN);

/**
 * Parameter types of kubespec's step vocabulary. The same definitions feed Cucumber and the
 * registry that `within …, <step>` and `for …, <step>` use to find the inner step.
 */
export const parameterTypes = new ParameterTypeRegistry();
parameterTypes.defineParameterType(
  new ParameterType("duration", DURATION, Number, (text: string) => parseDuration(text), true, false),
);

/** Register kubespec's parameter types with Cucumber (the support code calls it). */
export function registerParameterTypes(
  define: (options: { name: string; regexp: RegExp; transformer: (text: string) => unknown }) => void,
): void {
  define({ name: "duration", regexp: DURATION, transformer: (text: string) => parseDuration(text) });
}
