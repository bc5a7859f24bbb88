/** Strings of `MessageInput`. */
export interface MessageInputStrings {
  inputLabel: string;
  placeholder: string;
  send: string;
  attachImage: string;
  removeImage: string;
  cancelUpload: string;
  /** Progress of an image upload, 0-100. */
  uploading: (percent: number) => string;
  /** Characters left, shown near the limit. */
  charactersLeft: (count: number) => string;
  /** Over the limit by `count` characters. */
  charactersOver: (count: number) => string;
  imageTypeError: string;
  imageSizeError: (maxMegabytes: number) => string;
  /** Where to drop an image. */
  dropImage: string;
  /** Alternative text of the chosen image's preview. */
  imagePreview: string;
  /** A message the client refused to queue (e.g. before it ever connected). */
  sendError: string;
}

export const messageInputFr: MessageInputStrings = {
  inputLabel: 'Votre message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  attachImage: 'Joindre une image',
  removeImage: "Retirer l'image",
  cancelUpload: "Annuler l'envoi",
  uploading: (percent) => `Envoi de l'image : ${percent}\u202f%`,
  charactersLeft: (count) =>
    `${count} caractère${count > 1 ? 's' : ''} restant${count > 1 ? 's' : ''}`,
  charactersOver: (count) => `${count} caractère${count > 1 ? 's' : ''} de trop`,
  imageTypeError: 'Ce fichier n’est pas une image acceptée (JPEG, PNG, WebP ou GIF).',
  imageSizeError: (max) => `Cette image dépasse ${max} Mo.`,
  dropImage: 'Déposez une image ici',
  imagePreview: 'Image à envoyer',
  sendError: 'Ce message n’a pas pu partir : réessayez dans un instant.',
};

export const messageInputEn: MessageInputStrings = {
  inputLabel: 'Your message',
  placeholder: 'Write a message…',
  send: 'Send',
  attachImage: 'Attach an image',
  removeImage: 'Remove image',
  cancelUpload: 'Cancel upload',
  uploading: (percent) => `Uploading image: ${percent}%`,
  charactersLeft: (count) => `${count} character${count === 1 ? '' : 's'} left`,
  charactersOver: (count) => `${count} character${count === 1 ? '' : 's'} too many`,
  imageTypeError: 'This file is not an accepted image (JPEG, PNG, WebP or GIF).',
  imageSizeError: (max) => `This image is larger than ${max} MB.`,
  dropImage: 'Drop an image here',
  imagePreview: 'Image to send',
  sendError: 'This message could not be sent: try again in a moment.',
};
