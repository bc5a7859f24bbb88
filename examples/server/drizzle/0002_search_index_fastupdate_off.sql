-- The GIN index's pending list made an insert now and then pay for flushing it: a 100+ ms stall
-- every few thousand messages (PGlite and PostgreSQL alike). In place, each insert pays a little.
-- ALTER rather than the DROP/CREATE drizzle-kit writes: instant on a table of millions of rows.
ALTER INDEX "messages_search_idx" SET (fastupdate = off);
