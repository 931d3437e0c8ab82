"""The web application: the HTTP API, the analyst's workspace and the TAXII 2.1 server."""

from overhorizon.web.app import create_app

__all__ = ["create_app"]
