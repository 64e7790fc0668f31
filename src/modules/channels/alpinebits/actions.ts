import type { AlpineBitsAction } from './session';

/**
 * The actions this server answers, by the form field `action`. The handshake announces exactly these
 * (intersected with what the client offers); a new capability is one more file and one more line here.
 */
export const ALPINEBITS_ACTIONS: Readonly<Record<string, AlpineBitsAction>> = {};
