import { describe, expect, it } from 'vitest';
import committed from '../../client/openapi.json';
import { call, expectStatus } from '../helpers/http';

// The client's types are generated from client/openapi.json (npm run client:generate); `npm run
// client:check` proves the generated files match it, and this proves it is the document the worker serves.
describe('the client package', () => {
  it('was generated from the document the worker serves', async () => {
    const served = await expectStatus(call('GET', '/openapi.json', { auth: null }), 200);
    expect(served, 'client/openapi.json is stale: run npm run client:generate').toEqual(committed);
  });
});
