import { type HTMLAttributes, useState } from 'react';
import { useKitRoot } from '../provider/use-kit';

/** Props of {@link Avatar}. */
export interface AvatarProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Whose picture: their initials show when there is no `src` or it fails to load. */
  name: string;
  /** The picture's URL (http(s) only; anything else shows the initials). */
  src?: string;
  /** Diameter in px (default 40). */
  size?: number;
}

/** A letter or a digit, in any script. */
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** Up to two initials of a name: "Marie Dupont" → "MD". */
export function initialsOf(name: string): string {
  // "Camille Martin (Agence Bellecour)" is Camille Martin: a parenthesis adds to the name.
  const bare = name.replace(/\([^)]*\)/g, ' ').trim();
  const words = (bare || name).split(/\s+/).filter((word) => ALPHANUMERIC.test(word));
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => Array.from(word ?? '').find((char) => ALPHANUMERIC.test(char)) ?? '')
    .join('')
    .toUpperCase();
}

/** A member's picture, or their initials; decorative (`aria-hidden`): the name is said beside it. */
export function Avatar({ name, src, size = 40, className, style, ...rest }: AvatarProps) {
  const root = useKitRoot('causette-avatar', className);
  const [failed, setFailed] = useState<string | undefined>();
  const usable = src && /^https?:\/\//i.test(src) && failed !== src ? src : undefined;
  return (
    <span
      aria-hidden="true"
      {...root}
      style={{ width: size, height: size, fontSize: size * 0.4, ...style }}
      {...rest}
    >
      {usable ? (
        <img
          className="causette-avatar__image"
          src={usable}
          alt=""
          width={size}
          height={size}
          onError={() => setFailed(usable)}
        />
      ) : (
        initialsOf(name)
      )}
    </span>
  );
}
