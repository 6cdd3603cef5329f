/** One detector's verdict: how strongly it fired (0 = not at all) and the customer's words that made it fire. */
export interface SignalResult {
  score: number;
  evidence: string[];
}

export const NO_SIGNAL: SignalResult = { score: 0, evidence: [] };
