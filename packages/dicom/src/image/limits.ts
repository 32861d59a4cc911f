/** Bounds applied before anything is decoded or stored. */
export interface ImageLimits {
  /** Largest rows × columns accepted (default 100 million). */
  readonly maxPixels: number;
  /** Largest inflated size of a Deflated Explicit VR Little Endian dataset, in bytes (default 512 MiB). */
  readonly maxInflatedBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxPixels: 100_000_000,
  maxInflatedBytes: 512 * 1024 * 1024,
};

export function resolveLimits(limits: Partial<ImageLimits> | undefined): ImageLimits {
  return { ...DEFAULT_IMAGE_LIMITS, ...limits };
}
