import { describe, expect, it } from 'vitest';
import { detectComplaint } from './complaint.ts';

const complaints = [
  'I want to file a complaint',
  'i want to fiel a complaiint',
  'lodge consumerclaim',
  "I'm unhappy with ur service",
  'this is unacceptable',
  'worst service ever',
  'never again',
  'I want compensation for the delay',
  'my package never arrived and I was still charged',
  '@united lost my bag AGAIN',
  'the agent at the desk was extremely rude',
  'charged twice for the same order',
  'the app keeps crashing since the update',
  'paying for 400mbps and getting 12. every evening',
  'my refund request has been in review since January',
  'the sofa arrived scratched and the replacement takes 8 weeks',
  'what a joke. 3 hours on hold and they hung up on me',
  'great, another delay, thanks a lot',
  'WTF is this bill??',
  'ordered a medium, got an XXL. again.',
  'ordered 12 eggs, 5 were smashed',
  'promised a call back within 24h. that was last friday.',
  'the lamp arrived without the bulb holder',
  'zero stars if i could',
  '0/10 would not recommend',
  'regret switching to you so much',
  'i hate this app so much',
  'absolutely miserable experience',
];

/** Praise, questions, hypotheses and routine requests that name a failure without complaining of one. */
const notComplaints = [
  'thanks so much, you guys are the best!!!',
  'LOVE the new app',
  'no complaints here, crew was great',
  "can't complain, great service",
  'you guys never disappoint',
  '@united thanks for getting me home despite the delay, crew was awesome',
  'I want to track my order 12345',
  'how do I report a lost package?',
  'if my flight is delayed can I still make the connection?',
  'is there an outage in my area?',
  'I have a problem with my lost access key',
  'I want to check your money back guarantee',
  'I ordered two by accident, can you cancel one?',
  'i need help with my goddamn password',
  "can't complain, the broadband's been solid since the upgrade",
  'not a complaint, just a suggestion: add a dark mode please',
  'I chose a wrong delivery address',
  'hi there, do you deliver to PO boxes',
  'I ordered a coat yesterday and got it today, lovely',
];

describe('complaint detector', () => {
  it.each(complaints)('hears a complaint in %j', (text) => {
    const result = detectComplaint([text]);
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it.each(notComplaints)('hears none in %j', (text) => {
    expect(detectComplaint([text])).toEqual({ score: 0, evidence: [] });
  });

  it('names a calmly told failure a complaint below the handover line, and a judgement or anger above it', () => {
    expect(detectComplaint(["My new card hasn't arrived yet"]).score).toBeLessThan(0.5);
    expect(detectComplaint(['I want a refund']).score).toBeLessThan(0.5);
    expect(detectComplaint(['I want a refund, this is unacceptable']).score).toBeGreaterThanOrEqual(0.5);
    expect(detectComplaint(['they refused to refund me']).score).toBeGreaterThanOrEqual(0.5);
  });

  it('scores saying it outright as certain', () => {
    expect(detectComplaint(['I would like to file a formal complaint against your company']).score).toBe(1);
    expect(detectComplaint(["I'm terribly unhappy with ur esrvice lodge a goddamn claim"]).score).toBeGreaterThan(0.9);
  });

  it('quotes the customer exactly', () => {
    expect(detectComplaint(['I want to file a complaint about the driver']).evidence).toEqual(['file a complaint']);
    const text = 'The sofa arrived scratched and the replacement takes 8 weeks!';
    const { evidence } = detectComplaint([text]);
    for (const words of evidence) expect(text).toContain(words);
    expect(evidence).toContain('arrived scratched');
  });

  it('keeps a complaint made turns ago, fading a little', () => {
    const turns = ['I want to file a complaint about the driver', 'my order number is 12345', 'can you give me an update?'];
    const first = detectComplaint(turns.slice(0, 1));
    const later = detectComplaint(turns);
    expect(later.score).toBeGreaterThan(0.5);
    expect(later.score).toBeLessThan(first.score);
    expect(later.evidence).toEqual(['file a complaint']);
  });

  it('gathers signs from several messages', () => {
    const one = detectComplaint(['my package never arrived']).score;
    const two = detectComplaint(['my package never arrived', 'and nobody answers my emails']).score;
    expect(two).toBeGreaterThan(one);
  });

  it('gives nothing for no messages', () => {
    expect(detectComplaint([])).toEqual({ score: 0, evidence: [] });
  });
});
