'use strict';
// The peer pipeline's verification step (ClaimsBenchmark): checks every SCITT signed statement in
// a folder with an implementation independent of ocitrust -- @transmute/cose verifies the
// COSE_Sign1 signature, Node's own X.509 code checks the chain -- and applies supersession.
//
//   node verify-statements.cjs ANCHORS.json SUBJECT_DIGEST DIR
//
// ANCHORS.json: {"<iss>": {"root": "<PEM>", "identity": ["C=US", "ST=WA", "O=...", "CN=..."]}}
// Per statement: tag 18, alg ES256, x5chain leaf issued and signed by the root of its iss and
// valid now, code signing, its subject the identity; sub names SUBJECT_DIGEST; iat present and
// not in the future (5 minutes skew); the signature verifies with the leaf's key. Among the
// verified statements the newest iat per (iss, content type, and environment for approvals) is
// effective, the others superseded. Prints one JSON line of counts; exits 1 if any failed.
const fs = require('fs');
const path = require('path');
const { X509Certificate } = require('crypto');
const cose = require('@transmute/cose');

const APPROVAL = 'application/vnd.ocitrust.approval.v1+json';
const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const SKEW_MS = 5 * 60 * 1000;

async function verifyOne(bytes, anchors, subject, now) {
  const top = cose.cbor.decodeFirstSync(bytes);
  if (!(top instanceof cose.cbor.Tagged) || top.tag !== 18 || !Array.isArray(top.value)) {
    throw new Error('not a tagged COSE_Sign1');
  }
  const [protectedBytes] = top.value;
  const header = cose.cbor.decodeFirstSync(protectedBytes);
  if (header.get(1) !== -7) {
    throw new Error('alg is ' + header.get(1) + ', not ES256');
  }
  const contentType = header.get(3);
  const cwt = header.get(15);
  if (!(cwt instanceof Map)) {
    throw new Error('no CWT claims');
  }
  const iss = cwt.get(1);
  const sub = cwt.get(2);
  const iat = cwt.get(6);
  if (typeof sub !== 'string' || !sub.includes(subject)) {
    throw new Error('sub ' + sub + ' does not name ' + subject);
  }
  if (typeof iat !== 'number' || iat * 1000 > now + SKEW_MS) {
    throw new Error('iat ' + iat + ' missing or in the future');
  }
  const anchor = anchors[iss];
  if (!anchor) {
    throw new Error('untrusted iss ' + iss);
  }
  let chain = header.get(33);
  chain = Array.isArray(chain) ? chain : [chain];
  const leaf = new X509Certificate(chain[0]);
  const root = anchor.cert;
  if (!leaf.checkIssued(root) || !leaf.verify(root.publicKey)) {
    throw new Error('leaf ' + leaf.subject + ' is not issued by the root of ' + iss);
  }
  for (const c of [leaf, root]) {
    if (now < Date.parse(c.validFrom) || now > Date.parse(c.validTo)) {
      throw new Error('certificate ' + c.subject + ' is not valid now');
    }
  }
  if (!(leaf.extKeyUsage || leaf.keyUsage || []).includes(CODE_SIGNING)) {
    throw new Error('leaf is not a code signing certificate');
  }
  const rdns = leaf.subject.split('\n').sort().join(',');
  if (rdns !== anchor.identity) {
    throw new Error('leaf ' + rdns + ' is not the trusted identity ' + anchor.identity);
  }
  const jwk = leaf.publicKey.export({ format: 'jwk' });
  jwk.alg = 'ES256';
  const payload = await cose.attached
    .verifier({ resolver: { resolve: async () => jwk } })
    .verify({ coseSign1: bytes });
  let environments = [null];
  if (contentType === APPROVAL) {
    environments = JSON.parse(Buffer.from(payload).toString('utf8')).environments;
  }
  return { iss, contentType, iat, environments };
}

async function main() {
  const [anchorsFile, subject, dir] = process.argv.slice(2);
  const anchors = JSON.parse(fs.readFileSync(anchorsFile, 'utf8'));
  for (const iss of Object.keys(anchors)) {
    anchors[iss].cert = new X509Certificate(anchors[iss].root);
    anchors[iss].identity = anchors[iss].identity.slice().sort().join(',');
  }
  const now = Date.now();
  const verified = [];
  const failures = [];
  for (const name of fs.readdirSync(dir).sort()) {
    try {
      const claim = await verifyOne(fs.readFileSync(path.join(dir, name)), anchors, subject, now);
      claim.name = name;
      verified.push(claim);
    } catch (e) {
      failures.push(name + ': ' + e.message);
    }
  }
  const newest = new Map();
  for (const c of verified) {
    for (const env of c.environments) {
      const key = c.iss + ' ' + c.contentType + ' ' + env;
      const best = newest.get(key);
      if (!best || c.iat > best.iat) {
        newest.set(key, c);
      }
    }
  }
  const winners = new Set(newest.values());
  const effective = verified.filter((c) => winners.has(c)).length;
  console.log(
    JSON.stringify({
      verified: verified.length,
      failed: failures.length,
      effective,
      superseded: verified.length - effective,
      failures: failures.slice(0, 5),
    }),
  );
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exitCode = 2;
});
