import { parseMaster, parseStoryboard } from '../components/hls-source';
import { formatDuration, formatYen } from './format';
import { localeFrom, translator } from './i18n';
import { parseFirstFiles, resolveAgainst } from './playlist-files';

describe('languages', () => {
  it('picks Japanese or English from Accept-Language, English otherwise', () => {
    expect(localeFrom('ja,en-US;q=0.9')).toBe('ja');
    expect(localeFrom('en-GB,ja;q=0.8')).toBe('en');
    expect(localeFrom('fr-FR,ja;q=0.5,en;q=0.4')).toBe('ja');
    expect(localeFrom('de')).toBe('en');
    expect(localeFrom(null)).toBe('en');
    expect(localeFrom('ja;q=0, en;q=0.1')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(translator('ja')('search.title', { q: '東京' })).toBe('「東京」の検索結果');
    expect(translator('en')('search.title', {})).toBe('Results for “{q}”');
  });
});

describe('formats', () => {
  it('writes yen with Intl in either language', () => {
    expect(formatYen(980, 'en')).toBe('¥980');
    expect(formatYen(1980, 'ja')).toMatch(/^[¥￥]1,980$/);
  });

  it('writes durations', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('');
  });
});

describe('HLS helpers', () => {
  it('reads the ladder of a master playlist, highest first, with absolute URIs', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
      '360p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720',
      '720p/index.m3u8',
    ].join('\n');
    const variants = parseMaster(
      master,
      'http://localhost:4000/media/tok.en/videos/v1/master.m3u8',
    );
    expect(variants.map(variant => variant.height)).toEqual([720, 360]);
    expect(variants[0].uri).toBe('http://localhost:4000/media/tok.en/videos/v1/720p/index.m3u8');
  });

  it('reads storyboard cues with their tiles', () => {
    const vtt =
      'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nstoryboard.jpg#xywh=0,0,160,90\n\n00:00:05.000 --> 00:00:10.000\nstoryboard.jpg#xywh=160,0,160,90\n';
    const cues = parseStoryboard(vtt, 'http://host/media/t/videos/v/storyboard.vtt');
    expect(cues).toHaveLength(2);
    expect(cues[1]).toMatchObject({
      start: 5,
      end: 10,
      x: 160,
      y: 0,
      w: 160,
      h: 90,
      url: 'http://host/media/t/videos/v/storyboard.jpg',
    });
  });
});

describe('the first files a player reads', () => {
  const master =
    '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720\n720p/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=500000,RESOLUTION=640x360\n360p/index.m3u8\n';

  it('takes the lowest rung and its first segment, or init section and first segment', async () => {
    const asked: string[] = [];
    const ts = await parseFirstFiles(master, async rung => {
      asked.push(rung);
      return '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nseg_00000.ts\n#EXTINF:4.0,\nseg_00001.ts\n#EXT-X-ENDLIST\n';
    });
    expect(asked).toEqual(['360p/index.m3u8']);
    expect(ts).toEqual({ rung: '360p/index.m3u8', files: ['seg_00000.ts'] });
    const fmp4 = await parseFirstFiles(
      master,
      async () => '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4.0,\nseg_0.m4s\n',
    );
    expect(fmp4?.files).toEqual(['init.mp4', 'seg_0.m4s']);
    expect(await parseFirstFiles('#EXTM3U\n', async () => '')).toBeNull();
  });

  it('resolves against the signed master, keeping a signature carried in its query', () => {
    expect(
      resolveAgainst('360p/index.m3u8', 'http://localhost:4000/media/tok/videos/v1/master.m3u8'),
    ).toBe('http://localhost:4000/media/tok/videos/v1/360p/index.m3u8');
    expect(
      resolveAgainst(
        'seg_00000.ts',
        'https://cdn.example/videos/v1/360p/index.m3u8?Policy=p&Signature=s',
      ),
    ).toBe('https://cdn.example/videos/v1/360p/seg_00000.ts?Policy=p&Signature=s');
  });
});
