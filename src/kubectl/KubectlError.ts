/**
 * A failure kubectl reports itself: the message is printed to stderr exactly as given and the
 * command exits with `exitCode` (1 by default, as cmdutil.CheckErr does).
 *
 * @example
 * ```ts
 * throw new KubectlError('error: the server doesn\'t have a resource type "foo"');
 * ```
 */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "KubectlError";
  }
}
