import { bigrams, splitText } from '@vp/search/src/documents/text';
import { type Client } from 'pg';

/** English words for titles, descriptions and tags. */
export const ENGLISH =
  `cat kitten dog puppy fox owl otter panda tiger lion bear rabbit hamster parrot
  river mountain ocean forest desert island city street night morning sunset sunrise rain snow
  storm autumn spring summer winter garden temple castle tower bridge station train airport
  ramen sushi curry coffee tea bread cake noodle tempura recipe cooking kitchen breakfast dinner
  guitar piano drums song music concert live cover remix dance festival karaoke jazz rock
  game gaming speedrun tutorial review unboxing guide tips beginner advanced challenge stream
  travel walk tour trip vlog diary story history science space planet star galaxy robot
  football baseball tennis soccer running marathon cycling climbing surfing skiing fishing
  camera photo drawing painting anime manga comedy funny prank reaction news interview
  morning relaxing quiet calm cozy beautiful amazing epic tiny giant secret hidden lost ancient
  electric neon retro vintage modern classic wild urban rural coastal northern southern`
    .split(/\s+/)
    .filter(Boolean);

/** Japanese words (each its own CJK run in a title, so its bigrams are exactly its own). */
export const JAPANESE =
  `猫 子猫 犬 柴犬 狐 梟 熊 兎 東京 大阪 京都 北海道 沖縄 富士山 桜 紅葉 温泉 神社
  お寺 城 夜景 朝日 夕日 海 山 川 森 雪 雨 ラーメン 寿司 カレー 天ぷら うどん 蕎麦 抹茶 和菓子
  料理 弁当 朝ごはん 晩ごはん 音楽 ギター ピアノ ライブ 歌ってみた 踊ってみた ゲーム 実況 攻略
  旅行 散歩 電車 新幹線 空港 日常 ルーティン 解説 入門 初心者 検証 比較 レビュー 開封 作業用
  睡眠 癒し 落ち着く 面白い 可愛い 美しい 秘密 昔 未来 宇宙 星空 科学 歴史 野球 サッカー
  テニス マラソン 自転車 登山 釣り スキー アニメ 漫画 イラスト 写真 ニュース インタビュー`
    .split(/\s+/)
    .filter(Boolean);

/** Tags: English and Japanese words, and a few two-word ones. */
export const TAGS = [
  ...ENGLISH.slice(0, 150),
  ...JAPANESE.slice(0, 80),
  'how to',
  'behind the scenes',
  'slow tv',
  'music video',
  'short film',
];

/**
 * Creates the bench's helper tables in the search database: the word lists (Japanese with the
 * bigram text the index stores, computed by the subgraph's own text functions).
 */
export async function wordTables(sql: Client) {
  await sql.query(`drop schema if exists bench cascade; create schema bench`);
  await sql.query(`create table bench.en (n int primary key, word text)`);
  await sql.query(`create table bench.jp (n int primary key, word text, bigrams text)`);
  await sql.query(`create table bench.tag (n int primary key, tag text, words text, cjk text)`);
  await sql.query(
    `insert into bench.en select n, w from unnest($1::text[]) with ordinality as t(w, n)`,
    [ENGLISH],
  );
  await sql.query(
    `insert into bench.jp select n, w, b from unnest($1::text[], $2::text[]) with ordinality as t(w, b, n)`,
    [JAPANESE, JAPANESE.map(word => bigrams([...word]).join(' '))],
  );
  const split = TAGS.map(tag => splitText(tag));
  await sql.query(
    `insert into bench.tag select n, t, w, c from unnest($1::text[], $2::text[], $3::text[]) with ordinality as x(t, w, c, n)`,
    [
      TAGS,
      split.map(part => part.words),
      split.map(part => part.cjkRuns.map(run => bigrams(run).join(' ')).join(' ')),
    ],
  );
}
