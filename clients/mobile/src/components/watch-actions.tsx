import { useMutation } from '@apollo/client/react';
import {
  FollowUserDocument,
  LikeVideoDocument,
  UnfollowUserDocument,
  UnlikeVideoDocument,
} from '@vp/client/src/gql/graphql';
import { formatCount } from '@vp/client/src/format';
import { useRouter } from 'expo-router';
import { Pressable, Text } from 'react-native';
import { useLocale, useT, useViewer } from '../lib/app';
import { common } from './theme';

/** Signed out, an action takes the viewer to sign in and back here. */
function useSignInFirst() {
  const router = useRouter();
  const viewer = useViewer();
  return (action: () => void) => (viewer ? action() : router.push('/sign-in'));
}

export function LikeButton({
  video,
}: {
  video: { id: string; likeCount: number; viewerHasLiked: boolean };
}) {
  const t = useT();
  const locale = useLocale();
  const signInFirst = useSignInFirst();
  const [like, liking] = useMutation(LikeVideoDocument);
  const [unlike, unliking] = useMutation(UnlikeVideoDocument);
  const busy = liking.loading || unliking.loading;
  return (
    <Pressable
      testID="like"
      accessibilityRole="button"
      accessibilityState={{ selected: video.viewerHasLiked, busy }}
      disabled={busy}
      style={[common.button, video.viewerHasLiked && common.primary]}
      onPress={() =>
        signInFirst(() => {
          const variables = { id: video.id };
          void (video.viewerHasLiked ? unlike({ variables }) : like({ variables })).catch(
            () => undefined,
          );
        })
      }
    >
      <Text style={common.buttonText}>
        👍 {video.viewerHasLiked ? t('video.liked') : t('video.like')} ·{' '}
        {formatCount(video.likeCount, locale)}
      </Text>
    </Pressable>
  );
}

export function FollowButton({ owner }: { owner: { id: string; viewerIsFollowing: boolean } }) {
  const t = useT();
  const viewer = useViewer();
  const signInFirst = useSignInFirst();
  const [follow, following] = useMutation(FollowUserDocument);
  const [unfollow, unfollowing] = useMutation(UnfollowUserDocument);
  if (viewer?.id === owner.id) {
    return null;
  }
  const busy = following.loading || unfollowing.loading;
  return (
    <Pressable
      testID="follow"
      accessibilityRole="button"
      accessibilityState={{ selected: owner.viewerIsFollowing, busy }}
      disabled={busy}
      style={[common.button, !owner.viewerIsFollowing && common.primary]}
      onPress={() =>
        signInFirst(() => {
          const variables = { userId: owner.id };
          void (owner.viewerIsFollowing ? unfollow({ variables }) : follow({ variables })).catch(
            () => undefined,
          );
        })
      }
    >
      <Text style={common.buttonText}>
        {owner.viewerIsFollowing ? t('channel.following') : t('channel.follow')}
      </Text>
    </Pressable>
  );
}
