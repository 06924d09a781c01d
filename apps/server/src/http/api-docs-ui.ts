import { dirname } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';

const UI_PATH = '/api/docs/ui';

/**
 * A readable API reference (Swagger UI, served from the swagger-ui-dist package — no CDN) over
 * the OpenAPI document at /api/docs. The initializer is ours so the UI loads our document, not
 * the petstore default, and runs from a file (the CSP forbids inline scripts).
 */
export function serveApiDocsUi(app: NestExpressApplication): void {
  const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.use(`${UI_PATH}/swagger-initializer.js`, (_req: Request, res: Response) => {
    res.type('application/javascript').send(
      `window.onload = function () { window.ui = SwaggerUIBundle({ url: '/api/docs', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' }); };`,
    );
  });
  app.use(UI_PATH, (req: Request, res: Response, next: () => void) => (req.originalUrl === UI_PATH ? res.redirect(301, `${UI_PATH}/`) : next()));
  app.useStaticAssets(dir, { prefix: `${UI_PATH}/`, index: 'index.html' });
}
