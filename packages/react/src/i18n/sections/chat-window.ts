/** Strings of `ChatWindow` and `TypingIndicator`. */
export interface ChatWindowStrings {
  /** One member typing. */
  typingOne: (name: string) => string;
  /** Two members typing. */
  typingTwo: (first: string, second: string) => string;
  /** More than two. */
  typingMany: (count: number) => string;
  /** Accessible name of the conversation region, from the other member's name. */
  conversationWith: (name: string) => string;
  /** Label before the listing the conversation is about. */
  subject: string;
  /** Shown when the conversation cannot be loaded (not a member, deleted). */
  conversationUnavailable: string;
}

export const chatWindowFr: ChatWindowStrings = {
  typingOne: (name) => `${name} est en train d'écrire…`,
  typingTwo: (first, second) => `${first} et ${second} sont en train d'écrire…`,
  typingMany: (count) => `${count} personnes sont en train d'écrire…`,
  conversationWith: (name) => `Conversation avec ${name}`,
  subject: 'Annonce',
  conversationUnavailable: 'Cette conversation est introuvable.',
};

export const chatWindowEn: ChatWindowStrings = {
  typingOne: (name) => `${name} is typing…`,
  typingTwo: (first, second) => `${first} and ${second} are typing…`,
  typingMany: (count) => `${count} people are typing…`,
  conversationWith: (name) => `Conversation with ${name}`,
  subject: 'Listing',
  conversationUnavailable: 'This conversation cannot be found.',
};
