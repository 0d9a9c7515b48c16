"""The ledger in the service: entries, checkpoints, keys, signatures and their pages.

Every service that changes state calls :func:`homecoming.apps.audit.services.ledger_append`
inside its own transaction. The hashing, Merkle tree and signatures live in the pure
engine :mod:`homecoming.engines.ledger`; this app stores, scopes and shows them.
"""
