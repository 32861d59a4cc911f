export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['M', 'point tool: place landmarks (P pan, Z zoom, W window/level)'],
  ['Click', 'place the point the step list asks for (femoral head: drag to its edge)'],
  ['Drag a point', 'move it'],
  ['Arrow keys', 'nudge the selected point 1 px (Shift: 5 px)'],
  ['N', 'skip this step'],
  ['Enter', 'confirm the proposed next vertebra (full protocols)'],
  ['Delete', 'remove the selected point'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo'],
  ['F, I, R', 'fit the film, invert, reset window/level'],
  ['S', 'side by side with the other view'],
  ['O', 'show or hide the landmarks'],
  ['Wheel, right drag, Ctrl+drag', 'zoom, pan, window/level'],
  ['?', 'this help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="help-overlay" role="dialog" aria-labelledby="help-title" aria-modal="true">
      <h2 id="help-title">Keyboard and mouse</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </div>
  );
}
