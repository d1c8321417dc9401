/**
 * Byte arrays compare as bytes: vitest's structural equality visits an output's bytes one by one
 * (seconds for a pack), where Buffer.equals compares them at once. Equal exactly when the default
 * would be: the same kind of array with the same bytes; other pairs keep the default comparison.
 */
import { expect } from 'vitest';

expect.addEqualityTesters([
  function sameBytes(a: unknown, b: unknown): boolean | undefined {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.constructor !== b.constructor) return undefined;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  },
]);
