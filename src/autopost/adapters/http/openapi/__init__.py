"""The OpenAPI 3.1 description of the HTTP API, served at ``/api/schema/`` and shown at
``/api/docs/``. Every route is described once, in ``operations``; a test keeps the two true."""
