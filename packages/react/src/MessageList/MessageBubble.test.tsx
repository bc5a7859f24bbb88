import type { PendingMessage, SentMessage } from '@causette/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../styles.css';
import { MessageBubble } from './MessageBubble';
import { linkify } from './MessageText';
import { buildRows } from './rows';

const pendingImage = (upload?: PendingMessage['upload']): PendingMessage => ({
  clientId: 'c-1',
  conversationId: 'c-lyon-t2',
  senderId: 'u-alice',
  type: 'IMAGE',
  content: '',
  createdAt: new Date().toISOString(),
  status: 'sending',
  image: new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'], {
    type: 'image/svg+xml',
  }),
  ...(upload ? { upload } : {}),
});

describe('MessageBubble', () => {
  it('shows a pending image’s local preview and its upload progress; revokes the URL on unmount', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const { unmount } = render(
      <MessageBubble
        message={pendingImage({ loaded: 40, total: 100 })}
        own
        senderName="Vous"
        groupStart
        delivery="sending"
      />,
    );
    const img = screen.getByRole('img', { name: 'Image envoyée par Vous' });
    const src = img.getAttribute('src') ?? '';
    expect(src.startsWith('blob:')).toBe(true);
    // The box is reserved before the preview loads.
    expect(img.getBoundingClientRect().height).toBeGreaterThan(100);
    const progress = screen.getByRole('progressbar', { name: "Envoi de l'image" });
    expect(progress).toHaveAttribute('value', '40');
    expect(progress).toHaveAttribute('max', '100');
    expect(screen.getByText('Envoi…')).toBeVisible();
    unmount();
    expect(revoke).toHaveBeenCalledWith(src);
    revoke.mockRestore();
  });

  it('never loads an image from a non-http(s) URL', () => {
    const message: SentMessage = {
      id: 'm-1',
      clientId: 'c-1',
      conversationId: 'c',
      seq: 1,
      senderId: 'u-bruno',
      type: 'IMAGE',
      content: 'Légende',
      attachment: {
        url: 'javascript:alert(1)',
        publicId: 'p',
        width: 400,
        height: 400,
        bytes: 1,
        format: 'png',
      },
      createdAt: new Date().toISOString(),
      status: 'sent',
    };
    const { container } = render(
      <MessageBubble message={message} own={false} senderName="Bruno" groupStart />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('Légende')).toBeVisible();
  });
});

describe('linkify and rows', () => {
  it('links http(s) only and leaves sentence punctuation out', () => {
    const parts = linkify('Voir http://a.fr/x, ftp://b.fr et data:text/html,<b>x</b>.');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe('Voir ');
    expect(parts[2]).toBe(', ftp://b.fr et data:text/html,<b>x</b>.');
  });

  it('opens a day and a group where the day or the sender changes, or after 5 minutes', () => {
    const at = (iso: string, senderId: string, seq: number): SentMessage => ({
      id: `m-${seq}`,
      clientId: `c-${seq}`,
      conversationId: 'c',
      seq,
      senderId,
      type: 'TEXT',
      content: String(seq),
      createdAt: iso,
      status: 'sent',
    });
    const rows = buildRows([
      at('2026-03-01T10:00:00', 'a', 1),
      at('2026-03-01T10:02:00', 'a', 2),
      at('2026-03-01T10:09:00', 'a', 3),
      at('2026-03-01T10:10:00', 'b', 4),
      at('2026-03-02T09:00:00', 'b', 5),
    ]);
    expect(rows.map((r) => r.newDay)).toEqual([true, false, false, false, true]);
    expect(rows.map((r) => r.groupStart)).toEqual([true, false, true, true, true]);
  });
});
