// Swagger UI over this server's OpenAPI document, from the locally served bundle.
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
