/**
 * GET /metrics: the Prometheus text exposition of this process's registry.
 * No auth, like /health: it holds counts, never message content. Keep it
 * off the public internet (scrape it on the private network).
 */
import { Router } from 'express';
import { metricsRegistry } from './channel-metrics.js';

export function metricsRouter(registry = metricsRegistry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
