// How a suite turns a node secret (RFC 9420 §4.1: node_priv, node_pub = KEM.DeriveKeyPair(node_secret)) or external_secret
// (§8.3) into an HPKE key pair. RFC 9420 says KEM.DeriveKeyPair, which for the post-quantum KEMs is the rule of
// draft-ietf-hpke-pq; one implementation (ts-mls 1.x) keys its post-quantum KEMs differently, and a member must use
// the same rule as the rest of its group, or the tree's public keys will not match.
namespace NoFuture.Mls.Suites;

/// <summary>The node-key derivation rule of a suite.</summary>
internal enum NodeKeyDerivation
{
    /// <summary>HpkePrivateKey.DeriveKeyPair: RFC 9180 §7.1.3 for DHKEM, draft-ietf-hpke-pq (LabeledDerive then the
    /// KEM's deterministic key generation) for ML-KEM, X-Wing and the NIST hybrids.</summary>
    HpkeDeriveKeyPair,

    /// <summary>ts-mls 1.x: X-Wing's private key is SHAKE256(ikm, 32) (the X-Wing seed); ML-KEM's private key is the
    /// 64-byte ikm itself, taken as the seed d ‖ z of FIPS 203 ML-KEM.KeyGen_internal. Other KEMs: as
    /// <see cref="HpkeDeriveKeyPair"/>.</summary>
    TsMls1,
}
