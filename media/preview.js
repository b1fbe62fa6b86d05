// The preview webview's script (loaded with the page's nonce). It only shows what the extension sends,
// remembers the language choice and scroll position, and hands link clicks to the extension.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ show: 'both', scrollY: 0 }, vscode.getState() || {});
  const memo = document.getElementById('memo');
  const toolbar = document.querySelector('.toolbar');
  const banner = document.querySelector('.banner');
  let restored = false;

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

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'update' || typeof message.html !== 'string') return;
    const y = window.scrollY;
    // The HTML comes from the extension's renderer, which escapes every value of the memo; the CSP
    // (no inline script, nonce only) is the second line of defence.
    memo.innerHTML = message.html;
    banner.textContent = message.banner || '';
    banner.hidden = !message.banner;
    banner.classList.toggle('stale', message.stale === true);
    toolbar.hidden = !Array.isArray(message.langs) || message.langs.length < 2;
    document.documentElement.classList.toggle('colors-editor', message.colors === 'editor');
    window.scrollTo(0, restored ? y : state.scrollY);
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

  let scrollTimer;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scrollY = window.scrollY;
      save();
    }, 100);
  });

  applyShow();
  vscode.postMessage({ type: 'ready' });
})();
