/** Internals of oci-transparency: tree hashing, log files, the HTTP handlers. Not exported. */
@NullMarked
package dev.ocitrust.transparency.internal;

import org.jspecify.annotations.NullMarked;
