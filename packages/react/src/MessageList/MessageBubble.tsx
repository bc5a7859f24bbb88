import type { DisplayMessage } from '@causette/core';
import { Avatar } from '../Avatar';
import { fullDateTime, parseDate, timeOfDay } from '../i18n/dates';
import { useKitRoot, useLocale, useStrings } from '../provider/use-kit';
import { cx } from '../utils/cx';
import type { LightboxImage } from './Lightbox';
import { MessageImage } from './MessageImage';
import { MessageText } from './MessageText';

/** Where one of your messages stands: queued, on its way, stored, read by the others, failed. */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'read' | 'failed';

/** Props of {@link MessageBubble} (and of a replacement given to `MessageList`'s `components`). */
export interface MessageBubbleProps {
  message: DisplayMessage;
  /** Whether the signed-in user sent it. */
  own: boolean;
  senderName: string;
  senderAvatarUrl?: string;
  /** First of a run of the same sender: shows the name and the avatar. */
  groupStart: boolean;
  /** Your messages' delivery state; `undefined` for others' messages. */
  delivery?: DeliveryState;
  /** Briefly set on a message opened from search. */
  highlighted?: boolean;
  /** Sends a failed message again. */
  onRetry?: () => void;
  /** Deletes a failed message. */
  onDiscard?: () => void;
  /** Opens an image in the list's lightbox; `opener` takes focus back when it closes. */
  onOpenImage?: (image: LightboxImage, opener: HTMLElement) => void;
  className?: string;
}

/** The delivery state of a message from its status and the others' read pointers. */
export function deliveryOf(message: DisplayMessage, readByOthers: boolean): DeliveryState {
  if (message.status !== 'sent') return message.status;
  return readByOthers ? 'read' : 'sent';
}

const ICONS: Readonly<Record<DeliveryState, string>> = {
  pending: '◷',
  sending: '◷',
  sent: '✓',
  read: '✓✓',
  failed: '!',
};

/** One message: text (links for http(s) only) or image, time, and your delivery state. */
export function MessageBubble({
  message,
  own,
  senderName,
  senderAvatarUrl,
  groupStart,
  delivery,
  highlighted = false,
  onRetry,
  onDiscard,
  onOpenImage,
  className,
}: MessageBubbleProps) {
  const strings = useStrings();
  const locale = useLocale();
  const root = useKitRoot(
    cx(
      'causette-message-bubble',
      own ? 'causette-message-bubble--own' : 'causette-message-bubble--other',
      groupStart && 'causette-message-bubble--group-start',
      highlighted && 'causette-message-bubble--highlighted',
      delivery === 'failed' && 'causette-message-bubble--failed',
    ),
    className,
  );
  const date = parseDate(message.createdAt);

  if (message.type === 'SYSTEM') {
    return (
      <div {...root} className={cx(root.className, 'causette-message-bubble--system')}>
        <p className="causette-message-bubble__text">{message.content}</p>
      </div>
    );
  }

  const statusText = delivery ? statusLabel(delivery, strings) : undefined;
  const error = message.status === 'failed' ? message.error : undefined;
  return (
    <div {...root} data-message-id={message.status === 'sent' ? message.id : undefined}>
      {!own && groupStart ? (
        <Avatar
          className="causette-message-bubble__avatar"
          name={senderName}
          src={senderAvatarUrl}
          size={32}
        />
      ) : null}
      <div className="causette-message-bubble__column">
        {groupStart && !own ? (
          <p className="causette-message-bubble__sender">{senderName}</p>
        ) : (
          // Said before every message, so that a screen reader's user knows who wrote it.
          <span className="causette-visually-hidden">
            {strings.senderSays(own ? strings.you : senderName)}{' '}
          </span>
        )}
        <div className="causette-message-bubble__body">
          {message.type === 'IMAGE' ? (
            <MessageImage
              message={message}
              alt={strings.imageFrom(own ? strings.you : senderName)}
              onOpen={onOpenImage}
            />
          ) : null}
          {message.content ? <MessageText text={message.content} /> : null}
        </div>
        <p className="causette-message-bubble__meta">
          {date ? (
            <time dateTime={message.createdAt} title={fullDateTime(date, locale)}>
              {timeOfDay(date, locale)}
            </time>
          ) : null}
          {delivery && statusText ? (
            <span
              className={`causette-message-bubble__status causette-message-bubble__status--${delivery}`}
            >
              <span aria-hidden="true">{ICONS[delivery]} </span>
              {statusText}
            </span>
          ) : null}
        </p>
        {delivery === 'failed' ? (
          <div className="causette-message-bubble__failure">
            {error ? <p className="causette-message-bubble__error">{error.message}</p> : null}
            <div className="causette-message-bubble__actions">
              {onRetry ? (
                <button type="button" className="causette-message-bubble__action" onClick={onRetry}>
                  {strings.retry}
                </button>
              ) : null}
              {onDiscard ? (
                <button
                  type="button"
                  className="causette-message-bubble__action"
                  onClick={onDiscard}
                >
                  {strings.discard}
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function statusLabel(delivery: DeliveryState, strings: ReturnType<typeof useStrings>): string {
  switch (delivery) {
    case 'pending':
      return strings.statusPending;
    case 'sending':
      return strings.statusSending;
    case 'sent':
      return strings.statusSent;
    case 'read':
      return strings.statusRead;
    case 'failed':
      return strings.statusFailed;
  }
}
