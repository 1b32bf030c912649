// After the meeting: a calm "You left" with a way back in, or what ended it, said plainly.
import './styles/screens.css';
import { endingFor, type Problem } from './reasons.js';

export function EndScreen({ reason, problem, rejoining, onRejoin }: { reason: string; problem?: Problem; rejoining: boolean; onRejoin(): void }) {
  const ending = endingFor(reason);
  return (
    <main id="ended" class="screen" data-reason={reason} data-tone={ending.tone}>
      <div class="card">
        <h1>{ending.title}</h1>
        {ending.tone === 'calm' ? (
          <p class="detail">{ending.detail}</p>
        ) : (
          <p id="error" class="detail" role="alert" data-reason={reason} data-code={problem?.code ?? reason}>
            {ending.detail}
          </p>
        )}
        {problem && !ending.detail.includes(problem.text) && <p class="technical">{problem.text}</p>}
        {ending.canRejoin && (
          <button id="rejoin" class="primary" disabled={rejoining} onClick={onRejoin}>
            {rejoining ? 'Rejoining…' : 'Rejoin'}
          </button>
        )}
      </div>
    </main>
  );
}

/** The page was opened without a room or a token. */
export function MissingLink() {
  return (
    <main id="ended" class="screen" data-reason="missing_parameters" data-tone="error">
      <div class="card">
        <h1>This meeting link is incomplete</h1>
        <p id="error" class="detail" role="alert" data-code="MISSING_PARAMETERS">
          Open this page as /meet/?roomId=&lt;room id&gt;&amp;token=&lt;access token&gt;, with the link you were given.
        </p>
      </div>
    </main>
  );
}
