/**
 * Every text the client shows, in the writer's language: `policyMemo.locale` (`en`, `fr`, or `auto`
 * for VS Code's display language). `vscode.l10n.t` follows the display language only, so the client
 * gives @vscode/l10n its own French bundle (l10n/bundle.l10n.fr.json) when the writer's language is
 * French, and switches when the setting changes.
 *
 * Call it as `l10n.t('English text {0}', arg)` with a literal English text: `npm run l10n:export`
 * (@vscode/l10n-dev) finds `l10n.t(...)` calls in every client file that imports `vscode`, and
 * test/unit/i18n/l10n.test.ts checks that each one has its French.
 */
import * as bundle from '@vscode/l10n';
import * as vscode from 'vscode';
// Built into the client bundle (a few KB): no file to read, in a Node or a web extension host.
import french from '../../l10n/bundle.l10n.fr.json';
import { Count, pluralForm } from './plural';

export type UiLocale = 'en' | 'fr';

let current: UiLocale = 'en';
const changed = new vscode.EventEmitter<UiLocale>();

/** Fires after the writer's language changed (the setting, or its `auto` value): shown texts are re-made. */
export const onDidChangeLocale = changed.event;

/** The writer's language for the client's texts, as `policyMemo.locale` says. */
export function configuredLocale(): UiLocale {
  const setting = vscode.workspace.getConfiguration('policyMemo').get<string>('locale', 'auto');
  if (setting === 'en' || setting === 'fr') return setting;
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language the client's texts are in now. */
export function locale(): UiLocale {
  return current;
}

/** Loads the texts of the configured language and follows the setting from now on. */
export function startL10n(): vscode.Disposable {
  const load = () => {
    current = configuredLocale();
    // English is the texts themselves; French is our bundle, whatever VS Code's display language.
    bundle.config({ contents: current === 'fr' ? french : {} });
  };
  load();
  return vscode.Disposable.from(
    changed,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('policyMemo.locale')) return;
      const before = current;
      load();
      if (current !== before) changed.fire(current);
    }),
  );
}

/** `message` (English, with `{0}`… placeholders) in the writer's language. */
export function t(message: string, ...args: (string | number | boolean)[]): string {
  return bundle.t(message, ...args);
}

/**
 * The form of a text that fits `count` in the writer's language (ICU plural rules through
 * Intl.PluralRules: in French 0 and 1 take the singular, in English only 1). Both forms are given
 * already translated: `l10n.plural(n, l10n.t('{0} problem', n), l10n.t('{0} problems', n))`.
 */
export function plural(count: Count, one: string, other: string): string {
  return pluralForm(current, count) === 'one' ? one : other;
}
