import { callSquare, type SquareCall, type SquareDeps } from './square.client';

/**
 * Square's OAuth API as connections use it, through callSquare (our outbound client, its timeout, the
 * SDK loaded lazily): ObtainToken (authorization_code with PKCE, refresh_token), RevokeToken,
 * ListLocations. Answers are plain data; tokens appear in them and nowhere else (never in a log line:
 * the outbound client logs host, status and latency only).
 *
 * ObtainToken takes no bearer token (the SDK sends none for it): the PKCE flow authenticates by
 * `client_id` and the `code_verifier`, and a PKCE refresh by `client_id` alone — which is why Square
 * answers each refresh with a new, single-use refresh token.
 */
export type ObtainedToken = {
  accessToken: string;
  refreshToken: string | null;
  /** epoch ms */
  expiresAt: number;
  merchantId: string;
};

export type OAuthApp = { applicationId: string; redirectUrl?: string };

// ObtainToken never reads the SDK's bearer token; the client still wants one to be built.
const NO_BEARER = { accessToken: 'unused-no-bearer' };

function obtained(res: {
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: string;
  merchantId?: string;
}): ObtainedToken | null {
  const expiresAt = res.expiresAt ? Date.parse(res.expiresAt) : Number.NaN;
  // A 200 without what ObtainToken promises is no usable answer (the caller reports a gateway error).
  if (!res.accessToken || !res.merchantId || Number.isNaN(expiresAt)) return null;
  return {
    accessToken: res.accessToken,
    refreshToken: res.refreshToken ?? null,
    expiresAt,
    merchantId: res.merchantId,
  };
}

export function exchangeCode(
  deps: SquareDeps,
  app: OAuthApp,
  grant: { code: string; codeVerifier: string },
): Promise<SquareCall<ObtainedToken | null>> {
  return callSquare(deps, NO_BEARER, async (client) =>
    obtained(
      await client.oAuth.obtainToken({
        clientId: app.applicationId,
        grantType: 'authorization_code',
        code: grant.code,
        codeVerifier: grant.codeVerifier,
        ...(app.redirectUrl ? { redirectUri: app.redirectUrl } : {}),
      }),
    ),
  );
}

export function refreshAccessToken(
  deps: SquareDeps,
  app: OAuthApp,
  refreshToken: string,
): Promise<SquareCall<ObtainedToken | null>> {
  return callSquare(deps, NO_BEARER, async (client) =>
    obtained(await client.oAuth.obtainToken({ clientId: app.applicationId, grantType: 'refresh_token', refreshToken })),
  );
}

/** RevokeToken authenticates with `Authorization: Client <application secret>`, not a bearer token. */
export function revokeMerchant(
  deps: SquareDeps,
  app: { applicationId: string; applicationSecret: string },
  accessToken: string,
): Promise<SquareCall<boolean>> {
  return callSquare(deps, { accessToken: app.applicationSecret }, async (client) => {
    const res = await client.oAuth.revokeToken(
      { clientId: app.applicationId, accessToken },
      { headers: { Authorization: `Client ${app.applicationSecret}` } },
    );
    return res.success === true;
  });
}

export type SquareLocation = { id: string; status: string; currency: string | null };

export function listLocations(deps: SquareDeps, accessToken: string): Promise<SquareCall<SquareLocation[]>> {
  return callSquare(deps, { accessToken }, async (client) => {
    const res = await client.locations.list();
    return (res.locations ?? []).flatMap((l) =>
      l.id ? [{ id: l.id, status: String(l.status ?? ''), currency: l.currency ? String(l.currency) : null }] : [],
    );
  });
}

/**
 * The location a hotel's payments go to: Square lists the main location first; we take the first
 * ACTIVE one, preferring one in the hotel's currency when known.
 */
export function pickLocation(locations: readonly SquareLocation[], currency?: string): SquareLocation | null {
  const active = locations.filter((l) => l.status === 'ACTIVE');
  return active.find((l) => currency !== undefined && l.currency === currency) ?? active[0] ?? null;
}
