import { useApolloClient } from '@apollo/client/react';
import { RecordViewDocument } from '@vp/client/src/gql/graphql';
import { useEffect, useRef } from 'react';

const SAMPLE_MS = 1_000;
const HEARTBEAT_MS = 15_000;

export interface PlayheadSample {
  position: number;
  playing: boolean;
}

/**
 * recordView heartbeats, as the web player sends them: where the viewer is and how many seconds
 * they actually watched since the last one (a seek is not watching), every 15 s while playing,
 * and once more when the screen closes. They count the view and keep the place for "resume".
 */
export function useViewHeartbeats(videoId: string | undefined, sample: () => PlayheadSample) {
  const client = useApolloClient();
  const read = useRef(sample);
  read.current = sample;
  useEffect(() => {
    if (!videoId) {
      return;
    }
    const sessionId = `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    let watched = 0;
    let last = read.current().position;
    let sinceBeat = 0;
    const beat = () => {
      const { position } = read.current();
      if (watched <= 0) {
        return;
      }
      const input = {
        videoId,
        sessionId,
        positionSeconds: position,
        watchedSeconds: Math.min(600, watched),
      };
      watched = 0;
      void client
        .mutate({ mutation: RecordViewDocument, variables: { input } })
        .catch(() => undefined);
    };
    const timer = setInterval(() => {
      const { position, playing } = read.current();
      const delta = position - last;
      last = position;
      if (playing && delta > 0 && delta < 2 * (SAMPLE_MS / 1000)) {
        watched += delta;
      }
      sinceBeat += SAMPLE_MS;
      if (sinceBeat >= HEARTBEAT_MS || (!playing && watched > 0)) {
        sinceBeat = 0;
        beat();
      }
    }, SAMPLE_MS);
    return () => {
      clearInterval(timer);
      beat();
    };
  }, [videoId, client]);
}
