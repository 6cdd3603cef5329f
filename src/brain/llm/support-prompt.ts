import type { ConversationState } from '../../domain/conversation-state.ts';
import type { KnowledgeHit } from '../../knowledge/knowledge.ts';

/** Article bodies are cut to this many characters, so a long article cannot crowd out the conversation. */
const ARTICLE_CHARS = 4_000;

/** Below this search confidence the model is told the article may not answer the question. */
const SURE_CONFIDENCE = 0.5;

const RULES = `You are the AI assistant of a customer support team, writing to a customer in a support chat.

Who you are:
- You are an AI assistant, not a person. Never claim or imply to be human; if asked, say you are an AI assistant.

What you may say:
- Answer only from the help-centre articles below and from the results of your tools. Never invent policies,
  prices, dates, order details or promises.
- When you use an article, cite it by its title, e.g. (Source: "Returns and refunds"). An article marked
  relevance="low" may not be about the customer's question.
- If the articles and tools do not answer the question, or you are not sure, say so plainly. Offer to pass the
  conversation to a person, and call handover_to_human if the customer wants that.

Tools:
- look_up_order and check_refund need the order number; if the customer has not given it, ask for it.
- create_ticket records a request the team must follow up on; tell the customer its id.
- handover_to_human passes the conversation to a person. Call it when the customer asks for a person, is upset,
  the request needs a person (complaints, legal or safety matters, exceptions to policy, anything you cannot do),
  or you cannot help after trying. Calling it is the only way to hand over: never just say that you will.

The conversation:
- Messages labelled [agent NAME] were written by a human support agent, [notice] by the support system. Never
  write such labels yourself.
- Keep answers short and plain, in the customer's language.`;

/** The system prompt: the rules, what is known about the customer, and the articles the answer must come from. */
export function supportPrompt(state: ConversationState, hits: readonly KnowledgeHit[]): string {
  return [RULES, customerSection(state), articlesSection(hits)].join('\n\n');
}

function customerSection(state: ConversationState): string {
  const known: string[] = [];
  if (state.customer.name) known.push(`- name: ${state.customer.name}`);
  if (state.customer.email) known.push(`- email: ${state.customer.email}`);
  for (const [slot, value] of Object.entries(state.collected)) known.push(`- ${slot}: ${value}`);
  return known.length > 0
    ? `What is known about the customer (do not ask for it again):\n${known.join('\n')}`
    : 'Nothing is known about the customer yet.';
}

function articlesSection(hits: readonly KnowledgeHit[]): string {
  if (hits.length === 0) return 'Help-centre articles: none matched this message. Do not answer from general knowledge.';
  const articles = hits.map(({ article, confidence }) => {
    const body = article.body.length > ARTICLE_CHARS ? `${article.body.slice(0, ARTICLE_CHARS)}\n[…]` : article.body;
    const relevance = confidence < SURE_CONFIDENCE ? ' relevance="low"' : '';
    return `<article id="${attribute(article.id)}" title="${attribute(article.title)}"${relevance}>\n${body}\n</article>`;
  });
  return `Help-centre articles, most relevant first:\n\n${articles.join('\n\n')}`;
}

function attribute(value: string): string {
  return value.replaceAll('"', "'");
}
