import { ExpectationError } from "./ExpectationError.ts";
import type { LastCommand } from "./KubespecWorld.ts";

/** Trailing spaces on each line do not count (tables end at their last cell). */
function normalize(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}

function shown(command: LastCommand): string {
  return `$ ${command.command}\n--- stdout ---\n${command.stdout}--- stderr ---\n${command.stderr}--- exit code ${command.exitCode}`;
}

/** The command's stdout is exactly `expected` (trailing spaces and final newlines ignored). */
export function expectOutput(command: LastCommand, expected: string): void {
  if (normalize(command.stdout) !== normalize(expected)) {
    throw new ExpectationError(
      "the output differs (- expected, + actual)",
      normalize(expected),
      normalize(command.stdout),
      shown(command),
    );
  }
}

/** The command's stderr is exactly `expected` (trailing spaces and final newlines ignored). */
export function expectErrorOutput(command: LastCommand, expected: string): void {
  if (normalize(command.stderr) !== normalize(expected)) {
    throw new ExpectationError(
      "the error output differs (- expected, + actual)",
      normalize(expected),
      normalize(command.stderr),
      shown(command),
    );
  }
}

/** stdout or stderr contains `text`. */
export function expectOutputContains(command: LastCommand, text: string): void {
  const all = normalize(`${command.stdout}\n${command.stderr}`);
  if (!all.includes(normalize(text)))
    throw new Error(`the output does not contain:\n${text}\n\nactual:\n${shown(command)}`);
}

/** The command failed (non-zero exit) and its stderr contains `text`. */
export function expectCommandFailed(command: LastCommand, text: string): void {
  if (command.exitCode === 0)
    throw new Error(`the command succeeded, but it should have failed.\n${shown(command)}`);
  if (!normalize(command.stderr).includes(normalize(text))) {
    throw new Error(
      `the command failed, but its error does not contain:\n${text}\n\nactual:\n${shown(command)}`,
    );
  }
}

/** Neither stdout nor stderr contains `text`. */
export function expectOutputNotContains(command: LastCommand, text: string): void {
  const all = normalize(`${command.stdout}\n${command.stderr}`);
  if (all.includes(normalize(text)))
    throw new Error(`the output contains, but should not:\n${text}\n\nactual:\n${shown(command)}`);
}
