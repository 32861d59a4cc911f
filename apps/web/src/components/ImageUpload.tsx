import { useId, useRef, useState, type DragEvent } from 'react';
import { uploadRadiographImage } from '../api/upload';
import type { Radiograph } from '../api/types';
import { formatBytes } from '../labels';
import { ErrorNote } from './ErrorNote';

const ACCEPT = '.dcm,.dicom,.png,.jpg,.jpeg,application/dicom,image/png,image/jpeg';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending'; readonly file: File; readonly percent: number }
  | { readonly kind: 'stored'; readonly file: File }
  | { readonly kind: 'refused'; readonly file: File; readonly percent: number; readonly error: unknown };

/** Drop a file or pick one; shows the upload's progress and the server's answer (e.g. why it refused it). */
export function ImageUpload({
  radiographId,
  onUploaded,
}: {
  readonly radiographId: string;
  readonly onUploaded: (radiograph: Radiograph) => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const send = (file: File) => {
    setPhase({ kind: 'sending', file, percent: 0 });
    let percent = 0;
    uploadRadiographImage(radiographId, file, (progress) => {
      percent = progress.percent;
      setPhase({ kind: 'sending', file, percent });
    }).then(
      (radiograph) => {
        setPhase({ kind: 'stored', file });
        onUploaded(radiograph);
      },
      (error: unknown) => setPhase({ kind: 'refused', file, percent, error }),
    );
    if (input.current !== null) input.current.value = '';
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined && phase.kind !== 'sending') send(file);
  };

  const percent = phase.kind === 'stored' ? 100 : phase.kind === 'idle' ? 0 : phase.percent;
  return (
    <div className="upload">
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>Drop the image here (DICOM, PNG or JPEG), or</p>
        <label htmlFor={id} className="button secondary">
          Choose a file
        </label>
        <input
          ref={input}
          id={id}
          className="visually-hidden"
          type="file"
          accept={ACCEPT}
          disabled={phase.kind === 'sending'}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) send(file);
          }}
        />
      </div>
      {phase.kind !== 'idle' && (
        <div className="progress" aria-live="polite">
          <span className="file-name">
            {phase.file.name} ({formatBytes(phase.file.size)})
          </span>
          <progress max={100} value={percent} aria-label="Upload progress" />
          <output className="percent">{Math.round(percent)} %</output>
          {phase.kind === 'stored' && <span className="ok-note">Image stored</span>}
        </div>
      )}
      {phase.kind === 'refused' && <ErrorNote error={phase.error} />}
    </div>
  );
}
