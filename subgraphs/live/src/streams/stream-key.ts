import { createHash, randomBytes } from 'node:crypto';

/** 24 random bytes, base64url: 32 characters that survive RTMP URLs and OBS's key field. */
export const generateStreamKey = () => randomBytes(24).toString('base64url');

export const hashStreamKey = (key: string) => createHash('sha256').update(key).digest('hex');

const STREAM_KEY = /^[A-Za-z0-9_-]{32}$/;
export const isWellFormedStreamKey = (key: unknown): key is string =>
  typeof key === 'string' && STREAM_KEY.test(key);
