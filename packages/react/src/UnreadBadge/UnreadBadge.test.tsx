import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UnreadBadge } from './UnreadBadge';

describe('UnreadBadge', () => {
  it('renders nothing when there is nothing unread', () => {
    const { container } = render(<UnreadBadge count={0} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the count with an accessible label', () => {
    render(<UnreadBadge count={3} />);
    expect(screen.getByRole('status', { name: '3 unread messages' })).toHaveTextContent('3');
  });

  it('caps the visible number but keeps the exact count in the label', () => {
    render(<UnreadBadge count={250} />);
    const badge = screen.getByRole('status', { name: '250 unread messages' });
    expect(badge).toHaveTextContent('99+');
  });

  it('ignores nonsense counts instead of rendering them', () => {
    const { container } = render(<UnreadBadge count={Number.NaN} />);
    expect(container).toBeEmptyDOMElement();
  });
});
