import type { Frame, Tile } from './layout.js';

/** One recording file and where it starts on the composition's timeline. */
export interface SourceFile {
  recordingId: string;
  file: string;
  /** Seconds from the start of the composition (the session's first recorded moment). */
  offsetSecs: number;
}

export interface CompositionCommandInput {
  frame: Frame;
  fps: number;
  durationSecs: number;
  format: 'mp4' | 'webm';
  /** Video recordings; only those some tile shows become inputs. */
  video: readonly SourceFile[];
  /** Audio recordings, all mixed. */
  audio: readonly SourceFile[];
  /** In painting order (bottom first), as `placeTiles` returns them. */
  tiles: readonly Tile[];
  output: string;
  ffmpegPath?: string;
}

export interface CompositionCommand {
  command: string;
  args: string[];
  /** The -filter_complex graph, also inside `args`: handy to read and to test. */
  filterGraph: string;
  /** Input files in order, `[n]` in the graph being `inputs[n]`. */
  inputs: string[];
}

const secs = (s: number) => (Math.round(s * 1000) / 1000).toFixed(3);

/**
 * The one ffmpeg process that renders a composition.
 *
 * Video: a black canvas of the whole duration at the output rate; each tile's recording moved
 * to its real start (setpts), scaled into its cell keeping its shape (letterbox), and overlaid
 * in painting order. The overlay takes, for each canvas frame, the source's latest frame (so
 * sources keep their own rates); it shows nothing before a source's first frame and, with
 * eof_action=pass, nothing after its last: a tile is black while its participant is absent.
 * Audio: every recording moved to its start (adelay, with gaps in its timestamps filled by
 * aresample=async), mixed without lowering levels (amix normalize=0), padded with silence to the
 * whole duration; with no audio at all, a silent track, so every composition has one.
 */
export function buildCompositionCommand(input: CompositionCommandInput): CompositionCommand {
  const { frame, fps, durationSecs: d, tiles } = input;
  const inputs: string[] = [];
  const graph: string[] = [];

  // Video inputs: each file once, in the order tiles first use it; split when shown twice.
  const byId = new Map(input.video.map((v) => [v.recordingId, v]));
  const uses = new Map<string, number>();
  for (const t of tiles) if (byId.has(t.recordingId)) uses.set(t.recordingId, (uses.get(t.recordingId) ?? 0) + 1);
  const streams = new Map<string, string[]>();
  let vi = 0;
  for (const [id, count] of uses) {
    const src = byId.get(id)!;
    const n = inputs.push(src.file) - 1;
    const chain = `[${n}:v:0]setpts=PTS-STARTPTS+${secs(src.offsetSecs)}/TB`;
    const labels = Array.from({ length: count }, (_, k) => `v${vi}s${k}`);
    graph.push(count === 1 ? `${chain}[${labels[0]}]` : `${chain},split=${count}${labels.map((l) => `[${l}]`).join('')}`);
    streams.set(id, labels);
    vi++;
  }

  graph.push(`color=c=black:s=${frame.width}x${frame.height}:r=${fps}:d=${secs(d)},format=yuv420p[base]`);
  let below = 'base';
  let k = 0;
  for (const t of tiles) {
    const label = streams.get(t.recordingId)?.shift();
    if (!label) continue;
    graph.push(`[${label}]scale=${t.width}:${t.height}:force_original_aspect_ratio=decrease:force_divisible_by=2,` + `pad=${t.width}:${t.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[tile${k}]`);
    graph.push(`[${below}][tile${k}]overlay=x=${t.x}:y=${t.y}:eof_action=pass[over${k}]`);
    below = `over${k}`;
    k++;
  }
  graph.push(`[${below}]format=yuv420p[vout]`);

  const audio = input.audio.map((a) => {
    const n = inputs.push(a.file) - 1;
    const delayMs = Math.max(0, Math.round(a.offsetSecs * 1000));
    return `[${n}:a:0]asetpts=PTS-STARTPTS,aresample=48000:async=1:first_pts=0,` + `aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,adelay=delays=${delayMs}:all=1`;
  });
  if (audio.length === 0) {
    graph.push(`anullsrc=r=48000:cl=stereo,atrim=end=${secs(d)}[aout]`);
  } else if (audio.length === 1) {
    graph.push(`${audio[0]},apad=whole_dur=${secs(d)}[aout]`);
  } else {
    audio.forEach((chain, i) => graph.push(`${chain}[a${i}]`));
    graph.push(`${audio.map((_, i) => `[a${i}]`).join('')}amix=inputs=${audio.length}:duration=longest:dropout_transition=0:normalize=0,` + `apad=whole_dur=${secs(d)}[aout]`);
  }

  const filterGraph = graph.join(';\n');
  const bitrateK = Math.max(200, Math.round((frame.width * frame.height * fps * 0.1) / 1000));
  // x264 is most of the job's CPU (about 60 % on a 4 × 720p grid; decoding, scaling and mixing
  // are the rest). veryfast with superfast's motion search (a diamond, one sub-pixel step), and
  // veryfast's partitions, mb-tree and lookahead otherwise: x264's time about a third lower, the
  // whole job's CPU a fifth, for an SSIM about 0.0004 below veryfast's against a lossless render of
  // the same graph, at a bitrate 0.6 % (testsrc2) to 4.4 % (a noisy zoom) higher (bench:composition
  // in the README).
  const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'me=dia:subme=1', '-crf', '23'];
  const codec =
    input.format === 'mp4'
      ? [...x264, '-pix_fmt', 'yuv420p', '-g', String(fps * 2), '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-movflags', '+faststart', '-f', 'mp4']
      : [
          '-c:v',
          'libvpx-vp9',
          '-deadline',
          'realtime',
          '-cpu-used',
          '8',
          '-row-mt',
          '1',
          '-b:v',
          `${bitrateK}k`,
          '-g',
          String(fps * 2),
          '-c:a',
          'libopus',
          '-b:a',
          '96k',
          '-ar',
          '48000',
          '-f',
          'webm',
        ];
  const args = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...inputs.flatMap((file) => ['-i', file]),
    '-filter_complex',
    filterGraph,
    '-map',
    '[vout]',
    '-map',
    '[aout]',
    '-t',
    secs(d),
    ...codec,
    '-max_muxing_queue_size',
    '1024',
    '-progress',
    'pipe:1',
    '-stats_period',
    '0.5',
    '-nostats',
    input.output,
  ];
  return { command: input.ffmpegPath ?? 'ffmpeg', args, filterGraph, inputs };
}
