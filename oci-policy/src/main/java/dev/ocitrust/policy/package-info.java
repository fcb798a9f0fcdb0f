/**
 * Trust stores and the Notary Project trust policy: what the signature verifier needs to decide
 * whether a signature is trusted for an artifact.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.ocitrust.policy.TrustStore}: named stores of trusted roots ({@link
 *       dev.ocitrust.policy.DirectoryTrustStore} in notation's layout, {@link
 *       dev.ocitrust.policy.InMemoryTrustStore} from code), located with {@link
 *       dev.ocitrust.policy.NotationPaths}.
 *   <li>{@link dev.ocitrust.policy.OciTrustPolicy} and {@link dev.ocitrust.policy.BlobTrustPolicy}:
 *       strictly parsed, fully validated policy documents, and the selection of the {@link
 *       dev.ocitrust.policy.TrustPolicyStatement} for an artifact.
 *   <li>{@link dev.ocitrust.policy.VerificationActions}: the action (enforce, log, skip) of each
 *       {@link dev.ocitrust.policy.VerificationCheck} once the level and its overrides are
 *       resolved.
 *   <li>{@link dev.ocitrust.policy.TrustedIdentities}: matching of the signing certificate's
 *       subject against a statement's trusted identities.
 *   <li>{@link dev.ocitrust.policy.NotaryVerifier}: the verification workflow for an artifact in
 *       any {@code Target}, giving a {@link dev.ocitrust.policy.VerificationResult} with a {@link
 *       dev.ocitrust.policy.SignatureReport} per signature and a {@link
 *       dev.ocitrust.policy.CheckOutcome} per check, or throwing {@link
 *       dev.ocitrust.policy.VerificationFailedException}.
 *   <li>{@link dev.ocitrust.policy.RevocationChecker}: {@link
 *       dev.ocitrust.policy.OcspCrlRevocationChecker} (OCSP, CRL fallback) over pluggable {@link
 *       dev.ocitrust.policy.OcspFetcher} and {@link dev.ocitrust.policy.CrlFetcher} ({@link
 *       dev.ocitrust.policy.HttpRevocationFetcher} by default).
 *   <li>{@link dev.ocitrust.policy.NotarySigner}: signs an artifact and pushes the signature as a
 *       referrer, as {@code notation sign} does.
 *   <li>{@link dev.ocitrust.policy.NotationPlugin}: a notation plugin run as notation runs it, as
 *       an {@code ExternalSigner} (raw signatures), an envelope builder ({@link
 *       dev.ocitrust.policy.NotarySigner#builder(NotationPlugin, String, java.util.Map)}) and, for
 *       signatures that name it, the verifier of the checks it offers ({@link
 *       dev.ocitrust.policy.NotaryVerifier.Builder#plugins(NotationPaths)}); failures are {@link
 *       dev.ocitrust.policy.PluginException}s.
 *   <li>{@link dev.ocitrust.policy.BlobSigner} and {@link dev.ocitrust.policy.BlobVerifier}:
 *       detached signatures of files ({@code <file>.cose.sig}) under a {@link
 *       dev.ocitrust.policy.BlobTrustPolicy}, as {@code notation blob sign} and {@code notation
 *       blob verify} do, streaming the file; options in {@link
 *       dev.ocitrust.policy.BlobVerifyOptions}, the decision in {@link
 *       dev.ocitrust.policy.BlobVerificationResult} (or {@link
 *       dev.ocitrust.policy.BlobVerificationFailedException}).
 * </ul>
 *
 * <pre>{@code
 * NotationPaths paths = NotationPaths.userDefault();
 * NotaryVerifier verifier = NotaryVerifier.builder(OciTrustPolicy.load(paths),
 *     DirectoryTrustStore.atConfigDirectory(paths.configDirectory())).build();
 * VerificationResult r = verifier.verifyLocal(OciLayout.open(dir), "net-monitor", "v1");
 * }</pre>
 *
 * <p>The pieces underneath, for callers that assemble their own workflow:
 *
 * <pre>{@code
 * OciTrustPolicy policy = OciTrustPolicy.load(paths);
 * TrustStore store = DirectoryTrustStore.of(paths.trustStoreDirectory());
 *
 * OciTrustPolicyStatement st = policy.statementFor("registry.acme-rockets.io/net-monitor@sha256:...");
 * VerificationActions actions = st.actions();
 * if (!actions.skipsVerification()) {
 *   List<X509Certificate> roots = st.certificates(store, TrustStoreType.CA);
 *   // ... verify the envelope and anchor its chain in roots, then:
 *   st.trustedIdentities().verify(leaf);   // an authenticity failure if it throws
 * }
 * }</pre>
 *
 * <h2>Where ocitrust departs from notation</h2>
 *
 * <p>ocitrust follows the specification where it is stricter than notation-go, and notation where
 * notation is stricter; each case is documented on the type concerned and listed in {@code
 * oci-policy/docs/spec-differences.md}. In short: {@code skip} with the global scope {@code *} and
 * a global {@code skip} blob statement are rejected; unknown, mis-cased, duplicate, {@code null} or
 * mistyped JSON properties are rejected; trust-store sub-directories and non-certificate files are
 * errors; certificate subjects that notation cannot match are refused.
 *
 * <p>Nothing in this package keeps global state; the verifier reads time only from its injected
 * {@code Clock}; every type is immutable and thread-safe unless it is a builder (the revocation
 * checker's per-instance cache is thread-safe).
 */
@NullMarked
package dev.ocitrust.policy;

import org.jspecify.annotations.NullMarked;
