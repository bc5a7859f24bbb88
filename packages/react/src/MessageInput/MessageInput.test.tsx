import type { ChatClient } from '@causette/core';
import { MAX_IMAGE_BYTES } from '@causette/protocol';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  connectedClient,
  destroyClients,
  makeClient,
  server,
} from '../hooks/test-chat.test-fixtures';
import { ChatProvider } from '../provider';
// The kit's stylesheet, as apps load it: the textarea's max height lives there.
import '../styles.css';
import { MessageInput, type MessageInputProps } from './index';
import { PNG_3X2, imageFile, transferOf } from './test-images.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  vi.restoreAllMocks();
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONVERSATION = 'c-reze-maison';
const POLL = { timeout: 15_000 };

function renderInput(client: ChatClient, props: Partial<MessageInputProps> = {}) {
  const onSent = vi.fn();
  const view = render(
    <ChatProvider client={client}>
      <MessageInput conversationId={CONVERSATION} onSent={onSent} {...props} />
    </ChatProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Votre message' }) as HTMLTextAreaElement;
  const sendButton = screen.getByRole('button', { name: 'Envoyer' });
  return { ...view, input, sendButton, onSent };
}

const last = () => server.state.messages(CONVERSATION).at(-1);
const sends = (userId = 'u-alice') =>
  server.receivedBy(userId).filter((entry) => entry.event === 'message:send');
const paste = (target: Element, file: File) =>
  target.dispatchEvent(
    new ClipboardEvent('paste', {
      clipboardData: transferOf(file),
      bubbles: true,
      cancelable: true,
    }),
  );

describe('MessageInput: text', () => {
  it('sends on Enter, clears the text, keeps the focus and reports the pending message', async () => {
    const { input, onSent } = renderInput(await connectedClient());
    await userEvent.type(input, 'Bonjour Bruno{Enter}');
    await expect.poll(() => last()?.content, POLL).toBe('Bonjour Bruno');
    expect(last()).toMatchObject({ senderId: 'u-alice', type: 'TEXT' });
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(onSent).toHaveBeenCalledWith(
      expect.objectContaining({
        content: 'Bonjour Bruno',
        type: 'TEXT',
        conversationId: CONVERSATION,
      }),
    );
  });

  it('breaks the line on Shift+Enter, and the button sends it', async () => {
    const { input, sendButton } = renderInput(await connectedClient());
    await userEvent.type(input, 'Ligne 1{Shift>}{Enter}{/Shift}Ligne 2');
    expect(input).toHaveValue('Ligne 1\nLigne 2');
    expect(sends()).toEqual([]);
    await userEvent.click(sendButton);
    await expect.poll(() => last()?.content, POLL).toBe('Ligne 1\nLigne 2');
    expect(input).toHaveFocus();
  });

  it('does not send on the Enter that ends an IME composition', async () => {
    const { input } = renderInput(await connectedClient());
    await userEvent.type(input, 'にほん');
    fireEvent.compositionStart(input);
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    // Safari ends the composition before its keydown, and says so with keyCode 229.
    fireEvent.compositionEnd(input);
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 229 });
    expect(input).toHaveValue('にほん');
    expect(sends()).toEqual([]);
    fireEvent.keyDown(input, { key: 'Enter' });
    await expect.poll(() => last()?.content, POLL).toBe('にほん');
  });

  it('sends nothing empty or made of spaces', async () => {
    const { input, sendButton } = renderInput(await connectedClient());
    expect(sendButton).toBeDisabled();
    await userEvent.type(input, '   {Enter}');
    expect(sendButton).toBeDisabled();
    await userEvent.type(input, '{Shift>}{Enter}{/Shift}{Enter}');
    expect(sends()).toEqual([]);
  });

  it('signals typing on input, and its end on send and on blur', async () => {
    const { input } = renderInput(await connectedClient());
    const typingEvents = () =>
      server
        .receivedBy('u-alice')
        .filter((e) => e.event.startsWith('typing:'))
        .map((e) => e.event);
    await userEvent.type(input, 'Je');
    await expect.poll(typingEvents, POLL).toEqual(['typing:start']);
    await userEvent.type(input, '{Enter}');
    await expect.poll(typingEvents, POLL).toEqual(['typing:start', 'typing:stop']);
    await userEvent.type(input, 'Encore');
    await expect.poll(typingEvents, POLL).toHaveLength(3);
    input.blur();
    await expect
      .poll(typingEvents, POLL)
      .toEqual(['typing:start', 'typing:stop', 'typing:start', 'typing:stop']);
  });

  it('grows with its content, then stops at its max height and scrolls', async () => {
    const { input } = renderInput(await connectedClient());
    await userEvent.fill(input, 'une ligne');
    const one = input.offsetHeight;
    await userEvent.fill(input, 'un\ndeux\ntrois');
    const three = input.offsetHeight;
    expect(three).toBeGreaterThan(one);
    await userEvent.fill(input, Array.from({ length: 40 }, (_, i) => `ligne ${i}`).join('\n'));
    expect(input.offsetHeight).toBeGreaterThan(three);
    expect(input.offsetHeight).toBe(Math.round(parseFloat(getComputedStyle(input).maxHeight)));
    expect(input.scrollHeight).toBeGreaterThan(input.clientHeight);
    await userEvent.fill(input, 'court');
    expect(input.offsetHeight).toBe(one);
  });
});

