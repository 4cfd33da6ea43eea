/**
 * The console's keyboard shortcuts (issue 11): single keys, as in Gmail, GitHub or Front, that work anywhere
 * except while the member types. A key typed in a field, or with Ctrl, Cmd or Alt held, is the field's or the
 * browser's, never a shortcut: writing "that is great" in the chat box takes nothing over.
 *
 * The page actions reuse the page's own controls: the shortcut clicks, opens or focuses the element marked
 * with `data-shortcut` (or the chat box's `#chat-message`), so it does exactly what the control does, and only
 * while the page shows it (Take over only while the handover waits, End only for who may end it).
 * KeyboardShortcuts.svelte, in the app layout, listens; docs/keyboard-shortcuts.md lists the keys.
 */

export type ShortcutAction = 'next-waiting' | 'go-conversations' | 'help' | 'take-over' | 'reply' | 'end-handover';

export interface Shortcut {
  action: ShortcutAction;
  /** The keys in turn: one key, or `g` then a letter. */
  keys: readonly string[];
  label: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

/** What the help dialog lists, in this order. */
export const shortcutGroups: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { action: 'next-waiting', keys: ['n'], label: 'Open the next waiting conversation (the one waiting longest)' },
      { action: 'go-conversations', keys: ['g', 'c'], label: 'Go to Conversations' },
      { action: 'help', keys: ['?'], label: 'Show or hide these shortcuts' },
    ],
  },
  {
    title: 'In a conversation',
    shortcuts: [
      { action: 'take-over', keys: ['t'], label: 'Take over, while it waits' },
      { action: 'reply', keys: ['r'], label: 'Write a reply: focus the message box' },
      { action: 'end-handover', keys: ['e'], label: 'End Handover: opens the form, ends nothing yet' },
    ],
  },
];

const allShortcuts = shortcutGroups.flatMap((group) => group.shortcuts);

/** The page's control each page action uses. */
export const shortcutTargets = {
  'take-over': '[data-shortcut="take-over"]',
  // The chat box's own id (its label points at it): the chat box needs no mark of its own.
  reply: '#chat-message',
  'end-handover': '[data-shortcut="end-handover"]',
} as const satisfies Partial<Record<ShortcutAction, string>>;

export const HELP_DIALOG_ID = 'keyboard-shortcuts';

/** How long after `g` the second key counts. */
const SEQUENCE_MS = 1500;

/** Whether keys go into text here: a field, a select, or something editable. */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/**
 * Reads keydown events as shortcuts: answers the action a key completes, or null. Keeps the `g` of a
 * two-key shortcut until the next key, or for a second and a half.
 */
export function createShortcutReader(now: () => number = Date.now) {
  let pending: { key: string; at: number } | null = null;

  return (event: KeyboardEvent): ShortcutAction | null => {
    if (event.defaultPrevented || event.isComposing || event.repeat) return null;
    if (event.ctrlKey || event.metaKey || event.altKey) return null;
    if (isTypingIn(event.target)) return null;
    // Shift is allowed: `?` is Shift+/ on most keyboards. A capital letter is not the shortcut.
    const key = event.key;
    const before = pending && now() - pending.at <= SEQUENCE_MS ? pending.key : null;
    pending = null;
    if (before) {
      const completed = allShortcuts.find((shortcut) => shortcut.keys.length === 2 && shortcut.keys[0] === before && shortcut.keys[1] === key);
      if (completed) return completed.action;
    }
    if (allShortcuts.some((shortcut) => shortcut.keys.length === 2 && shortcut.keys[0] === key)) {
      pending = { key, at: now() };
      return null;
    }
    return allShortcuts.find((shortcut) => shortcut.keys.length === 1 && shortcut.keys[0] === key)?.action ?? null;
  };
}

/**
 * Does what the page's own control does: clicks a button, opens a details panel and moves into its first
 * field, or focuses a field. False when the control cannot be used now (a button busy, say).
 */
export function useControl(element: HTMLElement): boolean {
  if (element instanceof HTMLDetailsElement) {
    element.open = true;
    const first = element.querySelector<HTMLElement>(':scope > :not(summary) :is(input, textarea, select, button):not(:disabled)');
    (first ?? element.querySelector<HTMLElement>('summary'))?.focus();
    return true;
  }
  if (element instanceof HTMLButtonElement) {
    if (element.disabled) return false;
    element.click();
    return true;
  }
  element.focus();
  return true;
}
