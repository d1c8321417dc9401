// fontkit ships no types; pdfkit needs only the parsed font object it returns.
declare module 'fontkit' {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
