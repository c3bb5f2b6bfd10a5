/**
 * The script-tag bundle at `/cdn/`, always served (demo or not) so any site can embed the widget:
 * CORS for every origin (module scripts are fetched in CORS mode), `Cross-Origin-Resource-Policy:
 * cross-origin` (sites with COEP), immutable caching for content-hashed chunks and revalidated
 * caching (ETag) for entry files, whose names never change.
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

/** A year: the `max-age` of files whose names carry their content hash. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry files keep their names across versions: caches must revalidate them. */
const REVALIDATE = 'public, max-age=0, must-revalidate';

/** True for files whose name carries a content hash (`chunks/widget-AbC123.js`). */
export const isHashedAsset = (path: string): boolean => /\/chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.js(\.map)?$/.test(path);

/** Registers `/cdn/` from `<webRoot>/dist-cdn` (logs a warning and serves nothing when the widget is not built). */
export async function cdnRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const root = join(context.config.webRoot, 'dist-cdn');
  if (!existsSync(root)) {
    context.log.warn(`${root} is missing: build the widget (npm run build) to serve /cdn/`);
    return;
  }
  // Module scripts are plain CORS GETs (no preflight): the headers below are all they need.
  await app.register(fastifyStatic, {
    root,
    prefix: '/cdn/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders(response, path) {
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('cross-origin-resource-policy', 'cross-origin');
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('cache-control', isHashedAsset(path) ? IMMUTABLE : REVALIDATE);
      response.setHeader('vary', 'accept-encoding');
    },
  });
}
