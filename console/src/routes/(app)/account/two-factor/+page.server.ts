import { fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url }) => {
  try {
    return { twoFactor: await createApi(fetch).getTwoFactor() };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

/** The app's secret as a QR code (SVG markup, drawn here: no image request, no script) and as text. */
function enrolment(secret: string, uri: string) {
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2, pixelSize: 6 }) };
}

export const actions: Actions = {
  start: async ({ fetch }) => {
    try {
      const { secret, uri } = await createApi(fetch).startTwoFactor();
      return { action: 'start', enrolment: enrolment(secret, uri) };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'start', message: failure.message });
    }
  },

  confirm: async ({ request, fetch }) => {
    const form = await request.formData();
    const code = String(form.get('code') ?? '').trim();
    // The enrolment's secret came with the form (this member's, not yet in use), to show it again if the code is wrong.
    const pending = enrolment(String(form.get('secret') ?? ''), String(form.get('uri') ?? ''));
    if (!code) return fail(422, { action: 'confirm', enrolment: pending, fieldErrors: { code: 'Enter the 6-digit code your app shows' } });
    try {
      const { recoveryCodes } = await createApi(fetch).confirmTwoFactor(code);
      return { action: 'confirm', recoveryCodes };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.code === 'validation_failed') return fail(422, { action: 'confirm', enrolment: pending, fieldErrors: fieldErrorsOf(failure) });
      return fail(failure.status, { action: 'confirm', message: failure.message });
    }
  },

  disable: async ({ request, fetch }) => {
    const form = await request.formData();
    const password = String(form.get('password') ?? '');
    const code = String(form.get('code') ?? '').trim();
    const missing = { ...(password ? {} : { password: 'Enter your password' }), ...(code ? {} : { code: 'Enter a code of your app, or a recovery code' }) };
    if (Object.keys(missing).length > 0) return fail(422, { action: 'disable', fieldErrors: missing });
    try {
      await createApi(fetch).disableTwoFactor({ password, code });
      return { action: 'disable', disabled: true };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.code === 'validation_failed') return fail(422, { action: 'disable', fieldErrors: fieldErrorsOf(failure) });
      return fail(failure.status, { action: 'disable', message: failure.message });
    }
  },
};
