"""The store: schema, migrations, the single writer, queries."""

from chronique.store.db import FileDone, SearchHit, Store

__all__ = ["FileDone", "SearchHit", "Store"]
