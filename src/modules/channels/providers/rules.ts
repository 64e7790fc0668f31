import type { FieldError } from '../../../errors';
import type { ChannelProvider } from '../channels.table';

/**
 * What each provider needs on its channel: how reservations move (`modes`, the first is the default),
 * whether we call the partner (`endpoint_url`), whether it authenticates (`credentials`), whether it
 * names the hotel by a code, and whether the channel is an iCalendar of one room type.
 */
export type ProviderRules = {
  modes: readonly ('pull' | 'push')[];
  endpoint: boolean;
  credentials: boolean;
  hotelCode: boolean;
  calendar: boolean;
};

const OTA: ProviderRules = {
  modes: ['pull', 'push'],
  endpoint: true,
  credentials: true,
  hotelCode: true,
  calendar: false,
};
const CALENDAR: ProviderRules = {
  modes: ['pull'],
  endpoint: false,
  credentials: false,
  hotelCode: false,
  calendar: true,
};

export const PROVIDER_RULES: Record<ChannelProvider, ProviderRules> = {
  ota_xml: OTA,
  booking_com: OTA,
  // QuickConnect: AR and BR/BC are both calls we make; Expedia posts nothing to us.
  expedia: { ...OTA, modes: ['pull'] },
  // We are the AlpineBits server: the client calls us, we never call it.
  alpinebits: { modes: ['push'], endpoint: false, credentials: true, hotelCode: true, calendar: false },
  ical: CALENDAR,
  airbnb: CALENDAR,
};

export type ChannelShape = {
  endpoint_url?: string | undefined;
  credentials?: unknown;
  hotel_code?: string | undefined;
  mode?: 'pull' | 'push' | undefined;
  profile?: unknown;
  room_type_id?: string | undefined;
  ical_import_url?: string | null | undefined;
};

/**
 * The fields a provider requires or does not take, as field errors (empty when the shape fits). `creating`:
 * required fields must be present; on an update only what is sent is checked.
 */
export function shapeErrors(provider: ChannelProvider, input: ChannelShape, creating: boolean): FieldError[] {
  const rules = PROVIDER_RULES[provider];
  const errors: FieldError[] = [];
  const need = (present: boolean, path: string) => {
    if (creating && !present) errors.push({ path, message: `required for provider ${provider}` });
  };
  const refuse = (present: boolean, path: string) => {
    if (present) errors.push({ path, message: `not used by provider ${provider}` });
  };
  (rules.endpoint ? need : refuse)(input.endpoint_url !== undefined, 'endpoint_url');
  (rules.credentials ? need : refuse)(input.credentials !== undefined, 'credentials');
  (rules.hotelCode ? need : refuse)(input.hotel_code !== undefined, 'hotel_code');
  if (rules.calendar) need(input.room_type_id !== undefined, 'room_type_id');
  else {
    refuse(input.room_type_id !== undefined, 'room_type_id');
    refuse(input.ical_import_url !== undefined && input.ical_import_url !== null, 'ical_import_url');
  }
  if (provider !== 'ota_xml') refuse(input.profile !== undefined, 'profile');
  if (input.mode !== undefined && !rules.modes.includes(input.mode)) {
    errors.push({ path: 'mode', message: `provider ${provider} supports ${rules.modes.join(' or ')}` });
  }
  return errors;
}
