/**
 * A transparency service to test against and for local use: {@link
 * dev.ocitrust.transparency.MerkleLog} (an append-only RFC 9162 tree on disk, with inclusion and
 * consistency proofs), {@link dev.ocitrust.transparency.ReceiptIssuer} (vds 1 COSE receipts) and
 * {@link dev.ocitrust.transparency.TransparencyService} (SCRAPI over HTTP on loopback).
 *
 * <pre>{@code
 * try (TransparencyService ts = TransparencyService.builder(dir).port(0).build()) {
 *   URI uri = ts.uri(); // POST uri + "/entries" with a signed statement
 * }
 * }</pre>
 */
@NullMarked
package dev.ocitrust.transparency;

import org.jspecify.annotations.NullMarked;
