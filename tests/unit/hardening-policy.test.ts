/**
 * What the device does with the server's hardening answers: a full disk (503 api.diskFull), a request
 * the server ended for arriving too slowly (408 api.timeout) and an attachment quota used up (429) are
 * transient: every record and action is kept and tried again after Retry-After, none needs attention.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/domain/messages';
import { judgeAction } from '../../src/sync/action-policy';
import { judgeResponse, parseRetryAfter } from '../../src/sync/policy';

const body = (key: keyof typeof MESSAGES) => ({ error: key, message: MESSAGES[key].en, messageHi: MESSAGES[key].hi });

describe('the device and the server\'s hardening answers', () => {
  const retry = parseRetryAfter('60', 0);
  it('keeps a batch and retries after Retry-After when the server is low on disk space or timed the request out', () => {
    expect(judgeResponse(503, body('api.diskFull'), ['A'], retry)).toMatchObject({ kind: 'transient', retryAfterMs: 60_000, error: { message: MESSAGES['api.diskFull'].en } });
    expect(judgeResponse(408, body('api.timeout'), ['A'])).toMatchObject({ kind: 'transient' });
  });
  it('keeps an officer\'s or a kiosk\'s action the same way', () => {
    expect(judgeAction(503, body('api.diskFull'), retry)).toMatchObject({ kind: 'transient', retryAfterMs: 60_000 });
    expect(judgeAction(408, body('api.timeout'))).toMatchObject({ kind: 'transient' });
  });
});
