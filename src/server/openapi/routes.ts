import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './document.ts';
import { DOCS_CSP, docsPage } from './docs-page.ts';
import { registryGeneration } from './registry.ts';

export interface RouteRecord {
  method: string;
  url: string;
}

const routesByApp = new WeakMap<FastifyInstance, RouteRecord[]>();

/** The routes registered on the app after `openApiRoutes`, as Fastify saw them (HEAD routes Fastify adds for GETs left out). */
export function registeredRoutes(app: FastifyInstance): RouteRecord[] {
  const routes = routesByApp.get(app) ?? [];
  return routes.filter((r) => r.method !== 'HEAD' || !routes.some((g) => g.method === 'GET' && g.url === r.url));
}

/**
 * `GET /openapi.json` and `GET /docs`. Call it first in buildApp: it also records every route registered after it, so
 * a test can check that each one is documented.
 */
export function openApiRoutes(app: FastifyInstance): void {
  const routes: RouteRecord[] = [];
  routesByApp.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  // Built on first request (every route module has registered its operations by then), again only if more were registered.
  let cached: { generation: number; json: string; html: string } | undefined;
  const current = () => {
    if (!cached || cached.generation !== registryGeneration()) {
      const json = JSON.stringify(buildOpenApiDocument());
      cached = { generation: registryGeneration(), json, html: docsPage(json) };
    }
    return cached;
  };

  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(current().json));
  app.get('/docs', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DOCS_CSP)
      .header('x-content-type-options', 'nosniff')
      .send(current().html),
  );
}
