import { useEffect, useRef } from 'react';
import { useStrings } from '../provider/use-kit';
import { useLatest } from './use-latest';

/** An image the lightbox shows. */
export interface LightboxImage {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

/** Props of {@link Lightbox}. */
export interface LightboxProps {
  image: LightboxImage;
  /** Called on Escape, the close button or a click on the backdrop. */
  onClose: () => void;
  /** Where focus goes back on close (the button that opened it). */
  returnFocusTo?: HTMLElement | null;
}

/**
 * The full image in a modal `<dialog>`: the browser makes the page behind it inert (focus stays
 * inside), Escape closes it, and focus returns to the opener.
 */
export function Lightbox({ image, onClose, returnFocusTo }: LightboxProps) {
  const strings = useStrings();
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const onCloseRef = useLatest(onClose);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    close.current?.focus();
    return () => {
      if (element.open) element.close();
      // The opener may have been virtualized away meanwhile: only a connected one takes focus.
      if (returnFocusTo?.isConnected) returnFocusTo.focus();
    };
  }, [returnFocusTo]);

  return (
    <dialog
      ref={dialog}
      className="causette-message-list__lightbox"
      aria-label={image.alt}
      onCancel={(event) => {
        // Escape: let React unmount it rather than the browser closing it behind React's back.
        event.preventDefault();
        onCloseRef.current();
      }}
      onKeyDown={(event) => {
        // The browser's modal lets Tab leave for its own UI: keep it among the dialog's controls.
        if (event.key !== 'Tab') return;
        const focusable = Array.from(
          event.currentTarget.querySelectorAll<HTMLElement>('button, [href], [tabindex]'),
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <img
        className="causette-message-list__lightbox-image"
        src={image.src}
        alt={image.alt}
        width={image.width}
        height={image.height}
      />
      <button
        ref={close}
        type="button"
        className="causette-message-list__lightbox-close"
        onClick={() => onCloseRef.current()}
      >
        {strings.close}
      </button>
    </dialog>
  );
}
