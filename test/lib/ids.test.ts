import { describe, expect, it } from 'vitest';
import { newId, ulid } from '../../src/lib/ids';

describe('ids', () => {
  it('sort in creation order even when they share a millisecond', () => {
    const now = Date.now();
    const ids = Array.from({ length: 500 }, () => ulid(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never sort before an earlier id when the clock steps back', () => {
    const later = ulid(Date.now() + 1000);
    const after = ulid(Date.now());
    expect(after > later).toBe(true);
  });

  it('keep the prefixed 26-character ULID layout the cursors expect', () => {
    const id = newId('reservation');
    expect(id).toMatch(/^res_[0-9a-hjkmnp-tv-z]{26}$/);
  });
});
