import { useMutation, useQuery } from '@apollo/client/react';
import { AddCommentDocument, VideoCommentsDocument } from '@vp/client/src/gql/graphql';
import { formatAgo } from '@vp/client/src/format';
import { Link } from 'expo-router';
import { useState } from 'react';
import { Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { messageOf, useLocale, useT, useViewer } from '../lib/app';
import { colors, common } from './theme';

/** A video's comments, newest first, with their first replies; signed in, a box to add one. */
export function Comments({ videoId }: { videoId: string }) {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { data, refetch } = useQuery(VideoCommentsDocument, { variables: { id: videoId } });
  const [addComment, adding] = useMutation(AddCommentDocument);
  const comments = data?.video?.comments?.edges.map(edge => edge.node) ?? [];
  const count = data?.video?.commentCount ?? 0;
  const submit = async () => {
    setProblem(null);
    try {
      await addComment({ variables: { input: { videoId, body: body.trim() } } });
      setBody('');
      await refetch();
    } catch (error) {
      setProblem(messageOf(error, t));
    }
  };
  return (
    <View style={styles.box}>
      <Text style={common.heading} accessibilityRole="header">
        {t('comments.title', { count })}
      </Text>
      {viewer ? (
        <View style={styles.form}>
          <TextInput
            testID="comment-input"
            style={[common.input, styles.input]}
            value={body}
            onChangeText={setBody}
            placeholder={t('comments.add')}
            placeholderTextColor={colors.dim}
            accessibilityLabel={t('comments.add')}
            multiline
            maxLength={2000}
          />
          <Pressable
            testID="comment-submit"
            accessibilityRole="button"
            style={[common.button, common.primary]}
            disabled={!body.trim() || adding.loading}
            onPress={() => void submit()}
          >
            <Text style={common.buttonText}>{t('comments.post')}</Text>
          </Pressable>
        </View>
      ) : (
        <Link href="/sign-in" style={common.dim}>
          {t('comments.signIn')}
        </Link>
      )}
      {problem ? (
        <Text style={common.error} accessibilityRole="alert">
          {problem}
        </Text>
      ) : null}
      {comments.map(comment => (
        <View key={comment.id} style={styles.comment} testID="comment">
          <Text style={common.dim}>
            @{comment.author?.handle ?? '—'} · {formatAgo(comment.createdAt, locale)}
          </Text>
          <Text style={common.text}>{comment.deleted ? t('comments.deleted') : comment.body}</Text>
          {comment.replies.edges.map(({ node: reply }) => (
            <View key={reply.id} style={styles.reply} testID="reply">
              <Text style={common.dim}>@{reply.author?.handle ?? '—'}</Text>
              <Text style={common.text}>{reply.deleted ? t('comments.deleted') : reply.body}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: 12 },
  form: { gap: 8 },
  input: { minHeight: 44 },
  comment: { gap: 2 },
  reply: { marginLeft: 16, gap: 2 },
});
