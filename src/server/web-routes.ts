import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` puts the widget and the console, and where the demo store page lives. */
export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const DEMO_PAGE = fileURLToPath(new URL('../../web/demo/index.html', import.meta.url));

/**
 * The two pages people use: the demo store with the customer widget at `/` (`/widget.js` is the one script tag a
 * site adds), and the agent console at `/console`. Built by `npm run build:web` (run by `npm start` and `npm test`);
 * without a build, these answer 503 saying so, and the API works as ever.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  const built = (file: string) => existsSync(WEB_DIST + file);
  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).send({ error: { code: 'web_not_built', message: 'the widget and console are not built: run npm run build:web' } });

  await app.register(fastifyStatic, { root: WEB_DIST, serve: false });

  app.get('/', async (_request, reply) => {
    return reply.type('text/html; charset=utf-8').send(readFileSync(DEMO_PAGE, 'utf8'));
  });

  app.get('/widget.js', async (_request, reply) => {
    if (!built('widget.js')) return notBuilt(reply);
    return reply.header('cache-control', 'no-cache').sendFile('widget.js');
  });

  app.get('/console/assets/*', async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (!/^[\w.-]+$/.test(file) || !built(`console/assets/${file}`)) return reply.code(404).send({ error: { code: 'not_found', message: 'no such asset' } });
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(`console/assets/${file}`);
  });

  // The console is one page: every /console path is its index, and it routes itself.
  const consolePage = async (_request: unknown, reply: FastifyReply) => {
    if (!built('console/index.html')) return notBuilt(reply);
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('console/index.html');
  };
  app.get('/console', consolePage);
  app.get('/console/*', consolePage);
}
