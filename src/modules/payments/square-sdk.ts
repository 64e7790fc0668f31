import type { SquareClient } from 'square';
import { CardsClient } from '../../../node_modules/square/api/resources/cards/client/Client.js';
import { CustomersClient } from '../../../node_modules/square/api/resources/customers/client/Client.js';
import { LocationsClient } from '../../../node_modules/square/api/resources/locations/client/Client.js';
import { OAuthClient } from '../../../node_modules/square/api/resources/oAuth/client/Client.js';
import { PaymentsClient } from '../../../node_modules/square/api/resources/payments/client/Client.js';
import { RefundsClient } from '../../../node_modules/square/api/resources/refunds/client/Client.js';
import { Dispute } from '../../../node_modules/square/serialization/types/Dispute.js';
import { Payment } from '../../../node_modules/square/serialization/types/Payment.js';
import { PaymentRefund } from '../../../node_modules/square/serialization/types/PaymentRefund.js';

/**
 * The part of the Square SDK this worker uses, built from the SDK's own classes; only ever loaded through
 * `loadSquare()` (square.client.ts), on the paths that pay.
 *
 * Why not `new SquareClient()` from `square`: that entry is CommonJS and `require`s all ~40 resource
 * clients and the whole serialization layer (≈ 1,700 types), so esbuild must keep every byte of it —
 * ≈ 300 KiB gzip, the largest part of the upload. These are the same classes `SquareClient` builds on
 * first use, with the same options; the package's `exports` offer no path to them, hence the file paths.
 * What each client `require`s of the serialization layer is narrowed by wrangler.toml's [alias] to
 * square-serialization.ts (docs/performance.md, "Startup and bundle size").
 */
export { SquareError, SquareTimeoutError } from '../../../node_modules/square/errors/index.js';

/** The resources `callSquare` hands to its callers; a new one is added here and to `SquareApi` below. */
export type SquareApi = Pick<SquareClient, 'payments' | 'refunds' | 'cards' | 'customers' | 'locations' | 'oAuth'>;

/** `SquareClient`'s resources we call, each made on first use from the same options, as `SquareClient` does. */
export class SquareResources implements SquareApi {
  private readonly options: SquareClient.Options;
  private readonly made: { -readonly [K in keyof SquareApi]?: SquareApi[K] } = {};

  constructor(options: SquareClient.Options) {
    this.options = options;
  }

  get payments() {
    this.made.payments ??= new PaymentsClient(this.options);
    return this.made.payments;
  }

  get refunds() {
    this.made.refunds ??= new RefundsClient(this.options);
    return this.made.refunds;
  }

  get cards() {
    this.made.cards ??= new CardsClient(this.options);
    return this.made.cards;
  }

  get customers() {
    this.made.customers ??= new CustomersClient(this.options);
    return this.made.customers;
  }

  get locations() {
    this.made.locations ??= new LocationsClient(this.options);
    return this.made.locations;
  }

  get oAuth() {
    this.made.oAuth ??= new OAuthClient(this.options);
    return this.made.oAuth;
  }
}

/** The SDK's readers of Square's wire format for the objects notifications carry (square-notifications.ts). */
export const serialization = { Payment, PaymentRefund, Dispute };
