// The kit's stylesheet touches only the kit: a host page's own elements keep their computed
// style once it is loaded and the components are on the page.
import { render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatWindow } from './ChatWindow';
import { ConversationList } from './ConversationList';
import { destroyClients, makeClient, server } from './hooks/test-chat.test-fixtures';
import { ChatProvider } from './provider';
import kitCss from './styles.css?inline';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const PROPERTIES = [
  'box-sizing',
  'color',
  'background-color',
  'font-family',
  'font-size',
  'line-height',
  'margin-top',
  'padding-left',
  'border-top-width',
  'outline-style',
  'display',
  'list-style-type',
] as const;

function hostPage(): HTMLElement {
  const page = document.createElement('main');
  page.innerHTML = `
    <h2 id="h">Annonces</h2>
    <p id="p">Un paragraphe du site.</p>
    <button id="b">Un bouton du site</button>
    <textarea id="t"></textarea>
    <input id="i" />
    <ul id="u"><li id="l">Un élément</li></ul>
    <img id="img" alt="" width="10" height="10" />
    <mark id="m">marqué</mark>
    <section id="s" class="causette-lookalike"><header id="hd">En-tête</header></section>`;
  document.body.append(page);
  return page;
}

function computed(page: HTMLElement): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const element of Array.from(page.querySelectorAll<HTMLElement>('[id]'))) {
    const style = getComputedStyle(element);
    out[element.id] = Object.fromEntries(PROPERTIES.map((p) => [p, style.getPropertyValue(p)]));
  }
  return out;
}

describe('the stylesheet on a host page', () => {
  it('changes no computed style of the page’s own elements', async () => {
    const page = hostPage();
    const before = computed(page);
    const style = document.createElement('style');
    style.textContent = kitCss;
    document.head.append(style);
    try {
      const client = makeClient();
      client.connect();
      const { container } = render(
        <ChatProvider client={client}>
          <div style={{ height: 500 }}>
            <ChatWindow conversationId="c-lyon-t2" />
          </div>
          <ConversationList onSelect={() => undefined} />
        </ChatProvider>,
      );
      await client.waitForConnection();
      // The kit did style its own elements: the check above is not vacuous.
      const window = container.querySelector('.causette-chat-window') as HTMLElement;
      expect(getComputedStyle(window).display).toBe('flex');
      expect(computed(page)).toEqual(before);
    } finally {
      style.remove();
      page.remove();
    }
  });
});
