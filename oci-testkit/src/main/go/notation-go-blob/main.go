// Command notation-go-blob signs and verifies blobs with detached Notary Project signatures through
// the notation-go library (signer.GenericSigner, verifier.Verify), the way the signing and
// verification workflow of the Notary Project specifications describes blob signing. It is a test
// peer for ocitrust: the notation command line packaged on these machines has no blob command.
//
//	notation-go-blob sign --key K --cert C [--signature-format cose|jws] [--media-type T]
//	    [--user-metadata k=v]... [--signature-directory D] FILE
//	notation-go-blob verify --signature F [--policy-name N] [--media-type T] [--user-metadata k=v]... FILE
//
// verify reads trustpolicy.blob.json and truststore/ from notation's configuration folder
// ($XDG_CONFIG_HOME/notation). The selected blob statement (--policy-name, or the global one) is
// handed to notation-go's verifier as an OCI statement of scope "*"; the blob's size, media type
// (when given), digest (with the hash of the signing key) and user metadata are then checked by
// the verifier's descriptor comparison and user-metadata check.
package main

import (
	"context"
	"crypto"
	"crypto/x509"
	_ "crypto/sha256"
	_ "crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/notaryproject/notation-core-go/signature"
	_ "github.com/notaryproject/notation-core-go/signature/cose"
	_ "github.com/notaryproject/notation-core-go/signature/jws"
	corex509 "github.com/notaryproject/notation-core-go/x509"
	"github.com/notaryproject/notation-go"
	"github.com/notaryproject/notation-go/dir"
	"github.com/notaryproject/notation-go/signer"
	"github.com/notaryproject/notation-go/verifier"
	"github.com/notaryproject/notation-go/verifier/trustpolicy"
	"github.com/notaryproject/notation-go/verifier/truststore"
	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

var envelopeTypes = map[string]string{"cose": "application/cose", "jws": "application/jose+json"}

type metadata map[string]string

func (m metadata) String() string { return fmt.Sprint(map[string]string(m)) }

func (m metadata) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not KEY=VALUE", v)
	}
	m[k] = val
	return nil
}

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: notation-go-blob sign|verify ..."))
	}
	var err error
	switch os.Args[1] {
	case "sign":
		err = sign(os.Args[2:])
	case "verify":
		err = verify(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}

// blobDescriptor hashes the file with the hash of the signing certificate's key.
func blobDescriptor(file, mediaType string, cert *x509.Certificate) (ocispec.Descriptor, error) {
	spec, err := signature.ExtractKeySpec(cert)
	if err != nil {
		return ocispec.Descriptor{}, err
	}
	hash := spec.SignatureAlgorithm().Hash()
	name := map[crypto.Hash]digest.Algorithm{crypto.SHA256: digest.SHA256, crypto.SHA384: digest.SHA384, crypto.SHA512: digest.SHA512}[hash]
	f, err := os.Open(file)
	if err != nil {
		return ocispec.Descriptor{}, err
	}
	defer f.Close()
	h := hash.New()
	size, err := io.Copy(h, f)
	if err != nil {
		return ocispec.Descriptor{}, err
	}
	return ocispec.Descriptor{MediaType: mediaType, Digest: digest.NewDigestFromEncoded(name, hex.EncodeToString(h.Sum(nil))), Size: size}, nil
}

func sign(args []string) error {
	fs := flag.NewFlagSet("sign", flag.ContinueOnError)
	key := fs.String("key", "", "PEM private key file")
	certFile := fs.String("cert", "", "PEM certificate chain, leaf first")
	format := fs.String("signature-format", "jws", "cose or jws")
	mediaType := fs.String("media-type", "application/octet-stream", "the blob's media type")
	sigDir := fs.String("signature-directory", ".", "where the signature file goes")
	meta := metadata{}
	fs.Var(meta, "user-metadata", "KEY=VALUE signed in the payload")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("sign takes one FILE")
	}
	envelopeType, ok := envelopeTypes[*format]
	if !ok {
		return fmt.Errorf("unknown signature format %q", *format)
	}
	certs, err := corex509.ReadCertificateFile(*certFile)
	if err != nil {
		return err
	}
	s, err := signer.NewGenericSignerFromFiles(*key, *certFile)
	if err != nil {
		return err
	}
	file := fs.Arg(0)
	desc, err := blobDescriptor(file, *mediaType, certs[0])
	if err != nil {
		return err
	}
	if len(meta) > 0 {
		desc.Annotations = meta
	}
	sig, _, err := s.Sign(context.Background(), desc, notation.SignerSignOptions{SignatureMediaType: envelopeType, SigningAgent: "notation-go-blob"})
	if err != nil {
		return err
	}
	out := filepath.Join(*sigDir, filepath.Base(file)+"."+*format+".sig")
	if err := os.WriteFile(out, sig, 0o644); err != nil {
		return err
	}
	fmt.Println(out)
	return nil
}