describe('MessageInput: the character limit', () => {
  it('shows what is left from 90 % of the limit, politely, and blocks over it', async () => {
    const { input, sendButton } = renderInput(await connectedClient(), { maxLength: 20 });
    await userEvent.fill(input, 'a'.repeat(17));
    expect(input).not.toHaveAccessibleDescription(/caractère/);
    await userEvent.fill(input, 'a'.repeat(18));
    expect(input).toHaveAccessibleDescription('2 caractères restants');
    const counter = screen.getByText('2 caractères restants');
    expect(counter).toHaveAttribute('aria-live', 'polite');
    await userEvent.fill(input, 'a'.repeat(23));
    expect(input).toHaveAccessibleDescription('3 caractères de trop');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(sendButton).toBeDisabled();
    await userEvent.type(input, '{Enter}');
    expect(sends()).toEqual([]);
    await userEvent.fill(input, 'a'.repeat(20));
    expect(input).toHaveAccessibleDescription('0 caractère restant');
    await userEvent.type(input, '{Enter}');
    await expect.poll(() => last()?.content, POLL).toBe('a'.repeat(20));
  });

  it('defaults to the protocol’s limit for a text message', async () => {
    const { input } = renderInput(await connectedClient());
    await userEvent.fill(input, 'é'.repeat(3600));
    expect(input).toHaveAccessibleDescription('400 caractères restants');
  });
});

