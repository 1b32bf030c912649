// Modal dialogs on the native <dialog>: focus is trapped and Escape closes it, as the browser does
// for every modal; a confirmation names what will happen before a destructive action runs.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './modal-dialog.css';

/** A modal shown while it is mounted; Escape or the browser's own cancel calls `onClose`. */
export function ModalDialog({ title, onClose, children, wide, class: extra }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean; class?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2, 9)}`).current;
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} class={['modal', wide && 'wide', extra].filter(Boolean).join(' ')}>
      <h2 id={titleId} class="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export interface ConfirmProps {
  title: string;
  /** What will happen, in the operator's words. */
  children: ComponentChildren;
  /** The button that does it: "Delete room", "Kick"… */
  confirmLabel: string;
  danger?: boolean;
  /** Runs the action; a returned string is shown as the error and keeps the dialog open. */
  onConfirm: () => Promise<string | null | undefined | void>;
  onClose: () => void;
}

/** Asks before acting; the action's own failure is shown in the dialog, not lost behind it. */
export function ConfirmDialog({ title, children, confirmLabel, danger = true, onConfirm, onClose }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <ModalDialog title={title} onClose={onClose}>
      <div class="modal-body">{children}</div>
      {error && (
        <p class="alert error" role="alert">
          {error}
        </p>
      )}
      <div class="modal-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" class={danger ? 'danger solid' : 'primary'} onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
