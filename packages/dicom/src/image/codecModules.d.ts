// The codec packages ship no type declarations; ./codecs.ts gives the parts we use their types.
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
