import { join } from 'node:path';
import { makeClip as makeVideoClip } from '@vp/videos/src/test-pipeline';

let made = 0;

/** A tiny real clip on disk (videos' test clip: 3 s of test pattern and tone, 320x180). */
export async function makeVideoClipFile(dir: string, seconds = 3): Promise<string> {
  made += 1;
  const file = join(dir, `clip-${made}.mp4`);
  await makeVideoClip(file, { seconds });
  return file;
}
