import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

// swagger-ui-dist is a folder of prebuilt files; we serve them, we do not import them.
const assets = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** A readable API reference at /api/v1/docs: Swagger UI over our own OpenAPI document, served locally. */
export function mountApiReference(router: Router): void {
  router.use('/docs/assets', express.static(assets, { index: false, maxAge: '1d' }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
}

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Handover API reference</title>
  <link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });
  </script>
</body>
</html>`;
