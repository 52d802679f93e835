"""The HTTP API of ``newssift serve``, split by concern; :func:`newssift.serve.create_app` assembles it.

- :mod:`.errors`: the JSON error object and the app's exception handlers.
- :mod:`.body`: request-body limits and strict JSON parsing; moderation off the event loop.
- :mod:`.state`: what the routers share (policy, report store, job queue, options), as a FastAPI dependency.
- :mod:`.health`: ``GET /healthz``.
- :mod:`.perspective`: Perspective's ``POST /v1alpha1/comments:analyze``, ``:suggestscore`` and its discovery
  document (the protocol is :mod:`newssift.perspective`).
- :mod:`.moderation`: ``POST /v1/moderate``.
- :mod:`.reports`: ``POST /v1/analyze``, ``GET /v1/reports``, ``GET /v1/reports/{id}``,
  ``POST /v1/reports/{id}/overrides``.
- :mod:`.pages`: the reviewer's web pages (``/``, ``POST /analyze``, ``/reports/{id}``, overrides); their CSRF checks
  and the middleware in front of every request are :mod:`newssift.web`'s.
"""
