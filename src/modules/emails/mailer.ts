import { EmailMessage } from 'cloudflare:email';

/** One message on its way out: envelope sender and recipient, the MIME text, and the hotel it is for (metrics). */
export type Envelope = { from: string; to: string; raw: string; hotelId?: string };

/**
 * What sends a built message. The Workers `send_email` binding is the one we have; an HTTP provider
 * can be added behind the same `send()`. Tests inject their own.
 */
export type Mailer = { send: (envelope: Envelope) => Promise<{ messageId: string | null }> };

/**
 * Through the `send_email` binding. Locally (wrangler dev / Miniflare) the binding writes each message
 * to an .eml file under `.wrangler/tmp/…/email/` and logs that path itself; it answers with the id it
 * gave the message (Miniflare rewrites the Message-ID header of its stored copy to it).
 */
export function bindingMailer(binding: SendEmail): Mailer {
  return {
    send: async ({ from, to, raw }) => {
      const result = await binding.send(new EmailMessage(from, to, raw));
      return { messageId: result?.messageId ?? null };
    },
  };
}

/**
 * Errors of the binding that sending again cannot fix: a recipient or sender the account may not use,
 * a message it cannot parse. Anything else (a timeout, a limit) is worth a retry.
 */
export function isPermanentSendError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /not allowed|not verified|could not parse|invalid|does not match/i.test(message);
}
