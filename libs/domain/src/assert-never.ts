/** Closes an exhaustive `switch`: the compiler rejects a missed case, and a value from outside the types still fails loudly. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
