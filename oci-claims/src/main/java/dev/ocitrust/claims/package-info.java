/**
 * Claims: signed statements about an artifact (test results, scans, approvals) issued with {@link
 * dev.ocitrust.claims.ClaimIssuer}, stored as referrers of the artifact, found and verified by
 * {@link dev.ocitrust.claims.ClaimVerifier} under a {@link dev.ocitrust.claims.ClaimPolicy}, and
 * judged per environment; {@link dev.ocitrust.claims.DeploymentGate} combines that decision with
 * Notary signature verification on one resolved digest.
 */
@NullMarked
package dev.ocitrust.claims;

import org.jspecify.annotations.NullMarked;
