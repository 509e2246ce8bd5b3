// Starts Swagger UI for /api/docs from crimeplan's own static files (no inline script, no CDN).
(function () {
  const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  const token = document.body.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  if (token) {
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = token;
      return request;
    };
  }
  window.ui = SwaggerUIBundle(settings);
})();
