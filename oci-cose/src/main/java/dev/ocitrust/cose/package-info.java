/**
 * COSE_Sign1 codec, Notary Project COSE envelopes, SCITT signed statements and RFC 3161 time
 * stamps.
 *
 * <p>Three steps, three kinds of types: <em>parse</em> ({@link dev.ocitrust.cose.UnverifiedSign1},
 * {@link dev.ocitrust.cose.UnverifiedScittStatement}) gives an unverified view whose headers may be
 * read to pick a key; <em>verify</em> returns a distinct verified type ({@link
 * dev.ocitrust.cose.VerifiedSign1}, {@link dev.ocitrust.cose.VerifiedNotaryEnvelope}, {@link
 * dev.ocitrust.cose.VerifiedScittStatement}, {@link dev.ocitrust.cose.VerifiedTimestamp}) that only
 * verification can construct, or throws a {@link dev.ocitrust.cose.CoseException}; <em>policy</em>
 * (which keys and roots are trusted) works on verified types and lives in oci-policy.
 *
 * <p>All value, option and verifier types here are immutable and thread-safe; builders are not.
 * Untrusted input never escapes as an unchecked exception: every rejection is a {@code
 * CoseException} subtype.
 *
 * <pre>{@code
 * VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelopeBytes);
 * env.checkNotExpired(clock);
 * }</pre>
 */
@NullMarked
package dev.ocitrust.cose;

import org.jspecify.annotations.NullMarked;
