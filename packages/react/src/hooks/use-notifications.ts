import {
  type ChatClient,
  type ChatNotification,
  type ChatState,
  selectConversation,
} from '@causette/core';
import {
  playNotificationSound,
  requestNotificationPermission,
  showBrowserNotification,
} from '@causette/core/notifications';
import type { Message } from '@causette/protocol';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ChatStrings } from '../i18n';
import { useStrings } from '../provider/use-kit';
import { memberName } from '../utils/members';
import { useChatClient } from './use-chat-client';
import { useChatState } from './use-chat-state';

/** What {@link useNotifications} returns. */
export interface NotificationsView {
  /** Sound on each new message from others outside the conversation in view. */
  sound: boolean;
  setSound(on: boolean): void;
  /** Browser notifications wanted by the user (and permitted). */
  browser: boolean;
  /** The browser permission, or 'unsupported'. */
  permission: NotificationPermission | 'unsupported';
  /** Asks the permission (only call from a click) and turns browser notifications on when granted. */
  enableBrowser(): Promise<void>;
  disableBrowser(): void;
}

interface Preferences {
  readonly sound: boolean;
  readonly browser: boolean;
}

// Opt-in: nothing rings or pops up until the user says so.
const DEFAULTS: Preferences = { sound: false, browser: false };
const KEY_PREFIX = 'causette:notifications';
const PREVIEW_LENGTH = 120;

/** The `localStorage` key of a user's notification preferences. */
export function notificationPreferencesKey(userId: string | undefined): string {
  return userId === undefined ? KEY_PREFIX : `${KEY_PREFIX}:${userId}`;
}

// ---------------------------------------------------------------------------------------------
// The preferences and the permission: one tiny store for the page, shared by every hook instance
// (a header's bell and the settings panel agree without a context).

const listeners = new Set<() => void>();
// Parsed entries by key, reused while the stored text is the same: snapshots stay stable.
const parsed = new Map<string, { raw: string | null; preferences: Preferences }>();
// Preferences that could not be stored (no user yet, storage refused): they last for the page.
const unstored = new Map<string, Preferences>();
let stopWatchingPermission: (() => void) | undefined;

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    // Access itself throws where cookies are blocked.
    return undefined;
  }
}

function readStored(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function parse(raw: string | null): Preferences {
  if (raw === null) return DEFAULTS;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof Preferences, unknown>> | null;
    return {
      sound: value?.sound === true,
      browser: value?.browser === true,
    };
  } catch {
    return DEFAULTS;
  }
}

function readPreferences(userId: string | undefined): Preferences {
  const key = notificationPreferencesKey(userId);
  const kept = unstored.get(key);
  if (kept) return kept;
  // Read on every snapshot: cheap, and another tab's or the app's change is seen at once.
  const raw = userId === undefined ? null : readStored(key);
  const cached = parsed.get(key);
  if (cached && cached.raw === raw) return cached.preferences;
  const preferences = parse(raw);
  parsed.set(key, { raw, preferences });
  return preferences;
}

function writePreferences(userId: string | undefined, patch: Partial<Preferences>): void {
  const key = notificationPreferencesKey(userId);
  const next = { ...readPreferences(userId), ...patch };
  let stored = false;
  if (userId !== undefined) {
    try {
      const target = storage();
      if (target) {
        target.setItem(key, JSON.stringify(next));
        stored = true;
      }
    } catch {
      // Quota or private mode: keep the choice for this page.
    }
  }
  if (stored) unstored.delete(key);
  else unstored.set(key, next);
  notify();
}

function readPermission(): NotificationPermission | 'unsupported' {
  const api = (globalThis as { Notification?: typeof Notification }).Notification;
  return typeof api === 'function' ? api.permission : 'unsupported';
}

// On the server, assume the common case; the browser's answer replaces it after hydration.
const serverPermission = (): NotificationPermission | 'unsupported' => 'default';
const serverPreferences = (): Preferences => DEFAULTS;

function notify(): void {
  for (const listener of listeners) listener();
}

function onStorage(event: StorageEvent): void {
  if (event.key === null || event.key.startsWith(KEY_PREFIX)) notify();
}

