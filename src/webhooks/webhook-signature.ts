import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks: `sha256=<hex HMAC-SHA256 of the raw request body, keyed with the subscription's secret>`. */
export const SIGNATURE_HEADER = 'x-baton-signature';

export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** What a receiver does: recompute the signature over the bytes received (not a re-serialised parse) and compare in constant time. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
