/**
 * What the first offline brain recognises, and what it answers: the demo store's most common questions. Data, so
 * that a store can change an answer without touching the matcher.
 */
export interface CannedIntent {
  intent: string;
  patterns: RegExp[];
  answer: string;
}

export const CANNED_INTENTS: CannedIntent[] = [
  {
    intent: 'greeting',
    patterns: [/^\s*(hi|hello|hey|good (morning|afternoon|evening)|hiya|howdy)\b[\s!.,]*$/i],
    answer: "Hello! I'm the store's assistant. I can help with orders, delivery, returns, refunds, payments and your account.",
  },
  {
    intent: 'order_status',
    patterns: [/\b(where|status|track|tracking)\b.*\b(order|package|parcel|delivery)\b/i, /\b(order|package|parcel)\b.*\b(arrive|arriving|shipped|status)\b/i],
    answer:
      'Orders ship within 1 business day and arrive in 2-5 business days. Your tracking link is in the shipping confirmation email; send me your order number and I can pass it on if anything looks wrong.',
  },
  {
    intent: 'delivery_options',
    patterns: [/\b(shipping|delivery)\b.*\b(options?|cost|price|how long|times?|countries|international)\b/i, /\bhow long\b.*\b(ship|deliver)/i],
    answer:
      'Standard delivery takes 2-5 business days and is free over $50; express delivery takes 1-2 business days for $9.90. We ship to the EU, the UK and the US.',
  },
  {
    intent: 'return_policy',
    patterns: [/\b(return|send back|exchange)\b/i],
    answer:
      'You can return unworn items within 30 days of delivery. Start a return from Orders in your account; the label is free, and refunds reach your original payment method within 5-10 business days of us receiving the parcel.',
  },
  {
    intent: 'refund_status',
    patterns: [/\brefund/i, /\bmoney back\b/i],
    answer:
      'Refunds are issued to the original payment method within 5-10 business days after the return arrives at our warehouse. You get an email the moment we issue it.',
  },
  {
    intent: 'payment_methods',
    patterns: [/\b(pay|payment)\b.*\b(methods?|options?|paypal|card|klarna|apple pay)\b/i, /\bcan i pay\b/i],
    answer: 'We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Klarna.',
  },
  {
    intent: 'reset_password',
    patterns: [/\b(password|log ?in|sign ?in)\b/i],
    answer:
      'Use "Forgot password" on the sign-in page and we will email you a reset link valid for one hour. If the email does not arrive, check your spam folder.',
  },
  {
    intent: 'contact_hours',
    patterns: [/\b(opening|business|office|support) hours\b/i, /\bwhen are you open\b/i, /\bphone number\b/i],
    answer:
      'Our team is available Monday to Friday, 9:00-18:00 (CET). I am here around the clock, and you can ask for a person at any time.',
  },
  {
    intent: 'thanks',
    patterns: [/^\s*(thanks|thank you|thx|ty|cheers|great,? thanks?)\b[\s\w!.,]{0,20}$/i],
    answer: "You're welcome! Anything else I can help with?",
  },
  {
    intent: 'goodbye',
    patterns: [/^\s*(bye|goodbye|see you|that'?s all|no,? that'?s (it|all))\b[\s!.,]*$/i],
    answer: 'Thanks for getting in touch. Have a great day!',
  },
];

export const FALLBACK_ANSWER =
  "I'm not sure I understood that. Could you say it another way? You can also ask for a person at any time.";
