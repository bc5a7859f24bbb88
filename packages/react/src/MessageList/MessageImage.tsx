import type { DisplayMessage } from '@causette/core';
import { useEffect, useState } from 'react';
import { useStrings } from '../provider/use-kit';
import type { LightboxImage } from './Lightbox';

/** Widest an image shows in a bubble, in px; its height follows the aspect ratio. */
export const IMAGE_MAX_WIDTH = 240;
/** The box of a pending image whose size is not known yet. */
const PREVIEW_BOX = { width: IMAGE_MAX_WIDTH, height: 180 };

/** Sources an `<img>` may load: http(s), the page's own blobs, inline images. */
export function safeImageSrc(src: string | undefined): string | undefined {
  if (!src) return undefined;
  return /^(https?:\/\/|blob:|data:image\/)/i.test(src) ? src : undefined;
}

/** An object URL of `blob` while mounted (made in an effect: nothing runs on a server). */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    // The URL lives as long as the blob is shown; it must be made (and revoked) in an effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

/** Props of {@link MessageImage}. */
export interface MessageImageProps {
  message: DisplayMessage;
  alt: string;
  onOpen?: (image: LightboxImage, opener: HTMLElement) => void;
}

/**
 * A message's picture in a box of its final size (width and height reserved from the
 * attachment, so nothing moves when it loads); a pending one shows its local preview and the
 * upload's progress.
 */
export function MessageImage({ message, alt, onOpen }: MessageImageProps) {
  const strings = useStrings();
  const pendingImage = message.status === 'sent' ? undefined : message.image;
  const preview = useObjectUrl(pendingImage);
  const attachment = message.attachment;
  const src = safeImageSrc(attachment?.url) ?? preview;
  const natural = attachment ? { width: attachment.width, height: attachment.height } : PREVIEW_BOX;
  const width = Math.min(IMAGE_MAX_WIDTH, natural.width);
  const box = { width, aspectRatio: `${natural.width} / ${natural.height}` };
  const upload = message.status === 'sent' ? undefined : message.upload;
  const img = src ? (
    <img
      className="causette-message-bubble__image"
      src={src}
      alt={alt}
      width={natural.width}
      height={natural.height}
      style={box}
      decoding="async"
      loading="lazy"
    />
  ) : (
    <span
      className="causette-message-bubble__image causette-message-bubble__image--empty"
      style={box}
    />
  );
  return (
    <div className="causette-message-bubble__media">
      {src && onOpen ? (
        <button
          type="button"
          className="causette-message-bubble__image-button"
          title={strings.openImage}
          onClick={(event) =>
            onOpen({ src, alt, width: natural.width, height: natural.height }, event.currentTarget)
          }
        >
          {img}
        </button>
      ) : (
        img
      )}
      {upload && upload.total > 0 ? (
        <progress
          className="causette-message-bubble__progress"
          value={upload.loaded}
          max={upload.total}
          aria-label={strings.imageUploading}
        />
      ) : null}
    </div>
  );
}
