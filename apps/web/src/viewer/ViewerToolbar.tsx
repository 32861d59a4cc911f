// The viewer's toolbar: the left-button tool (pan, zoom, window/level), invert, fit and reset window/level,
// each with a one-key shortcut (shown in the button's title and on the button).
import { useEffect, useRef, type ReactNode } from 'react';
import type { NavigationTool } from './RadiographViewer';

/** The navigation tools, and 'point': the left button points at image pixels, with the loupe (place mode). */
export type ToolbarTool = NavigationTool | 'point';
import './viewer.css';

export interface ViewerToolbarProps {
  tool: ToolbarTool;
  onToolChange: (tool: ToolbarTool) => void;
  inverted: boolean;
  onInvertChange: (inverted: boolean) => void;
  onFit: () => void;
  onResetWindowLevel: () => void;
  /** Extra controls at the end of the toolbar (e.g. the side-by-side toggle). */
  children?: ReactNode;
  /** Listen to the keyboard shortcuts (default true). */
  shortcuts?: boolean;
}

interface ToolButton {
  readonly tool: ToolbarTool;
  readonly label: string;
  readonly key: string;
  readonly hint: string;
}

const TOOLS: readonly ToolButton[] = [
  { tool: 'pan', label: 'Pan', key: 'P', hint: 'drag to move the image' },
  { tool: 'zoom', label: 'Zoom', key: 'Z', hint: 'drag up or down to zoom; the wheel always zooms' },
  {
    tool: 'windowLevel',
    label: 'Window/level',
    key: 'W',
    hint: 'drag to change contrast and brightness; Ctrl + drag always does',
  },
  {
    tool: 'point',
    label: 'Point',
    key: 'M',
    hint: 'a magnifier follows the cursor; click to read the pixel',
  },
];

/** Whether a key press belongs to a text field (shortcuts must not steal typing). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ViewerToolbar({
  tool,
  onToolChange,
  inverted,
  onInvertChange,
  onFit,
  onResetWindowLevel,
  children,
  shortcuts = true,
}: ViewerToolbarProps): ReactNode {
  const latest = useRef({ onToolChange, onInvertChange, onFit, onResetWindowLevel, inverted });
  useEffect(() => {
    latest.current = { onToolChange, onInvertChange, onFit, onResetWindowLevel, inverted };
  });

  useEffect(() => {
    if (!shortcuts) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // (Not skipped when defaultPrevented: Cornerstone's keyboard listener on a focused viewport prevents
      // the default of every key press it sees.)
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
        return;
      }
      const actions = latest.current;
      const key = event.key.toLowerCase();
      const toolForKey = TOOLS.find((t) => t.key.toLowerCase() === key);
      if (toolForKey !== undefined) actions.onToolChange(toolForKey.tool);
      else if (key === 'i') actions.onInvertChange(!actions.inverted);
      else if (key === 'f') actions.onFit();
      else if (key === 'r') actions.onResetWindowLevel();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcuts]);

  return (
    <div className="rv-toolbar" role="toolbar" aria-label="Image tools">
      <div className="rv-toolbar-group" role="group" aria-label="Left mouse button">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            aria-pressed={tool === t.tool}
            aria-keyshortcuts={t.key}
            title={`${t.label} (${t.key}): ${t.hint}`}
            onClick={() => onToolChange(t.tool)}
          >
            {t.label}
            <kbd aria-hidden="true">{t.key}</kbd>
          </button>
        ))}
      </div>
      <div className="rv-toolbar-group" role="group" aria-label="Display">
        <button
          type="button"
          aria-pressed={inverted}
          aria-keyshortcuts="I"
          title="Invert (I): swap black and white"
          onClick={() => onInvertChange(!inverted)}
        >
          Invert
          <kbd aria-hidden="true">I</kbd>
        </button>
        <button type="button" aria-keyshortcuts="F" title="Fit (F): show the whole image" onClick={onFit}>
          Fit
          <kbd aria-hidden="true">F</kbd>
        </button>
        <button
          type="button"
          aria-keyshortcuts="R"
          title="Reset window/level (R): the image's own contrast"
          onClick={onResetWindowLevel}
        >
          Reset W/L
          <kbd aria-hidden="true">R</kbd>
        </button>
      </div>
      {children !== undefined ? <div className="rv-toolbar-group">{children}</div> : null}
    </div>
  );
}
