import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';

/** Longest message text accepted, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 8 * 1024;

/** Parses a request part with a zod schema; a mismatch is a 400 naming the field and the reason. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? undefined);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? issue.path.join('.') : what;
  throw new DomainError(400, 'invalid_request', `${path}: ${issue.message}`);
}

/** Message text: not blank, at most 8 KB; blank and oversized texts get their own codes. */
export function messageText(text: string): string {
  if (text.trim().length === 0) throw new DomainError(400, 'empty_text', 'text must not be empty');
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    throw new DomainError(400, 'text_too_long', `text must be at most ${MAX_TEXT_BYTES} bytes`);
  }
  return text;
}
