-- Serializes concurrent first migrations (several test schemas, several nodes) so that
-- CREATE EXTENSION IF NOT EXISTS never races.
SELECT pg_advisory_xact_lock(727274004);--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
-- French stemming and plain words, both accent-insensitive: "ete" finds "été",
-- "appartements" finds "appartement". ts_headline with the same configurations marks accented words.
CREATE TEXT SEARCH CONFIGURATION causette_fr (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION causette_fr
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
  WITH public.unaccent, french_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION causette_simple (COPY = pg_catalog.simple);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION causette_simple
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
  WITH public.unaccent, simple;
