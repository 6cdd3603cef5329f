import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { redactDeep, redactText } from '../domain/redaction.ts';

/**
 * The service's logger. With `redaction.logs`, every line is redacted before it is written (card numbers, emails,
 * phones, as `redaction.*` says): error messages and objects may quote what a customer wrote.
 */
export function serviceLogger(config: Pick<Config, 'logLevel' | 'redaction'>, destination?: DestinationStream): Logger {
  const { logs, cards, emails, phones } = config.redaction;
  if (!logs) return destination ? pino({ level: config.logLevel }, destination) : pino({ level: config.logLevel });
  const options = { cards, emails, phones };
  return pino(
    {
      level: config.logLevel,
      formatters: { log: (object) => redactDeep(object, options) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg, options) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