/** Follows a permission changed in the browser's settings, where the Permissions API tells. */
function watchPermission(): () => void {
  let stopped = false;
  let status: PermissionStatus | undefined;
  const permissions = typeof navigator === 'undefined' ? undefined : navigator.permissions;
  permissions
    ?.query({ name: 'notifications' })
    .then((answer) => {
      if (stopped) return;
      status = answer;
      status.addEventListener('change', notify);
    })
    .catch(() => undefined);
  return () => {
    stopped = true;
    status?.removeEventListener('change', notify);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1 && typeof window !== 'undefined') {
    window.addEventListener('storage', onStorage);
    stopWatchingPermission = watchPermission();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && typeof window !== 'undefined') {
      window.removeEventListener('storage', onStorage);
      stopWatchingPermission?.();
      stopWatchingPermission = undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The alerts: ONE `notification` listener per client, however many components use the hook, so
// a message never rings twice.

interface Alerter {
  users: number;
  strings: ChatStrings;
  /** What a click on a browser notification does (the latest hook's that passed one). */
  onOpen: NotificationOpenHandler | undefined;
  stop: () => void;
}

/** Called when the user clicks a browser notification: show that conversation and message. */
export type NotificationOpenHandler = (conversationId: string, messageId: string) => void;

/** Options of {@link useNotifications}. */
export interface UseNotificationsOptions {
  /**
   * Called when the user clicks a browser notification (the window is focused first), with the
   * conversation and the message: navigate there (`/messages/:id`). Of several hooks, the last
   * mounted one that passes it is called.
   */
  onOpen?: NotificationOpenHandler;
}

const alerters = new WeakMap<ChatClient, Alerter>();

function acquireAlerter(client: ChatClient, strings: ChatStrings): () => void {
  let alerter = alerters.get(client);
  if (!alerter) {
    const created: Alerter = { users: 0, strings, onOpen: undefined, stop: () => undefined };
    created.stop = client.on('notification', (notification) =>
      raiseAlerts(client, created, notification),
    );
    alerters.set(client, created);
    alerter = created;
  }
  const mine = alerter;
  mine.users += 1;
  // The latest mounted component's language names the notifications.
  mine.strings = strings;
  return () => {
    mine.users -= 1;
    if (mine.users === 0) {
      mine.stop();
      alerters.delete(client);
    }
  };
}

function raiseAlerts(client: ChatClient, alerter: Alerter, notification: ChatNotification): void {
  const { message, hidden } = notification;
  const state = client.getSnapshot();
  const userId = state.user?.userId;
  // Core already skips one's own messages; server notices have no sender to announce.
  if (message.type === 'SYSTEM' || message.senderId === userId) return;
  const preferences = readPreferences(userId);
  if (preferences.sound) playNotificationSound().catch(() => undefined);
  if (preferences.browser && hidden) showNotification(state, alerter, notification);
}

function showNotification(
  state: ChatState,
  { strings, onOpen }: Alerter,
  { message, conversation: known }: ChatNotification,
): void {
  const conversation = known ?? selectConversation(message.conversationId)(state);
  const sender = conversation?.members.find((member) => member.userId === message.senderId);
  const name = memberName(conversation, message.senderId, strings.unknownUser);
  try {
    showBrowserNotification({
      title: strings.notificationTitle(name),
      body: previewOf(message, strings),
      // One notification per conversation: a second message, or the same one shown by another
      // tab, replaces it instead of piling up.
      tag: message.conversationId,
      onClick: () => onOpen?.(message.conversationId, message.id),
      ...(sender?.avatarUrl && /^https?:\/\//i.test(sender.avatarUrl)
        ? { icon: sender.avatarUrl }
        : {}),
    });
  } catch {
    // A notification is a nicety: never let it break the client's event loop.
  }
}

function previewOf(message: Message, strings: ChatStrings): string {
  const text = message.content.replace(/\s+/g, ' ').trim();
  const short = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  if (message.type === 'IMAGE') return short ? `${strings.photo} · ${short}` : strings.photo;
  return short;
}

// ---------------------------------------------------------------------------------------------

const selectUserId = (state: ChatState): string | undefined => state.user?.userId;

/**
 * The user's notification preferences (sound, browser notifications), stored per user in
 * `localStorage`, and the alerts they turn on: a sound for each new message from someone else
 * outside the conversation in view, and a browser notification when the tab is hidden. Any
 * number of components may call it: one listener per client, so each message alerts once. The
 * browser's permission is asked only by `enableBrowser()`, to call from a click; `onOpen` says
 * where a click on a notification leads.
 */
export function useNotifications(options: UseNotificationsOptions = {}): NotificationsView {
  const client = useChatClient();
  const strings = useStrings();
  const userId = useChatState(selectUserId);
  const { onOpen } = options;
  useEffect(() => acquireAlerter(client, strings), [client, strings]);
  useEffect(() => {
    const alerter = alerters.get(client);
    if (!alerter || !onOpen) return;
    alerter.onOpen = onOpen;
    return () => {
      if (alerter.onOpen === onOpen) alerter.onOpen = undefined;
    };
  }, [client, onOpen]);

  const preferences = useSyncExternalStore(
    subscribe,
    () => readPreferences(userId),
    serverPreferences,
  );
  const permission = useSyncExternalStore(subscribe, readPermission, serverPermission);

  // The user at the time of the click, not of the last render.
  const currentUser = useCallback(() => selectUserId(client.getSnapshot()), [client]);
  const setSound = useCallback(
    (on: boolean) => {
      writePreferences(currentUser(), { sound: on });
      // A silent play inside the click creates the audio context while the browser allows it,
      // so later sounds are not blocked by the autoplay policy.
      if (on) playNotificationSound({ volume: 0 }).catch(() => undefined);
    },
    [currentUser],
  );
  const enableBrowser = useCallback(async () => {
    const answer = await requestNotificationPermission();
    notify();
    if (answer === 'granted') writePreferences(currentUser(), { browser: true });
  }, [currentUser]);
  const disableBrowser = useCallback(
    () => writePreferences(currentUser(), { browser: false }),
    [currentUser],
  );

  return useMemo(
    () => ({
      sound: preferences.sound,
      setSound,
      browser: preferences.browser && permission === 'granted',
      permission,
      enableBrowser,
      disableBrowser,
    }),
    [preferences, permission, setSound, enableBrowser, disableBrowser],
  );
}
