/* Trainer mode: `?sample` opens a tool page or the tools index with a fictional agency's answers
   (tools/sample.json, written for this site), held in memory only: this browser's own saved
   answers are not read, shown or touched, and nothing is written. */

import { SITE } from './site.js';

let sample = null;

/** The sample answers document {fictional, agency, description, tools}. */
export function loadSample() {
  sample ??= fetch(new URL('tools/sample.json', SITE)).then((response) => {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }).catch(() => {
    sample = null;
    throw new Error('The sample answers could not be loaded. Check your connection and reload the page.');
  });
  return sample;
}

/** This page's address without `?sample`. */
function ownAnswersHref() {
  const url = new URL(location.href);
  url.searchParams.delete('sample');
  return url.href;
}

/** The banner saying the answers shown are fictional and the user's own are untouched. */
export function sampleBanner(doc) {
  const banner = document.createElement('div');
  banner.className = 'tool-sample';
  banner.setAttribute('role', 'note');
  banner.setAttribute('aria-label', 'Trainer sample');
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Trainer sample: fictional answers, written for this site. ';
  title.append(strong, doc.agency + '. ' + doc.description);
  const own = document.createElement('p');
  const back = document.createElement('a');
  back.href = ownAnswersHref();
  back.textContent = 'Back to your own answers';
  own.append('Your own answers are not shown, changed or saved on this page; what you change here is '
    + 'forgotten when you leave. ', back);
  banner.append(title, own);
  return banner;
}

/** `href` with `?sample` added (links that keep trainer mode). */
export function withSample(href) {
  const url = new URL(href, location.href);
  url.searchParams.set('sample', '');
  return url.href.replace(/sample=$/, 'sample').replace(/sample=(?=&|#)/, 'sample');
}
