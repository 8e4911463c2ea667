/**
 * The /watch player's head start. The page's HTML carries, right after the player, a tiny inline
 * script that gives the <video> its source where the browser plays HLS itself, so the video loads
 * and starts while the app's JavaScript is still downloading and hydrating (the first frame used to
 * wait for hydration). The player adopts that element as it finds it (`EARLY_START_KEY`); where
 * hls.js is needed the script does nothing and the player starts hls.js (fetched in parallel with
 * hydration) as before. On a client-side navigation the script does not run and the player starts
 * the video itself.
 */
export const EARLY_START_KEY = '__vpEarlyPlayer';

export interface EarlyStart {
  video: HTMLVideoElement;
  src: string;
}

/** JSON for an inline script: nothing in it can close the <script> element. */
const inline = (value: unknown) =>
  JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e');

/** The script's text, for `<script dangerouslySetInnerHTML>` placed right after the player. */
export function earlyStartScript(src: string, resumeAt?: number) {
  // Kept in step with Player: the same first-frame mark, start position and autoplay (muted when
  // sound is refused); ?player=hlsjs and browsers without HLS of their own are left to the player.
  return `(function(v,s,t){try{if(!v||new URLSearchParams(location.search).get("player")==="hlsjs"||!v.canPlayType("application/vnd.apple.mpegurl"))return;window.${EARLY_START_KEY}={video:v,src:s};if(t)v.addEventListener("loadedmetadata",function(){v.currentTime=t},{once:true});if(v.requestVideoFrameCallback)v.requestVideoFrameCallback(function(){performance.mark("vp:first-frame")});v.src=s;var p=v.play();if(p)p.catch(function(){v.muted=true;v.play().catch(function(){})})}catch(e){}})(document.currentScript&&document.currentScript.previousElementSibling&&document.currentScript.previousElementSibling.querySelector("video"),${inline(src)},${inline(resumeAt ?? 0)})`;
}
