#!/usr/bin/env node
// An independent implementation of RFC 9942 vds 1 receipts, for ocitrust's interop tests: the
// npm package @transmute/cose (pinned by scripts/install-peers.sh) issues and verifies them.
//   transmute-receipts verify STATEMENT KEYSET
//       verifies every receipt embedded (394) in the transparent statement STATEMENT with the
//       service key set KEYSET (a COSE_KeySet, as served at /.well-known/scitt-keys)
//   transmute-receipts issue STATEMENT OUT_STATEMENT OUT_KEYSET
//       logs STATEMENT's entry at index 3 of a 6-entry RFC 9162 tree, issues a receipt signed by a
//       new ES256 key, embeds it and writes the transparent statement and the key set
//   transmute-receipts bench PROOFS ROOT_HEX PASSES
//       verifies every inclusion proof in PROOFS (CBOR [[leaf, tree_size, leaf_index, [+ hash]], ...])
//       against ROOT_HEX, PASSES times after 3 warm-up passes, and prints the median pass time
//       per proof in nanoseconds (for benchmarks/TransparencyLogBenchmark)
// Prints one line; exits 0 when verified or issued, 1 otherwise.
'use strict';
const fs = require('fs');
const cose = require('@transmute/cose');

const hex = (b) => Buffer.from(b).toString('hex');

async function keyFor(receipt, keySet) {
  const { value } = cose.cbor.decodeFirstSync(receipt);
  const kid = cose.cbor.decodeFirstSync(value[0]).get(4);
  for (const k of keySet) {
    const id = k.get(2);
    if (kid && id && Buffer.compare(Buffer.from(kid), Buffer.from(id)) === 0) {
      return cose.key.convertCoseKeyToJsonWebKey(k);
    }
  }
  throw new Error('no key in the key set has the receipt kid ' + (kid ? hex(kid) : '(none)'));
}

async function verify(statementFile, keySetFile) {
  const statement = fs.readFileSync(statementFile);
  const keySet = cose.cbor.decodeFirstSync(fs.readFileSync(keySetFile));
  const receipts = await cose.receipt.get(statement);
  if (receipts.length === 0) {
    throw new Error(statementFile + ' carries no receipt (394)');
  }
  const entry = await cose.receipt.remove(statement);
  const leaf = await cose.receipt.leaf(new Uint8Array(entry));
  const roots = [];
  for (const receipt of receipts) {
    const jwk = await keyFor(receipt, keySet);
    const verifier = cose.detached.verifier({ resolver: { resolve: async () => jwk } });
    const root = await cose.receipt.inclusion.verify({ entry: leaf, receipt, verifier });
    roots.push(hex(root));
  }
  console.log('verified ' + receipts.length + ' receipt(s); root ' + roots.join(', '));
}

async function issue(statementFile, outStatement, outKeySet) {
  const statement = fs.readFileSync(statementFile);
  const secret = await cose.key.generate('ES256', 'application/cose-key');
  const pub = cose.key.publicFromPrivate(secret);
  const jwk = await cose.key.convertCoseKeyToJsonWebKey(secret);
  const signer = cose.detached.signer({ remote: cose.crypto.signer({ privateKeyJwk: jwk }) });
  // inclusion.issue takes the log as RFC 9162 leaf hashes (its README does the same)
  const entries = [];
  for (let i = 0; i < 6; i++) {
    const entry = i === 3 ? new Uint8Array(await cose.receipt.remove(statement))
                          : new TextEncoder().encode('transmute entry ' + i);
    entries.push(await cose.receipt.leaf(entry));
  }
  const receipt = await cose.receipt.inclusion.issue({
    protectedHeader: cose.ProtectedHeader([
      [cose.Protected.Alg, cose.Signature.ES256],
      [cose.Protected.Kid, pub.get(2)],
      [cose.Protected.VerifiableDataStructure, 1],
    ]),
    entry: 3,
    entries,
    signer,
  });
  // onto the statement without the receipts it may carry already
  const transparent = await cose.receipt.add(await cose.receipt.remove(statement), receipt);
  fs.writeFileSync(outStatement, Buffer.from(transparent));
  fs.writeFileSync(outKeySet, cose.cbor.encode([pub]));
  console.log('issued a receipt for entry 3 of 6, kid ' + hex(pub.get(2)));
}

async function bench(proofsFile, rootHex, passes) {
  const { CoMETRE } = require('@transmute/rfc9162');
  const proofs = cose.cbor.decodeFirstSync(fs.readFileSync(proofsFile));
  const pass = async () => {
    const start = process.hrtime.bigint();
    for (const [leaf, tree_size, leaf_index, inclusion_path] of proofs) {
      const root = await CoMETRE.RFC9162_SHA256.verify_inclusion_proof(
        new Uint8Array(leaf), { log_id: '', tree_size, leaf_index, inclusion_path });
      if (hex(root) !== rootHex) {
        throw new Error('proof of leaf ' + leaf_index + ' leads to ' + hex(root) + ', not ' + rootHex);
      }
    }
    return Number(process.hrtime.bigint() - start);
  };
  for (let i = 0; i < 3; i++) await pass();
  const times = [];
  for (let i = 0; i < Number(passes); i++) times.push(await pass());
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log('median ' + Math.round(median / proofs.length) + ' ns per proof over ' + proofs.length + ' proofs');
}

const [cmd, ...args] = process.argv.slice(2);
const run = cmd === 'verify' && args.length === 2 ? verify(...args)
  : cmd === 'issue' && args.length === 3 ? issue(...args)
  : cmd === 'bench' && args.length === 3 ? bench(...args)
  : Promise.reject(new Error('usage: transmute-receipts verify STATEMENT KEYSET | issue STATEMENT OUT_STATEMENT OUT_KEYSET'));
run.catch((e) => {
  console.log('failed: ' + (e && e.message ? e.message : e));
  process.exit(1);
});
