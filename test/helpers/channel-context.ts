import type { ChannelContext } from '../../src/modules/channels/domain';

type Channel = ChannelContext['channel'];

/**
 * A channel as adapters see it (no sealed credentials), every column a test does not name at the value a
 * new enabled pull channel has. The first argument names what the test is about.
 */
export function channelFields(
  fields: Partial<Channel> & Pick<Channel, 'id' | 'hotelId' | 'provider' | 'endpointUrl' | 'hotelCode'>,
  at: Date = new Date(),
): Channel {
  return {
    name: null,
    endpoints: {},
    autoAccept: true,
    enabled: true,
    mode: 'pull',
    syncIntervalSeconds: 300,
    allowedIps: [],
    profile: {},
    inboundUsername: null,
    roomTypeId: null,
    ratePlanId: null,
    icalImportUrl: null,
    icalExportVersion: 1,
    pullClaimedUntil: null,
    lastPulledAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}
