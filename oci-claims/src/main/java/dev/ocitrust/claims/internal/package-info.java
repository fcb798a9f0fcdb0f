/** Internals of oci-claims: parsing, collection, supersession and rendering. Not exported. */
@NullMarked
package dev.ocitrust.claims.internal;

import org.jspecify.annotations.NullMarked;
