import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

// swagger-ui-dist is a folder of prebuilt files; we serve them, we do not import them.
const assets = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** A readable API reference at /api/v1/docs: Swagger UI over our own OpenAPI document, served locally. */
export function mountApiReference(router: Router): void {
  router.use('/docs/assets', express.static(assets, { index: false, maxAge: '1d' }));
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(init);
  });
  router.get('/docs', (_req, res) => {
    // Swagger UI's own scripts and styles from here; it sets inline styles, and draws icons as data: images.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  });
}

// In a file of its own, not inline: the page's CSP runs scripts from this origin only.
const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });\n`;

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
  <script src="/api/v1/docs/init.js"></script>
</body>
</html>`;
