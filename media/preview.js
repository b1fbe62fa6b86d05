// The preview webview's script (loaded with the page's nonce). It only shows what the extension sends,
// remembers the memo, the language choice and the scroll position, hands link clicks to the extension,
// and keeps the preview and the editor scrolled to the same source line (the blocks' `data-line`).
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ show: 'both', scrollY: 0 }, vscode.getState() || {});
  const memo = document.getElementById('memo');
  const toolbar = document.querySelector('.toolbar');
  const banner = document.querySelector('.banner');
  let restored = false;
  /**
   * Where our own last scroll went: the scroll event that lands there is not the writer's, so the editor
   * is not moved back. A position, not a count: the browser may fold several scrolls into one event.
   */
  let ownTarget;

  function scrollOurselvesTo(y) {
    // Where the browser will really stop: past the end, a scroll stops at the bottom.
    ownTarget = Math.min(y, Math.max(0, document.documentElement.scrollHeight - window.innerHeight));
    window.scrollTo(0, y);
  }

  function save() {
    vscode.setState(state);
  }

  function applyShow() {
    for (const show of ['en', 'fr', 'both']) document.body.classList.toggle('show-' + show, state.show === show);
    for (const button of toolbar.querySelectorAll('button[data-show]')) {
      button.setAttribute('aria-pressed', String(button.dataset.show === state.show));
    }
  }

  toolbar.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-show]');
    if (!button) return;
    state.show = button.dataset.show;
    applyShow();
    save();
  });

  // --- Showing a new rendering: only what changed is replaced, so a long memo is not laid out again whole. ---

  /** Makes `target`'s attributes those of `source`. */
  function syncAttributes(target, source) {
    for (const { name } of [...target.attributes]) if (!source.hasAttribute(name)) target.removeAttribute(name);
    for (const { name, value } of source.attributes) if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }

  /** Whether two nodes show the same thing (their source lines aside, which move when a line is added above). */
  function sameShown(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName && a.textContent === b.textContent;
  }

  /** Turns `target` into `source` in place, keeping every node that already shows the same thing. */
  function patch(target, source) {
    if (target.isEqualNode(source)) return;
    if (target.nodeType !== 1 /* an element */) {
      target.nodeValue = source.nodeValue;
      return;
    }
    syncAttributes(target, source);
    patchChildren(target, source);
  }

  function patchChildren(target, source) {
    const olds = [...target.childNodes];
    const news = [...source.childNodes];
    // The unchanged run at each end (typing changes one place), then the changed middle.
    let start = 0;
    while (start < olds.length && start < news.length && sameShown(olds[start], news[start])) start++;
    let oldEnd = olds.length;
    let newEnd = news.length;
    while (oldEnd > start && newEnd > start && sameShown(olds[oldEnd - 1], news[newEnd - 1])) {
      oldEnd--;
      newEnd--;
    }
    for (let i = 0; i < start; i++) patch(olds[i], news[i]);
    for (let i = 0; i < olds.length - oldEnd; i++) patch(olds[oldEnd + i], news[newEnd + i]);
    const middle = Math.min(oldEnd - start, newEnd - start);
    for (let i = 0; i < middle; i++) {
      const old = olds[start + i];
      const next = news[start + i];
      if (old.nodeType === next.nodeType && old.nodeName === next.nodeName) patch(old, next);
      else target.replaceChild(next, old);
    }
    for (let i = start + middle; i < oldEnd; i++) target.removeChild(olds[i]);
    const before = oldEnd < olds.length ? olds[oldEnd] : null;
    for (let i = start + middle; i < newEnd; i++) target.insertBefore(news[i], before);
  }

  /** Shows `html` in the memo element; the first rendering is set whole. */
  function show(html) {
    if (!memo.firstChild) {
      memo.innerHTML = html;
      return;
    }
    const next = document.createElement('template');
    next.innerHTML = html;
    patchChildren(memo, next.content);
  }

  // --- Scroll sync: source lines of the blocks in the first page shown. ---

  /** The blocks with a source line, top to bottom, in the first memo page shown (each language's page has the same lines). */
  function blocks() {
    const page = [...memo.querySelectorAll('.memo-page')].find((p) => p.getClientRects().length > 0);
    if (!page) return [];
    const found = [];
    for (const element of page.querySelectorAll('[data-line]')) {
      const line = Number(element.getAttribute('data-line'));
      const rect = element.getBoundingClientRect();
      if (!Number.isInteger(line) || rect.height === 0) continue;
      found.push({ line, top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY });
    }
    return found.sort((a, b) => a.top - b.top);
  }

  /** How far the top of the page is hidden by the sticky toolbar. */
  function topInset() {
    return toolbar.hidden ? 0 : toolbar.getBoundingClientRect().height;
  }

  /** The page offset where source line `line` is shown: within the last block starting at or before it, in proportion. */
  function offsetOfLine(line) {
    const all = blocks();
    let previous;
    let next;
    for (const block of all) {
      if (block.line <= line && (!previous || block.line >= previous.line)) previous = block;
    }
    if (!previous) return 0;
    for (const block of all) {
      if (block.line > previous.line && block.top >= previous.top && (!next || block.line < next.line)) next = block;
    }
    const span = next ? next.line - previous.line : 1;
    const height = next ? next.top - previous.top : previous.bottom - previous.top;
    return previous.top + (height * Math.min(1, (line - previous.line) / span));
  }

  /** The source line shown at page offset `y`: the block there, and how far into it, towards the next block's line. */
  function lineAtOffset(y) {
    const all = blocks();
    let index = -1;
    for (let i = 0; i < all.length; i++) if (all[i].top <= y) index = i;
    if (index < 0) return all.length > 0 ? all[0].line : 0;
    const block = all[index];
    const next = all.slice(index + 1).find((b) => b.line > block.line);
    if (!next || next.top <= block.top) return block.line;
    return Math.floor(block.line + ((next.line - block.line) * (y - block.top)) / (next.top - block.top));
  }

  function scrollToLine(line) {
    const y = Math.max(0, Math.round(offsetOfLine(line) - topInset()));
    if (Math.abs(window.scrollY - y) < 1) return;
    scrollOurselvesTo(y);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message) return;
    if (message.type === 'scroll' && Number.isInteger(message.line)) {
      scrollToLine(message.line);
      return;
    }
    if (message.type !== 'update' || typeof message.html !== 'string') return;
    const y = window.scrollY;
    // The HTML comes from the extension's renderer, which escapes every value of the memo; the CSP
    // (no inline script, nonce only) is the second line of defence.
    if (message.source !== state.source) memo.replaceChildren();
    show(message.html);
    banner.textContent = message.banner || '';
    banner.hidden = !message.banner;
    banner.classList.toggle('stale', message.stale === true);
    toolbar.hidden = !Array.isArray(message.langs) || message.langs.length < 2;
    document.documentElement.classList.toggle('colors-editor', message.colors === 'editor');
    // Kept in the webview state: after a window reload, VS Code hands it to the extension, which shows this memo again.
    if (typeof message.source === 'string' && message.source !== state.source) {
      state.source = message.source;
      save();
    }
    const target = restored ? y : state.scrollY;
    if (Math.abs(window.scrollY - target) >= 1) scrollOurselvesTo(target);
    restored = true;
  });

  // Links never navigate the webview: http(s) and mailto go to the extension, which opens them through VS Code.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a');
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href') || '';
    if (href.startsWith('#')) {
      const target = href.length > 1 ? document.getElementById(href.slice(1)) : null;
      if (target) target.scrollIntoView();
    } else if (/^(https?|mailto):/i.test(href)) {
      vscode.postMessage({ type: 'openLink', href: link.href });
    }
  });

  // A double-click on a block opens the memo at its source line.
  document.addEventListener('dblclick', (event) => {
    const block = event.target.closest && event.target.closest('[data-line]');
    if (!block || !memo.contains(block)) return;
    const line = Number(block.getAttribute('data-line'));
    if (Number.isInteger(line)) vscode.postMessage({ type: 'openSource', line });
  });

  let scrollTimer;
  let revealFrame = 0;
  window.addEventListener('scroll', () => {
    const ours = ownTarget !== undefined && Math.abs(window.scrollY - ownTarget) < 1;
    ownTarget = undefined;
    if (!ours && !revealFrame) {
      // The writer scrolled the preview: the editor shows the same source line, once per frame at most.
      revealFrame = window.requestAnimationFrame(() => {
        revealFrame = 0;
        vscode.postMessage({ type: 'revealLine', line: lineAtOffset(window.scrollY + topInset()) });
      });
    }
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scrollY = window.scrollY;
      save();
    }, 100);
  });

  applyShow();
  vscode.postMessage({ type: 'ready' });
})();
