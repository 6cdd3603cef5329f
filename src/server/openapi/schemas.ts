/**
 * The shapes of Baton's main responses, for the OpenAPI document: what views.ts and the routes return, written as zod
 * schemas. The routes do not use them; test/openapi.test.ts parses real responses with them so they stay true.
 * A schema with a `.meta({ id })` becomes a named component (`#/components/schemas/<id>`).
 *
 * Objects are open: a client must accept fields it does not know (the API's names may grow, never change meaning).
 */
import { z } from 'zod';
import { HandoverPacketSchema } from '../../domain/handover-packet.ts';

const Timestamp = z.string().describe('ISO-8601 time');
const Owner = z.enum(['ai', 'queue', 'human', 'closed']).describe('who holds the conversation: the AI, a team\'s queue, a person, nobody (closed)');
const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
const Role = z.enum(['customer', 'ai', 'agent', 'system']);

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('stable, machine-readable: `invalid_request`, `unauthorized`, `already_assigned`, …'),
      message: z.string().describe('for people; may change'),
    }),
  })
  .meta({ id: 'Error', description: 'Every 4xx (and the 500) answers this way.' });

export const QueuePlace = z
  .object({
    team: z.string(),
    position: z.number().int().min(1).describe('1: next'),
    eta: z
      .object({ lowSeconds: z.number(), highSeconds: z.number() })
      .nullable()
      .describe('the range promised; null, with `etaUnknownReason`, when no honest range can be given'),
    etaUnknownReason: z.string().optional(),
    opensAt: Timestamp.optional().describe('while the team is closed: when it opens'),
    opening: z.string().optional().describe('the opening told in words'),
  })
  .meta({ id: 'QueuePlace', description: 'A waiting conversation\'s place in line and the wait promised.' });

const CustomerHandover = z
  .object({ at: Timestamp, reasons: z.array(z.string()).describe('reason codes, e.g. `human_requested`'), topics: z.array(z.string()) })
  .describe('as the customer sees it');
const AgentHandover = z
  .object({
    seq: z.number().int(),
    at: Timestamp,
    trigger: z.enum(['button', 'policy', 'agent']),
    reasons: z.array(z.object({ code: z.string(), score: z.number(), evidence: z.array(z.string()).describe('the customer\'s own words') })),
    topics: z.array(z.string()),
  })
  .describe('as agents see it');

export const ConversationState = z
  .object({
    owner: Owner,
    team: z.string().optional(),
    agentId: z.string().optional(),
    agent: z.object({ id: z.string(), name: z.string().nullable() }).optional(),
    priority: Priority.optional(),
    queue: QueuePlace.optional().describe('while queued'),
    followUpEmail: z.string().optional(),
    closedAs: z.enum(['resolved', 'abandoned']).optional(),
    handover: z.union([CustomerHandover, AgentHandover]).optional(),
    queuedAt: Timestamp.optional().describe('agents only'),
    waitingSince: Timestamp.optional().describe('agents only'),
    skills: z.string().optional().describe('agents only: the skills the queue asks for'),
    firstResponseAt: Timestamp.optional().describe('agents only'),
    slaBreachedAt: Timestamp.optional().describe('agents only'),
    customerTurns: z.number().int().optional().describe('agents only'),
    lastSeq: z.number().int().optional().describe('agents only'),
  })
  .meta({ id: 'ConversationState', description: 'Who holds the conversation and why; agents see more than the customer.' });

const Source = z.object({ id: z.string(), title: z.string() });

export const Message = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int().min(1).describe('the conversation\'s sequence number: `after=` pages by it'),
    role: Role,
    text: z.string(),
    author: z.object({ kind: Role, id: z.string().optional(), name: z.string().optional(), team: z.string().optional() }),
    createdAt: Timestamp,
    clientMessageId: z.string().optional(),
    replyTo: z.number().int().optional().describe('on replies: the seq of the customer message answered'),
    sources: z.array(Source).optional().describe('the help-centre articles an AI answer rests on'),
    intent: z.string().optional(),
  })
  .meta({ id: 'Message' });

