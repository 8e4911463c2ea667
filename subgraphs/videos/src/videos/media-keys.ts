/** Storage keys of one video; made here from its id, never taken from a client. */
export const uploadPrefix = (videoId: string) => `uploads/${videoId}/`;
export const uploadKey = (videoId: string) => `${uploadPrefix(videoId)}source`;
/** Everything playback serves for the video, and the prefix its signed URLs cover. */
export const mediaPrefix = (videoId: string) => `videos/${videoId}/`;
