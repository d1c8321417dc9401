// core-js entry points install polyfills as a side effect and export nothing of use.
declare module 'core-js/actual/iterator/index.js';
