import { z } from 'zod';
import { configPart } from '../../lib/config-kit';
import { isValidAddress } from './address';

export const emailsConfig = configPart({
  shape: {
    /**
     * The envelope and From address of guest email (the display name is the hotel's). On Cloudflare it
     * must be on a domain with Email Routing; locally any address works (the binding writes .eml files).
     */
    EMAIL_FROM: z
      .string()
      .default('reservations@wehub.localhost')
      .refine(isValidAddress, 'must be a plain e-mail address such as reservations@example.com'),
    /** Where guests reach this worker: the origin of the unsubscribe links in marketing email. */
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://localhost:8787')
      .transform((url) => url.replace(/\/+$/, '')),
  },
});
