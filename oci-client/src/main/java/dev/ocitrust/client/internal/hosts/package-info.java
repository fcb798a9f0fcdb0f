/** Reading containers' {@code registries.conf}: not exported. */
@NullMarked
package dev.ocitrust.client.internal.hosts;

import org.jspecify.annotations.NullMarked;
