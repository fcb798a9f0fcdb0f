/**
 * Trust stores, the Notary Project trust policy and the verification workflow.
 */
@NullMarked
package dev.ocitrust.policy;

import org.jspecify.annotations.NullMarked;
