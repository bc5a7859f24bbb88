import { isChatError } from '@causette/core';
import { MAX_IMAGE_BYTES } from '@causette/protocol';
import { useCallback, useRef, useState } from 'react';
import type { ChatStrings } from '../i18n';

/** The image chosen to go with the next message, and why the last choice was refused. */
export interface ImageChoice {
  image: Blob | null;
  /** A sentence for the user: wrong type, or too big. */
  error: string | null;
  /** Checks `file` (type, real format, size) and keeps it, or says why not. */
  choose(file: Blob): Promise<void>;
  /** Forgets the image and the error. */
  clear(): void;
}

const MEGABYTE = 1024 * 1024;

/** {@link ImageChoice} with core's checks (`validateImageFile`), before anything is uploaded. */
export function useImageChoice(strings: ChatStrings): ImageChoice {
  const [image, setImage] = useState<Blob | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Reading a file is async: only the latest choice may land.
  const latest = useRef(0);

  const choose = useCallback(
    async (file: Blob) => {
      const attempt = ++latest.current;
      setError(null);
      try {
        // Loaded on the first image, like core's own upload code: a chat that never sends one
        // never downloads it.
        const { validateImageFile } = await import('@causette/core/uploads');
        await validateImageFile(file);
        if (attempt === latest.current) setImage(file);
      } catch (failure) {
        if (attempt !== latest.current) return;
        setError(
          isChatError(failure) && failure.code === 'TOO_LARGE'
            ? strings.imageSizeError(Math.floor(MAX_IMAGE_BYTES / MEGABYTE))
            : strings.imageTypeError,
        );
      }
    },
    [strings],
  );

  const clear = useCallback(() => {
    latest.current++;
    setImage(null);
    setError(null);
  }, []);

  return { image, error, choose, clear };
}
