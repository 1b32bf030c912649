// Acting on everyone at once (kick all, mute all) with some left out: Telnyx's selector
// `{all: true, exclude: [...]}`. The dialog counts who it will reach before the operator confirms.
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../ui/modal-dialog.js';
import type { ModerationAction } from './moderation.js';

const WORDS: Record<Exclude<ModerationAction, 'unmute'>, { title: string; verb: string; what: string }> = {
  kick: { title: 'Kick everyone?', verb: 'Kick', what: 'They are removed from the session; they can join again with a new token.' },
  mute: { title: 'Mute everyone?', verb: 'Mute', what: 'Their microphones are muted at the media server: they cannot unmute themselves until you unmute them.' },
};

export function EveryoneDialog({
  action,
  people,
  onConfirm,
  onClose,
}: {
  action: 'kick' | 'mute';
  people: { id: string; name: string }[];
  onConfirm: (exclude: string[]) => Promise<string | null>;
  onClose: () => void;
}) {
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const words = WORDS[action];
  const count = people.length - excluded.size;
  const toggle = (id: string, on: boolean) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <ConfirmDialog
      title={words.title}
      confirmLabel={`${words.verb} ${count} ${count === 1 ? 'participant' : 'participants'}`}
      danger={action === 'kick'}
      onClose={onClose}
      onConfirm={() => (count ? onConfirm([...excluded]) : Promise.resolve('everyone is left out: nobody would be affected'))}
    >
      <p>{words.what}</p>
      <fieldset class="exclude-list">
        <legend>Leave out</legend>
        {people.map((p) => (
          <label key={p.id} class="check">
            <input type="checkbox" checked={excluded.has(p.id)} onChange={(e) => toggle(p.id, e.currentTarget.checked)} />
            {p.name}
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}
