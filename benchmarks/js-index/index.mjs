// A small precompiled JavaScript access index over the shared workload (../../../shared/workload), written for this
// repository (issue 18) from the workload README's description of the semantics, so that the JavaScript figure and
// the .NET figure can be measured in one session on one machine. It is ours, not the peers' code: the README only
// says "a precompiled JavaScript index" and "the same index with a per-action memo".
//
// Semantics (README): actions compare case-insensitively, '*' matches any run of characters including '/'; a role
// permits an action iff one of its Actions matches and none of its NotActions (roles.json already holds Lighthouse's
// rule as NotActions); a delegation at scope S covers Z iff S's '/'-segments are a case-insensitive prefix of Z's; a
// principal is permitted through itself or one of its (flat) groups. Per request it lower-cases the three strings,
// checks the scope's shape (leading '/subscriptions/{guid}', no empty segment) and the principal's GUID shape, then
// looks up (principal or group) -> subscription -> grants and matches the role patterns (exact names in a Set,
// wildcard patterns precompiled to one RegExp per role and list).
//
// Usage: node benchmarks/js-index/index.mjs [--memo] [--rounds N]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.WORKLOAD ?? join(here, '..', '..', '..', 'shared', 'workload');
const read = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const memo = process.argv.includes('--memo');
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 7;

// ---- precompile ----
const escape = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
// Exact names go into a Set (lower-cased), patterns with '*' into one case-insensitive RegExp.
const pattern = (list) => {
  const p = list.map((a) => a.trim().toLowerCase()).filter((a) => a.length > 0);
  const wild = p.filter((a) => a.includes('*'));
  return {
    exact: new Set(p.filter((a) => !a.includes('*'))),
    wild: wild.length === 0 ? null : new RegExp('^(?:' + wild.map((a) => escape(a).replace(/\*/g, '.*')).join('|') + ')$'),
  };
};
const matches = (m, a) => m.exact.has(a) || (m.wild !== null && m.wild.test(a));
const roles = read('roles.json');
const roleIds = Object.keys(roles);
const compiled = roleIds.map((id) => ({ id, actions: pattern(roles[id].actions), notActions: pattern(roles[id].notActions) }));
const roleIndex = new Map(roleIds.map((id, i) => [id.toLowerCase(), i]));
const permits = (r, a) => matches(r.actions, a) && !matches(r.notActions, a); // a: lower-cased action

const offers = read('offers.json');
const definitions = new Map(offers.registrationDefinitions.map((d) => [d.registrationDefinitionId.toLowerCase(), d]));
// principal -> subscription -> [{ rg, role }]
const index = new Map();
for (const a of offers.registrationAssignments) {
  const seg = a.scope.toLowerCase().split('/');
  const sub = seg[2];
  const rg = seg.length > 4 ? seg[4] : null;
  for (const auth of definitions.get(a.registrationDefinitionId.toLowerCase()).authorizations) {
    const p = auth.principalId.toLowerCase();
    if (!index.has(p)) index.set(p, new Map());
    const bySub = index.get(p);
    if (!bySub.has(sub)) bySub.set(sub, []);
    bySub.get(sub).push({ rg, role: roleIndex.get(auth.roleDefinitionId.toLowerCase()) });
  }
}
const memberships = read('memberships.json');
const groupsOf = new Map(Object.entries(memberships.memberOf).map(([p, g]) => [p.toLowerCase(), g.map((x) => x.toLowerCase())]));
const noGroups = [];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const actionCache = new Map(); // --memo: action -> per-role outcome (Int8Array: 0 unknown, 1 permits, 2 not)

function check(principal, action, scope) {
  const p = principal.toLowerCase();
  if (!guid.test(p)) return false;
  const z = scope.toLowerCase();
  if (!z.startsWith('/subscriptions/')) return false;
  const seg = z.split('/');
  for (let i = 1; i < seg.length; i++) if (seg[i].length === 0 && i !== seg.length - 1) return false;
  const sub = seg[2];
  if (!guid.test(sub)) return false;
  const rg = seg.length > 4 && seg[3] === 'resourcegroups' ? seg[4] : null;
  const a = action.toLowerCase();
  let outcomes = null;
  if (memo) {
    outcomes = actionCache.get(a);
    if (outcomes === undefined) { outcomes = new Int8Array(compiled.length); actionCache.set(a, outcomes); }
  }
  const who = [p, ...(groupsOf.get(p) ?? noGroups)];
  for (const w of who) {
    const grants = index.get(w)?.get(sub);
    if (grants === undefined) continue;
    for (const g of grants) {
      if (g.rg !== null && g.rg !== rg) continue;
      if (outcomes !== null) {
        let o = outcomes[g.role];
        if (o === 0) { o = permits(compiled[g.role], a) ? 1 : 2; outcomes[g.role] = o; }
        if (o === 1) return true;
      } else if (permits(compiled[g.role], a)) {
        return true;
      }
    }
  }
  return false;
}

// ---- the requests as strings (materialized before timing), verified against expected ----
const req = read('requests.json');
const n = req.requests.length;
const P = new Array(n), A = new Array(n), S = new Array(n);
for (let i = 0; i < n; i++) {
  const [p, a, s] = req.requests[i];
  P[i] = req.principals[p]; A[i] = req.actions[a]; S[i] = req.scopes[s];
}
let wrong = 0;
for (let i = 0; i < n; i++) if (check(P[i], A[i], S[i]) !== (req.expected[i] === '1')) wrong++;
if (wrong > 0) { console.error(`${wrong} decisions disagree with expected`); process.exit(1); }

// Wall time per check, and the process's CPU time per check (user + system, all threads: on a loaded machine the
// wall time includes time the process waited for a core; the CPU time does not).
const times = [];
const cpu = [];
let sink = 0;
for (let r = 0; r < rounds + 2; r++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += check(P[i], A[i], S[i]) ? 1 : 0;
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage(c0);
  if (r >= 2) { // two warm-up rounds
    times.push(Number(t1 - t0) / n);
    cpu.push(((c1.user + c1.system) * 1000) / n);
  }
}
const median = (x) => x.sort((a, b) => a - b)[x.length >> 1];
console.log(`JavaScript index${memo ? ' with per-action memo' : ''} (node ${process.version}): ` +
  `median ${median(times).toFixed(0)} ns per check (wall), ${median(cpu).toFixed(0)} ns of CPU; ${rounds} rounds of ${n} checks; ` +
  `all decisions match expected (${sink / (rounds + 2)} allowed per round)`);
