import { useEffect, useRef } from 'react';

/** Props of {@link BlobImage}. */
export interface BlobImageProps {
  blob: Blob;
  alt: string;
  className?: string;
}

/**
 * An `<img>` showing a local file through an object URL, revoked when the blob changes or the
 * image unmounts. The URL is set on the element from an effect: nothing of it exists on a server.
 */
export function BlobImage({ blob, alt, className }: BlobImageProps) {
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const element = img.current;
    if (!element) return undefined;
    const url = URL.createObjectURL(blob);
    element.src = url;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [blob]);
  return <img ref={img} className={className} alt={alt} />;
}
