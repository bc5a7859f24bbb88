import { type ChatState, type PendingMessage, selectMessageWindow } from '@causette/core';
import { useId, useMemo } from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useChatState } from '../hooks/use-chat-state';
import { useStrings } from '../provider/use-kit';
import { CloseIcon } from './icons';
import { BlobImage } from './BlobImage';

const NONE: readonly PendingMessage[] = [];

const sameItems = (a: readonly PendingMessage[], b: readonly PendingMessage[]) =>
  a.length === b.length && a.every((message, i) => message === b[i]);

/**
 * The image messages of the conversation whose image is not uploaded yet (queued, or uploading),
 * not failed ones: the message list offers those "Retry" and "Delete".
 */
function selectUploads(conversationId: string) {
  const selectWindow = selectMessageWindow(conversationId);
  return (state: ChatState): readonly PendingMessage[] => {
    const uploads = selectWindow(state).pending.filter(
      (message) => message.type === 'IMAGE' && message.image && message.status !== 'failed',
    );
    return uploads.length ? uploads : NONE;
  };
}

/** Props of {@link UploadList}. */
export interface UploadListProps {
  conversationId: string;
}

/**
 * A progress bar per image message on its way, from the pending message's `upload`, each with a
 * button that cancels it: the message leaves the outbox and core aborts its upload.
 */
export function UploadList({ conversationId }: UploadListProps) {
  const selector = useMemo(() => selectUploads(conversationId), [conversationId]);
  // Only these messages: typing and incoming messages do not re-render the input.
  const uploads = useChatState(selector, sameItems);
  if (!uploads.length) return null;
  return (
    <ul className="causette-message-input__uploads">
      {uploads.map((message) => (
        <UploadItem key={message.clientId} message={message} />
      ))}
    </ul>
  );
}

function UploadItem({ message }: { message: PendingMessage }) {
  const client = useChatClient();
  const strings = useStrings();
  const labelId = useId();
  const { upload } = message;
  const percent =
    upload && upload.total > 0
      ? Math.min(100, Math.floor((upload.loaded / upload.total) * 100))
      : 0;
  return (
    <li className="causette-message-input__upload">
      {message.image && (
        <BlobImage
          blob={message.image}
          className="causette-message-input__upload-thumbnail"
          alt=""
        />
      )}
      <div className="causette-message-input__upload-body">
        <span id={labelId} className="causette-message-input__upload-label">
          {strings.uploading(percent)}
        </span>
        <div
          className="causette-message-input__progress"
          role="progressbar"
          aria-labelledby={labelId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="causette-message-input__progress-bar" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <button
        type="button"
        className="causette-message-input__cancel"
        // NOT_FOUND when it left the outbox meanwhile (sent, or cancelled twice): nothing to do.
        onClick={() => void client.discardMessage(message.clientId).catch(() => undefined)}
      >
        <CloseIcon />
        <span className="causette-visually-hidden">{strings.cancelUpload}</span>
      </button>
    </li>
  );
}
