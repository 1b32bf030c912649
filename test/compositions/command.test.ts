import { describe, expect, it } from 'vitest';
import { buildCompositionCommand, type CompositionCommandInput } from '../../server/compositions/ffmpeg-command.js';
import { checkLayout, checkResolution, defaultLayout, gridOf, placeTiles, type VideoRegion } from '../../server/compositions/layout.js';
import { Checker } from '../../server/shared/validation.js';
import { ValidationError } from '../../server/shared/errors.js';

// The layout maths and the ffmpeg command, without running ffmpeg (the API tests run it).

const region = (over: Partial<VideoRegion> = {}): VideoRegion => ({
  name: 'r',
  xPos: 0,
  yPos: 0,
  zPos: 0,
  width: 1280,
  height: 720,
  maxColumns: null,
  maxRows: null,
  videoSources: ['*'],
  ...over,
});

describe('the grid of a region', () => {
  it('has as many columns and rows as needed, as square as possible', () => {
    expect(gridOf(1, region())).toEqual({ columns: 1, rows: 1, shown: 1 });
    expect(gridOf(2, region())).toEqual({ columns: 2, rows: 1, shown: 2 });
    expect(gridOf(3, region())).toEqual({ columns: 2, rows: 2, shown: 3 });
    expect(gridOf(5, region())).toEqual({ columns: 3, rows: 2, shown: 5 });
    expect(gridOf(10, region())).toEqual({ columns: 4, rows: 3, shown: 10 });
    expect(gridOf(0, region())).toEqual({ columns: 0, rows: 0, shown: 0 });
  });

  it('keeps within maxColumns and maxRows, leaving out what does not fit', () => {
    expect(gridOf(4, region({ maxRows: 1 }))).toEqual({ columns: 4, rows: 1, shown: 4 });
    expect(gridOf(4, region({ maxColumns: 1 }))).toEqual({ columns: 1, rows: 4, shown: 4 });
    expect(gridOf(5, region({ maxColumns: 2, maxRows: 2 }))).toEqual({ columns: 2, rows: 2, shown: 4 });
    expect(gridOf(7, region({ maxColumns: 1, maxRows: 3 }))).toEqual({ columns: 1, rows: 3, shown: 3 });
  });
});

describe('placing tiles', () => {
  it('fills cells row by row, centres the last row and the grid, in even sizes', () => {
    const tiles = placeTiles([region({ width: 1280, height: 720 })], ['a', 'b', 'c']);
    expect(tiles).toEqual([
      { recordingId: 'a', region: 'r', x: 0, y: 0, width: 640, height: 360 },
      { recordingId: 'b', region: 'r', x: 640, y: 0, width: 640, height: 360 },
      { recordingId: 'c', region: 'r', x: 320, y: 360, width: 640, height: 360 },
    ]);
    const odd = placeTiles([region({ xPos: 10, yPos: 20, width: 303, height: 101, maxRows: 1 })], ['a', 'b', 'c']);
    expect(odd.map((t) => [t.x, t.y, t.width, t.height])).toEqual([
      [11, 20, 100, 100],
      [111, 20, 100, 100],
      [211, 20, 100, 100],
    ]);
  });

  it('paints regions by zPos (equal zPos in the order given), with named sources only', () => {
    const tiles = placeTiles(
      [region({ name: 'top', zPos: 5, videoSources: ['b'] }), region({ name: 'bottom', zPos: -3, videoSources: ['*'] }), region({ name: 'middle', zPos: 0, videoSources: ['a', 'gone'] })],
      ['a', 'b'],
    );
    expect(tiles.map((t) => `${t.region}:${t.recordingId}`)).toEqual(['bottom:a', 'bottom:b', 'middle:a', 'top:b']);
  });
});

