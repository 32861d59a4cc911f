import { API_BASE, ApiError, currentCsrfToken, errorFromText, notifyUnauthenticated } from './client';
import type { Radiograph } from './types';

// The image upload: multipart PUT through XMLHttpRequest, the one browser API that reports upload progress.

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
  /** 0–100. */
  readonly percent: number;
}

export function uploadRadiographImage(
  radiographId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<Radiograph> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `${API_BASE}/radiographs/${encodeURIComponent(radiographId)}/image`);
    request.withCredentials = false; // same origin: the cookie goes anyway
    request.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token !== undefined) request.setRequestHeader('x-csrf-token', token);
    request.upload.addEventListener('progress', (event) => {
      if (!event.lengthComputable) return;
      onProgress({ loaded: event.loaded, total: event.total, percent: (100 * event.loaded) / event.total });
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as Radiograph);
        } catch {
          reject(new ApiError(request.status, 'error', 'the server answered something that is not JSON'));
        }
        return;
      }
      if (request.status === 401) notifyUnauthenticated();
      reject(errorFromText(request.status, request.responseText));
    });
    request.addEventListener('error', () =>
      reject(
        new ApiError(0, 'network-error', 'the upload was interrupted; check the connection and try again'),
      ),
    );
    request.addEventListener('abort', () => reject(new DOMException('upload cancelled', 'AbortError')));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
