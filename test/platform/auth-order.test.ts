/**
 * Regression (from a review of the backbone): securedRoute runs jsonOnly before authenticate, so a caller without any
 * credential gets a 415 (and the route's accepted media type) where every other refusal of such a caller
 * is a 401; partnerGate checks the credential first. Authentication should come first here too.
 */

import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('a request without a credential', () => {
  it('is a 401 whatever its media type', async () => {
    const res = await SELF.fetch('http://localhost/api/v1/hotels', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(401);
  });
});
