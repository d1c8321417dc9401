/** The tests' byte comparison (test/setup.ts): as strict as vitest's own, only faster. */
import { describe, expect, it } from 'vitest';

describe('comparing bytes in tests', () => {
  const bytes = Buffer.alloc(1 << 20, 7);
  const changed = Buffer.from(bytes);
  changed[changed.length - 1] = 8;

  it('finds equal bytes equal, alone or in a map of outputs', () => {
    expect(Buffer.from(bytes)).toEqual(bytes);
    expect(new Map([['a.pdf', Buffer.from(bytes)]])).toEqual(new Map([['a.pdf', bytes]]));
    expect(new Uint8Array(bytes).subarray(1)).toStrictEqual(new Uint8Array(bytes.subarray(1)));
  });

  it('finds a single changed, missing or extra byte', () => {
    expect(changed).not.toEqual(bytes);
    expect(new Map([['a.pdf', changed]])).not.toEqual(new Map([['a.pdf', bytes]]));
    expect(bytes.subarray(1)).not.toEqual(bytes);
    expect(Buffer.concat([bytes, Buffer.of(7)])).not.toEqual(bytes);
  });

  it('still tells a Buffer from a Uint8Array where vitest does', () => {
    expect(Buffer.of(1, 2)).not.toStrictEqual(new Uint8Array([1, 2]));
  });
});
