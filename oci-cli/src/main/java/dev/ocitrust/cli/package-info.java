/** The {@code ocitrust} command line. */
@NullMarked
package dev.ocitrust.cli;

import org.jspecify.annotations.NullMarked;
