import type { SignalDetectors } from './detect-signals.ts';
import { detectComplaint } from './signals/complaint.ts';
import { detectFrustration } from './signals/frustration.ts';
import { detectHighPriority } from './signals/high-priority.ts';
import { detectRoutineTopics } from './signals/routine-topics.ts';
import { detectSalesOpportunity } from './signals/sales-opportunity.ts';
import { detectSensitiveTopics } from './signals/sensitive-topic.ts';

/** The detectors the policy runs on every turn beyond the built-in ones (requests for a person, loops, VIP, keywords). */
export function signalDetectors(): SignalDetectors {
  return {
    topics: [detectSensitiveTopics, detectRoutineTopics],
    scored: [
      // a complaint is what a conversation is about as much as how the customer feels
      { detect: detectComplaint, topic: 'complaint' },
      { detect: detectFrustration, reason: 'frustration' },
      { detect: detectHighPriority, reason: 'high_priority' },
      { detect: detectSalesOpportunity, reason: 'sales_opportunity', topic: 'sales' },
    ],
  };
}
