// The end of a destructive dialog over a list (ui/modal-dialog.tsx's ModalDialog): the server's
// refusal, then Cancel and the action, whose button says what it does while it runs.

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
      <div class="modal-actions">
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
