// A new composition: the session, the file (size and format), and the layout; created with
// createComposition, whose typed errors land beside the box they name.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { Link, navigate } from '../../router.js';
import { errorsByField } from '../../ui/errors.js';
import { formatDateTime, formatDuration } from '../../ui/format.js';
import { PageHeader } from '../../ui/page-header.js';
import { participantName } from '../records/participant-label.js';
import { fieldKey, layoutInput, newRegion, numberProblems, parseResolution, scaleRegions, type Frame, type RegionDraft } from './editor-state.js';
import { LayoutEditor } from './layout-editor.js';
import { CUSTOM, OutputSettings, resolutionOf, type Output } from './output-settings.js';
import { roomLabel } from '../../ui/room-label.js';
import type { VideoSource } from './region-fields.js';
import { secondsBetween, SessionPicker } from './session-picker.js';
import './compositions.css';
import './editor.css';

const ChosenSession = graphql(`
  query CompositionEditorSession($id: ID!) {
    roomSession(id: $id) {
      id
      active
      createdAt
      endedAt
      room {
        id
        uniqueName
      }
      recordings(filter: { type: VIDEO, status: COMPLETED }, first: 250) {
        edges {
          node {
            id
            startedAt
            streamKey
            participant {
              id
              context
            }
          }
        }
      }
    }
  }
`);

const Create = graphql(`
  mutation CompositionEditorCreate($input: CreateCompositionInput!) {
    createComposition(input: $input) {
      __typename
      ... on CreateCompositionPayload {
        composition {
          id
        }
      }
      ... on UserError {
        ...DashboardUserError
      }
    }
  }
`);

const START: Frame = { width: 1280, height: 720 };

/** The session's videos in the server's `*` order (when they started, then id), named by participant. */
function videoSources(edges: { node: { id: string; startedAt: string; streamKey?: string | null; participant: { id: string; context?: string | null } } }[]): VideoSource[] {
  return edges
    .map((e) => e.node)
    .sort((a, b) => new Date(a.startedAt).getTime() - new Date(b.startedAt).getTime() || (a.id < b.id ? -1 : 1))
    .map((r) => ({ id: r.id, label: participantName(r.participant.context, r.participant.id) + (r.streamKey === 'presentation' ? ' (screen)' : '') }));
}

export function NewCompositionPage() {
  const [sessionId, setSessionId] = useState<string | null>(() => new URLSearchParams(location.search).get('session'));
  const [output, setOutput] = useState<Output>({ preset: '1280x720', customWidth: '1280', customHeight: '720', format: 'MP4' });
  const [frame, setFrame] = useState<Frame>(START);
  const [regions, setRegions] = useState<RegionDraft[]>(() => [newRegion(START, 'main')]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [session] = useQuery({ query: ChosenSession, variables: { id: sessionId ?? '' }, pause: !sessionId });
  const [creating, create] = useMutation(Create);
  const chosen = sessionId ? session.data?.roomSession : null;
  const videos = chosen ? videoSources(chosen.recordings.edges) : [];

  /** An edit answers the server's complaint about what was edited: its message goes (the banner too). */
  const forget = (edited: (key: string) => boolean) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== '' && !edited(k))));
  const changeRegions = (next: RegionDraft[]) => {
    setRegions(next);
    forget((k) => k.startsWith('videoLayout'));
  };
  const pickSession = (id: string | null) => {
    setSessionId(id);
    forget((k) => k === 'sessionId');
  };

  const changeOutput = (next: Output) => {
    forget((k) => k === 'resolution' || k === 'format' || (next.preset !== output.preset && k.startsWith('videoLayout')));
    const to = parseResolution(resolutionOf(next));
    // A preset keeps the layout's proportions; typed sizes move the frame only once they make sense.
    if (to && to.width >= 16 && to.height >= 16) {
      if (next.preset !== output.preset && next.preset !== CUSTOM) setRegions(scaleRegions(regions, frame, to));
      setFrame(to);
    }
    if (next.preset === CUSTOM && output.preset !== CUSTOM) next = { ...next, customWidth: String(frame.width), customHeight: String(frame.height) };
    setOutput(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!sessionId) return setErrors({ sessionId: 'Choose the session to compose.' });
    const typed = numberProblems(regions);
    if (Object.keys(typed).length) return setErrors(typed);
    setErrors({});
    const res = await create({ input: { sessionId, format: output.format, resolution: resolutionOf(output), videoLayout: layoutInput(regions) } });
    const out = res.data?.createComposition;
    if (res.error || !out) return setErrors({ '': res.error?.graphQLErrors[0]?.message ?? 'The server could not be reached: nothing was created.' });
    if (out.__typename === 'CreateCompositionPayload') return navigate(`/compositions?created=${out.composition.id}`);
    setErrors(errorsByField(out, fieldKey));
  };

  const known = new Set([
    'sessionId',
    'resolution',
    'format',
    ...regions.flatMap((_, i) => ['name', 'xPos', 'yPos', 'zPos', 'width', 'height', 'maxColumns', 'maxRows', 'videoSources'].map((k) => `videoLayout[${i}].${k}`)),
  ]);
  const banner = Object.entries(errors).filter(([k]) => !known.has(k));

  return (
    <form onSubmit={submit} noValidate class="new-composition">
      <PageHeader title="New composition" subtitle="Render an ended session's recordings into one video file.">
        <Link to="/compositions" class="button">
          Back to compositions
        </Link>
      </PageHeader>
      {banner.length > 0 && (
        <div class="alert error" role="alert">
          {banner.map(([k, m]) => (k && k !== 'videoLayout' ? `${k}: ${m}` : m)).join('; ')}
        </div>
      )}
      <section class="card" aria-labelledby="step-session">
        <h2 id="step-session">1. Session</h2>
        {sessionId ? (
          <div class="chosen-session">
            {chosen ? (
              <p>
                <strong>{roomLabel(chosen.room)}</strong> · session of {formatDateTime(chosen.createdAt)} · lasted {formatDuration(secondsBetween(chosen.createdAt, chosen.endedAt))} · {videos.length}{' '}
                {videos.length === 1 ? 'video' : 'videos'}
              </p>
            ) : (
              <p class="muted">{session.fetching ? 'Loading the session…' : 'This session was not found.'}</p>
            )}
            <button type="button" onClick={() => pickSession(null)}>
              Choose another session
            </button>
          </div>
        ) : (
          <SessionPicker onPick={pickSession} />
        )}
        {errors.sessionId && (
          <p class="field-error" role="alert">
            {errors.sessionId}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="step-output">
        <h2 id="step-output">2. Output</h2>
        <OutputSettings output={output} errors={errors} onChange={changeOutput} />
      </section>
      <section class="card" aria-labelledby="step-layout">
        <h2 id="step-layout">3. Layout</h2>
        {!chosen && <p class="muted small">Choose a session to see its participants in the tiles.</p>}
        <LayoutEditor frame={frame} regions={regions} videos={videos} errors={errors} onChange={changeRegions} />
      </section>
      <div class="submit-bar">
        <button type="submit" class="primary" disabled={creating.fetching}>
          {creating.fetching ? 'Creating…' : 'Create composition'}
        </button>
      </div>
    </form>
  );
}
