import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: { $domain: '../domain' },
    // A strict Content-Security-Policy on every page: scripts only from this origin or inline with the page's
    // nonce (SvelteKit adds it to what it writes), no plugins, no framing, forms and fetches to this origin only.
    // Styles allow inline: Svelte sets style attributes, and a style cannot run code.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    // The service worker shows Web Push notifications; the Notifications page registers it when a member turns
    // them on, so a page that has nothing to do with pushes (the demo's customer chat) never installs it.
    serviceWorker: { register: false },
  },
};

export default config;
