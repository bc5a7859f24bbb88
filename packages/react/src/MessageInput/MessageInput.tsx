import type { PendingMessage } from '@causette/core';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, contentLength } from '@causette/protocol';
import {
  type ChangeEvent,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { cx } from '../utils/cx';
import { ImagePreview } from './ImagePreview';
import { UploadList } from './UploadList';
import { ImageIcon, SendIcon } from './icons';
import { useAutosize } from './use-autosize';
import { useFileDrop } from './use-file-drop';
import { useImageChoice } from './use-image-choice';

/** Props of {@link MessageInput}. */
export interface MessageInputProps {
  conversationId: string;
  className?: string;
  /**
   * Max characters (code points, after trimming); default the protocol's limit for text
   * messages (`MAX_TEXT_LENGTH`). With an image, the caption's limit applies if lower.
   */
  maxLength?: number;
  autoFocus?: boolean;
  /** Called with the pending message after each send. */
  onSent?: (message: PendingMessage) => void;
}

/** The counter shows from this share of the limit on. */
const NEAR_LIMIT = 0.9;
/** The formats messages carry, for the file picker. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';

/**
 * The composer of a conversation: an autosizing textarea (Enter sends, Shift+Enter breaks the
 * line), typing signals, an image by button, paste or drop with its preview, the progress of
 * images on their way with a cancel button, and the character count near the limit. Sending
 * never waits for the connection: core queues the message and sends it on reconnect.
 */
export function MessageInput({
  conversationId,
  className,
  maxLength = MAX_TEXT_LENGTH,
  autoFocus,
  onSent,
}: MessageInputProps) {
  const client = useChatClient();
  const strings = useStrings();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const choice = useImageChoice(strings);
  const drop = useFileDrop((file) => void choice.choose(file));
  const root = useKitRoot(
    cx('causette-message-input', drop.active && 'causette-message-input--dropping'),
    className,
  );
  const typing = useMemo(() => client.typing(conversationId), [client, conversationId]);
  // Leaving the conversation (or the page) ends the typing indicator the others see.
  useEffect(() => () => typing.stop(), [typing]);
  useAutosize(textarea, text);

  const limit = choice.image ? Math.min(maxLength, MAX_CAPTION_LENGTH) : maxLength;
  const length = contentLength(text.trim());
  const left = limit - length;
  const counter =
    left < 0
      ? strings.charactersOver(-left)
      : length >= limit * NEAR_LIMIT
        ? strings.charactersLeft(left)
        : '';
  const canSend = left >= 0 && (choice.image !== null || length > 0);
  const error = choice.error ?? sendError;

  const send = () => {
    if (!canSend) return;
    typing.stop();
    const content = text.trim();
    let pending: PendingMessage;
    try {
      pending = client.sendMessage(
        conversationId,
        choice.image ? { image: choice.image, content } : { content },
      );
    } catch {
      // Core refuses before the user is known (never connected): keep the text for a retry.
      setSendError(strings.sendError);
      return;
    }
    setText('');
    setSendError(null);
    choice.clear();
    textarea.current?.focus();
    onSent?.(pending);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    // Enter validates an IME composition (Japanese, Chinese...); 229 is Safari's way of saying so.
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setText(event.target.value);
    setSendError(null);
    if (event.target.value.trim()) typing.keystroke();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = event.clipboardData.files[0];
    if (!file) return; // text: the textarea takes it
    event.preventDefault();
    void choice.choose(file);
  };

  const onPicked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that picking the same file again fires `change` again.
    event.target.value = '';
    if (file) void choice.choose(file);
    textarea.current?.focus();
  };

  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  // The regions stay in the page (live regions must exist before they speak); only those with
  // something to say describe the textarea.
  const describedBy =
    [counter && counterId, error && errorId].filter(Boolean).join(' ') || undefined;
  return (
    <form {...root} onSubmit={onSubmit} {...drop.handlers}>
      <UploadList conversationId={conversationId} />
      {choice.image && (
        <ImagePreview
          image={choice.image}
          onRemove={() => {
            choice.clear();
            textarea.current?.focus();
          }}
        />
      )}
      <div className="causette-message-input__row">
        <button
          type="button"
          className="causette-message-input__attach"
          onClick={() => picker.current?.click()}
        >
          <ImageIcon />
          <span className="causette-visually-hidden">{strings.attachImage}</span>
        </button>
        <input ref={picker} type="file" accept={ACCEPT} hidden tabIndex={-1} onChange={onPicked} />
        <textarea
          ref={textarea}
          className="causette-message-input__textarea"
          rows={1}
          value={text}
          aria-label={strings.inputLabel}
          aria-describedby={describedBy}
          aria-invalid={left < 0 || undefined}
          placeholder={strings.placeholder}
          // Focus on mount is the app's call (a chat opened by the user), hence opt-in.
          autoFocus={autoFocus}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={() => (composing.current = false)}
          onPaste={onPaste}
          onBlur={() => typing.stop()}
        />
        <button type="submit" className="causette-message-input__send" disabled={!canSend}>
          <SendIcon />
          <span className="causette-visually-hidden">{strings.send}</span>
        </button>
      </div>
      <p
        id={counterId}
        className={cx(
          'causette-message-input__counter',
          left < 0 && 'causette-message-input__counter--over',
        )}
        aria-live="polite"
      >
        {counter}
      </p>
      <p id={errorId} className="causette-message-input__error" role="alert">
        {error}
      </p>
      {drop.active && (
        <div className="causette-message-input__drop" aria-hidden="true">
          {strings.dropImage}
        </div>
      )}
    </form>
  );
}
