import { otaAriAdapter } from '../ota-ari';

/** A generic OpenTravel 2015A partner: rooms named by InvCode, as in the OpenTravel samples. */
export const otaXmlAri = otaAriAdapter({ roomAttribute: 'InvCode' });
