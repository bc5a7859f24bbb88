import type { ConversationSubject, Message } from '@causette/protocol';
import type { FixtureUser } from '../../fixtures';
import { type ChatStore, memberKey } from './store';

/** A message of seeded history. */
export interface MockSeedMessage {
  senderId: string;
  content: string;
  /** Default `'TEXT'`; a SYSTEM message should have `senderId: ''`. */
  type?: 'TEXT' | 'SYSTEM';
}

/** A seeded conversation with its history, oldest message first. */
export interface MockSeedConversation {
  /** Stable id tests can name, e.g. `'c-lyon-t2'`. */
  id: string;
  subject?: ConversationSubject;
  /** At least two users of the `users` option. */
  memberIds: string[];
  messages?: MockSeedMessage[];
  /** How long before `now` the last message was sent (default: 45 min × the conversation's index). */
  lastMessageMinutesAgo?: number;
  /** Minutes between two seeded messages (default 5). */
  spacingMinutes?: number;
  /** Read pointer per member; default: the last message each member sent (sending reads). */
  lastReadSeq?: Record<string, number>;
  /** Members who flagged the conversation unread. */
  markedUnread?: string[];
}

const MINUTE = 60_000;

const LYON_LINES: readonly [string, string][] = [
  [
    'Bonjour, le T2 est-il toujours disponible ?',
    'Oui, toujours disponible. Une visite vous intéresse ?',
  ],
  ['Avec plaisir. Le balcon donne sur le parc ?', 'Oui, plein sud, très lumineux le matin.'],
  [
    'Les charges sont comprises dans le loyer ?',
    'Les charges sont de 60 € par mois, eau comprise.',
  ],
  ['Je peux visiter samedi matin ?', 'Samedi 10 h, cela vous convient ?'],
  ['Parfait, à samedi !', 'À samedi, je vous attends devant l’immeuble.'],
];

/** The default marketplace seed: Alice talks with Bruno and with Chloé; Bruno and Chloé are strangers. */
export function defaultSeed(): MockSeedConversation[] {
  const lyon: MockSeedMessage[] = [];
  for (let i = 0; i < 120; i++) {
    const [question, answer] = LYON_LINES[Math.floor(i / 2) % LYON_LINES.length] ?? ['', ''];
    const fromAlice = i % 2 === 0;
    lyon.push({
      senderId: fromAlice ? 'u-alice' : 'u-bruno',
      content: `${fromAlice ? question : answer} (${i + 1})`,
    });
  }
  return [
    {
      id: 'c-lyon-t2',
      subject: { type: 'listing', id: 'L-42', title: 'T2 Lyon 6e' },
      memberIds: ['u-alice', 'u-bruno'],
      messages: lyon,
      lastMessageMinutesAgo: 10,
      // Alice has three unread answers from Bruno.
      lastReadSeq: { 'u-alice': 117, 'u-bruno': 120 },
    },
    {
      id: 'c-croix-rousse',
      subject: { type: 'listing', id: 'L-7', title: 'Studio meublé Croix-Rousse' },
      memberIds: ['u-alice', 'u-chloe'],
      messages: [
        { senderId: 'u-chloe', content: 'Bonjour Alice, le studio est-il meublé ?' },
        { senderId: 'u-alice', content: 'Oui, entièrement meublé et équipé.' },
        { senderId: 'u-chloe', content: 'Super ! Quelle est la date de disponibilité ?' },
        { senderId: 'u-alice', content: 'Dès le 1er du mois prochain.' },
        { senderId: 'u-chloe', content: 'Je peux envoyer mon dossier ce soir.' },
      ],
      lastMessageMinutesAgo: 90,
    },
    {
      id: 'c-reze-maison',
      subject: { type: 'listing', id: 'L-77', title: 'Maison avec jardin à Rezé' },
      memberIds: ['u-alice', 'u-bruno'],
      messages: [
        { senderId: 'u-bruno', content: 'Le jardin est entretenu par le locataire ?' },
        { senderId: 'u-alice', content: 'Oui, la tondeuse est fournie.' },
        { senderId: 'u-bruno', content: 'Très bien, merci pour la réponse rapide.' },
      ],
      lastMessageMinutesAgo: 60 * 26,
    },
  ];
}

/** Stores the users and the seeded conversations in an empty store. */
export function applySeed(
  store: ChatStore,
  users: readonly FixtureUser[],
  seed: readonly MockSeedConversation[],
): void {
  const now = store.now();
  for (const user of users) {
    const record = { ...user, createdAt: now - 30 * 24 * 60 * MINUTE };
    store.users.set(user.id, record);
  }
  seed.forEach((input, index) => {
    if (store.conversations.has(input.id))
      throw new Error(`Mock seed: two conversations have the id "${input.id}"`);
    const memberIds = [...new Set(input.memberIds)];
    if (memberIds.length < 2)
      throw new Error(`Mock seed: conversation "${input.id}" needs at least two members`);
    for (const id of memberIds)
      if (!store.users.has(id))
        throw new Error(`Mock seed: conversation "${input.id}" names unknown user "${id}"`);
    const inputs = input.messages ?? [];
    const spacing = (input.spacingMinutes ?? 5) * MINUTE;
    const lastAt = now - (input.lastMessageMinutesAgo ?? 45 * index) * MINUTE;
    const firstAt = lastAt - Math.max(0, inputs.length - 1) * spacing;
    const messages: Message[] = inputs.map((m, i) => {
      const at = firstAt + i * spacing;
      const message: Message = {
        id: store.newId(at),
        clientId: `seed-${input.id}-${i + 1}`,
        conversationId: input.id,
        seq: i + 1,
        senderId: m.senderId,
        type: m.type ?? 'TEXT',
        content: m.content,
        createdAt: store.iso(at),
        readAt: null,
      };
      if (message.type !== 'SYSTEM' && !memberIds.includes(message.senderId))
        throw new Error(`Mock seed: a message of "${input.id}" is sent by a non-member`);
      return message;
    });
    const lastSent = (userId: string) =>
      messages.reduce((seq, m) => (m.senderId === userId ? m.seq : seq), 0);
    const members = [...memberIds].sort().map((userId) => ({
      userId,
      lastReadSeq: Math.min(messages.length, input.lastReadSeq?.[userId] ?? lastSent(userId)),
      markedUnread: input.markedUnread?.includes(userId) ?? false,
    }));
    for (const message of messages) {
      const readByAll = members.every(
        (m) => m.userId === message.senderId || m.lastReadSeq >= message.seq,
      );
      if (readByAll)
        message.readAt = store.iso(Math.min(now, Date.parse(message.createdAt) + MINUTE));
      if (message.type !== 'SYSTEM')
        store.byClientId.set(`${message.senderId}\u0000${message.clientId}`, message);
    }
    const createdAt = messages.length > 0 ? firstAt - MINUTE : lastAt;
    const conversation = {
      id: input.id,
      key: memberKey(memberIds, input.subject),
      members,
      messages,
      createdAt,
      lastMessageAt: messages.length > 0 ? lastAt : createdAt,
    };
    store.conversations.set(
      input.id,
      input.subject ? { ...conversation, subject: { ...input.subject } } : conversation,
    );
  });
}
