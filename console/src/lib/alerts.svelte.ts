/**
 * Sound and browser notifications for handovers that start waiting, or that are transferred to the member,
 * while they have the console open.
 * Off until the member turns them on (browsers only allow sound and notifications after a gesture); the
 * choice is kept in this browser.
 */
import type { Handover } from '$domain/schemas/handovers.ts';
import { customerName } from '$lib/vocabulary';

const STORAGE_KEY = 'handover.alerts';

export function newHandoverAlerts() {
  let enabled = $state(typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'on');

  return {
    get enabled() {
      return enabled;
    },
    async toggle() {
      enabled = !enabled;
      localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
      if (enabled && typeof Notification !== 'undefined' && Notification.permission === 'default') {
        await Notification.requestPermission();
      }
      if (enabled) chime();
    },
    /** Rings once for a batch of newly waiting handovers, and shows one notification for them. */
    announce(fresh: Handover[]) {
      if (!enabled || fresh.length === 0) return;
      chime();
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
      const first = fresh[0] as Handover;
      const title = fresh.length === 1 ? `${customerName(first.customer)} is waiting for a person` : `${fresh.length} handovers are waiting`;
      const notification = new Notification(title, { body: fresh.length === 1 ? first.reason : undefined, tag: 'handover-pending' });
      notification.onclick = () => window.focus();
    },
    /** Rings once for handovers someone else just made this member's (a transfer), with one notification. */
    announceAssigned(handed: Handover[]) {
      if (!enabled || handed.length === 0) return;
      chime();
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
      const first = handed[0] as Handover;
      const title =
        handed.length === 1 ? `${customerName(first.customer)} was transferred to you` : `${handed.length} handovers were transferred to you`;
      const notification = new Notification(title, { body: handed.length === 1 ? first.reason : undefined, tag: 'handover-assigned' });
      notification.onclick = () => window.focus();
    },
  };
}

/** Two short tones, made on the spot so no sound file has to load. */
function chime(): void {
  const AudioContextClass = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  [660, 880].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const start = context.currentTime + index * 0.16;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.15);
  });
  setTimeout(() => void context.close(), 600);
}
