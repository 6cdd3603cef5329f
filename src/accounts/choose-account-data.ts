import type { Config } from '../config/config.ts';
import type { AccountData } from './account-data.ts';
import { DemoAccountData } from './demo-account-data.ts';
import { HttpAccountData } from './http-account-data.ts';

/** The business's API when configured, the demo store's records otherwise. */
export function chooseAccountData(config: Config): AccountData {
  const { baseUrl, token, timeoutMs } = config.accounts;
  return baseUrl ? new HttpAccountData({ baseUrl, token, timeoutMs }) : new DemoAccountData();
}
