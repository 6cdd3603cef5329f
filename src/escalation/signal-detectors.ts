import type { SignalDetectors } from './detect-signals.ts';
import { detectComplaint } from './signals/complaint.ts';
import { detectFrustration } from './signals/frustration.ts';
import { detectHighPriority } from './signals/high-priority.ts';
import { detectRoutineTopics } from './signals/routine-topics.ts';
import { detectSalesOpportunity } from './signals/sales-opportunity.ts';
import { detectSensitiveTopics } from './signals/sensitive-topic.ts';
import type { CustomerTurns, TopicSignal } from './signals/signal.ts';

/** A complaint is a topic: "what is this about" as much as "how does the customer feel". */
function complaintTopic(turns: CustomerTurns): TopicSignal[] {
  const complaint = detectComplaint(turns);
  return complaint.score > 0 ? [{ topic: 'complaint', ...complaint }] : [];
}

/** Talk of a large purchase is about sales, as a topic too (read once: the detector remembers each message). */
function salesTopic(turns: CustomerTurns): TopicSignal[] {
  const sales = detectSalesOpportunity(turns);
  return sales.score > 0 ? [{ topic: 'sales', ...sales }] : [];
}

/** The detectors the policy runs on every turn beyond the built-in ones (requests for a person, loops, VIP, keywords). */
export function signalDetectors(): SignalDetectors {
  return {
    topics: [detectSensitiveTopics, complaintTopic, salesTopic, detectRoutineTopics],
    reasons: { frustration: detectFrustration, high_priority: detectHighPriority, sales_opportunity: detectSalesOpportunity },
  };
}
