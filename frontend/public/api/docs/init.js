// Kept out of index.html because the CSP (script-src 'self') forbids inline scripts.
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
});
