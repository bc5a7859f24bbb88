import { useStrings } from '../provider/use-kit';
import { CloseIcon } from './icons';
import { BlobImage } from './BlobImage';

/** Props of {@link ImagePreview}. */
export interface ImagePreviewProps {
  image: Blob;
  onRemove: () => void;
}

/** The image chosen for the next message, before it is sent, with a button to remove it. */
export function ImagePreview({ image, onRemove }: ImagePreviewProps) {
  const strings = useStrings();
  return (
    <div className="causette-message-input__preview">
      <BlobImage
        blob={image}
        className="causette-message-input__thumbnail"
        alt={strings.imagePreview}
      />
      <button type="button" className="causette-message-input__remove" onClick={onRemove}>
        <CloseIcon />
        <span className="causette-visually-hidden">{strings.removeImage}</span>
      </button>
    </div>
  );
}
