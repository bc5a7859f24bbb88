import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar, initialsOf } from './Avatar';

describe('Avatar', () => {
  it('takes up to two initials', () => {
    expect(initialsOf('Marie Dupont')).toBe('MD');
    expect(initialsOf('  bruno ')).toBe('B');
    expect(initialsOf('Jean Paul Sartre')).toBe('JS');
    expect(initialsOf('')).toBe('');
    expect(initialsOf('Camille Martin (Agence Bellecour)')).toBe('CM');
    expect(initialsOf('(Agence)')).toBe('A');
    expect(initialsOf('« Zoé »')).toBe('Z');
  });

  it('shows the picture, and the initials when it fails or is not http(s)', () => {
    const { container, rerender } = render(
      <Avatar name="Marie Dupont" src="https://x.test/m.png" />,
    );
    const img = container.querySelector('img');
    expect(img).not.toBeNull();
    fireEvent.error(img as HTMLImageElement);
    expect(container).toHaveTextContent('MD');
    rerender(<Avatar name="Marie Dupont" src="javascript:alert(1)" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.firstElementChild).toHaveAttribute('aria-hidden', 'true');
  });
});
