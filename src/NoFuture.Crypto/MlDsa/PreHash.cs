// HashML-DSA's pre-hash functions (FIPS 204, section 5.4, Algorithm 4 step 10-22; the OIDs of section 5.4.1):
// the DER encoding of each approved hash function's object identifier (06 09 60 86 48 01 65 03 04 02 xx, under
// joint-iso-itu-t(2) country(16) us(840) organization(1) gov(101) csor(3) nistAlgorithm(4) hashAlgs(2)) and its
// digest length. SHAKE128 and SHAKE256 are used with 256- and 512-bit outputs.
namespace NoFuture.Crypto.MlDsa;

internal static class PreHash
{
    /// <summary>
    /// The DER OID (11 bytes, into <paramref name="der"/>) and the digest size for a dotted hash OID; false when the
    /// OID is not one of FIPS 204's pre-hash functions.
    /// </summary>
    internal static bool TryGetOid(string dottedOid, Span<byte> der, out int digestSize)
    {
        const string Prefix = "2.16.840.1.101.3.4.2.";
        digestSize = 0;
        if (!dottedOid.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        byte arc;
        switch (dottedOid.AsSpan(Prefix.Length))
        {
            case "1": arc = 1; digestSize = 32; break;   // SHA-256
            case "2": arc = 2; digestSize = 48; break;   // SHA-384
            case "3": arc = 3; digestSize = 64; break;   // SHA-512
            case "4": arc = 4; digestSize = 28; break;   // SHA-224
            case "5": arc = 5; digestSize = 28; break;   // SHA-512/224
            case "6": arc = 6; digestSize = 32; break;   // SHA-512/256
            case "7": arc = 7; digestSize = 28; break;   // SHA3-224
            case "8": arc = 8; digestSize = 32; break;   // SHA3-256
            case "9": arc = 9; digestSize = 48; break;   // SHA3-384
            case "10": arc = 10; digestSize = 64; break; // SHA3-512
            case "11": arc = 11; digestSize = 32; break; // SHAKE128, 256-bit output
            case "12": arc = 12; digestSize = 64; break; // SHAKE256, 512-bit output
            default: return false;
        }
        ReadOnlySpan<byte> prefix = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02];
        prefix.CopyTo(der);
        der[10] = arc;
        return true;
    }

    internal const int OidSizeInBytes = 11;
}
