// Builds the render page: page.tsx with @causette/react from its dist/ and React in production
// mode, as an app ships them; the kit's stylesheet comes along (the list's layout is its CSS).
import path from 'node:path';
import { build } from 'esbuild';
import { benchDir } from '../../load/processes';
import { CHATSCOPE_STYLES } from '../entries';
import { dependencyAlias } from '../versions';

export interface PageFiles {
  js: string;
  css: string;
}

export const PAGE_ENTRY = path.join(import.meta.dirname, 'page.tsx');

export async function bundlePage(): Promise<PageFiles> {
  const result = await build({
    alias: dependencyAlias('@chatscope/chat-ui-kit-react', CHATSCOPE_STYLES, benchDir),
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: 'render-page',
    write: false,
    logLevel: 'silent',
  });
  const text = (ext: string) =>
    result.outputFiles
      .filter((file) => file.path.endsWith(ext))
      .map((file) => file.text)
      .join('\n');
  return { js: text('.js'), css: text('.css') };
}

/** The HTML that loads the bundle (served from a routed origin, not inlined: no `</script>` risk). */
export function pageHtml(): string {
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>render bench</title>',
    '<link rel="stylesheet" href="/page.css"></head>',
    '<body><script type="module" src="/page.js"></script></body></html>',
  ].join('');
}
