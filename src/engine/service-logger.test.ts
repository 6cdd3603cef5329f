import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serviceLogger } from './service-logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

const redaction = { webhooks: false, cards: true, emails: true, phones: true };

describe('the service logger', () => {
  it('redacts messages and objects when redaction.logs is on', () => {
    const { lines, stream } = capture();
    const log = serviceLogger({ logLevel: 'info', redaction: { ...redaction, logs: true } }, stream);
    log.info({ text: 'my card is 4242 4242 4242 4242', nested: { email: 'dana@example.com' } }, 'customer dana@example.com wrote');
    const line = JSON.parse(lines[0]!);
    expect(line.text).toBe('my card is [card ••••4242]');
    expect(line.nested.email).toBe('d•••@example.com');
    expect(line.msg).toBe('customer d•••@example.com wrote');
  });

  it('writes as is when it is off', () => {
    const { lines, stream } = capture();
    serviceLogger({ logLevel: 'info', redaction: { ...redaction, logs: false } }, stream).info('customer dana@example.com wrote');
    expect(JSON.parse(lines[0]!).msg).toBe('customer dana@example.com wrote');
  });
});
