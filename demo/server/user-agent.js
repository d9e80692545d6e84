// @ts-check

/**
 * Browser and operating system, roughly, from a User-Agent header: enough for "Chrome on
 * Windows" on an approval screen, where the person only has to recognise their own device.
 * Order matters: Edge and Opera also say Chrome, Chrome also says Safari, iOS also says Mac OS X
 * and Android also says Linux. Client hints would be more precise, but a browser sends them
 * only to a server that asked in an earlier response.
 *
 * @param {string | undefined} header
 * @returns {{ browser: string | null, os: string | null }} null for what it cannot tell
 */
export function describeUserAgent(header) {
  const ua = (header ?? '').slice(0, 512);
  /** @type {[RegExp, string][]} */
  const browsers = [
    [/\bEdg(e|A|iOS)?\//, 'Edge'],
    [/\b(OPR|Opera)\//, 'Opera'],
    [/\bSamsungBrowser\//, 'Samsung Internet'],
    [/\b(Firefox|FxiOS)\//, 'Firefox'],
    [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
    [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  ];
  /** @type {[RegExp, string][]} */
  const systems = [
    [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
    [/\bAndroid\b/, 'Android'],
    [/\bCrOS\b/, 'ChromeOS'],
    [/\bWindows\b/, 'Windows'],
    [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
    [/\bLinux\b/, 'Linux'],
  ];
  return {
    browser: browsers.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
    os: systems.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
  };
}
