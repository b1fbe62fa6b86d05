import MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';
import container from 'markdown-it-container';
import { isPlaceholderTarget } from '../engine/rules/placeholder-link';
import { escapeHtml } from './escape';
import type { MemoLang } from './labels';

/** Turns a path written in the memo into an image URL the page may load, or undefined to show the alt text instead. */
export type ImageResolver = (relativePath: string) => string | undefined;

export interface BodyEnv {
  resolveImage?: ImageResolver;
  /** The body's first line in the memo file: with it, each block says its source line (`data-line`) for scroll sync. */
  firstLine?: number;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** An absolute web or mail address, or a place in the same page. */
const ALLOWED_LINK = /^(?:(?:https?|mailto):|#)/i;

/**
 * Whether a link target becomes a link: only an absolute `http(s):` or `mailto:` address and an
 * in-page `#` anchor (the reference memo has `](#)` placeholders). The rest stays plain text:
 * `javascript:`, `data:`, `file:` and other schemes; protocol-relative `//host/share` and
 * `\\host\share`, which an exported file opened from disk resolves to `file://host/share` (a network
 * path on Windows); and relative paths, which point nowhere once the page is exported or previewed.
 */
export function isAllowedLink(url: string): boolean {
  return ALLOWED_LINK.test(url.trim());
}

/**
 * markdown-it's own validation, which links and images share: any other scheme is never parsed as a
 * link or an image. Relative targets are parsed (an image's path goes to the resolver), and
 * `keepAllowedLinks` then unwraps the links among them.
 */
function isParsedTarget(url: string): boolean {
  const trimmed = url.trim();
  return SCHEME.test(trimmed) ? ALLOWED_LINK.test(trimmed) : true;
}

/** A core rule: a link (written or linkified) whose target is not allowed is replaced by its text. */
function keepAllowedLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let unwrapping = false;
    block.children = block.children.filter((token) => {
      if (token.type === 'link_open' && !isAllowedLink(token.attrGet('href') ?? '')) {
        unwrapping = true;
        return false;
      }
      // Links do not nest: the next close is this link's.
      if (token.type === 'link_close' && unwrapping) {
        unwrapping = false;
        return false;
      }
      return true;
    });
  }
}

/**
 * A path that stays inside the memo's own folder: relative, no scheme, no `..`, no absolute or
 * network path. Anything else is never loaded.
 */
export function isLocalImagePath(src: string): boolean {
  if (src === '' || SCHEME.test(src) || /^[/\\]/.test(src) || src.includes('\0')) return false;
  return src.split(/[/\\]/).every((part) => part !== '..');
}

/** An image's `src` as written, percent-decoded; undefined when it cannot be decoded. */
export function decodeImageSrc(src: string): string | undefined {
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
  md.validateLink = isParsedTarget;
  md.core.ruler.push('policy_memo_links', keepAllowedLinks);
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
    const src = decodeImageSrc(token.attrGet('src') ?? '');
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
  const tokens = bodyTokens(text, only, env);
  if (env.firstLine !== undefined) markSourceLines(tokens, env.firstLine);
  return md.renderer.render(tokens, md.options, env);
}

/**
 * Gives every block that opens (paragraph, heading, list item, table row, code, rule) its line in the
 * memo file as `data-line`, from markdown-it's token maps, as VS Code's Markdown preview does.
 */
function markSourceLines(tokens: MarkdownIt.Token[], firstLine: number): void {
  for (const token of tokens) {
    if (token.map && token.nesting >= 0 && token.block && token.type !== 'inline' && !token.type.startsWith('container_')) {
      token.attrSet('data-line', String(firstLine + token.map[0]));
    }
  }
}

/**
 * A memo body as markdown-it's tokens, with the same options and link rules as the preview (the
 * Word export writes them), and with `only`, without the other language's `::: en` / `::: fr` block.
 */
export function bodyTokens(text: string, only: MemoLang | undefined, env: BodyEnv = {}): MarkdownIt.Token[] {
  const tokens = markdown().parse(text, env);
  if (!only) return tokens;
  const skip = only === 'en' ? 'container_fr' : 'container_en';
  let depth = 0;
  return tokens.filter((token) => {
    if (token.type === `${skip}_open`) depth++;
    const keep = depth === 0;
    if (token.type === `${skip}_close`) depth--;
    return keep;
  });
}
