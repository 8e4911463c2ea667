// hls.js ships types for its main entry only; the light build has the same API (fewer features).
declare module 'hls.js/light' {
  export { default } from 'hls.js';
  export * from 'hls.js';
}
