// Recordings: every participant's tracks, filtered as the API filters them, played in the page,
// downloaded, deleted one at a time or all that match (after counting them). Live as recordings
// start and finish.
import { useState } from 'preact/hooks';
import type { RecordingFilter } from '../generated/graphql.js';
import { PageHeader } from '../ui/page-header.js';
import { DayField, SelectField, TextField } from './records/fields.js';
import { RoomPicker } from './records/room-picker.js';
import { dayRange, useUrlState } from './records/url-state.js';
import { BulkDeleteDialog } from './recordings/bulk-delete.js';
import { RecordingList } from './recordings/recording-list.js';
import { describeFilter, ScopeChips, useScope } from './recordings/scope.js';
import './records/records.css';
import './recordings/recordings.css';

const KEYS = ['room', 'session', 'participant', 'status', 'type', 'startedFrom', 'startedTo', 'minSecs'] as const;
type RecordingFilterState = Record<(typeof KEYS)[number], string>;

function toFilter(f: RecordingFilterState): RecordingFilter {
  const minSecs = f.minSecs === '' ? NaN : Number(f.minSecs);
  return {
    roomId: f.room || null,
    sessionId: f.session || null,
    participantId: f.participant || null,
    status: (f.status || null) as RecordingFilter['status'],
    type: (f.type || null) as RecordingFilter['type'],
    dateStartedAt: dayRange(f.startedFrom, f.startedTo),
    durationSecs: Number.isFinite(minSecs) ? Math.floor(minSecs) : null,
  };
}

export function RecordingsPage() {
  const [f, setF] = useUrlState(KEYS);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [bulk, setBulk] = useState(false);
  const [version, setVersion] = useState(0);
  const filter = toFilter(f);
  const filtered = KEYS.some((k) => f[k]);
  const scope = useScope(f);
  return (
    <>
      <PageHeader title="Recordings" subtitle="Each participant's audio and video tracks, recorded in rooms with recording on. Updates live.">
        <button type="button" class="danger" onClick={() => setBulk(true)}>
          Delete matching…
        </button>
      </PageHeader>
      <form class="filters" aria-label="Filter recordings" onSubmit={(e) => e.preventDefault()}>
        <RoomPicker id="recordings-room" value={f.room} onChange={(room) => setF({ room })} error={fieldErrors.roomId} />
        <SelectField
          label="Status"
          value={f.status}
          onChange={(status) => setF({ status })}
          options={[
            ['', 'Any'],
            ['PROCESSING', 'Recording'],
            ['COMPLETED', 'Completed'],
            ['FAILED', 'Failed'],
          ]}
        />
        <SelectField
          label="Type"
          value={f.type}
          onChange={(type) => setF({ type })}
          options={[
            ['', 'Audio and video'],
            ['VIDEO', 'Video'],
            ['AUDIO', 'Audio'],
          ]}
        />
        <DayField label="Started from" value={f.startedFrom} onChange={(startedFrom) => setF({ startedFrom })} error={fieldErrors.dateStartedAt} />
        <DayField label="Started to" value={f.startedTo} onChange={(startedTo) => setF({ startedTo })} />
        <TextField label="At least (s)" type="number" min={0} value={f.minSecs} onChange={(minSecs) => setF({ minSecs })} error={fieldErrors.durationSecs} placeholder="0" />
        {filtered && (
          <button type="button" onClick={() => setF(Object.fromEntries(KEYS.map((k) => [k, ''])))}>
            Clear filters
          </button>
        )}
      </form>
      <ScopeChips scope={scope} onClear={(key) => setF({ [key]: '' })} errors={fieldErrors} />
      <div class="card">
        <RecordingList
          key={JSON.stringify(filter)}
          filter={filter}
          onFieldErrors={setFieldErrors}
          onParticipant={(participant) => setF({ participant })}
          version={version}
          emptyText={filtered ? 'No recording matches these filters.' : 'No recordings yet: rooms with recording on record each participant’s tracks.'}
        />
      </div>
      {bulk && <BulkDeleteDialog filter={filter} summary={describeFilter(f, scope)} onClose={() => setBulk(false)} onDeleted={() => setVersion((v) => v + 1)} />}
    </>
  );
}
