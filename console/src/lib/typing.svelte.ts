/**
 * "Customer is typing…": the stream's ephemeral `typing` events for the handover on screen. The indicator ends by
 * itself `typingTtlMs` after the last report, timed by this browser's clock rather than the event's `expiresAt`
 * (a clock set a little wrong would hide it early or keep it late), and at once when the customer's message comes.
 */
import { typingTtlMs } from '$domain/typing.ts';

/** The stream's `typing` event (api/typing.ts). */
export interface TypingReport {
  handoverId: string;
  who: 'customer';
  typing: boolean;
  expiresAt: string | null;
}

/**
 * Call during a component's initialisation. `handoverId` is the handover on screen; `lastCustomerMessageId` the
 * newest message from the customer, whose arrival ends their typing.
 */
export function followCustomerTyping(handoverId: () => string, lastCustomerMessageId: () => string | null) {
  let isTyping = $state(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    isTyping = false;
  };

  // Derived, so that only a change of value counts: every stream event reloads the page's data, and a note or a
  // claim must not hide the indicator.
  const handover = $derived(handoverId());
  const lastMessage = $derived(lastCustomerMessageId());
  // Another conversation, or the customer's message arrived: whatever was shown is over.
  $effect(() => {
    void handover;
    void lastMessage;
    stop();
    return () => clearTimeout(timer);
  });

  return {
    get isTyping() {
      return isTyping;
    },
    report(report: TypingReport) {
      if (report.handoverId !== handover || report.who !== 'customer') return;
      stop();
      if (!report.typing) return;
      isTyping = true;
      timer = setTimeout(stop, typingTtlMs);
    },
  };
}
