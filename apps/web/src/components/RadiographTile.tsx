import { useState } from 'react';
import { Link } from 'react-router';
import { radiographApi } from '../api/endpoints';
import type { Radiograph } from '../api/types';
import { formatBytes, formatDate, label } from '../labels';
import { ImageUpload } from './ImageUpload';

const BROWSER_IMAGES = new Set(['image/png', 'image/jpeg']);

function calibrationText(film: Radiograph): string {
  if (film.calibrationNote !== null && film.calibrationNote !== '') return film.calibrationNote;
  if (film.pixelSpacingMm === null) return 'Uncalibrated: angles only, no distances';
  const spacing = Array.isArray(film.pixelSpacingMm)
    ? film.pixelSpacingMm.join(' × ')
    : String(film.pixelSpacingMm);
  return `${spacing} mm per pixel (${film.calibrationMethod ?? 'unknown method'})`;
}

/** One film of the case: its thumbnail (PNG/JPEG) or a labelled tile (DICOM, no image), facts and link. */
export function RadiographTile({
  film,
  onChanged,
}: {
  readonly film: Radiograph;
  readonly onChanged: () => void;
}) {
  const [uploading, setUploading] = useState(false);
  const title = `${label(film.view)} · ${film.takenOn === null ? 'date not recorded' : formatDate(film.takenOn)}`;
  const image = film.image;
  return (
    <li className="film card" data-radiograph={film.id}>
      <Link
        to={`/radiographs/${film.id}`}
        className="thumb"
        aria-label={`Open ${title} in the imaging workspace`}
      >
        {image !== null && BROWSER_IMAGES.has(image.mediaType) ? (
          <img src={radiographApi.imageUrl(film.id)} alt={`${label(film.view)} radiograph`} loading="lazy" />
        ) : (
          <div className={image === null ? 'placeholder empty' : 'placeholder dicom'}>
            <span className="kind">{image === null ? 'No image' : 'DICOM'}</span>
            <span>{label(film.view)}</span>
            <span>{formatDate(film.takenOn)}</span>
            {image !== null && (
              <span>
                {formatBytes(image.sizeBytes)}
                {image.widthPx !== null && image.heightPx !== null && ` · ${image.widthPx}×${image.heightPx}`}
              </span>
            )}
          </div>
        )}
      </Link>
      <div className="film-facts">
        <h3>
          <Link to={`/radiographs/${film.id}`}>{title}</Link>
        </h3>
        <p>
          {label(film.posture)}
          {image?.dicom ? ` · ${image.dicom.modality}` : null}
          {film.landmarkVersion > 0 && ` · landmarks v${film.landmarkVersion}`}
        </p>
        <p className="calibration">{calibrationText(film)}</p>
        {image === null &&
          (uploading ? (
            <ImageUpload radiographId={film.id} onUploaded={onChanged} />
          ) : (
            <button type="button" className="secondary small" onClick={() => setUploading(true)}>
              Upload image
            </button>
          ))}
      </div>
    </li>
  );
}
