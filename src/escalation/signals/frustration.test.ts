import { describe, expect, it } from 'vitest';
import { detectFrustration } from './frustration.ts';

const angry = [
  'WHY IS NOBODY ANSWERING ME',
  'Talk to a human now',
  "this is ridiculous, I've been waiting for 3 hours",
  'you guys are useless',
  'wtf is this bill',
  'still no refund. third time I ask',
  'great, another delay, thanks a lot',
  "i'm sooo fed up with this",
  'ur app is trash',
  'fuck this company',
  'nobody is answering the phone!!!',
  'this bot doesnt understand anything',
  'Seriously? AGAIN?',
  'hello??? anyone there???',
  'thanks for nothing 🙄',
  '@united lost my bag AGAIN',
];

/** Joy shouts too; and swearing as an intensifier in a plain request is not anger. */
const calm = [
  'thanks so much, you guys are the best!!!',
  'LOVE the new app',
  'I LOVE YOU JETBLUE!!!',
  'OMG THANK YOU SO MUCH!!!',
  'WHAT A FLIGHT!!! LANDED 30 MIN EARLY!!!',
  'this game is sick!!! 🔥🔥',
  "can't complain, great service",
  'wow that was fast, thanks a lot!',
  'not bad at all for a budget fare, thanks',
  'I want to track my order 12345',
  'i need help with my goddamn password',
  'can you help me switching to the fucking platinum account?',
  'if my flight is delayed can I still make the connection?',
  'I entered a wrong address by mistake, can you fix it?',
];

describe('frustration detector', () => {
  it.each(angry)('hears anger in %j', (text) => {
    const result = detectFrustration([text]);
    expect(result.score).toBeGreaterThanOrEqual(0.4);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it.each(calm)('hears none in %j', (text) => {
    expect(detectFrustration([text])).toEqual({ score: 0, evidence: [] });
  });

  it('scores a clear case high', () => {
    expect(detectFrustration(['you guys are useless, nobody is answering and this is ridiculous']).score).toBeGreaterThan(0.9);
  });

  it('quotes the customer exactly, each stretch once', () => {
    const text = "Honestly this is RIDICULOUS, I've been waiting for 3 hours";
    const { evidence } = detectFrustration([text]);
    expect(evidence.length).toBeGreaterThan(0);
    for (const words of evidence) expect(text).toContain(words);
    expect(new Set(evidence).size).toBe(evidence.length);
    expect(detectFrustration(['WHY IS NOBODY ANSWERING ME']).evidence).toEqual(['WHY IS NOBODY ANSWERING ME']);
  });

  it('hears sentiment sinking over the conversation', () => {
    const sinking = ['Hi! Thanks for the quick reply :)', 'ok', 'that is bad'];
    expect(detectFrustration(['that is bad']).score).toBe(0);
    const result = detectFrustration(sinking);
    expect(result.score).toBeGreaterThan(0);
    expect(result.evidence).toEqual(['bad']);
  });

  it('scores anger that builds over turns higher than one angry message', () => {
    const one = detectFrustration(['this is ridiculous']).score;
    const building = detectFrustration(['where is my order?', "it's been a week and still nothing", 'this is ridiculous']).score;
    expect(building).toBeGreaterThan(one);
  });

  it('weighs the latest message most', () => {
    const latest = detectFrustration(['where is my order?', 'this is ridiculous']).score;
    const earlier = detectFrustration(['this is ridiculous', 'where is my order?']).score;
    expect(earlier).toBeGreaterThan(0);
    expect(latest).toBeGreaterThan(earlier);
  });

  it('lets a happy latest message settle earlier anger', () => {
    expect(detectFrustration(['this is ridiculous', 'ok that fixed it, thank you so much, you are great']).score).toBe(0);
  });

  it('reads the same message the same way however often it is re-read', () => {
    const turns = ['where is my order?', 'WHY IS NOBODY ANSWERING ME'];
    expect(detectFrustration(turns)).toEqual(detectFrustration([...turns]));
    expect(detectFrustration([])).toEqual({ score: 0, evidence: [] });
  });
});
