/**
 * Regression (from a review of the backbone): a deployment whose configuration is invalid (e.g. a secret missing after
 * a deploy) makes handleQueue throw before it looks at a message. The runtime then retries the whole
 * batch at once, up to max_retries (10), moves it to the DLQ, whose consumer throws the same way
 * (max_retries 3), and the messages are dropped: every queued event.deliver is lost without a
 * dead_letters row. The consumer should leave the messages for later (retry with a delay) instead.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';

describe('the JOBS consumer with an invalid configuration', () => {
  it('does not fail the batch: each message is retried later, none is acknowledged', async () => {
    const broken = { ...env, ENVIRONMENT: 'production', ADMIN_API_KEY: '' } as unknown as Env;
    const batch = createMessageBatch('wehub-jobs', [
      { id: 'cfg-1', timestamp: new Date(), attempts: 1, body: { type: 'event.relay', payload: { at: 1 } } },
    ]);
    const retry = vi.spyOn(batch.messages[0] as Message, 'retry');
    const ctx = createExecutionContext();
    let thrown: unknown = null;
    try {
      await worker.queue(batch, broken);
    } catch (err) {
      thrown = err;
    }
    expect(thrown, 'a ConfigError escapes the consumer: the runtime burns the retries at once').toBeNull();
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['cfg-1']);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 600 });
  });
});
