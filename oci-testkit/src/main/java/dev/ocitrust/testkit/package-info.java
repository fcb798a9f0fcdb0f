/**
 * Real peers for ocitrust's own tests (a docker-registry per test class, the peer CLIs); not a user
 * API.
 */
@NullMarked
package dev.ocitrust.testkit;

import org.jspecify.annotations.NullMarked;
