import { Dialog } from './Dialog';

export function ShortcutSheet({ open, onClose, shortcuts }: { open: boolean; onClose: () => void; shortcuts: Array<[string, string]> }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} testId="shortcut-sheet">
      <table className="shortcuts">
        <tbody>
          {shortcuts.map(([keys, what]) => (
            <tr key={keys}><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
