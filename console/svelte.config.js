import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: { $domain: '../domain' },
    // The service worker shows Web Push notifications; the Notifications page registers it when a member turns
    // them on, so a page that has nothing to do with pushes (the demo's customer chat) never installs it.
    serviceWorker: { register: false },
  },
};

export default config;
