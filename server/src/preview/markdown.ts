import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import { isPlaceholderTarget } from '../engine/rules/placeholder-link';
import { escapeHtml } from './escape';
import type { MemoLang } from './labels';

/** Turns a path written in the memo into an image URL the page may load, or undefined to show the alt text instead. */
export type ImageResolver = (relativePath: string) => string | undefined;

export interface BodyEnv {
  resolveImage?: ImageResolver;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ALLOWED_SCHEME = /^(https?|mailto):/i;

/**
 * Link validation, stricter than markdown-it's own: a link with a scheme becomes a link only for
 * http(s) and mailto, so `javascript:`, `vbscript:`, `data:`, `file:` and the rest stay plain text.
 * Relative links and `#` anchors are kept (the reference memo has `](#)` placeholders).
 */
export function isAllowedLink(url: string): boolean {
  const trimmed = url.trim();
  return SCHEME.test(trimmed) ? ALLOWED_SCHEME.test(trimmed) : true;
}

/**
 * A path that stays inside the memo's own folder: relative, no scheme, no `..`, no absolute or
 * network path. Anything else is never loaded.
 */
export function isLocalImagePath(src: string): boolean {
  if (src === '' || SCHEME.test(src) || /^[/\\]/.test(src) || src.includes('\0')) return false;
  return src.split(/[/\\]/).every((part) => part !== '..');
}

function decode(src: string): string | undefined {
  try {
    return decodeURIComponent(src);
  } catch {
    return undefined;
  }
}

function createMarkdown(): MarkdownIt {
  // Raw HTML off: a memo's tags are shown as text. No typographer: the writer's characters are kept as written.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.linkify.set({ fuzzyLink: false });
  md.validateLink = isAllowedLink;
  for (const lang of ['en', 'fr'] as const) {
    md.use(container, lang, {
      render: (tokens: MarkdownIt.Token[], idx: number) => (tokens[idx].nesting === 1 ? `<div class="lang-block" lang="${lang}">\n` : '</div>\n'),
    });
  }
  // A link to a placeholder (`](#)`, TODO, example.com) goes nowhere: shown as marked text, in the preview and the export alike.
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    if (!isPlaceholderTarget(tokens[idx].attrGet('href') ?? '')) return self.renderToken(tokens, idx, options);
    const close = tokens.findIndex((t, j) => j > idx && t.type === 'link_close');
    if (close > idx) tokens[close].meta = { ...(tokens[close].meta as object | null), placeholder: true };
    return '<span class="placeholder-link">';
  };
  md.renderer.rules.link_close = (tokens, idx, options, _env, self) =>
    (tokens[idx].meta as { placeholder?: boolean } | null)?.placeholder ? '</span>' : self.renderToken(tokens, idx, options);
  md.renderer.rules.image = (tokens, idx, _options, env: BodyEnv) => {
    const token = tokens[idx];
    const alt = token.children ? md.renderer.renderInlineAsText(token.children, md.options, env) : token.content;
    const src = decode(token.attrGet('src') ?? '');
    const url = src !== undefined && isLocalImagePath(src) ? env.resolveImage?.(src) : undefined;
    if (url === undefined) return `<span class="image-missing">[${escapeHtml(alt)}]</span>`;
    return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`;
  };
  return md;
}

let shared: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  shared ??= createMarkdown();
  return shared;
}

/**
 * Renders a memo body. With `only`, the `::: en` / `::: fr` block of the other language is left
 * out (a two-language memo shows each language on its own page); text outside such blocks is kept.
 */
export function renderBody(text: string, only: MemoLang | undefined, env: BodyEnv = {}): string {
  const md = markdown();
  let tokens = md.parse(text, env);
  if (only) {
    const skip = only === 'en' ? 'container_fr' : 'container_en';
    let depth = 0;
    tokens = tokens.filter((token) => {
      if (token.type === `${skip}_open`) depth++;
      const keep = depth === 0;
      if (token.type === `${skip}_close`) depth--;
      return keep;
    });
  }
  return md.renderer.render(tokens, md.options, env);
}
