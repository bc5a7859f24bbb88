import { MAX_IMAGE_BYTES } from '@causette/protocol';

/** Settings, their defaults and what they do, for `--help` and the README. */
export const SETTINGS_HELP: ReadonlyArray<readonly [name: string, description: string]> = [
  ['NODE_ENV', 'development (default), production or test; production refuses unsafe defaults'],
  ['PORT', 'port to listen on (3001; 0 picks a free one)'],
  ['HOST', 'address to bind (127.0.0.1)'],
  [
    'PUBLIC_URL',
    'base URL clients reach this server at, used in local upload URLs (http://HOST:PORT)',
  ],
  [
    'JWT_SECRET',
    'HS256 secret shared with the app that issues tokens; at least 32 bytes in production (a public dev secret otherwise)',
  ],
  ['JWT_PUBLIC_KEY', 'PEM public key (SPKI) for ES256/RS256 tokens, instead of JWT_SECRET'],
  [
    'JWT_ALGORITHM',
    'HS256, ES256 or RS256; pins the algorithm (inferred from the key or secret when unset)',
  ],
  ['JWT_ISSUER', 'required `iss` claim, when set'],
  ['JWT_AUDIENCE', 'required `aud` claim, when set'],
  [
    'JWT_MAX_LIFETIME_SECONDS',
    'longest token lifetime accepted, exp - iat (or exp - now without iat), in seconds (86400 = 24 h)',
  ],
  ['DATABASE_URL', 'PostgreSQL URL (postgres://...); unset = embedded PGlite'],
  ['PGLITE_DIR', 'PGlite data folder (./.data/pglite); memory:// keeps it in memory'],
  ['REDIS_URL', 'redis:// or rediss:// URL; turns on the Redis adapter for several processes'],
  [
    'ALLOWED_ORIGINS',
    'comma-separated browser origins (https://app.example.com); required in production; unset in development = any localhost origin; * = any (not in production)',
  ],
  ['CLOUDINARY_URL', 'cloudinary://api_key:api_secret@cloud_name; unset = local upload store'],
  [
    'CLOUDINARY_SIGNATURE_ALGORITHM',
    'sha1 (default) or sha256, as configured on the Cloudinary account',
  ],
  [
    'UPLOAD_FOLDER',
    'folder (Cloudinary or local) that uploads go under, one subfolder per user (causette)',
  ],
  ['UPLOAD_DIR', 'where the local upload store keeps files (./.data/uploads)'],
  [
    'UPLOAD_MAX_BYTES',
    `largest image accepted, in bytes (${MAX_IMAGE_BYTES}, which is also the maximum)`,
  ],
  [
    'UPLOAD_MAX_PIXELS',
    'most pixels (width x height) an image may have, at upload and when sent (40000000)',
  ],
  [
    'CONVERSATION_POLICY',
    'who may open a conversation with whom: listing (default: about a listing, its advertiser with its owner) or open (anyone with anyone; not in production)',
  ],
  ['VAPID_PUBLIC_KEY', 'Web Push VAPID public key (base64url); VAPID_* are all set or none'],
  ['VAPID_PRIVATE_KEY', 'Web Push VAPID private key (base64url)'],
  ['VAPID_SUBJECT', 'Web Push contact, mailto: or https: URL'],
  [
    'PUSH_DEV_KEY_FILE',
    'development without VAPID_*: where the VAPID key pair made on first start is kept (./.data/vapid.json); production without VAPID_* sends no pushes',
  ],
  ['PUSH_TTL_SECONDS', 'how long a push service keeps a push for an offline browser (86400)'],
  [
    'PUSH_THROTTLE_MS',
    'at most one push per user and conversation per this many milliseconds (10000; 0 = every message)',
  ],
  [
    'PUSH_ALLOW_PRIVATE_ENDPOINTS',
    'true accepts push endpoints on local or private addresses and other ports (false; refused in production)',
  ],
  [
    'LOG_LEVEL',
    'fatal, error, warn, info (default; silent under NODE_ENV=test), debug, trace or silent',
  ],
  ['RATE_LIMIT_MESSAGES', 'messages a user may send per window (20)'],
  ['RATE_LIMIT_WINDOW_MS', 'rate-limit window in milliseconds (10000)'],
  [
    'MAX_RUNNING_REQUESTS',
    'requests worked on at once; more wait in line (32 on PGlite, 128 on PostgreSQL)',
  ],
  [
    'MAX_WAITING_REQUESTS',
    'requests waiting in line; past them requests get UNAVAILABLE, retryAfterMs paced (1024)',
  ],
  [
    'SHUTDOWN_TIMEOUT_MS',
    'how long SIGTERM waits for in-flight work before closing connections (10000)',
  ],
  [
    'SOCKET_PING_INTERVAL_MS',
    'socket.io heartbeat: a ping every this many milliseconds (25000; lower it below an idle proxy timeout)',
  ],
  [
    'SOCKET_PING_TIMEOUT_MS',
    'socket.io heartbeat: how long a pong may take before the socket is dropped (20000)',
  ],
  [
    'DATABASE_POOL_SIZE',
    "most PostgreSQL connections this process opens at once (10); mind the server's max_connections across processes",
  ],
  [
    'MAX_SOCKETS_PER_USER',
    'sockets one user may hold open on one process; one more is refused with OVERLOADED (20)',
  ],
  [
    'METRICS_TOKEN',
    'bearer token GET /metrics requires (at least 16 characters outside development); unset = /metrics open in development, 404 elsewhere',
  ],
];
