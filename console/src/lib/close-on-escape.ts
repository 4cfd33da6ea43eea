/**
 * A panel under its button (a `<details>`: End Handover, a confirm step) closes on Escape from anywhere on the page
 * and gives focus back to its button. Used as `<details use:closeOnEscape>`.
 */
export function closeOnEscape(panel: HTMLDetailsElement): { destroy: () => void } {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !panel.open) return;
    panel.open = false;
    panel.querySelector('summary')?.focus();
  };
  window.addEventListener('keydown', onKeydown);
  return { destroy: () => window.removeEventListener('keydown', onKeydown) };
}
