// Someone without a picture: their initials on a colour of their name (so that it stays theirs
// when they rejoin as a new participant).
import { hueFor, initials } from './names.js';

export function Avatar({ name, small }: { name: string; small?: boolean }) {
  return (
    <div class={`avatar${small ? ' small' : ''}`} style={{ '--hue': String(hueFor(name)) }} aria-hidden="true">
      {initials(name)}
    </div>
  );
}
