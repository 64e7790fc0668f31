// Loaded before Scalar's bundle. Scalar's bundled zod probes whether it may compile validators with
// `Function('')`; under /docs' CSP (no 'unsafe-eval') the probe is refused and reported as a violation.
// zod's own switch (`jitless`, read from this global) skips the probe; validation works the same.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };

// Scripts run in order before DOMContentLoaded: by then the bundle has defined window.Scalar.
document.addEventListener('DOMContentLoaded', () => {
  const app = document.getElementById('app');
  // Nothing from Scalar's servers: no fonts, no telemetry, no AI agent, no developer-tools bar.
  window.Scalar.createApiReference(app, {
    url: app.dataset.openapiUrl,
    withDefaultFonts: false,
    telemetry: false,
    showOperationId: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
  });
});
