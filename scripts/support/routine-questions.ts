/**
 * Ten different routine questions the offline brain answers from the demo help centre: the benchmark asks them, and
 * tests that send many messages cycle through them.
 */
export const ROUTINE_QUESTIONS = [
  'What payment methods do you accept?',
  'How long does delivery take?',
  'What is your return policy?',
  'How do I reset my password?',
  'I need to change the shipping address on my order',
  'How do I leave the newsletter?',
  'How long do refunds take?',
  'Do you ship to other countries?',
  'Can I use a discount code?',
  'How do I find the right size?',
] as const;
