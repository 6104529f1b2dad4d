//! Database schema migrations; the first lands with the sea-orm persistence adapters.
