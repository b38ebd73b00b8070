/* This copy of the site: its base URL, storage key prefix and every tool's field spec. */

import { keyPrefix } from './storage.js';

/** The site's base URL: this module is served from <base>/javascripts/. */
export const SITE = new URL('../', import.meta.url).href;
export const KEY_PREFIX = keyPrefix(SITE);
const SPECS_URL = new URL('tools/specs.json', SITE).href;

let specs = null; // promise of the specs array, shared by every page of a visit

/** All tools' field specs from tools/specs.json (fetched once; a failed fetch is retried next time). */
export function loadSpecs() {
  specs ??= fetch(SPECS_URL).then((response) => {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }).then((doc) => doc.tools).catch(() => {
    specs = null;
    throw new Error('The list of tools could not be loaded. Check your connection and reload the page.');
  });
  return specs;
}
