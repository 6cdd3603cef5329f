import type { IntentCorpus } from '../intent-model.ts';
import { ACCOUNT_UTTERANCES } from './account.ts';
import { CONVERSATION_UTTERANCES } from './conversation.ts';
import { DELIVERY_UTTERANCES } from './delivery.ts';
import { NEWSLETTER_UTTERANCES } from './newsletter.ts';
import { ORDER_UTTERANCES } from './orders.ts';
import { PAYMENT_UTTERANCES } from './payments.ts';
import { PRODUCT_UTTERANCES } from './products.ts';
import { RETURN_UTTERANCES } from './returns.ts';
import { SUPPORT_UTTERANCES } from './support.ts';

/**
 * What the offline intent model is trained on at start: example customer messages, by intent, for an online clothing
 * and outdoor store. Written for this project (not taken from any data set), in customers' own registers: short and
 * long, polite and blunt, with typos, UK and US spelling, order numbers and emails.
 */
export const STORE_CORPUS: IntentCorpus = {
  ...ORDER_UTTERANCES,
  ...DELIVERY_UTTERANCES,
  ...RETURN_UTTERANCES,
  ...PAYMENT_UTTERANCES,
  ...ACCOUNT_UTTERANCES,
  ...NEWSLETTER_UTTERANCES,
  ...PRODUCT_UTTERANCES,
  ...SUPPORT_UTTERANCES,
  ...CONVERSATION_UTTERANCES,
};
