// Sessions and participants: the history of who met where, two views of one page (a tab each,
// kept in the address as ?view=participants).
import { PageHeader } from '../ui/page-header.js';
import { useUrlState } from './records/url-state.js';
import { ParticipantList } from './sessions/participant-list.js';
import { SessionList } from './sessions/session-list.js';
import './records/records.css';
import './sessions/sessions.css';

const VIEWS = [
  { id: 'sessions', label: 'Sessions' },
  { id: 'participants', label: 'Participants' },
] as const;

export function SessionsPage() {
  const [state, setState] = useUrlState(['view'] as const);
  const view = state.view === 'participants' ? 'participants' : 'sessions';
  return (
    <>
      <PageHeader title="Sessions" subtitle="Every period of activity in a room, and who took part. Updates live." />
      <div class="tabs" role="tablist" aria-label="Sessions or participants">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`panel-${v.id}`}
            class={view === v.id ? 'active' : undefined}
            onClick={() => setState({ view: v.id === 'sessions' ? '' : v.id })}
          >
            {v.label}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
        {view === 'sessions' ? <SessionList /> : <ParticipantList />}
      </section>
    </>
  );
}
