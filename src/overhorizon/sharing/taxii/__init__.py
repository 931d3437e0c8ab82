"""TAXII 2.1: the server partners pull from and post to, and the client that pulls theirs.

Server (``server.router``, mounted at ``/taxii2/`` by the web application): collections are
sharing groups (``collections``), each listed, read and written only by requesters who may see
it and filtered for each of them through their own store (``snapshot``), paged in SQL
(``pages``) under the specification's filters (``filters``) and media types (``media``).
Client (``client``): pulls a partner's collection into statements owned by the partner's
organisation record, from its last high-water mark.
"""
