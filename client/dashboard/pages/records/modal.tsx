// A modal dialog (the browser's <dialog>: focus kept inside, Escape closes), named by its heading.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let counter = 0;

export function Modal({ title, onClose, children, class: className }: { title: string; onClose: () => void; children: ComponentChildren; class?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useRef(`modal-title-${++counter}`).current;
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current!;
    dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} class={className} aria-labelledby={headingId}>
      <h2 id={headingId} class="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** What a destructive dialog ends with: the server's refusal if any, then Cancel and the action. */
export function ConfirmActions(props: {
  refused: string | null | undefined;
  cancelText?: string;
  confirmText: string | null;
  busyText: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <>
      {props.refused && (
        <p class="alert error" role="alert">
          {props.refused}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {props.cancelText ?? 'Cancel'}
        </button>
        {props.confirmText !== null && (
          <button type="button" class="danger" disabled={props.disabled || props.busy} onClick={props.onConfirm}>
            {props.busy ? props.busyText : props.confirmText}
          </button>
        )}
      </div>
    </>
  );
}

/** The message of a mutation's typed error (any result but the payload); null for the payload or nothing yet. */
export function refusal(outcome: { __typename?: string; message?: string } | null | undefined, payload: string): string | null {
  return outcome && outcome.__typename !== payload ? (outcome.message ?? null) : null;
}
