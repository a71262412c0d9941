/** Offering text the elements made (a log export, a document, a comparison) as a file. */

/**
 * Offers `parts` (concatenated) as a file download named `name`, through a link clicked in `doc`;
 * the object URL is released once the browser has had time to start the download.
 */
export function download(parts: BlobPart[], name: string, type: string, doc: Document): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
