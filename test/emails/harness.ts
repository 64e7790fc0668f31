import { env } from 'cloudflare:workers';
import PostalMime from 'postal-mime';
import type { Deps } from '../../src/deps';
import type { Envelope, Mailer } from '../../src/modules/emails/mailer';
import { type EmailRequest, queueEmail } from '../../src/modules/emails/outbox.service';
import { testDeps } from '../helpers/deps';

/** A Mailer that keeps what it was given; `failWith` makes the next sends throw that error. */
export function recordingMailer() {
  const mailer = {
    sent: [] as Envelope[],
    failWith: [] as Error[],
    send: async (envelope: Envelope) => {
      const failure = mailer.failWith.shift();
      if (failure) throw failure;
      mailer.sent.push(envelope);
      return { messageId: `provider-${mailer.sent.length}` };
    },
  };
  return mailer satisfies Mailer;
}

export function emailDeps(mailer: Mailer = recordingMailer(), overrides: Partial<Deps> = {}) {
  return testDeps({ mailer, ...overrides });
}

let seq = 0;
/** An outbox row as an automation would record it (the default guest has a tricky name). */
export async function queued(deps: Deps, hotelId: string, overrides: Partial<EmailRequest> = {}) {
  seq += 1;
  return queueEmail(deps, {
    hotelId,
    dedupeKey: `test:${Date.now()}:${seq}`,
    templateKey: 'reservation_confirmation',
    language: 'en',
    category: 'transactional',
    reservationId: null,
    eventId: null,
    to: { address: 'zoe.obrien@guest.example', name: 'Zoë "O\'Brien"' },
    variables: { guest_name: 'Zoë "O\'Brien"', confirmation_number: 'ABC123', hotel_name: 'Hôtel Ümlaut' },
    ...overrides,
  });
}

export async function outboxRow(id: string) {
  return env.DB.prepare('SELECT * FROM email_outbox WHERE id = ?').bind(id).first<Record<string, any>>();
}

export function parse(raw: string) {
  return PostalMime.parse(raw);
}

/** The raw header block (unfolded lines kept as written), for checks a parser would smooth over. */
export function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}
