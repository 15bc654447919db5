// Renders the served OpenAPI document; kept out of the page so the CSP needs no inline script.
window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
