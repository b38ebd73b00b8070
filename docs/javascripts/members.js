/* Team members from the files a facilitator loads (pure): each file checked as an import is,
   named by the member name it carries (or its file name), merged with other files of the same
   member, and a file whose answers are already counted flagged instead of counted twice. */

import { MAX_MEMBER_LENGTH, checkEntry } from './answers.js';
import { count } from './format.js';

/** The member name an answers document carries, tidied; '' when it has none. */
export function memberName(doc) {
  return typeof doc.member === 'string' ? doc.member.replace(/\s+/g, ' ').trim().slice(0, MAX_MEMBER_LENGTH) : '';
}

/** A refusal as the team page lists it: nothing is ever changed there, so that is not said. */
const plain = (message) => message.replace(/\s*Nothing was changed\.$/, '');

/** Checks every tool in `doc` as an import does: slug → answers, and how many answers were for
    fields the tools do not have. Throws a plain message. */
function checkDocument(fileName, doc, specs) {
  const tools = {};
  const extraNames = {}; // slug → names of answers for fields the tool does not have
  const versions = {}; // slug → the older tool version the answers were given for
  let extra = 0;
  for (const [slug, entry] of Object.entries(doc.tools)) {
    const spec = specs.find((s) => s.slug === slug);
    if (!spec) {
      throw new Error('“' + fileName + '” holds answers for a tool this site does not have ('
        + slug.slice(0, 60) + ').');
    }
    const checked = checkEntry(spec, entry);
    tools[slug] = checked.answers;
    extra += Object.keys(checked.extra).length;
    if (Object.keys(checked.extra).length) extraNames[slug] = Object.keys(checked.extra);
    if (checked.fromVersion) versions[slug] = checked.fromVersion;
  }
  if (!Object.keys(tools).length) throw new Error('“' + fileName + '” holds no answers.');
  return { tools, extra, extraNames, versions };
}

const sameAnswers = (a, b) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/** Whether every tool in `tools` is either new to `member` or answered the same there. */
const fitsMember = (member, tools) => Object.entries(tools)
  .every(([slug, answers]) => !(slug in member.tools) || sameAnswers(member.tools[slug], answers));

/** A label no other member has: 'Ana', then 'Ana (2)', 'Ana (3)', … */
function freeLabel(members, wanted) {
  const taken = new Set(members.map((m) => m.label.toLowerCase()));
  let label = wanted;
  for (let n = 2; taken.has(label.toLowerCase()); n++) label = wanted + ' (' + n + ')';
  return label;
}

/** The team from the files in the order they were loaded, each {name, doc} or {name, error}:
    {members: [{label, key, files, tools: {slug: answers}}],
     files: [{name, status: 'counted' | 'duplicate' | 'refused', note, member}]}.
    Files naming the same member (case aside) are one member, unless they answer a tool
    differently: then the later one is counted as another member, and its note says so. */
export function buildTeam(loaded, specs) {
  const members = [];
  const files = [];
  const counted = []; // {name, key, tools} of every counted file
  for (const { name, doc, error } of loaded) {
    let checked;
    try {
      if (error) throw error;
      checked = checkDocument(name, doc, specs);
    } catch (e) {
      files.push({ name, status: 'refused', note: plain(e.message), member: null });
      continue;
    }
    const who = memberName(doc);
    const key = who.toLowerCase();
    const { tools, extra, extraNames, versions } = checked;
    const notes = extra ? [count(extra, 'answer') + ' for fields the tools do not have '
      + (extra === 1 ? 'was' : 'were') + ' left out.'] : [];
    const twin = counted.find((f) => f.key === key && Object.keys(f.tools).length === Object.keys(tools).length
      && Object.entries(tools).every(([slug, answers]) => slug in f.tools && sameAnswers(f.tools[slug], answers)));
    if (twin) {
      files.push({ name, status: 'duplicate', note: 'Same answers as “' + twin.name + '”: counted once.',
        member: twin.member });
      continue;
    }
    let member = who ? members.find((m) => m.key === key && fitsMember(m, tools)) : undefined;
    if (!member) {
      const clash = who ? members.find((m) => m.key === key) : undefined;
      if (clash) {
        notes.unshift('“' + clash.files[0] + '” has other answers from “' + who + '” to the same tool, so '
          + 'this file counts as another member. Remove one of them if they are the same person.');
      } else if (!who) {
        notes.unshift('The file carries no name, so it is shown by its file name.');
      }
      member = { label: freeLabel(members, who || name.replace(/\.(json|pdf)$/i, '')), key, files: [], tools: {},
        extra: {}, versions: {} };
      members.push(member);
    }
    member.files.push(name);
    for (const [slug, answers] of Object.entries(tools)) member.tools[slug] ??= answers;
    for (const [slug, names] of Object.entries(extraNames)) member.extra[slug] ??= names;
    for (const [slug, version] of Object.entries(versions)) member.versions[slug] ??= version;
    counted.push({ name, key, tools, member });
    files.push({ name, status: 'counted', note: notes.join(' '), member });
  }
  return { members, files };
}
