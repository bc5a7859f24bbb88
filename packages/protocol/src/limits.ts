/** Version of the wire contract these types describe. */
export const PROTOCOL_VERSION = 1;

/** Socket.io path the server listens on. */
export const SOCKET_PATH = '/socket.io';

/** Largest packet the server accepts (`maxHttpBufferSize`), in bytes. */
export const MAX_PACKET_BYTES = 64 * 1024;

/** A TEXT message holds 1 to this many characters (code points) after trimming. */
export const MAX_TEXT_LENGTH = 4000;
/** An IMAGE message's caption holds 0 to this many characters (code points) after trimming. */
export const MAX_CAPTION_LENGTH = 1000;

/** Longest id (user, conversation, message, client id) accepted on the wire. */
export const MAX_ID_LENGTH = 128;

/** `message:history` page size when `limit` is omitted. */
export const HISTORY_DEFAULT_LIMIT = 50;
/** Largest `message:history` page. */
export const HISTORY_MAX_LIMIT = 100;

/** `sync` returns at most this many messages per conversation; more are listed in `truncated`. */
export const SYNC_MAX_MESSAGES_PER_CONVERSATION = 200;
/** Most cursors one `sync` may carry. */
export const SYNC_MAX_CURSORS = 1000;

/** `conversation:list` page size when `limit` is omitted. */
export const CONVERSATION_LIST_DEFAULT_LIMIT = 30;
/** Largest `conversation:list` page. */
export const CONVERSATION_LIST_MAX_LIMIT = 100;
/** Most participants `conversation:open` accepts besides the caller. */
export const MAX_PARTICIPANTS = 50;
/** Longest `subject.type` / `subject.id`. */
export const MAX_SUBJECT_KEY_LENGTH = 128;
/** Longest `subject.title`. */
export const MAX_SUBJECT_TITLE_LENGTH = 200;

/** Longest `message:search` query. */
export const MAX_SEARCH_QUERY_LENGTH = 200;
/** `message:search` page size when `limit` is omitted. */
export const SEARCH_DEFAULT_LIMIT = 20;
/** Largest `message:search` page. */
export const SEARCH_MAX_LIMIT = 50;

/** Most users one `presence:get` may ask about. */
export const PRESENCE_MAX_USERS = 200;

/** A client sends `typing:start` at most once per this interval while the user types. */
export const TYPING_START_INTERVAL_MS = 3000;
/** A client sends `typing:stop` after this long without a keystroke. */
export const TYPING_IDLE_STOP_MS = 5000;
/** A receiver clears an indicator this long after the last `isTyping: true`. */
export const TYPING_DISPLAY_TIMEOUT_MS = 6000;

/** A user's going offline is announced after this grace (a reload is not a disconnect). */
export const PRESENCE_OFFLINE_GRACE_MS = 5000;

/** Reconnect backoff (full jitter) starts at this delay. */
export const RECONNECT_MIN_DELAY_MS = 500;
/**
 * Reconnect backoff never waits longer than this: the clients of a restarted server are back
 * within seconds, however long it was down (the reconnect storm benchmark, bench/).
 */
export const RECONNECT_MAX_DELAY_MS = 5_000;

/** Image formats an IMAGE attachment may have. */
export const IMAGE_FORMATS = ['jpg', 'png', 'webp', 'gif'] as const;
/** Default cap on an uploaded image, in bytes (servers and clients may configure lower). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Largest width or height an attachment may declare, in pixels. */
export const MAX_IMAGE_DIMENSION = 20_000;

/** Longest push subscription endpoint accepted. */
export const MAX_PUSH_ENDPOINT_LENGTH = 2048;
/** Characters of a message's text a Web Push preview carries at most (an ellipsis ends a cut). */
export const PUSH_PREVIEW_LENGTH = 120;
