/**
 * Benchmarks of ocitrust beside the peer tools, each printing both figures and their ratio. Run
 * them with the commands in README.md; they are never part of the test run.
 */
package dev.ocitrust.benchmarks;
