/** axe-core's browser build registers `window.axe` when imported; its API types come from the package itself. */
declare module 'axe-core/axe.min.js';
