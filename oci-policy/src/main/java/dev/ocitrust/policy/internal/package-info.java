/** Internals of oci-policy: parsers and rule helpers. Not exported. */
@NullMarked
package dev.ocitrust.policy.internal;

import org.jspecify.annotations.NullMarked;
