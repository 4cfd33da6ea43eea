import { createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { canSeeAllHandovers } from '$lib/vocabulary';
import { periodFromUrl } from './period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  const period = periodFromUrl(url);
  if (!canSeeAllHandovers(member.role)) return { analytics: null, period };
  try {
    const analytics = await createApi(fetch).getAnalytics({ from: period.from, to: period.to, bucket: period.bucket });
    return { analytics, period };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};
