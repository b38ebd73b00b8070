/* Small text and time helpers (pure). */

export const pad = (n) => String(n).padStart(2, '0');

/** Now as an ISO instant without milliseconds: 2026-11-26T14:05:00Z. */
export const isoNow = (now = new Date()) => now.toISOString().replace(/\.\d+Z$/, 'Z');

/** 'HH:MM' in local time. */
export const clock = (iso) => { const d = new Date(iso); return pad(d.getHours()) + ':' + pad(d.getMinutes()); };

/** 'YYYY-MM-DD' in local time. */
export const localDay = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());

/** '1 answer', '3 answers'. */
export const count = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