const base: CompositionCommandInput = {
  frame: { width: 640, height: 360 },
  fps: 25,
  durationSecs: 12.5,
  format: 'mp4',
  video: [
    { recordingId: 'a', file: '/m/a.webm', offsetSecs: 0 },
    { recordingId: 'b', file: '/m/b.mkv', offsetSecs: 3.25 },
  ],
  audio: [
    { recordingId: 'x', file: '/m/x.webm', offsetSecs: 0 },
    { recordingId: 'y', file: '/m/y.webm', offsetSecs: 3.25 },
  ],
  tiles: placeTiles(defaultLayout({ width: 640, height: 360 }), ['a', 'b']),
  output: '/out/c.part.mp4',
};

describe('the ffmpeg command', () => {
  it('delays each source to its offset, letterboxes it into its cell and overlays it on a black canvas', () => {
    const { filterGraph: g, inputs } = buildCompositionCommand(base);
    expect(inputs).toEqual(['/m/a.webm', '/m/b.mkv', '/m/x.webm', '/m/y.webm']);
    expect(g).toContain('[0:v:0]setpts=PTS-STARTPTS+0.000/TB[v0s0]');
    expect(g).toContain('[1:v:0]setpts=PTS-STARTPTS+3.250/TB[v1s0]');
    expect(g).toContain('color=c=black:s=640x360:r=25:d=12.500,format=yuv420p[base]');
    expect(g).toContain('[v0s0]scale=320:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=320:360:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[tile0]');
    expect(g).toContain('[base][tile0]overlay=x=0:y=0:eof_action=pass[over0]');
    expect(g).toContain('[over0][tile1]overlay=x=320:y=0:eof_action=pass[over1]');
    expect(g).toContain('[over1]format=yuv420p[vout]');
  });

  it('mixes every audio recording, each delayed to its offset, padded to the whole duration', () => {
    const { filterGraph: g } = buildCompositionCommand(base);
    expect(g).toMatch(/\[2:a:0\]asetpts=PTS-STARTPTS,aresample=48000:async=1:first_pts=0,[^;]*adelay=delays=0:all=1\[a0\]/);
    expect(g).toMatch(/\[3:a:0\][^;]*adelay=delays=3250:all=1\[a1\]/);
    expect(g).toContain('[a0][a1]amix=inputs=2:duration=longest:dropout_transition=0:normalize=0,apad=whole_dur=12.500[aout]');
    const one = buildCompositionCommand({ ...base, audio: base.audio.slice(1) }).filterGraph;
    expect(one).not.toContain('amix');
    expect(one).toMatch(/adelay=delays=3250:all=1,apad=whole_dur=12.500\[aout\]/);
    const none = buildCompositionCommand({ ...base, audio: [] }).filterGraph;
    expect(none).toContain('anullsrc=r=48000:cl=stereo,atrim=end=12.500[aout]');
  });

  it('opens a source shown twice once and splits it; leaves out recordings no tile shows', () => {
    const tiles = placeTiles(
      [region({ name: 'big', width: 640, height: 360, videoSources: ['b'] }), region({ name: 'pip', zPos: 1, xPos: 480, yPos: 270, width: 160, height: 90, videoSources: ['b'] })],
      ['a', 'b'],
    );
    const { filterGraph: g, inputs } = buildCompositionCommand({ ...base, tiles });
    expect(inputs).toEqual(['/m/b.mkv', '/m/x.webm', '/m/y.webm']);
    expect(g).toContain('[0:v:0]setpts=PTS-STARTPTS+3.250/TB,split=2[v0s0][v0s1]');
    expect(g).toContain('[over0][tile1]overlay=x=480:y=270:eof_action=pass[over1]');
  });

  it('encodes H.264 and AAC in MP4 with faststart, or VP9 and Opus in WebM, quickly, reporting progress', () => {
    const mp4 = buildCompositionCommand(base).args.join(' ');
    expect(mp4).toContain('-map [vout] -map [aout] -t 12.500');
    expect(mp4).toContain('-c:v libx264 -preset veryfast -x264-params me=dia:subme=1 -crf 23');
    expect(mp4).toContain('-c:a aac');
    expect(mp4).toContain('-movflags +faststart -f mp4');
    expect(mp4).toContain('-progress pipe:1');
    expect(mp4.endsWith('/out/c.part.mp4')).toBe(true);
    const webm = buildCompositionCommand({ ...base, format: 'webm', output: '/out/c.part.webm' }).args.join(' ');
    expect(webm).toContain('-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1');
    expect(webm).toContain('-c:a libopus');
    expect(webm).toContain('-f webm');
  });

  it('with no video tile, renders the black canvas alone', () => {
    const { filterGraph: g, inputs } = buildCompositionCommand({ ...base, tiles: [] });
    expect(inputs).toEqual(['/m/x.webm', '/m/y.webm']);
    expect(g).toContain('[base]format=yuv420p[vout]');
    expect(g).not.toContain('overlay');
  });
});

