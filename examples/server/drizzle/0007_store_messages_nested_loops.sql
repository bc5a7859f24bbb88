-- causette_store_messages plans its joins with `input` (the messages of one statement) as if it
-- held 100 rows, jsonb_to_recordset's fixed estimate, when it holds 1 to 128. The sender's
-- membership test and read pointer were then hash joins over sequential scans of
-- conversation_members, whose cost grows with the table (measured with pgbench at 1,000
-- conversations: one message 1.40 -> 0.82 ms, ten 3.9 -> 3.7 ms). Without hash and merge joins
-- every join of the statement is a nested loop over the few input rows and an index lookup.
ALTER FUNCTION causette_store_messages(jsonb) SET enable_hashjoin = off;--> statement-breakpoint
ALTER FUNCTION causette_store_messages(jsonb) SET enable_mergejoin = off;
