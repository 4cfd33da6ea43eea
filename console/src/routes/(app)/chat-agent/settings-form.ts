/**
 * The Human Handover settings form: its fields are named by the settings' own paths
 * ("escalation.levels.0.afterSeconds"), so the API's validation issues land next to the right field.
 */
import { notifyAudiences } from '$domain/policy.ts';
import type { HandoverSettings } from '$domain/schemas/index.ts';

type Level = HandoverSettings['escalation']['levels'][number];
type FallbackAction = HandoverSettings['escalation']['fallback']['action'];

export const notifyOptions = notifyAudiences;
export const MAX_LEVELS = 10;

/** Reads the submitted form; numbers that aren't whole numbers are reported before the API is asked. */
export function readSettingsForm(form: FormData): { settings: HandoverSettings; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const wholeNumber = (name: string): number | null => {
    const raw = text(name);
    if (raw === '') return null;
    const value = Number(raw);
    if (!Number.isInteger(value)) fieldErrors[name] = 'Enter a whole number.';
    return value;
  };
  const required = (name: string): number => {
    const value = wholeNumber(name);
    if (value === null) fieldErrors[name] = 'Enter a number of seconds.';
    return value ?? 0;
  };

  const levels: Level[] = levelIndexes(form).map((index) => {
    const prefix = `escalation.levels.${index}`;
    const notify = text(`${prefix}.notify`);
    return {
      afterSeconds: required(`${prefix}.afterSeconds`),
      notify: notifyOptions.find((option) => option === notify) ?? 'members',
      customerMessage: text(`${prefix}.customerMessage`) || undefined,
    };
  });

  const settings: HandoverSettings = {
    enabled: form.has('enabled'),
    memberIds: form.getAll('memberIds').map(String),
    returnToAi: form.has('returnToAi'),
    maxConcurrentPerAgent: wholeNumber('maxConcurrentPerAgent'),
    assigneeResponseSeconds: wholeNumber('assigneeResponseSeconds'),
    customerSilenceSeconds: wholeNumber('customerSilenceSeconds'),
    escalation: {
      levels,
      fallback: {
        afterSeconds: required('escalation.fallback.afterSeconds'),
        action: fallbackAction(text('escalation.fallback.action')),
        customerMessage: text('escalation.fallback.customerMessage'),
      },
    },
  };
  return { settings, fieldErrors };
}

/** The settings as compared for "unsaved changes": blank optional texts and member order don't count. */
export function comparable(settings: HandoverSettings): string {
  return JSON.stringify({
    ...settings,
    memberIds: [...settings.memberIds].sort(),
    escalation: {
      levels: settings.escalation.levels.map((level) => ({
        afterSeconds: level.afterSeconds,
        notify: level.notify,
        customerMessage: level.customerMessage?.trim() || undefined,
      })),
      fallback: { ...settings.escalation.fallback, customerMessage: settings.escalation.fallback.customerMessage.trim() },
    },
  });
}

export function newLevel(levels: readonly Level[]): Level {
  const last = levels.at(-1);
  return { afterSeconds: last ? last.afterSeconds + 300 : 120, notify: 'everyone', customerMessage: '' };
}

function levelIndexes(form: FormData): number[] {
  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const match = /^escalation\.levels\.(\d+)\./.exec(key);
    if (match?.[1]) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

function fallbackAction(value: string): FallbackAction {
  return value === 'close' ? 'close' : 'return_to_ai';
}
