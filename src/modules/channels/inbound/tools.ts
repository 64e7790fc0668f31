import { RESERVATION_ADAPTERS } from '../providers/reservation-adapters';
import { importReservations } from './import.service';
import type { PullTools } from './pull.service';

/** The real provider adapters and import, as the pull job and the push route use them. */
export const CHANNEL_TOOLS: PullTools = {
  adapterFor: (provider) => RESERVATION_ADAPTERS[provider],
  importBatch: importReservations,
};
