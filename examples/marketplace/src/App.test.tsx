import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';

describe('App', () => {
  it('shows the unread badge in the header, in French', () => {
    render(<App unread={2} />);
    expect(screen.getByRole('heading', { name: 'Marketplace' })).toBeTruthy();
    expect(screen.getByRole('status', { name: '2 messages non lus' }).textContent).toBe('2');
  });
});
