import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { chatReplaySince } from '@vp/client/src/chat';
import {
  ChatMessageAddedDocument,
  ChatMessageDeletedDocument,
  LivePageDocument,
  SendChatMessageDocument,
  ViewerCountChangedDocument,
  type ChatLineFragment,
  type LivePageQuery,
} from '@vp/client/src/gql/graphql';
import { formatCount, formatYen } from '@vp/client/src/format';
import { Link, Stack, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { FlatList, Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { Player } from '../../components/player';
import { Failed, Loading } from '../../components/states';
import { colors, common } from '../../components/theme';
import { TipPanel } from '../../components/tip';
import { FollowButton } from '../../components/watch-actions';
import { codeOf, messageOf, useLocale, useT, useViewer } from '../../lib/app';

type Stream = NonNullable<LivePageQuery['liveStream']>;

/**
 * A live stream: the player near the live edge, the viewer count and the chat, both kept current
 * over graphql-ws. The chat replays from the last line the page read (or from when it read the
 * history), so nothing said while the socket was opening is lost; lines seen twice count once.
 */
function LiveRoom({
  stream,
  history,
  readAt,
  playbackCode,
}: {
  stream: Stream;
  history: ChatLineFragment[];
  readAt: number;
  playbackCode?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const [messages, setMessages] = useState(history);
  const [viewers, setViewers] = useState(stream.viewerCount);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [after] = useState(() => history.at(-1)?.id ?? null);
  const [since] = useState(() => chatReplaySince(readAt));
  const [sendChatMessage, sending] = useMutation(SendChatMessageDocument);

  const add = (message: ChatLineFragment) =>
    setMessages(list =>
      list.some(item => item.id === message.id) ? list : [...list.slice(-199), message],
    );
  useSubscription(ChatMessageAddedDocument, {
    variables: after ? { streamId: stream.id, after } : { streamId: stream.id, since },
    onData: ({ data }) => {
      if (data.data?.chatMessageAdded) {
        add(data.data.chatMessageAdded);
      }
    },
  });
  useSubscription(ChatMessageDeletedDocument, {
    variables: { streamId: stream.id, since },
    onData: ({ data }) => {
      const id = data.data?.chatMessageDeleted.messageId;
      if (id) {
        setMessages(list => list.filter(item => item.id !== id));
      }
    },
  });
  useSubscription(ViewerCountChangedDocument, {
    variables: { streamId: stream.id },
    onData: ({ data }) => {
      if (typeof data.data?.viewerCountChanged === 'number') {
        setViewers(data.data.viewerCountChanged);
      }
    },
  });

  const send = async () => {
    setProblem(null);
    try {
      const { data } = await sendChatMessage({
        variables: { streamId: stream.id, body: body.trim() },
      });
      if (data?.sendChatMessage) {
        add(data.sendChatMessage);
      }
      setBody('');
    } catch (error) {
      setProblem(messageOf(error, t));
    }
  };

  const live = stream.status === 'LIVE';
  return (
    <View style={common.screen} testID="live">
      <Stack.Screen options={{ title: stream.title }} />
      {live && stream.playback ? (
        <Player uri={stream.playback.hlsUrl} live />
      ) : (
        <View style={styles.gate}>
          <Text style={common.text}>
            {stream.status === 'ENDED'
              ? t('live.ended')
              : playbackCode === 'PAYMENT_REQUIRED'
                ? t('watch.why.upgrade', {
                    plan: t(`plan.${stream.requiredPlan}` as 'plan.PREMIUM'),
                  })
                : t('live.notStarted')}
          </Text>
        </View>
      )}
      <View style={[common.content, { paddingBottom: 0 }]}>
        <Text style={common.title} accessibilityRole="header">
          {stream.title}
        </Text>
        <View style={common.row}>
          {live ? <Text style={styles.badge}>{t('player.live')}</Text> : null}
          <Text style={common.dim} testID="viewer-count">
            {t('live.viewers', { count: formatCount(viewers, locale) })}
          </Text>
        </View>
        <View style={common.row}>
          <Link
            href={`/channel/${stream.owner.handle}`}
            style={[common.text, { flex: 1 }]}
            testID="owner"
          >
            {stream.owner.displayName}
          </Link>
          <FollowButton owner={stream.owner} />
        </View>
        {viewer?.id === stream.owner.id ? null : <TipPanel targetId={stream.id} />}
        <Text style={common.heading}>{t('live.chat')}</Text>
      </View>
      <FlatList
        style={styles.chat}
        contentContainerStyle={{ paddingHorizontal: 16, gap: 6 }}
        data={messages}
        keyExtractor={message => message.id}
        ListEmptyComponent={<Text style={common.dim}>{t('live.chatEmpty')}</Text>}
        renderItem={({ item }) =>
          item.kind === 'TIP' ? (
            // a paid tip: highlighted, its amount first
            <View style={styles.tip} testID="tip-line">
              <Text style={common.text}>
                <Text style={common.dim}>@{item.author.handle} </Text>
                <Text style={styles.tipAmount}>
                  {t('live.tipped', { amount: formatYen(item.tipAmountJpy ?? 0, locale) })}
                </Text>
              </Text>
              {item.body ? <Text style={common.text}>{item.body}</Text> : null}
            </View>
          ) : (
            <Text style={common.text} testID="chat-line">
              <Text style={common.dim}>@{item.author.handle} </Text>
              {item.body}
            </Text>
          )
        }
      />
      {viewer ? (
        <View style={[common.row, styles.compose]}>
          <TextInput
            testID="chat-input"
            style={[common.input, { flex: 1 }]}
            value={body}
            onChangeText={setBody}
            placeholder={t('live.chatLabel')}
            placeholderTextColor={colors.dim}
            accessibilityLabel={t('live.chatLabel')}
            maxLength={500}
            onSubmitEditing={() => void send()}
          />
          <Pressable
            testID="chat-send"
            accessibilityRole="button"
            style={[common.button, common.primary]}
            disabled={!body.trim() || sending.loading}
            onPress={() => void send()}
          >
            <Text style={common.buttonText}>{t('live.send')}</Text>
          </Pressable>
        </View>
      ) : (
        <Link href="/sign-in" style={[common.dim, styles.compose]}>
          {t('live.signInToChat')}
        </Link>
      )}
      {problem ? (
        <Text style={[common.error, { paddingHorizontal: 16 }]} accessibilityRole="alert">
          {problem}
        </Text>
      ) : null}
      {stream.chatSlowModeSeconds ? (
        <Text style={[common.dim, { paddingHorizontal: 16 }]}>
          {t('live.slowMode', { seconds: stream.chatSlowModeSeconds })}
        </Text>
      ) : null}
    </View>
  );
}

export default function LiveScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const t = useT();
  const [readAt, setReadAt] = useState(() => Date.now());
  const { data, error, loading, refetch } = useQuery(LivePageDocument, {
    variables: { id },
    errorPolicy: 'all',
    fetchPolicy: 'network-only',
  });
  const stream = data?.liveStream;
  if (!stream) {
    if (loading) {
      return <Loading />;
    }
    return (
      <Failed
        message={data ? t('live.notFound') : messageOf(error, t)}
        retry={() => {
          setReadAt(Date.now());
          void refetch();
        }}
      />
    );
  }
  return (
    <LiveRoom
      key={readAt}
      stream={stream}
      history={data.chatMessages.edges.map(edge => edge.node)}
      readAt={readAt}
      playbackCode={codeOf(error)}
    />
  );
}

const styles = StyleSheet.create({
  gate: {
    width: '100%',
    aspectRatio: 16 / 9,
    backgroundColor: '#000',
    alignItems: 'center',
    justifyContent: 'center',
    padding: 16,
  },
  badge: {
    color: '#fff',
    backgroundColor: colors.live,
    paddingHorizontal: 6,
    borderRadius: 4,
    fontSize: 12,
    fontWeight: '700',
  },
  chat: { flex: 1, minHeight: 160 },
  tip: {
    gap: 2,
    padding: 8,
    borderRadius: 8,
    borderLeftWidth: 3,
    borderLeftColor: colors.gold,
    backgroundColor: 'rgba(214, 167, 53, 0.14)',
  },
  tipAmount: { color: colors.gold, fontWeight: '700' },
  compose: { padding: 16 },
});
