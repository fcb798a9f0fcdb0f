/** Internals of the graph module: bounded executors, text escaping, renderers. Not exported. */
@NullMarked
package dev.ocitrust.graph.internal;

import org.jspecify.annotations.NullMarked;
