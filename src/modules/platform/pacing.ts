import type { PaceRule } from '../../lib/pacing';

/**
 * Each partner's pace: its `[[ratelimits]]` binding (wrangler.toml `PACE_*`, a fixed limit per 60 s)
 * and whose calls one count covers (the `paceKey` its callers pass). Why each rate, with the partner's
 * published limit: docs/operations.md, "Rate limits and pacing". Keep `limit` equal to the binding's.
 */
export type PartnerPace = { binding: 'PACE_SQUARE' | 'PACE_OTA' | 'PACE_WEBHOOK' | 'PACE_EMAIL'; limit: number };

export const PARTNER_PACES = {
  /** Per Square seller (access token digest): Square publishes no number; 5/s stays under what it refuses. */
  square: { binding: 'PACE_SQUARE', limit: 300 },
  /** Per channel (`ota:<provider>`): Booking.com allows 200 calls/min and warns from 170. */
  ota: { binding: 'PACE_OTA', limit: 120 },
  /** Per webhook endpoint: a hotel's own server, not sized for bursts. */
  webhook: { binding: 'PACE_WEBHOOK', limit: 300 },
  /** Per sending domain (the `send_email` binding): guest email, campaigns included. */
  email: { binding: 'PACE_EMAIL', limit: 300 },
} as const satisfies Record<string, PartnerPace>;

export const PACE_PERIOD_SECONDS = 60;

/** The pace of an outbound service name (`square`, `ota:<provider>`, `webhook`, `email`), or null. */
export function partnerPaceOf(service: string): PartnerPace | null {
  const family = service.startsWith('ota:') ? 'ota' : service;
  return family in PARTNER_PACES ? PARTNER_PACES[family as keyof typeof PARTNER_PACES] : null;
}

export function paceRules(env: Env): (service: string) => PaceRule | null {
  return (service) => {
    const pace = partnerPaceOf(service);
    if (!pace) return null;
    return { limiter: env[pace.binding], limit: pace.limit, periodSeconds: PACE_PERIOD_SECONDS };
  };
}
