import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export const SHORTCUTS: ReadonlyArray<[keys: string[], what: string]> = [
  [['j', '↓'], 'Select the next claim in the list'],
  [['k', '↑'], 'Select the previous claim'],
  [['Enter'], 'Open the selected claim'],
  [['/'], 'Search by claim id'],
  [['?'], 'Show these shortcuts'],
  [['Esc'], 'Close this window'],
];

/** The keyboard shortcuts, in a modal dialog (the browser's own: it traps focus and closes on Escape). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} class="shortcuts" aria-labelledby="shortcuts-heading" onClose={onClose}>
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table>
        <caption class="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <td>
                {keys.map((key, i) => (
                  <Fragment key={key}>
                    {i > 0 ? ' or ' : ''}
                    <kbd>{key}</kbd>
                  </Fragment>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Tab moves through every control; the shortcuts wait while you type in a field.</p>
      <button type="button" class="primary" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
