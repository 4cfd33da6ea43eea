/**
 * Reloads the page's data on the console's own initiative (a live-stream event, polling), not the member's.
 * While it runs the browser sends a `handover_background` cookie; the console's server then tells the API
 * (`x-handover-background: 1`) that the reload is no use of the console, so an unattended open tab does not
 * hold off the idle timeout (SESSION_IDLE_TIMEOUT). The cookie is no secret and grants nothing: at worst a
 * request sent meanwhile does not extend the session.
 */
export const BACKGROUND_COOKIE = 'handover_background';

let running = 0;

export async function reloadInBackground(reload: () => Promise<void>): Promise<void> {
  running += 1;
  document.cookie = `${BACKGROUND_COOKIE}=1; path=/; max-age=60; samesite=strict`;
  try {
    await reload();
  } finally {
    running -= 1;
    if (running === 0) document.cookie = `${BACKGROUND_COOKIE}=; path=/; max-age=0; samesite=strict`;
  }
}
