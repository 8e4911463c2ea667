/**
 * The /watch player's head start. The page's HTML carries, right after the player, a tiny inline
 * script that starts the video while the app's JavaScript is still downloading and hydrating (the
 * first frame used to wait for hydration):
 * - where the browser plays HLS itself, it gives the <video> its source and plays it;
 * - elsewhere (no HLS of its own, or `?player=hlsjs`) it loads hls.js's standalone build
 *   (`HLS_SCRIPT_PATH`, served by this app) with a high priority and creates the hls.js player on
 *   the element as soon as that has run, with the player's own settings (`hlsConfig`).
 * The player adopts what it finds (`EARLY_START_KEY`) when it hydrates, and its own code takes the
 * already loaded hls.js (`EARLY_HLS_JS_KEY`) instead of the bundled copy. On a client-side
 * navigation the script does not run and the player starts the video itself.
 */
import { EARLY_HLS_JS_KEY } from './hls-source';

export const EARLY_START_KEY = '__vpEarlyPlayer';

export interface EarlyStart {
  video: HTMLVideoElement;
  src: string;
  /** Set when the script started hls.js rather than the browser's own HLS: the player it made. */
  hls?: Promise<InstanceType<typeof import('hls.js/light').default> | null>;
  /** Set by the player when it does not take this over: hls.js, still loading, then starts nothing. */
  dropped?: boolean;
}

/** JSON for an inline script: nothing in it can close the <script> element. */
const inline = (value: unknown) =>
  JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e');

/**
 * The script's text, for `<script dangerouslySetInnerHTML>` placed right after the player.
 * `hlsScript` is the URL of hls.js's standalone build, `hlsSettings` the player's hls.js settings.
 */
export function earlyStartScript(
  src: string,
  resumeAt: number | undefined,
  hlsScript: string,
  hlsSettings: object,
) {
  // Kept in step with Player: the same first-frame mark, start position and autoplay (muted when
  // sound is refused). Without Media Source Extensions (nor HLS of its own) it leaves all to the player.
  return `(function(v,s,t,u,c){try{if(!v)return;var w=window,e={video:v,src:s};function go(){if(v.requestVideoFrameCallback)v.requestVideoFrameCallback(function(){performance.mark("vp:first-frame")});var p=v.play();if(p)p.catch(function(){v.muted=true;v.play().catch(function(){})})}if(new URLSearchParams(location.search).get("player")!=="hlsjs"&&v.canPlayType("application/vnd.apple.mpegurl")){w.${EARLY_START_KEY}=e;if(t)v.addEventListener("loadedmetadata",function(){v.currentTime=t},{once:true});v.src=s;go();return}if(!w.MediaSource&&!w.ManagedMediaSource)return;var j=document.createElement("script");j.src=u;j.async=true;j.fetchPriority="high";var l=new Promise(function(r,x){j.onload=function(){w.Hls?r(w.Hls):x()};j.onerror=x});w.${EARLY_HLS_JS_KEY}=l;e.hls=l.then(function(H){if(e.dropped||!H.isSupported())return null;var h=new H(c);h.loadSource(s);h.attachMedia(v);go();return h});e.hls.catch(function(){});w.${EARLY_START_KEY}=e;document.head.appendChild(j)}catch(x){}})(document.currentScript&&document.currentScript.previousElementSibling&&document.currentScript.previousElementSibling.querySelector("video"),${inline(src)},${inline(resumeAt ?? 0)},${inline(hlsScript)},${inline(hlsSettings)})`;
}
