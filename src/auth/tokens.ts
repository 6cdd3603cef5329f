import { createHash, randomBytes } from 'node:crypto';

/** Customer tokens reach one conversation; agent tokens are sessions. The prefix tells them apart without a look-up. */
export const CUSTOMER_TOKEN_PREFIX = 'ct_';
export const AGENT_TOKEN_PREFIX = 'at_';
/** Server-to-server keys of chat-app and help-desk bridges: they post customer messages for a channel. */
export const API_KEY_PREFIX = 'bk_';

export function newToken(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url');
}

/** Tokens are stored only as this hash, so a leaked database holds no usable credential. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