describe('MessageInput: images', () => {
  it('takes a pasted image: a preview, then an IMAGE message the server stores', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const { input } = renderInput(await connectedClient());
    paste(input, imageFile());
    const preview = await screen.findByRole('img', { name: 'Image à envoyer' }, POLL);
    await waitFor(() => expect(preview.getAttribute('src')).toMatch(/^blob:/));
    const url = preview.getAttribute('src');
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeEnabled();
    await userEvent.type(input, 'Le salon{Enter}');
    await expect.poll(() => last()?.type, POLL).toBe('IMAGE');
    expect(last()).toMatchObject({
      content: 'Le salon',
      attachment: { width: 3, height: 2, format: 'png', bytes: PNG_3X2.byteLength },
    });
    expect(server.uploadedImages()).toEqual([
      expect.objectContaining({ userId: 'u-alice', url: last()?.attachment?.url }),
    ]);
    expect(screen.queryByRole('img', { name: 'Image à envoyer' })).toBeNull();
    expect(revoke).toHaveBeenCalledWith(url);
  });

  it('takes a dropped image, showing where to drop it while dragging', async () => {
    const { container, input, sendButton } = renderInput(await connectedClient());
    const zone = container.querySelector('.causette-message-input')!;
    // Built by hand: Testing Library's fireEvent copies a DataTransfer into an empty one.
    const transfer = transferOf(imageFile());
    const drag = (type: string) => {
      const event = new DragEvent(type, {
        dataTransfer: transfer,
        bubbles: true,
        cancelable: true,
      });
      act(() => void zone.dispatchEvent(event));
      return event;
    };
    drag('dragenter');
    expect(drag('dragover').defaultPrevented).toBe(true);
    expect(zone).toHaveClass('causette-message-input--dropping');
    expect(screen.getByText('Déposez une image ici')).toBeVisible();
    expect(drag('drop').defaultPrevented).toBe(true);
    expect(zone).not.toHaveClass('causette-message-input--dropping');
    await screen.findByRole('img', { name: 'Image à envoyer' }, POLL);
    await userEvent.click(sendButton);
    await expect.poll(() => last()?.type, POLL).toBe('IMAGE');
    expect(last()).toMatchObject({ content: '', attachment: { format: 'png' } });
    expect(input).toHaveFocus();
  });

  it('takes an image from the file picker behind its button, and can remove it', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const { container } = renderInput(await connectedClient());
    const picker = container.querySelector('input[type="file"]') as HTMLInputElement;
    expect(picker).toHaveAttribute('accept', 'image/jpeg,image/png,image/webp,image/gif');
    const click = vi.spyOn(picker, 'click').mockImplementation(() => undefined);
    await userEvent.click(screen.getByRole('button', { name: 'Joindre une image' }));
    expect(click).toHaveBeenCalled();
    await userEvent.upload(picker, imageFile());
    const preview = await screen.findByRole('img', { name: 'Image à envoyer' }, POLL);
    await waitFor(() => expect(preview.getAttribute('src')).toMatch(/^blob:/));
    const url = preview.getAttribute('src');
    await userEvent.click(screen.getByRole('button', { name: "Retirer l'image" }));
    expect(screen.queryByRole('img', { name: 'Image à envoyer' })).toBeNull();
    expect(revoke).toHaveBeenCalledWith(url);
    expect(sends()).toEqual([]);
  });

  it('refuses a file that is not an image, or only named like one, and sends nothing', async () => {
    const { input, sendButton } = renderInput(await connectedClient());
    paste(input, new File(['des notes'], 'notes.txt', { type: 'text/plain' }));
    const alert = await screen.findByText(/n’est pas une image acceptée/, {}, POLL);
    expect(alert).toHaveAttribute('role', 'alert');
    expect(input).toHaveAccessibleDescription(/n’est pas une image acceptée/);
    expect(sendButton).toBeDisabled();
    // A PNG by its name and type, not by its bytes.
    paste(input, new File(['pas une image'], 'photo.png', { type: 'image/png' }));
    await expect.poll(() => screen.getByRole('alert').textContent).toMatch(/image acceptée/);
    expect(screen.queryByRole('img', { name: 'Image à envoyer' })).toBeNull();
    await userEvent.type(input, '{Enter}');
    expect(sends()).toEqual([]);
    expect(server.uploadedImages()).toEqual([]);
  });

  it('refuses an image over the size limit with its own message', async () => {
    const { input } = renderInput(await connectedClient());
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG_3X2);
    paste(input, new File([big], 'enorme.png', { type: 'image/png' }));
    await expect
      .poll(() => screen.getByRole('alert').textContent)
      .toBe('Cette image dépasse 10 Mo.');
    expect(screen.queryByRole('img', { name: 'Image à envoyer' })).toBeNull();
    // A good one afterwards clears the error.
    paste(input, imageFile());
    await screen.findByRole('img', { name: 'Image à envoyer' }, POLL);
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('shows the upload’s progress, and cancelling it drops the message', async () => {
    const client = await connectedClient();
    const { input } = renderInput(client);
    const release = server.holdUploads();
    paste(input, imageFile());
    await screen.findByRole('img', { name: 'Image à envoyer' }, POLL);
    await userEvent.type(input, '{Enter}');
    const bar = await screen.findByRole('progressbar', { name: /Envoi de l'image/ }, POLL);
    const value = Number(bar.getAttribute('aria-valuenow'));
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    await userEvent.click(screen.getByRole('button', { name: "Annuler l'envoi" }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(client.getSnapshot().messages[CONVERSATION]?.pending ?? []).toEqual([]);
    release();
    // The outbox sends a conversation's messages in order: had the image stayed, it came first.
    await userEvent.type(input, 'Finalement, sans photo{Enter}');
    await expect.poll(() => last()?.content, POLL).toBe('Finalement, sans photo');
    expect(sends().map((e) => (e.payload as { type: string }).type)).toEqual(['TEXT']);
  });
});

describe('MessageInput: rendering', () => {
  it('does not re-render when the other member types or writes', async () => {
    const client = await connectedClient();
    // Loaded by the message list in a ChatWindow; the input alone loads nothing.
    await client.loadOlderMessages(CONVERSATION);
    let commits = 0;
    render(
      <ChatProvider client={client}>
        <Profiler id="input" onRender={() => commits++}>
          <MessageInput conversationId={CONVERSATION} />
        </Profiler>
      </ChatProvider>,
    );
    const before = commits;
    server.emit('u-alice', 'typing:update', {
      conversationId: CONVERSATION,
      userId: 'u-bruno',
      isTyping: true,
    });
    await expect.poll(() => client.getSnapshot().typing[CONVERSATION]).toEqual(['u-bruno']);
    server.sendAs('u-bruno', CONVERSATION, 'Bonjour !');
    await expect
      .poll(() => client.getSnapshot().messages[CONVERSATION]?.sent.at(-1)?.content)
      .toBe('Bonjour !');
    expect(commits).toBe(before);
  });
});

describe('MessageInput: connection', () => {
  it('queues a message sent offline, which arrives after goOnline', async () => {
    const client = await connectedClient();
    const { input, onSent } = renderInput(client);
    server.goOffline();
    await expect.poll(() => client.getSnapshot().connection.status).not.toBe('connected');
    await userEvent.type(input, 'Envoyé hors ligne{Enter}');
    expect(input).toHaveValue('');
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ status: 'pending' }));
    expect(last()?.content).not.toBe('Envoyé hors ligne');
    server.goOnline();
    await expect.poll(() => last()?.content, { timeout: 30_000 }).toBe('Envoyé hors ligne');
    // The reconnection waits out the client's backoff: the poll's 30 s, not the default 15 s, bound it
    // (a loaded CI run ran out of the test's time while the poll still had some).
  }, 45_000);

  it('says so when the client refuses the message, and keeps the text', async () => {
    // Never connected: the user is not known, core cannot queue.
    const { input } = renderInput(makeClient());
    await userEvent.type(input, 'Trop tôt{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Ce message n’a pas pu partir');
    expect(input).toHaveValue('Trop tôt');
  });

  it('speaks the provider’s locale', () => {
    render(
      <ChatProvider client={makeClient()} locale="en">
        <MessageInput conversationId={CONVERSATION} className="mine" />
      </ChatProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Your message' });
    expect(input).toHaveAttribute('placeholder', 'Write a message…');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Attach an image' })).toBeEnabled();
    expect(input.closest('.causette')).toHaveClass('causette-message-input', 'mine');
  });

  it('renders on a server with a client that never connected', () => {
    const html = renderToString(
      <ChatProvider client={makeClient()}>
        <MessageInput conversationId={CONVERSATION} />
      </ChatProvider>,
    );
    expect(html).toContain('aria-label="Votre message"');
    expect(html).toContain('causette-message-input');
  });
});
