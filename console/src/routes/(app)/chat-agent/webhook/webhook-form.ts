/**
 * The webhook form, read and checked before the API is asked: a URL the API would refuse, or a secret
 * that is not `whsec_` + base64 of 24 to 64 bytes, gets plain words next to its field.
 */
import type { WebhookSettingsRequest } from '$domain/schemas/index.ts';

const SECRET_PREFIX = 'whsec_';
const SECRET_FORMAT = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function readWebhookForm(form: FormData): {
  request: WebhookSettingsRequest;
  fieldErrors: Record<string, string>;
} {
  const url = String(form.get('url') ?? '').trim();
  const secret = String(form.get('secret') ?? '').trim();
  const fieldErrors: Record<string, string> = {};

  const urlError = urlProblem(url);
  if (urlError) fieldErrors.url = urlError;
  const secretError = secret ? secretProblem(secret) : null;
  if (secretError) fieldErrors.secret = secretError;

  return { request: secret ? { url, secret } : { url }, fieldErrors };
}

function urlProblem(url: string): string | null {
  if (!url) return 'Enter the URL where your service receives events.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter the full URL, starting with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Use an https:// (or http://) URL.';
  if (url.length > 2000) return 'Use a URL of at most 2,000 characters.';
  return null;
}

function secretProblem(secret: string): string | null {
  const hint = 'or leave the field blank.';
  if (!SECRET_FORMAT.test(secret)) return `Enter a secret that starts with ${SECRET_PREFIX} followed by base64, ${hint}`;
  let bytes: number;
  try {
    bytes = atob(secret.slice(SECRET_PREFIX.length)).length;
  } catch {
    return `The part after ${SECRET_PREFIX} is not valid base64: check that it was copied whole, ${hint}`;
  }
  if (bytes < 24 || bytes > 64) return `The secret must encode 24 to 64 random bytes (this one has ${bytes}), ${hint}`;
  return null;
}
