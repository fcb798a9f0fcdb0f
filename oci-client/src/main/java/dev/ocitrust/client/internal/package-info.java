/** Implementation details of the client; not exported. */
@NullMarked
package dev.ocitrust.client.internal;

import org.jspecify.annotations.NullMarked;
