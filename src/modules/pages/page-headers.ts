/**
 * Content-Security-Policy of the HTML pages the worker serves (/docs, /status): scripts, styles,
 * fonts, images and fetches only from this origin, so neither a CDN nor an injected tag can run code
 * here. `style` is the only knob: Scalar's bundle injects its stylesheet as a <style> element at run
 * time, which CSP counts as inline style; inline style cannot run script, so /docs allows it and
 * /status (uPlot sets styles through the CSSOM, which CSP does not govern) does not.
 */
export function contentSecurityPolicy(options: { inlineStyles: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${options.inlineStyles ? " 'unsafe-inline'" : ''}`,
    // Scalar draws a few icons as data: URIs.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every served page besides its CSP. */
export function pageHeaders(csp: string, cacheControl: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // A signed /status link carries its signature in the query: never hand it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': cacheControl,
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value safe to put between quotes in HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}
