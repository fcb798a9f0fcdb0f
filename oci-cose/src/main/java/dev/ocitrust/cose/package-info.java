/**
 * COSE_Sign1 codec, Notary Project COSE envelopes, SCITT signed statements and RFC 3161 time stamps.
 */
@NullMarked
package dev.ocitrust.cose;

import org.jspecify.annotations.NullMarked;
