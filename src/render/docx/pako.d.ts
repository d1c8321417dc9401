// pako 1.0 ships no declarations; the zip writer uses its raw deflate only.
declare module 'pako' {
  const pako: { deflateRaw(data: Uint8Array, options?: { level?: number }): Uint8Array };
  export default pako;
}
