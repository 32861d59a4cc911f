export * from './oswestryDisabilityIndex.js';
export * from './srs22r.js';
export * from './painScale.js';
export * from './mcid.js';
export * from './junctionalKyphosis.js';
export * from './lossOfCorrection.js';
