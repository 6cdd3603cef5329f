/** What the offline AI says to small talk, and when it is not sure. Plain data, so a business can reword it. */
export const SMALL_TALK: Record<string, string> = {
  greeting: "Hello! I'm the store's assistant. I can help with orders, delivery, returns, refunds, payments and your account, and I can bring in a person whenever you like.",
  thanks: "You're welcome! Is there anything else I can help with?",
  goodbye: 'Thanks for getting in touch. Have a great day!',
  smalltalk: "I'm the store's virtual assistant, not a person, but I can answer most questions about orders, delivery, returns and your account. If you'd rather talk to someone from the team, just say so.",
  affirm: 'Great. What else can I help you with?',
  deny: 'All right. Is there something else I can help with?',
};

export const NOT_SURE =
  "I'm not sure I have the right answer to that, and I'd rather not guess. Could you put it another way? You can also ask for a person at any time.";