describe('checking a request', () => {
  const problems = (fn: (c: Checker) => void) => {
    const c = new Checker();
    fn(c);
    try {
      c.done();
      return [];
    } catch (err) {
      return (err as ValidationError).problems.map((p) => p.field);
    }
  };

  it('takes resolutions of even sides from 16 to 1920 within 1920x1080 pixels', () => {
    for (const ok of ['1280x720', '16x16', '1920x1080', '1080x1920', '640x360'])
      expect(
        problems((c) => checkResolution(c, 'res', ok)),
        ok,
      ).toEqual([]);
    for (const bad of ['1280', '1280x', 'x720', '1280X720', '14x720', '1922x720', '1920x1082', '1920x1920', '641x360', ' 640x360']) {
      expect(
        problems((c) => checkResolution(c, 'res', bad)),
        bad,
      ).toEqual(['res']);
    }
  });

  it('names the field of every bad region value', () => {
    const frame = { width: 640, height: 360 };
    const at = (layout: object[]) => problems((c) => checkLayout(c, 'l', layout as never, frame));
    expect(at([{ name: 'a' }])).toEqual([]);
    expect(at([])).toEqual(['l']);
    expect(at([{ name: '' }])).toEqual(['l[0].name']);
    expect(at([{ name: 'a' }, { name: 'a' }])).toEqual(['l[1].name']);
    expect(at([{ name: 'a', zPos: 100 }])).toEqual(['l[0].zPos']);
    expect(at([{ name: 'a', zPos: -100 }])).toEqual(['l[0].zPos']);
    expect(at([{ name: 'a', xPos: -1 }])).toEqual(['l[0].xPos']);
    expect(at([{ name: 'a', width: 15 }])).toEqual(['l[0].width']);
    expect(at([{ name: 'a', xPos: 600, width: 41 }])).toEqual(['l[0].width']);
    expect(at([{ name: 'a', yPos: 350 }])).toEqual(['l[0].yPos']);
    expect(at([{ name: 'a', maxColumns: 0 }])).toEqual(['l[0].maxColumns']);
    expect(at([{ name: 'a', maxRows: 1001 }])).toEqual(['l[0].maxRows']);
    expect(at([{ name: 'a', videoSources: [] }])).toEqual(['l[0].videoSources']);
    expect(at([{ name: 'a', videoSources: ['nope'] }])).toEqual(['l[0].videoSources[0]']);
    expect(at([{ name: 'a', videoSources: ['*', '*'] }])).toEqual(['l[0].videoSources[0]', 'l[0].videoSources[1]']);
    const id = '01900000-0000-7000-8000-000000000000';
    expect(at([{ name: 'a', videoSources: [id, id] }])).toEqual(['l[0].videoSources[1]']);
    expect(at(Array.from({ length: 101 }, (_, i) => ({ name: `r${i}`, width: 16, height: 16 })))).toEqual(['l']);
  });
});
