import { ROUTINE_QUESTIONS } from '../../scripts/support/routine-questions.ts';

/** Customers' signatures that make each round of the ten questions a different text (up to 60 in all). */
const SIGNED = ['Dana', 'Sam', 'Alex', 'Kim', 'Lee', 'Noor'];

/**
 * The i-th routine question, cycling (the same question again and again is a loop the escalation policy hands over),
 * signed by a different customer each round: "How long does delivery take? - Sam".
 */
export const routineQuestion = (i: number): string =>
  `${ROUTINE_QUESTIONS[i % ROUTINE_QUESTIONS.length]!} - ${SIGNED[Math.floor(i / ROUTINE_QUESTIONS.length) % SIGNED.length]!}`;
