import type {
  AvailStatus,
  ChannelContext,
  ImportOutcome,
  InboundReservation,
  OutgoingRequest,
  PartnerAnswer,
  RateAmount,
} from './domain';
import type { XmlRefusal } from './xml/xml';

/**
 * What a provider (one folder under providers/) does, in domain terms. The services around it —
 * channels CRUD, the ARI push job, the pull cron, the partner push route — are the same for every
 * provider; a new channel is one more folder that fills these in.
 */
export type AriAdapter = {
  /** OTA_HotelAvailNotifRQ (or the provider's form), already split into messages of bounded size. */
  availability: (ctx: ChannelContext, statuses: readonly AvailStatus[]) => OutgoingRequest[];
  /** OTA_HotelRateAmountNotifRQ (or the provider's form), split likewise. */
  rates: (ctx: ChannelContext, amounts: readonly RateAmount[]) => OutgoingRequest[];
  /** The partner's answer to either; an unreadable answer is an `error`. */
  readAnswer: (xml: string) => PartnerAnswer;
};

export type InboundBatch =
  | {
      ok: true;
      reservations: InboundReservation[];
      answer: PartnerAnswer;
      /** The message's root and EchoToken, what answerPush needs to answer it in kind. */
      message?: { root: string; echoToken: string | null };
    }
  | { ok: false; refusal: XmlRefusal };

/**
 * One acknowledgement message and the channel reservations it speaks for: a pulled batch may need several
 * (Expedia confirms at most 10 bookings per BookingConfirmRQ), and each is marked on its own answer.
 */
export type Acknowledgement = OutgoingRequest & { channelReservationIds: readonly string[] };

/**
 * The channel's answer to an acknowledgement. `error`: it took none of them. Otherwise `refused` names
 * those it did not take (Expedia's per-booking Warnings): they stay unacknowledged and come again.
 */
export type AcknowledgementAnswer = { answer: PartnerAnswer; refused: readonly string[] };

export type ReservationAdapter = {
  /** Pull mode: the requests that fetch new, modified and cancelled reservations. */
  pullRequests: (ctx: ChannelContext) => OutgoingRequest[];
  /** Reads a pulled batch (OTA_ResRetrieveRS, Booking.com's OTA_HotelResNotifRQ / ModifyNotifRQ). */
  readPulled: (xml: string) => InboundBatch;
  /**
   * Pull mode: tells the channel what we did with a pulled batch (OTA_NotifReportRQ, …ResNotifRS,
   * BookingConfirmRQ), in as many messages as the channel's limits need; none if nothing to say.
   */
  acknowledge: (ctx: ChannelContext, outcomes: readonly ImportOutcome[]) => Acknowledgement[];
  /** Reads the channel's answer to one of `acknowledge`'s messages; an unreadable answer is an `error`. */
  readAcknowledgement: (xml: string) => AcknowledgementAnswer;
  /** Push mode: reads a pushed OTA_HotelResNotifRQ / OTA_HotelResModifyNotifRQ. */
  readPushed: (xml: string) => InboundBatch;
  /** Push mode: the body answering a push (OTA_HotelResNotifRS with our confirmation numbers). */
  answerPush: (root: string, echoToken: string | null, outcomes: readonly ImportOutcome[]) => string;
};

export type ProviderAdapter = { ari: AriAdapter; reservations: ReservationAdapter };
