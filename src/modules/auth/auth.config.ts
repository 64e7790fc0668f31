import { z } from 'zod';
import { configPart, flag, optionalString } from '../../lib/config-kit';

export const authConfig = configPart({
  shape: {
    ADMIN_API_KEY: optionalString,
    JWT_SIGNING_SECRET: optionalString,
    JWT_JWKS_URL: optionalString.pipe(z.url().optional()),
    JWT_ISSUER: optionalString,
    JWT_AUDIENCE: optionalString,
    /** Lets an external token claim the `admin` scope or `hotel_ids: "*"` (platform admin); off by default. */
    JWT_EXTERNAL_ADMIN: flag,
  },
  check: (c, deployed) => {
    const issues: { path: string; message: string }[] = [];
    const secret = c.JWT_SIGNING_SECRET;
    if (secret !== undefined && secret.length < 32) {
      issues.push({ path: 'JWT_SIGNING_SECRET', message: 'must be at least 32 characters' });
    }
    if (!deployed) return issues;
    if (!c.ADMIN_API_KEY || c.ADMIN_API_KEY.length < 32) {
      issues.push({ path: 'ADMIN_API_KEY', message: 'required, at least 32 characters' });
    }
    if (!secret) issues.push({ path: 'JWT_SIGNING_SECRET', message: 'required' });
    // Without them any token signed by the key set passes, whoever it was issued to.
    if (c.JWT_JWKS_URL) {
      for (const key of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
        if (!c[key]) issues.push({ path: key, message: 'required when JWT_JWKS_URL is set' });
      }
    }
    return issues;
  },
});
