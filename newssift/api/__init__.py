"""The HTTP API of ``newssift serve``; :func:`newssift.serve.create_app` assembles it.

- :mod:`.errors`: the JSON error object and the app's exception handlers.
- :mod:`.body`: request-body limits and strict JSON parsing; moderation off the event loop.
"""
