/**
 * Internals of oci-cose: the strict CBOR codec and the JCA glue. Not exported; no public method of
 * {@code dev.ocitrust.cose} returns a type from this package.
 */
@NullMarked
package dev.ocitrust.cose.internal;

import org.jspecify.annotations.NullMarked;
