-- Web Push previews are a per-user choice (push:subscribe { previews }); on until turned off.
ALTER TABLE "users" ADD COLUMN "push_previews" boolean DEFAULT true NOT NULL;
