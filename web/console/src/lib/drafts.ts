/** Unsent replies by conversation, so switching conversations never loses what the agent was writing. */
const drafts = new Map<string, string>();

export function draftOf(conversationId: string): string {
  return drafts.get(conversationId) ?? '';
}

export function setDraft(conversationId: string, text: string): void {
  if (text) drafts.set(conversationId, text);
  else drafts.delete(conversationId);
}

export function hasDraft(conversationId: string | null): boolean {
  return conversationId !== null && (drafts.get(conversationId)?.trim() ?? '') !== '';
}

export function clearDrafts(): void {
  drafts.clear();
}
