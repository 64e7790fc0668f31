import { AppError } from '../../../errors';
import { ALPINEBITS_ACTIONS } from './actions';
import { logAlpineBits } from './exchange';
import { type AlpineBitsAnswer, type AlpineBitsSession, alpineBitsError } from './session';

function refusalStatus(status: number): AlpineBitsAnswer['status'] {
  return status === 401 || status === 403 || status === 409 ? status : 400;
}

/**
 * Runs the form's `action`. An unknown action, and a request an action refuses by throwing before it
 * read the message (requireVersion: no or an unsupported protocol version), are answered with the
 * protocol's `ERROR:` line and logged on each channel the client authenticated for — a client stuck on
 * the wrong version shows up in the hotel's message log. A failure of ours (5xx) is left to the route's
 * renderer: 503, send again.
 */
export async function dispatchAlpineBits(
  session: AlpineBitsSession,
  actionName: string | null,
  request: string | null,
): Promise<AlpineBitsAnswer> {
  const startedAt = Date.now();
  const action = actionName === null ? undefined : ALPINEBITS_ACTIONS[actionName];
  let answer: AlpineBitsAnswer;
  if (!action) {
    answer = alpineBitsError(400, `unknown action ${JSON.stringify(actionName ?? '')}`);
  } else {
    try {
      return await action(session, request);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      answer = alpineBitsError(refusalStatus(err.status), err.detail);
    }
  }
  await logAlpineBits(session, null, {
    messageType: actionName || 'no action',
    request,
    answer,
    outcome: 'error',
    startedAt,
    detail: answer.body,
  });
  return answer;
}
