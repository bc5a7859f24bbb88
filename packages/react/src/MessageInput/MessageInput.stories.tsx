import type { MockChatServer } from '@causette/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { MessageInput } from './MessageInput';
import { imageFile, transferOf } from './test-images.test-fixtures';

/**
 * The first image a page picks loads core's image checks (a chunk of their own); on a loaded
 * machine the dev server can take more than findBy's default second to serve it.
 */
const firstImage = { timeout: 10_000 };

const CONVERSATION = 'c-lyon-t2';

const meta = {
  title: 'Components/MessageInput',
  component: MessageInput,
  args: { conversationId: CONVERSATION },
  loaders: [mockChatLoader],
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
    withMockChat,
  ],
  parameters: { mockChat: { conversationId: CONVERSATION } },
} satisfies Meta<typeof MessageInput>;
export default meta;

type Story = StoryObj<typeof meta>;

const chatOf = (loaded: unknown) => (loaded as { chat: LoadedChat }).chat;
const lastMessage = (chat: LoadedChat) => chat.server.state.messages(CONVERSATION).at(-1);

/** Pastes `file` into the textarea, as Ctrl+V of a copied image does. */
function paste(target: Element, file: File) {
  target.dispatchEvent(
    new ClipboardEvent('paste', {
      clipboardData: transferOf(file),
      bubbles: true,
      cancelable: true,
    }),
  );
}

/** Alice writing to Bruno: Enter sends, Shift+Enter breaks the line. */
export const Default: Story = {};

/** Interaction: type, press Enter; the mock server stores the message. */
export const Send: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chat = chatOf(loaded);
    const input = within(canvasElement).getByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Je peux visiter samedi ?{Enter}');
    await waitFor(() => expect(lastMessage(chat)?.content).toBe('Je peux visiter samedi ?'));
    await expect(input).toHaveValue('');
    await expect(input).toHaveFocus();
  },
};

/** Interaction: paste an image, see its preview, send it; the mock stores it uploaded. */
export const PasteImage: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chat = chatOf(loaded);
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Votre message' });
    paste(input, imageFile());
    await canvas.findByRole('img', { name: 'Image à envoyer' }, firstImage);
    await userEvent.type(input, 'La cuisine{Enter}');
    await waitFor(() => expect(lastMessage(chat)?.type).toBe('IMAGE'), { timeout: 10_000 });
    await expect(lastMessage(chat)).toMatchObject({
      content: 'La cuisine',
      attachment: { format: 'png', width: 3, height: 2 },
    });
    await expect(canvas.queryByRole('img', { name: 'Image à envoyer' })).toBeNull();
  },
};

/** Near the limit (here 60 characters): what is left, then what is too many. */
export const NearTheLimit: Story = {
  args: { maxLength: 60 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Le T2 est-il toujours disponible pour une visite ce samedi');
    await canvas.findByText('2 caractères restants');
  },
};

/** Over the limit: the send button is disabled until the text is shortened. */
export const OverTheLimit: Story = {
  args: { maxLength: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Le T2 est-il toujours disponible samedi ?');
    await canvas.findByText('1 caractère de trop');
    await expect(canvas.getByRole('button', { name: 'Envoyer' })).toBeDisabled();
  },
};

/** An image on its way: the mock holds the upload, so the progress bar and its cancel stay. */
export const ImageUploading: Story = {
  parameters: {
    mockChat: {
      conversationId: CONVERSATION,
      // Released by the next story's reset.
      setup: (server: MockChatServer) => void server.holdUploads(),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Votre message' });
    paste(input, imageFile());
    await canvas.findByRole('img', { name: 'Image à envoyer' }, firstImage);
    await userEvent.type(input, '{Enter}');
    await canvas.findByRole('progressbar', { name: /Envoi de l'image/ });
    await expect(canvas.getByRole('button', { name: "Annuler l'envoi" })).toBeVisible();
  },
};

/** A file that is not an image: the error is said (role="alert") and nothing is sent. */
export const WrongFile: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Votre message' });
    paste(input, new File(['%PDF-1.7'], 'bail.pdf', { type: 'application/pdf' }));
    await waitFor(
      () => expect(canvas.getByRole('alert')).toHaveTextContent(/n’est pas une image acceptée/),
      firstImage,
    );
  },
};

/** Offline: the message is queued by core and leaves at the reconnection. */
export const Offline: Story = {
  parameters: { mockChat: { conversationId: CONVERSATION, offline: true } },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Envoyé dans le métro{Enter}');
    await expect(input).toHaveValue('');
  },
};

/** In English. */
export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('textbox', { name: 'Your message' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Attach an image' })).toBeVisible();
  },
};

/** Dark theme, with an image ready to go. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    paste(canvas.getByRole('textbox', { name: 'Votre message' }), imageFile());
    await canvas.findByRole('img', { name: 'Image à envoyer' }, firstImage);
  },
};

/** 360 px wide, as on a small phone. */
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 360 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Une question sur les charges{Shift>}{Enter}{/Shift}et le parking');
    await expect(input).toHaveValue('Une question sur les charges\net le parking');
  },
};
