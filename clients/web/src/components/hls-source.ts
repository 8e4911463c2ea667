// Shared with the studio's preview player and thumbnail picker.
export * from '@vp/client/src/hls-source';