const CustomerProfile = z.object({
  id: z.string().optional(),
  externalId: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export const Conversation = z
  .object({
    id: z.string(),
    channel: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    state: ConversationState,
    customer: CustomerProfile.optional().describe('agents only'),
  })
  .meta({ id: 'Conversation' });

export const ConversationCreated = z.object({
  id: z.string(),
  token: z.string().startsWith('ct_').describe('the customer\'s bearer token, for this conversation only'),
  state: ConversationState,
});

export const MessagePosted = z.object({
  message: Message,
  replies: z.array(Message).describe('what the AI or the system said in response (none when an agent writes)'),
  state: ConversationState,
});

export const MessageList = z.object({ messages: z.array(Message).describe('in `seq` order') });

export const Event = z
  .object({
    conversationId: z.string(),
    seq: z.number().int(),
    position: z.number().int().describe('across all conversations'),
    type: z.string().describe('`message.created`, `handover.requested`, `conversation.assigned`, …'),
    at: Timestamp,
    actor: z.object({ kind: Role, id: z.string().optional(), name: z.string().optional() }).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    message: Message.optional().describe('on `message.created`'),
  })
  .meta({ id: 'Event', description: 'An entry of the conversation\'s event log, as the audience may see it.' });

export const EventList = z.object({ events: z.array(Event) });
export const RepliesAndState = z.object({ replies: z.array(Message), state: ConversationState });
export const StateOnly = z.object({ state: ConversationState });
export const NoteAdded = z.object({ seq: z.number().int(), state: ConversationState });
export const ConversationList = z.object({ conversations: z.array(Conversation) });

export const Agent = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['agent', 'supervisor', 'admin']),
    teams: z.array(z.string()),
    skills: z.array(z.string()),
    languages: z.array(z.string()),
    capacity: z.number().int().describe('conversations at once'),
    presence: z.enum(['online', 'away', 'offline']),
    activeConversations: z.number().int().describe('conversations they have now'),
  })
  .meta({ id: 'Agent' });

export const LoginResponse = z.object({
  token: z.string().startsWith('at_').describe('the agent\'s bearer token'),
  expiresAt: Timestamp,
  agent: Agent,
});
export const AgentEnvelope = z.object({ agent: Agent });
export const AgentList = z.object({ agents: z.array(Agent) });

export const TeamList = z.object({
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      skills: z.array(z.string()),
      languages: z.array(z.string()),
      queue: z.object({
        waiting: z.number().int(),
        agentsOnline: z.number().int(),
        capacity: z.number().int(),
        freeCapacity: z.number().int(),
        open: z.boolean(),
        opensAt: Timestamp.optional(),
      }),
    }),
  ),
});

export const Article = z
  .object({ id: z.string(), title: z.string(), body: z.string().describe('Markdown'), tags: z.array(z.string()), updatedAt: Timestamp.optional() })
  .meta({ id: 'Article' });
export const ArticleEnvelope = z.object({ article: Article });
export const ArticleListOrHits = z.union([
  z.object({ articles: z.array(Article) }).describe('without `q`: every article'),
  z
    .object({
      hits: z.array(z.object({ article: Article, score: z.number(), confidence: z.number(), grounded: z.boolean() })),
      groundedConfidence: z.number().describe('below it the AI says it is not sure'),
    })
    .describe('with `q`: the best answers first'),
]);

export const Health = z.object({ ok: z.literal(true) });
export const Unhealthy = z.object({ ok: z.literal(false), error: ErrorResponse.shape.error });

export const HandoverPacket = HandoverPacketSchema.meta({
  id: 'HandoverPacket',
  description: 'What the person taking over needs at a glance, so the customer never repeats themselves.',
});
