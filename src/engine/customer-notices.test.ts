import { describe, expect, it } from 'vitest';
import { describeRange, handoverNotice, waitUpdateNotice } from './customer-notices.ts';

describe('what the customer is told of the wait', () => {
  it('says ranges in words a person reads', () => {
    expect(describeRange(10, 40)).toBe('less than a minute');
    expect(describeRange(150, 400)).toBe('about 2–7 minutes');
    expect(describeRange(60, 60)).toBe('about 1 minute');
    expect(describeRange(3600, 9000)).toBe('about 1–3 hours');
  });

  it('says what happens next and roughly when, at handover', () => {
    const withRange = handoverNotice('billing', { team: 'billing', position: 3, eta: { lowSeconds: 180, highSeconds: 420 } });
    expect(withRange).toMatch(/billing team/);
    expect(withRange).toMatch(/number 3 in line/);
    expect(withRange).toMatch(/about 3–7 minutes/);
    expect(withRange).toMatch(/won't need to repeat/);
    const nobody = handoverNotice('sales', { team: 'sales', position: 1, eta: null, etaUnknownReason: 'no agent of the team is online' });
    expect(nobody).toMatch(/next in line/);
    expect(nobody).toMatch(/can't promise a time yet/);
    expect(nobody).toMatch(/leave your email/);
    const closed = handoverNotice('billing', { team: 'billing', position: 2, eta: null, opensAt: 'x', opening: 'tomorrow at 09:00 (Europe/Berlin time)' });
    expect(closed).toMatch(/closed right now and open tomorrow at 09:00 \(Europe\/Berlin time\)/);
    expect(closed).toMatch(/leave your email/);
    const recent = handoverNotice('billing', { team: 'billing', position: 1, eta: { lowSeconds: 120, highSeconds: 300 }, basis: 'recent_waits' });
    expect(recent).toMatch(/Nobody from the team is free this minute; lately people have waited about 2–5 minutes/);
  });

  it('tells an update with the team named', () => {
    expect(waitUpdateNotice({ team: 'technical_support', position: 1, eta: { lowSeconds: 0, highSeconds: 0 } })).toBe(
      "An update on your wait for our technical support team: you're next in line, and someone should be with you in a moment.",
    );
  });
});
