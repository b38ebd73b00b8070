/* The privacy page's sentence on whether this browser keeps a copy of the site to use without a
   network (the state comes from offline.js). */

const SAID = {
  saving: 'This browser is saving a copy of this site to use without a network.',
  offline: 'This browser keeps a copy of this site: every page, search, the tools with your saved '
    + 'answers, answers files and the PDFs work without a network.',
  off: 'This browser is not keeping a copy of this site (private windows, some settings and a lack '
    + 'of space prevent it): the site works while you are online.',
  insecure: 'This copy of the site is not on a secure (https://) address, so browsers do not keep it '
    + 'for use without a network: it works while you are online.',
  unsupported: 'This browser does not keep sites for use without a network: this site works while '
    + 'you are online.',
};

/** Says in `el` what `state` (saving | offline | off | insecure | unsupported) means. */
export function showOfflineStatus(el, state) {
  el.textContent = SAID[state];
  el.dataset.state = state;
}
