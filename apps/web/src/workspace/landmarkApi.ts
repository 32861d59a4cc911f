import { ApiError, apiFetch, apiJson } from '../api/client';
import type { LandmarkSet } from '../protocols/landmarks';
import type { SaveOutcome } from '../persistence/autosave';

// The landmark set of a radiograph on the server: versioned, saved with If-Match (docs: README "API").

interface StoredSet {
  readonly version: number;
  readonly landmarks: LandmarkSet;
}

const path = (radiographId: string) => `/radiographs/${encodeURIComponent(radiographId)}/landmarks`;

/** The latest saved set, or version 0 and an empty set when none was saved yet. */
export async function loadLandmarks(radiographId: string): Promise<StoredSet> {
  try {
    return await apiJson<StoredSet>('GET', path(radiographId));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return { version: 0, landmarks: { vertebrae: {} } };
    throw error;
  }
}

export async function saveLandmarks(
  radiographId: string,
  set: LandmarkSet,
  baseVersion: number,
): Promise<SaveOutcome> {
  try {
    const response = await apiFetch('PUT', path(radiographId), {
      body: set,
      headers: baseVersion === 0 ? {} : { 'if-match': `"${baseVersion}"` },
    });
    const saved = (await response.json()) as StoredSet;
    return { kind: 'saved', version: saved.version };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 412 || error.status === 428) {
      const current = await loadLandmarks(radiographId);
      return { kind: 'conflict', current: { version: current.version, set: current.landmarks } };
    }
    // No answer, or the server or its database failing: keep the draft and try again later.
    if (error.status === 0 || error.status >= 500) return { kind: 'unreachable' };
    return { kind: 'refused', message: error.message };
  }
}
