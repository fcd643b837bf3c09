// The ASCII labels of RFC 9180 (§4, §4.1, §5.1, §5.3, §7.1.3) and draft-ietf-hpke-pq-04 (§3, §4).
namespace NoFuture.Crypto.Hpke;

internal static class HpkeLabels
{
    internal static ReadOnlySpan<byte> Version => "HPKE-v1"u8;
    internal static ReadOnlySpan<byte> EaePrk => "eae_prk"u8;
    internal static ReadOnlySpan<byte> SharedSecret => "shared_secret"u8;
    internal static ReadOnlySpan<byte> PskIdHash => "psk_id_hash"u8;
    internal static ReadOnlySpan<byte> InfoHash => "info_hash"u8;
    internal static ReadOnlySpan<byte> Secret => "secret"u8;
    internal static ReadOnlySpan<byte> Key => "key"u8;
    internal static ReadOnlySpan<byte> BaseNonce => "base_nonce"u8;
    internal static ReadOnlySpan<byte> Exp => "exp"u8;
    internal static ReadOnlySpan<byte> Sec => "sec"u8;
    internal static ReadOnlySpan<byte> DkpPrk => "dkp_prk"u8;
    internal static ReadOnlySpan<byte> Sk => "sk"u8;
    internal static ReadOnlySpan<byte> Candidate => "candidate"u8;
    internal static ReadOnlySpan<byte> DeriveKeyPair => "DeriveKeyPair"u8;
}
