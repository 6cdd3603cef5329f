import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, notFound } from '../../domain/errors.ts';
import { ARTICLE_ID_PATTERN, ARTICLE_LIMITS, articleSlug, type Article } from '../../knowledge/knowledge.ts';
import type { LiveKnowledgeBase } from '../../knowledge/live-knowledge-base.ts';
import { GROUNDED_CONFIDENCE } from '../../knowledge/minisearch-knowledge.ts';
import { bearerToken, type Authenticator } from '../auth.ts';
import { parseInput } from '../validation.ts';

const ArticleId = z
  .string()
  .max(ARTICLE_LIMITS.idLength)
  .regex(ARTICLE_ID_PATTERN, 'must be lower-case letters, digits and single dashes');

export const ArticleFields = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(ARTICLE_LIMITS.titleLength),
  body: z
    .string()
    .refine((body) => body.trim().length > 0, 'must not be empty')
    .refine((body) => Buffer.byteLength(body, 'utf8') <= ARTICLE_LIMITS.bodyBytes, `must be at most ${ARTICLE_LIMITS.bodyBytes / 1024} KB`),
  tags: z
    .array(z.string().trim().min(1, 'must not be empty').max(ARTICLE_LIMITS.tagLength))
    .max(ARTICLE_LIMITS.tags)
    .default([])
    .transform((tags) => [...new Set(tags)]),
});
/** A new article may name its id; otherwise it is the title's slug. */
export const NewArticle = ArticleFields.extend({ id: ArticleId.optional() });
export const IdParams = z.object({ id: ArticleId });
export const ListQuery = z.object({
  q: z.string().trim().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

export function articleView(article: Article) {
  return { id: article.id, title: article.title, body: article.body, tags: article.tags, updatedAt: article.updatedAt };
}

/** Help-centre articles: agents read and search them; supervisors and admins write them, and search sees it at once. */
export function articleRoutes(app: FastifyInstance, deps: { knowledge: LiveKnowledgeBase; auth: Authenticator }) {
  const { knowledge, auth } = deps;

  const editor = async (token: string | undefined) => {
    const me = await auth.agent(token);
    if (me.role === 'agent') throw new DomainError(403, 'forbidden', 'editing articles needs a supervisor or admin');
    return me;
  };

  // With ?q= the articles that answer a question best, each with the search's confidence (as the AI would see it).
  app.get('/api/v1/articles', async (request) => {
    await auth.agent(bearerToken(request));
    const { q, limit } = parseInput(ListQuery, request.query, 'query');
    if (q === undefined) return { articles: (await knowledge.list()).map(articleView) };
    const hits = knowledge.search(q, limit).map((hit) => ({
      article: articleView(hit.article),
      score: hit.score,
      confidence: hit.confidence,
      grounded: hit.confidence >= GROUNDED_CONFIDENCE,
    }));
    return { hits, groundedConfidence: GROUNDED_CONFIDENCE };
  });

  app.get('/api/v1/articles/:id', async (request) => {
    await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const article = await knowledge.get(id);
    if (!article) throw notFound('article');
    return { article: articleView(article) };
  });

  app.post('/api/v1/articles', async (request, reply) => {
    await editor(bearerToken(request));
    const fields = parseInput(NewArticle, request.body);
    const id = fields.id ?? articleSlug(fields.title);
    if (id === '') throw new DomainError(400, 'invalid_request', 'id: the title has no letters or digits to make an id from; give one');
    const created = await knowledge.create({ id, title: fields.title, body: fields.body, tags: fields.tags });
    if (!created) throw new DomainError(409, 'article_exists', `an article with id "${id}" exists; PUT /api/v1/articles/${id} replaces it`);
    return reply.code(201).send({ article: articleView(created) });
  });

  app.put('/api/v1/articles/:id', async (request, reply) => {
    await editor(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const fields = parseInput(ArticleFields, request.body);
    const { article, write } = await knowledge.save({ id, title: fields.title, body: fields.body, tags: fields.tags });
    return reply.code(write === 'created' ? 201 : 200).send({ article: articleView(article) });
  });
}
