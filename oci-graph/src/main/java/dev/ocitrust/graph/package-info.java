/**
 * The artifact and referrer graph: discover, copy with referrers, attach and purge between any two stores.
 */
@NullMarked
package dev.ocitrust.graph;

import org.jspecify.annotations.NullMarked;
