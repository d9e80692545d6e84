/**
 * A QR code as SVG path data, drawn from qrcode-generator's module matrix. Loaded on its own, only
 * when the "approve from another device" step is on screen. A path bound as an attribute, not
 * markup from a string, so it needs nothing a strict CSP or Trusted Types would refuse.
 */
// The package's types declare only `export =`, so its default export is the one to use here.
// oxlint-disable-next-line import/no-named-as-default
import qrcode from 'qrcode-generator';

export function qrPath(text: string): { size: number; d: string } {
  // Type 0 picks the smallest version that fits; M recovers from 15 % damage (a glare on a screen).
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
  }
  return { size, d };
}
