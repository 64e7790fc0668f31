import type { Scope } from '../auth/scopes';

/** HTML of the authorization pages: self-contained (inline style, no script, no external asset). */

const SCOPE_TEXT: Record<Scope, string> = {
  'hotels:read': 'Read the hotel, its room types and rate plans',
  'hotels:write': 'Change the hotel, room types, rate plans, rates and availability',
  'availability:read': 'Search availability and prices',
  'reservations:read': 'Read reservations and guest profiles',
  'reservations:write': 'Create, change and cancel reservations',
  'payments:read': 'Read payments and folios',
  'payments:write': 'Take payments',
  'webhooks:manage': 'Manage webhook endpoints and read the event log',
  'channels:manage': 'Manage OTA channel connections',
  'emails:manage': 'Manage guest email templates and campaigns',
  'audit:read': 'Read the audit log',
  admin: 'Everything',
};

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · WeHub</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.4rem}ul{padding-left:1.2rem}label{display:block;margin:.4rem 0}input[type=password],textarea{width:100%;box-sizing:border-box;padding:.5rem}
.error{background:#fde8e8;border:1px solid #e0a0a0;padding:.6rem;border-radius:4px}button{padding:.5rem 1.1rem;margin-right:.6rem}
small{color:#5b6575}</style></head><body>${body}</body></html>`;
}

function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

function scopeList(scopes: readonly Scope[]): string {
  return `<ul>${scopes.map((s) => `<li>${escapeHtml(SCOPE_TEXT[s])} <small>(${escapeHtml(s)})</small></li>`).join('')}</ul>`;
}

/** Shown instead of a redirect when the request names no valid client or redirect URI (RFC 6749 §4.1.2.1). */
export function errorPage(description: string): string {
  return page(
    'Authorization failed',
    `<h1>This authorization request cannot be completed</h1><p class="error">${escapeHtml(description)}</p>
<p>Nothing was shared. Go back to the app and start again, or tell its developer.</p>`,
  );
}

export type SignInPage = {
  appName: string;
  scopes: readonly Scope[];
  params: Record<string, string | undefined>;
  csrf: string;
  idpEnabled: boolean;
  error?: string | undefined;
};

/** Step 1: who is granting. The credential goes in a POST body, never in a URL. */
export function signInPage(p: SignInPage): string {
  const idp = p.idpEnabled
    ? `<label>…or a token from your identity provider<textarea name="id_token" rows="3" autocomplete="off"></textarea></label>`
    : '';
  return page(
    'Authorize app',
    `<h1>${escapeHtml(p.appName)} asks for access to your hotel</h1>
${p.error ? `<p class="error">${escapeHtml(p.error)}</p>` : ''}
<p>It asks to:</p>${scopeList(p.scopes)}
<form method="post" action="/oauth/authorize">${hidden({ ...p.params, csrf: p.csrf, step: 'sign_in' })}
<label>Your hotel API key (with the <code>admin</code> scope)<input type="password" name="api_key" autocomplete="off"></label>${idp}
<p><button type="submit" name="action" value="sign_in">Continue</button><button type="submit" name="action" value="deny">Cancel</button></p>
</form>`,
  );
}

export type ConsentPage = {
  appName: string;
  scopes: readonly Scope[];
  hotels: readonly { id: string; name: string }[];
  ticket: string;
  csrf: string;
  error?: string | undefined;
};

/** Step 2: which of the signed-in user's hotels the app may act for, and Allow or Deny. */
export function consentPage(p: ConsentPage): string {
  const hotels = p.hotels
    .map(
      (h) =>
        `<label><input type="checkbox" name="hotel_id" value="${escapeHtml(h.id)}"> ${escapeHtml(h.name)} <small>${escapeHtml(h.id)}</small></label>`,
    )
    .join('');
  return page(
    'Authorize app',
    `<h1>Allow ${escapeHtml(p.appName)}?</h1>
${p.error ? `<p class="error">${escapeHtml(p.error)}</p>` : ''}
<p>${escapeHtml(p.appName)} will be able to:</p>${scopeList(p.scopes)}
<form method="post" action="/oauth/authorize">${hidden({ ticket: p.ticket, csrf: p.csrf, step: 'consent' })}
<fieldset><legend>For these hotels</legend>${hotels}</fieldset>
<p><button type="submit" name="action" value="allow">Allow</button><button type="submit" name="action" value="deny">Deny</button></p>
<p><small>You can revoke this at any time (DELETE /api/v1/oauth/grants/:id).</small></p>
</form>`,
  );
}