type blobStatement struct {
	Name                  string                            `json:"name"`
	SignatureVerification trustpolicy.SignatureVerification `json:"signatureVerification"`
	TrustStores           []string                          `json:"trustStores"`
	TrustedIdentities     []string                          `json:"trustedIdentities"`
	GlobalPolicy          bool                              `json:"globalPolicy"`
}

func blobPolicy(name string) (*trustpolicy.Document, error) {
	path, err := dir.ConfigFS().SysPath("trustpolicy.blob.json")
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Version       string          `json:"version"`
		TrustPolicies []blobStatement `json:"trustPolicies"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("malformed %s: %w", path, err)
	}
	for _, st := range doc.TrustPolicies {
		if (name == "" && st.GlobalPolicy) || (name != "" && st.Name == name) {
			oci := &trustpolicy.Document{Version: doc.Version, TrustPolicies: []trustpolicy.TrustPolicy{{
				Name: st.Name, RegistryScopes: []string{"*"}, SignatureVerification: st.SignatureVerification,
				TrustStores: st.TrustStores, TrustedIdentities: st.TrustedIdentities}}}
			return oci, oci.Validate()
		}
	}
	if name == "" {
		return nil, errors.New("no global blob trust policy")
	}
	return nil, fmt.Errorf("no applicable blob trust policy with name %q", name)
}

func verify(args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	sigFile := fs.String("signature", "", "the detached signature file, FILE.cose.sig or FILE.jws.sig")
	policyName := fs.String("policy-name", "", "the blob trust policy statement (default: the global one)")
	mediaType := fs.String("media-type", "", "the media type the signature must sign")
	meta := metadata{}
	fs.Var(meta, "user-metadata", "KEY=VALUE the payload must carry")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("verify takes one FILE")
	}
	format := strings.TrimSuffix(filepath.Ext(strings.TrimSuffix(*sigFile, ".sig")), "")
	envelopeType, ok := envelopeTypes[strings.TrimPrefix(format, ".")]
	if !ok || !strings.HasSuffix(*sigFile, ".sig") {
		return fmt.Errorf("signature file %q is neither FILE.cose.sig nor FILE.jws.sig", *sigFile)
	}
	sig, err := os.ReadFile(*sigFile)
	if err != nil {
		return err
	}
	doc, err := blobPolicy(*policyName)
	if err != nil {
		return err
	}
	// the envelope, unverified, names the signing key and so the digest algorithm and the signed
	// media type; notation-go's verifier then checks the envelope and the descriptor computed here
	env, err := signature.ParseEnvelope(envelopeType, sig)
	if err != nil {
		return err
	}
	content, err := env.Content()
	if err != nil {
		return err
	}
	var payload struct {
		TargetArtifact ocispec.Descriptor `json:"targetArtifact"`
	}
	if err := json.Unmarshal(content.Payload.Content, &payload); err != nil {
		return err
	}
	want := *mediaType
	if want == "" {
		want = payload.TargetArtifact.MediaType
	}
	if len(content.SignerInfo.CertificateChain) == 0 {
		return errors.New("the envelope has no certificate chain")
	}
	desc, err := blobDescriptor(fs.Arg(0), want, content.SignerInfo.CertificateChain[0])
	if err != nil {
		return err
	}
	v, err := verifier.New(doc, truststore.NewX509TrustStore(dir.ConfigFS()), nil)
	if err != nil {
		return err
	}
	outcome, err := v.Verify(context.Background(), desc, sig, notation.VerifierVerifyOptions{
		ArtifactReference: "local/blob@" + desc.Digest.String(), SignatureMediaType: envelopeType, UserMetadata: meta})
	if err != nil {
		return err
	}
	if outcome.VerificationLevel.Name == trustpolicy.LevelSkip.Name {
		fmt.Println("Trust policy is configured to skip signature verification for", fs.Arg(0))
		return nil
	}
	for _, r := range outcome.VerificationResults {
		if r.Error != nil {
			fmt.Fprintf(os.Stderr, "Warning: %s was set to %q and failed with error: %v\n", r.Type, r.Action, r.Error)
		}
	}
	fmt.Printf("Successfully verified signature %s of %s (%s %s)\n", *sigFile, fs.Arg(0), desc.MediaType, desc.Digest)
	return nil
}
