-- Search walks the caller's conversations newest first, a slice of time at a time: a common word
-- is found among the latest messages without reading the full-text index's postings of the whole
-- table. (conversation_id, created_at) serves each slice as an index range per conversation.
CREATE INDEX IF NOT EXISTS "messages_conversation_created_idx" ON "messages" USING btree ("conversation_id","created_at");
